import { describe, expect, it } from 'vitest';
import { error, useEmulator } from '../helpers.js';
import {
  NEXT_HOUR, NOW, RATE_LIMITED, SECOND, SESSION_NOT_FOUND, UNAUTHORIZED_GUEST, client, raw, signUp, triple,
  useAltEmulator,
} from './session-helpers.js';

const { emulator, server } = useEmulator();
const noJwt = useAltEmulator(server, { auth: { methods: { jwt: false } } }, 'no-jwt');

const invalidJwt = (reason: string) => [401, 'user_jwt_invalid', `Failed to verify JWT. Invalid token: ${reason}`];
const base64url = (value: string) => JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));

/** A client authenticated only by the JWT: the stored fallback session is dropped first (localStorage is shared). */
function jwtOnly(jwt: string) {
  globalThis.localStorage.clear();
  const c = client();
  c.client.setJWT(jwt);
  return c.account;
}

/** Replaces one character in the middle of a JWT segment (not the last one, whose low bits may be padding). */
function tamper(jwt: string, segment: number): string {
  const parts = jwt.split('.');
  const s = parts[segment]!;
  const i = Math.floor(s.length / 2);
  parts[segment] = s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
  return parts.join('.');
}

describe('createJWT', () => {
  it('returns {jwt}: HS256 with header {typ, alg} and payload exactly {userId, sessionId, exp = now + 900}', async () => {
    const { account, user, session } = await signUp();
    const result = await account.createJWT();
    expect(Object.keys(result)).toEqual(['jwt']);
    expect(typeof result.jwt).toBe('string');
    const [header, payload, signature] = result.jwt.split('.');
    expect(base64url(header!)).toEqual({ typ: 'JWT', alg: 'HS256' });
    expect(base64url(payload!)).toEqual({ userId: user.$id, sessionId: session.$id, exp: NOW / 1000 + 900 });
    expect(Buffer.from(signature!, 'base64url')).toHaveLength(32);
  });

  it('answers 201 with rate-limit headers; the first call of the hour leaves 99', async () => {
    const { value } = await signUp();
    const res = await raw('POST', '/account/jwt', { session: value });
    expect(res.status).toBe(201);
    expect([res.headers.get('x-ratelimit-limit'), res.headers.get('x-ratelimit-remaining'), res.headers.get('x-ratelimit-reset')])
      .toEqual(['100', '99', NEXT_HOUR]);
  });

  it('is limited to 100 an hour per user, not per client', async () => {
    const { value: ada } = await signUp();
    for (let i = 0; i < 100; i++) expect((await raw('POST', '/account/jwt', { session: ada })).status).toBe(201);
    const refused = await raw('POST', '/account/jwt', { session: ada });
    expect([refused.status, ...triple(refused.body).slice(1)]).toEqual(RATE_LIMITED);
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    const { value: bob } = await signUp('bob@example.com', 'Bob');
    expect((await raw('POST', '/account/jwt', { session: bob })).headers.get('x-ratelimit-remaining')).toBe('99');
    emulator.clock.advance(3600 * SECOND);
    expect((await raw('POST', '/account/jwt', { session: ada })).status).toBe(201);
  });

  it('answers 404 for a caller authenticated by JWT alone (no current session)', async () => {
    const { account } = await signUp();
    const { jwt } = await account.createJWT();
    const viaJwt = jwtOnly(jwt);
    expect(triple(await error(() => viaJwt.createJWT()))).toEqual(SESSION_NOT_FOUND);
  });

  it('is refused with 501 when JWT authentication is disabled', async () => {
    const { account } = await signUp('ada@example.com', 'Ada', noJwt.config.endpoint);
    const e = await error(() => account.createJWT());
    expect(triple(e)).toEqual([501, 'user_auth_method_unsupported', 'JWT authentication is disabled for this project']);
  });
});

describe('client.setJWT', () => {
  it('authenticates a fresh client as the user', async () => {
    const { account, user } = await signUp();
    const { jwt } = await account.createJWT();
    const me = await jwtOnly(jwt).get();
    expect(me.$id).toBe(user.$id);
  });

  it('has no current session: getSession("current") is 404 and no listed session is current', async () => {
    const { account, session } = await signUp();
    const { jwt } = await account.createJWT();
    const viaJwt = jwtOnly(jwt);
    expect(triple(await error(() => viaJwt.getSession('current')))).toEqual(SESSION_NOT_FOUND);
    expect(triple(await error(() => viaJwt.updateSession('current')))).toEqual(SESSION_NOT_FOUND);
    expect(triple(await error(() => viaJwt.deleteSession('current')))).toEqual(SESSION_NOT_FOUND);
    const list = await viaJwt.listSessions();
    expect(list.sessions.map((s) => [s.$id, s.current])).toEqual([[session.$id, false]]);
    expect(await viaJwt.getSession(session.$id)).toMatchObject({ $id: session.$id, current: false });
  });

  it('keeps the current session of the same user\'s cookie beside the JWT (Appwrite reads the secret from it)', async () => {
    const { account, session } = await signUp();
    const { jwt } = await account.createJWT();
    const both = client();
    both.client.setJWT(jwt);
    expect((await both.account.getSession('current')).$id).toBe(session.$id);
    expect(await both.account.createJWT()).toEqual({ jwt: expect.any(String) });
  });

  it('overrides another user\'s cookie: the JWT\'s user is the caller, without a current session', async () => {
    const { account: ada, user: adaUser } = await signUp();
    const { jwt } = await ada.createJWT();
    const { account: bob } = await signUp('bob@example.com', 'Bob');
    const mixed = client();
    mixed.client.setJWT(jwt);
    expect((await mixed.account.get()).$id).toBe(adaUser.$id);
    expect(triple(await error(() => mixed.account.getSession('current')))).toEqual(SESSION_NOT_FOUND);
    expect((await bob.get()).email).toBe('bob@example.com');
  });

  it('works for 900 s plus 10 s of leeway, then is refused as expired', async () => {
    const { account } = await signUp();
    const { jwt } = await account.createJWT();
    const viaJwt = jwtOnly(jwt);
    emulator.clock.advance(909 * SECOND);
    expect((await viaJwt.get()).email).toBe('ada@example.com');
    emulator.clock.advance(SECOND);
    expect(triple(await error(() => viaJwt.get()))).toEqual(invalidJwt('Expired'));
  });

  it('refuses garbage, a tampered signature and a tampered payload', async () => {
    const { account } = await signUp();
    const { jwt } = await account.createJWT();
    expect(triple(await error(() => jwtOnly('garbage').get()))).toEqual(invalidJwt('Incomplete segments'));
    expect(triple(await error(() => jwtOnly('a.b').get()))).toEqual(invalidJwt('Incomplete segments'));
    expect(triple(await error(() => jwtOnly(tamper(jwt, 2)).get()))).toEqual(invalidJwt('Signature failed'));
    expect(triple(await error(() => jwtOnly(tamper(jwt, 1)).get()))).toEqual(invalidJwt('Signature failed'));
  });

  it('parses like Appwrite\'s JWT library (adhocore/jwt): header first, then signature, then expiry', async () => {
    const { account } = await signUp();
    const { jwt } = await account.createJWT();
    const [, payload, signature] = jwt.split('.');
    const header = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const refused = async (token: string) => triple(await error(() => jwtOnly(token).get()));
    expect(await refused('a.b.c')).toEqual([401, 'user_jwt_invalid', 'Failed to verify JWT. JSON failed: Syntax error']);
    expect(await refused(`${header({ typ: 'JWT' })}.${payload}.${signature}`)).toEqual(invalidJwt('Missing header algo'));
    expect(await refused(`${header(['HS256'])}.${payload}.${signature}`)).toEqual(invalidJwt('Missing header algo'));
    expect(await refused(`${header({ typ: 'JWT', alg: 'none' })}.${payload}.${signature}`)).toEqual(invalidJwt('Unsupported header algo'));
    // The signature is compared as text, so a different spelling of the same bytes fails too.
    expect(await refused(`${jwt}=`)).toEqual(invalidJwt('Signature failed'));
    // More than three segments: everything after the second dot is the signature.
    expect(await refused(`${jwt}.extra`)).toEqual(invalidJwt('Signature failed'));
  });

  it('reports a bad JWT before anything else, on public routes too', async () => {
    const viaBadJwt = jwtOnly('garbage');
    expect(triple(await error(() => viaBadJwt.createAnonymousSession()))).toEqual(invalidJwt('Incomplete segments'));
    expect(triple(await error(() => viaBadJwt.createEmailSession('x', 'y')))).toEqual(invalidJwt('Incomplete segments'));
  });

  it('stops working once its session is deleted', async () => {
    const { account, session } = await signUp();
    const { jwt } = await account.createJWT();
    await account.deleteSession(session.$id);
    expect(triple(await error(() => jwtOnly(jwt).get()))).toEqual(UNAUTHORIZED_GUEST);
  });

  it('lets a JWT-only caller delete every session, its own included', async () => {
    const { account } = await signUp();
    const { jwt } = await account.createJWT();
    const viaJwt = jwtOnly(jwt);
    await viaJwt.deleteSessions();
    expect(triple(await error(() => viaJwt.get()))).toEqual(UNAUTHORIZED_GUEST);
  });
});
