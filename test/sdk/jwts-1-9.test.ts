import { Account as Account14, Client as Client14 } from 'appwrite-14';
import { describe, expect, it } from 'vitest';
import { ENDPOINT, PROJECT, error, raw, sdk, useEmulator, useSecondEmulator } from '../helpers.js';
import { NOW, SECOND, SESSION_NOT_FOUND, signUp, triple } from './session-helpers.js';
import { MODERN_SDKS, forgetSession, guestScope, modernClient, signUp19, trackResponses } from './modern-sdk-helpers.js';

const { emulator, server } = useEmulator();
const seen = trackResponses(server);

/** The JWT's header and payload. */
function decode(jwt: string): { header: unknown; payload: Record<string, unknown> } {
  const [head, body] = jwt.split('.');
  const part = (s: string) => JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
  return { header: part(head!), payload: part(body!) };
}

const EXPIRED = [401, 'user_jwt_invalid', 'Failed to verify JWT. Invalid token: Expired'];
const NOW_S = NOW / 1000;

describe.each(MODERN_SDKS)('createJWT through %s (POST /account/jwts)', (_, sdk19) => {
  it('answers 201 {jwt} for the current session, valid 900 s by default (HS256 {userId, sessionId, exp})', async () => {
    const { account, userId, session } = await signUp19(sdk19);
    const result = await account.createJWT();
    expect(seen.at(-1)).toMatchObject({ url: `${ENDPOINT}/account/jwts`, status: 201 });
    expect(Object.keys(result)).toEqual(['jwt']);
    const { header, payload } = decode(result.jwt);
    expect(header).toEqual({ typ: 'JWT', alg: 'HS256' });
    expect(payload).toEqual({ userId, sessionId: session.$id, exp: NOW_S + 900 });
  });

  it('takes a duration (0..3600 s) and verifies with no leeway: invalid the second it expires', async () => {
    const { account, userId } = await signUp19(sdk19);
    const { jwt } = await account.createJWT({ duration: 60 });
    expect(decode(jwt).payload.exp).toBe(NOW_S + 60);
    forgetSession();
    const viaJwt = modernClient(sdk19);
    viaJwt.client.setJWT(jwt);
    emulator.clock.advance(59 * SECOND);
    expect((await viaJwt.account.get()).$id).toBe(userId);
    emulator.clock.advance(SECOND);
    expect(triple(await error(() => viaJwt.account.get()))).toEqual(EXPIRED);
  });

  it('duration 0 gives a token that is already expired; 3600 is the longest', async () => {
    const { account } = await signUp19(sdk19);
    const zero = (await account.createJWT({ duration: 0 })).jwt;
    expect(decode(zero).payload.exp).toBe(NOW_S);
    expect(decode((await account.createJWT({ duration: 3600 })).jwt).payload.exp).toBe(NOW_S + 3600);
    forgetSession();
    const viaJwt = modernClient(sdk19);
    viaJwt.client.setJWT(zero);
    expect(triple(await error(() => viaJwt.account.get()))).toEqual(EXPIRED);
  });

  it.each([3601, -1, 1.5])('refuses duration %s (400 Range)', async (duration) => {
    const { account } = await signUp19(sdk19);
    expect(triple(await error(() => account.createJWT({ duration })))).toEqual([400, 'general_argument_invalid', 'Invalid `duration` param: Value must be a valid range between 0 and 3,600']);
  });

  it('needs a signed-in user: guests get 401 missing scopes (["account"])', async () => {
    expect(triple(await error(() => modernClient(sdk19).account.createJWT()))).toEqual(guestScope('account'));
  });

  it('answers 404 user_session_not_found to a JWT-only caller (no current session)', async () => {
    const { account } = await signUp19(sdk19);
    const { jwt } = await account.createJWT();
    forgetSession();
    const viaJwt = modernClient(sdk19);
    viaJwt.client.setJWT(jwt);
    expect(triple(await error(() => viaJwt.account.createJWT()))).toEqual(SESSION_NOT_FOUND);
  });

  it('allows 120 JWTs per user a minute: the 121st is 429, the next minute counts afresh', async () => {
    const { account } = await signUp19(sdk19);
    for (let i = 0; i < 120; i++) await account.createJWT();
    const last = seen.at(-1)!;
    expect(last.headers.get('x-ratelimit-limit')).toBe('120');
    expect(last.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(last.headers.get('x-ratelimit-reset')).toBe(String(NOW_S + 60));
    expect(triple(await error(() => account.createJWT()))).toEqual([429, 'general_rate_limit_exceeded', 'Rate limit for the current endpoint has been exceeded. Please try again after some time.']);
    emulator.clock.advance(60 * SECOND);
    await account.createJWT();
    expect(seen.at(-1)!.headers.get('x-ratelimit-remaining')).toBe('119');
  });
});

describe('POST /account/jwt, the alias SDK 14 calls', () => {
  it('serves 1.9.6 to SDK 14: 201 {jwt} valid 900 s, limit 120 a minute', async () => {
    const { userId, session } = await signUp19(MODERN_SDKS[1]![1]);
    const account14 = new Account14(new Client14().setEndpoint(ENDPOINT).setProject(PROJECT));
    const { jwt } = await account14.createJWT();
    expect(seen.at(-1)).toMatchObject({ url: `${ENDPOINT}/account/jwt`, status: 201 });
    expect(decode(jwt).payload).toEqual({ userId, sessionId: session.$id, exp: NOW_S + 900 });
    expect(seen.at(-1)!.headers.get('x-ratelimit-limit')).toBe('120');
  });

  // The spec says each path counts apart; 1.9.6's `{url}` is the route's main path (utopia-php/http's getPath()),
  // so the alias and /account/jwts share one counter (shared/api.php:511).
  it('shares its counter with /account/jwts, as 1.9.6 keys `{url}` by the main path', async () => {
    const { account } = await signUp19(MODERN_SDKS[1]![1]);
    for (let i = 0; i < 5; i++) await account.createJWT();
    const account14 = new Account14(new Client14().setEndpoint(ENDPOINT).setProject(PROJECT));
    await account14.createJWT();
    expect(seen.at(-1)!.headers.get('x-ratelimit-remaining')).toBe('114');
    for (let i = 0; i < 114; i++) await account.createJWT();
    expect(triple(await error(() => account14.createJWT()))).toEqual(
      [429, 'general_rate_limit_exceeded', 'Rate limit for the current endpoint has been exceeded. Please try again after some time.']);
  });
});

describe('JWT disabled for the project', () => {
  const disabled = useSecondEmulator(server, 'jwts-off', { auth: { methods: { jwt: false } } });

  it.each(MODERN_SDKS)('answers 501 user_auth_method_unsupported through %s', async (_, sdk19) => {
    const client = new sdk19.Client().setEndpoint(disabled.config.endpoint).setProject(PROJECT);
    const account = new sdk19.Account(client);
    await account.create({ userId: sdk19.ID.unique(), email: 'ada@example.com', password: 'password123' });
    await account.createEmailPasswordSession({ email: 'ada@example.com', password: 'password123' });
    expect(triple(await error(() => account.createJWT()))).toEqual([501, 'user_auth_method_unsupported', 'JWT authentication is disabled for this project']);
  });
});

describe('SDK 13 keeps Appwrite 1.4', () => {
  it('POST /account/jwt: always 900 s (a duration is ignored), 100 an hour, 10 s leeway', async () => {
    const { session, value } = await signUp();
    const answer = await raw('POST', '/account/jwt', { session: value, body: { duration: 60 } });
    expect(answer.status).toBe(201);
    expect(decode(answer.body.jwt).payload.exp).toBe(NOW_S + 900);
    expect(answer.headers.get('x-ratelimit-limit')).toBe('100');
    expect(answer.headers.get('x-ratelimit-reset')).toBe(String(NOW_S + 3600));
    emulator.clock.advance(905 * SECOND);
    const client = sdk();
    globalThis.localStorage.removeItem('cookieFallback');
    client.client.setJWT(answer.body.jwt);
    expect((await client.account.get()).$id).toBe(session.userId);
  });

  it('has no /account/jwts (404 general_route_not_found, 1.4 text)', async () => {
    const { value } = await signUp();
    const answer = await raw('POST', '/account/jwts', { session: value });
    expect([answer.status, answer.body.type, answer.body.message]).toEqual([404, 'general_route_not_found', 'The requested route was not found. Please refer to the API docs and try again.']);
  });
});
