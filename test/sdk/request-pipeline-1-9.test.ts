// @vitest-environment node
// Node's own fetch: happy-dom's drops the forbidden request header Origin, which these checks need.
/**
 * Steps of 1.9.6's request pipeline that every route shares, through SDK 28 and SDK 26 where they can send the
 * request (`setSession` and an Origin header: Node keeps no session by itself):
 * - the origin check runs for every method (general.php:1013-1024), GET included; 1.4 exempted GET;
 * - a bad JWT is answered before the origin check, and an unknown project's JWT is never read;
 * - HEAD runs as the GET route without a body; X-Debug-Fallback counts X-Appwrite-Session as no fallback.
 */
import * as sdk13 from 'appwrite-13';
import * as sdk26 from 'appwrite-26';
import * as sdk28 from 'appwrite-28';
import { describe, expect, it } from 'vitest';
import { ENDPOINT, PROJECT, error, useEmulator } from '../helpers.js';
import { PASSWORD, triple } from './session-helpers.js';

const { emulator } = useEmulator();

const EVIL = [403, 'general_unknown_origin', 'Invalid Origin. Register your new client (evil.test) as a new Web platform on your project console dashboard'];

/** A signed-in user's session value (the cookie value, as `setSession` takes it). */
async function sessionValue(): Promise<string> {
  await emulator.users.create({ userId: 'ada', email: 'ada@example.com', password: PASSWORD });
  const login = await emulator.handle(new Request(`${ENDPOINT}/account/sessions/email`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-appwrite-project': PROJECT, 'x-appwrite-response-format': '1.9.5' },
    body: JSON.stringify({ email: 'ada@example.com', password: PASSWORD }),
  }));
  return (JSON.parse(login.headers.get('x-fallback-cookies')!) as Record<string, string>)[`a_session_${PROJECT}`]!;
}

describe.each([['appwrite-26', sdk26], ['appwrite-28', sdk28]] as const)('GET from a foreign Origin (%s)', (_, sdk) => {
  it('is 403 general_unknown_origin on get, getPrefs, listSessions and getSession', async () => {
    // Both SDKs' classes differ only in private members: driven through SDK 28's types.
    const client = new (sdk.Client as typeof sdk28.Client)().setEndpoint(ENDPOINT).setProject(PROJECT).setSession(await sessionValue());
    const account = new (sdk.Account as unknown as typeof sdk28.Account)(client);
    expect((await account.get()).$id).toBe('ada');
    (client as unknown as { headers: Record<string, string> }).headers['Origin'] = 'http://evil.test';
    expect(triple(await error(() => account.get()))).toEqual(EVIL);
    expect(triple(await error(() => account.getPrefs()))).toEqual(EVIL);
    expect(triple(await error(() => account.listSessions()))).toEqual(EVIL);
    expect(triple(await error(() => account.getSession({ sessionId: 'current' })))).toEqual(EVIL);
    (client as unknown as { headers: Record<string, string> }).headers['Origin'] = 'http://localhost:5173';
    expect((await account.get()).$id).toBe('ada');
  });
});

describe('a bad JWT beside other faults (SDK 28)', () => {
  const JWT_INVALID = [401, 'user_jwt_invalid', 'Failed to verify JWT. Invalid token: Incomplete segments'];

  it('is reported before a foreign Origin, with only CORS and no-cache headers (no warning, no Server)', async () => {
    const client = new sdk28.Client().setEndpoint(ENDPOINT).setProject(PROJECT).setJWT('not-a-jwt');
    (client as unknown as { headers: Record<string, string> }).headers['Origin'] = 'http://evil.test';
    expect(triple(await error(() => new sdk28.Account(client).get()))).toEqual(JWT_INVALID);
    const res = await emulator.handle(new Request(`${ENDPOINT}/account`, {
      headers: { 'x-appwrite-project': PROJECT, 'x-appwrite-response-format': '2.3.0', 'x-appwrite-jwt': 'not-a-jwt', origin: 'http://evil.test' },
    }));
    expect(res.status).toBe(401);
    expect([res.headers.get('x-appwrite-warning'), res.headers.get('server'), res.headers.get('x-content-type-options')]).toEqual([null, null, null]);
    expect(res.headers.get('cache-control')).toBe('no-cache, no-store, must-revalidate');
  });

  it('is not read for an unknown project: 404 project_not_found', async () => {
    const client = new sdk28.Client().setEndpoint(ENDPOINT).setProject('no-such-project').setJWT('not-a-jwt');
    const [status, type] = triple(await error(() => new sdk28.Account(client).get()));
    expect([status, type]).toEqual([404, 'project_not_found']);
  });
});

describe('HEAD (1.9.6 runs it as GET and sends no body)', () => {
  it('answers 200 with no body for a session, 401 with no body for a guest', async () => {
    const value = await sessionValue();
    const head = (headers: Record<string, string>) => emulator.handle(new Request(`${ENDPOINT}/account`, {
      method: 'HEAD', headers: { 'x-appwrite-project': PROJECT, 'x-appwrite-response-format': '2.3.0', ...headers },
    }));
    const signedIn = await head({ 'x-appwrite-session': value });
    expect([signedIn.status, await signedIn.text(), signedIn.headers.get('content-type')]).toEqual([200, '', 'application/json; charset=UTF-8']);
    const guest = await head({});
    expect([guest.status, await guest.text()]).toEqual([401, '']);
  });
});

describe('X-Debug-Fallback', () => {
  it('is false for a session sent in X-Appwrite-Session (read before the fallback), true for X-Fallback-Cookies', async () => {
    const value = await sessionValue();
    const get = (headers: Record<string, string>) => emulator.handle(new Request(`${ENDPOINT}/account`, {
      headers: { 'x-appwrite-project': PROJECT, 'x-appwrite-response-format': '2.3.0', ...headers },
    }));
    expect((await get({ 'x-appwrite-session': value })).headers.get('x-debug-fallback')).toBe('false');
    expect((await get({ 'x-fallback-cookies': JSON.stringify({ [`a_session_${PROJECT}`]: value }) })).headers.get('x-debug-fallback')).toBe('true');
  });
});

describe('SDK 13 keeps Appwrite 1.4', () => {
  it('answers a GET from a foreign Origin', async () => {
    const value = await sessionValue();
    const client = new sdk13.Client().setEndpoint(ENDPOINT).setProject(PROJECT);
    client.headers['X-Fallback-Cookies'] = JSON.stringify({ [`a_session_${PROJECT}`]: value });
    client.headers['Origin'] = 'http://evil.test';
    expect((await new sdk13.Account(client).get()).$id).toBe('ada');
  });
});
