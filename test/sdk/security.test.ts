import { describe, expect, it } from 'vitest';
import { ID } from 'appwrite-13';
import { error, useEmulator } from '../helpers.js';
import {
  HOUR, INVALID_CREDENTIALS, NEXT_HOUR, NOW, PASSWORD, RATE_LIMITED, SESSION_NOT_FOUND, UNAUTHORIZED_GUEST, USER_BLOCKED,
  client, fallback,
  raw, setFallback, signUp, triple, useAltEmulator,
} from './session-helpers.js';

const { emulator, server } = useEmulator();
const unlimited = useAltEmulator(server, { rateLimits: false }, 'security-unlimited');

const rateHeaders = (res: { headers: Headers }) =>
  [res.headers.get('x-ratelimit-limit'), res.headers.get('x-ratelimit-remaining'), res.headers.get('x-ratelimit-reset')];

describe('two users', () => {
  it('see only their own sessions and cannot read, refresh or delete each other\'s', async () => {
    const { session: bobSession, value: bobValue } = await signUp('bob@example.com', 'Bob');
    const { account, session } = await signUp();
    expect((await account.listSessions()).sessions.map((s) => s.$id)).toEqual([session.$id]);
    expect(triple(await error(() => account.getSession(bobSession.$id)))).toEqual(SESSION_NOT_FOUND);
    expect(triple(await error(() => account.updateSession(bobSession.$id)))).toEqual(SESSION_NOT_FOUND);
    expect(triple(await error(() => account.deleteSession(bobSession.$id)))).toEqual(SESSION_NOT_FOUND);
    await account.deleteSessions();
    const bob = await raw('GET', '/account/sessions', { session: bobValue });
    expect(bob.body.sessions.map((s: { $id: string; current: boolean }) => [s.$id, s.current])).toEqual([[bobSession.$id, true]]);
  });

  it('cannot use each other\'s session secret with their own user id', async () => {
    const { value: bobValue } = await signUp('bob@example.com', 'Bob');
    const { user } = await signUp();
    const bobSecret = JSON.parse(atob(JSON.parse(bobValue!)[`a_session_test-project`])).secret;
    const forged = JSON.stringify({ 'a_session_test-project': btoa(JSON.stringify({ id: user.$id, secret: bobSecret })) });
    expect((await raw('GET', '/account', { session: forged })).status).toBe(401);
  });
});

describe('the X-Fallback-Cookies header', () => {
  const value = (v: unknown) => JSON.stringify({ 'a_session_test-project': v });
  it.each([
    ['the logout marker []', '[]'],
    ['not JSON', 'not json'],
    ['a value that is not base64', value('not base64!')],
    ['a value that is not a string', value(42)],
    ['base64 of something else than JSON', value(btoa('hello'))],
    ['a session without a secret', value(btoa(JSON.stringify({ id: 'someone' })))],
    ['another project\'s session', JSON.stringify({ a_session_other: btoa(JSON.stringify({ id: 'x', secret: 'y' })) })],
  ])('makes the caller a guest when it holds %s, never an error', async (_, header) => {
    expect(triple((await raw('GET', '/account', { session: header })).body)).toEqual(UNAUTHORIZED_GUEST);
    expect((await raw('POST', '/account/sessions/anonymous', { session: header })).status).toBe(201);
  });
});

describe('a blocked user (updateStatus)', () => {
  /** Signs Ada up, keeps her stored session value and a JWT, then blocks the account. */
  async function blockedAda() {
    const { account, value, user } = await signUp();
    const { jwt } = await account.createJWT();
    const blocked = await account.updateStatus();
    expect(blocked.status).toBe(false);
    expect(fallback()).toBe('[]');
    return { account, value, jwt, user };
  }

  const EVERY_ROUTE: Array<[string, string, unknown?]> = [
    ['GET', '/account'],
    ['POST', '/account', { userId: 'unique()', email: 'new@example.com', password: PASSWORD }],
    ['PATCH', '/account/email', { email: 'other@example.com', password: PASSWORD }],
    ['PATCH', '/account/name', { name: 'Bea' }],
    ['PATCH', '/account/password', { password: 'new-password', oldPassword: PASSWORD }],
    ['PATCH', '/account/phone', { phone: '+15551234567', password: PASSWORD }],
    ['GET', '/account/prefs'],
    ['PATCH', '/account/prefs', { prefs: { theme: 'dark' } }],
    ['PATCH', '/account/status'],
    ['GET', '/account/logs'],
    ['GET', '/account/identities'],
    ['DELETE', '/account/identities/identity1'],
    ['POST', '/account/jwt'],
    ['GET', '/account/sessions'],
    ['DELETE', '/account/sessions'],
    ['POST', '/account/sessions/anonymous'],
    ['POST', '/account/sessions/email', { email: 'ada@example.com', password: PASSWORD }],
    ['POST', '/account/sessions', { email: 'ada@example.com', password: PASSWORD }],
    ['GET', '/account/sessions/current'],
    ['PATCH', '/account/sessions/current'],
    ['DELETE', '/account/sessions/current'],
  ];

  it('is refused with 401 user_blocked on every route when replaying the session saved before blocking', async () => {
    const { value, user } = await blockedAda();
    for (const [method, path, body] of EVERY_ROUTE) {
      const res = await raw(method, path, { session: value, body });
      expect([method, path, ...triple(res.body)]).toEqual([method, path, ...USER_BLOCKED]);
      expect(res.status).toBe(401);
    }
    // Nothing was changed by the refused calls.
    const db = await emulator.db();
    expect(await db.sessions.where('userId').equals(user.$id).count()).toBe(1);
    expect(await db.users.count()).toBe(1);
    expect((await db.users.get(user.$id))!.name).toBe('Ada');
  });

  it('is refused through the SDK too, with the restored session or with a JWT from before', async () => {
    const { account, value, jwt } = await blockedAda();
    setFallback(value);
    expect(triple(await error(() => account.get()))).toEqual(USER_BLOCKED);
    expect(triple(await error(() => account.createEmailSession('ada@example.com', PASSWORD)))).toEqual(USER_BLOCKED);
    expect(triple(await error(() => account.create(ID.unique(), 'new@example.com', PASSWORD)))).toEqual(USER_BLOCKED);
    globalThis.localStorage.clear();
    const viaJwt = client();
    viaJwt.client.setJWT(jwt);
    expect(triple(await error(() => viaJwt.account.get()))).toEqual(USER_BLOCKED);
  });

  it('cannot sign in again: the right password gives user_blocked, a wrong one user_invalid_credentials', async () => {
    await blockedAda();
    globalThis.localStorage.clear();
    const { account } = client();
    expect(triple(await error(() => account.createEmailSession('ada@example.com', PASSWORD)))).toEqual(USER_BLOCKED);
    expect(triple(await error(() => account.createEmailSession('ada@example.com', 'wrong-password')))).toEqual(INVALID_CREDENTIALS);
    expect(fallback()).toBeNull();
  });

  it('does not affect other users', async () => {
    const { value: bob } = await signUp('bob@example.com', 'Bob');
    await blockedAda();
    expect((await raw('GET', '/account', { session: bob })).status).toBe(200);
  });
});

describe('rate limits', () => {
  it('refuses the 11th account creation from one client within the hour with 429 and X-RateLimit headers', async () => {
    const { account } = client();
    for (let i = 1; i <= 10; i++) await account.create(ID.unique(), `user${i}@example.com`, PASSWORD);
    const e = await error(() => account.create(ID.unique(), 'user11@example.com', PASSWORD));
    expect(triple(e)).toEqual(RATE_LIMITED);
    const res = await raw('POST', '/account', { body: { userId: 'unique()', email: 'user12@example.com', password: PASSWORD } });
    expect([res.status, ...triple(res.body).slice(1)]).toEqual(RATE_LIMITED);
    expect(rateHeaders(res)).toEqual(['10', '0', NEXT_HOUR]);
    expect(await (await emulator.db()).users.count()).toBe(10);
  });

  it('counts requests before validating them, and reports the remaining quota on every answer', async () => {
    const first = await raw('POST', '/account', { body: {} });
    expect([first.status, rateHeaders(first)]).toEqual([400, ['10', '9', NEXT_HOUR]]);
    for (let i = 2; i <= 10; i++) await raw('POST', '/account', { body: { email: 'not-an-email' } });
    const refused = await raw('POST', '/account', { body: { userId: 'unique()', email: 'ada@example.com', password: PASSWORD } });
    expect([refused.status, refused.body.type]).toEqual([429, 'general_rate_limit_exceeded']);
  });

  it('opens a new window at the top of the next clock hour', async () => {
    for (let i = 1; i <= 10; i++) await raw('POST', '/account', { body: {} });
    emulator.clock.advance(HOUR - 1);
    expect((await raw('POST', '/account', { body: {} })).status).toBe(429);
    emulator.clock.advance(1);
    const res = await raw('POST', '/account', { body: { userId: 'unique()', email: 'ada@example.com', password: PASSWORD } });
    expect([res.status, rateHeaders(res)]).toEqual([201, ['10', '9', String(NOW / 1000 + 2 * 3600)]]);
  });

  it('resets at the top of the clock hour, not an hour after the first request', async () => {
    emulator.clock.advance(HOUR / 2);
    const res = await raw('POST', '/account', { body: {} });
    expect(rateHeaders(res)).toEqual(['10', '9', NEXT_HOUR]);
    emulator.clock.advance(HOUR / 2 - 1);
    expect(rateHeaders(await raw('POST', '/account', { body: {} }))[1]).toBe('8');
    emulator.clock.advance(1);
    expect(rateHeaders(await raw('POST', '/account', { body: {} }))[1]).toBe('9');
  });

  it('keeps one bucket per client IP', async () => {
    for (let i = 1; i <= 10; i++) await raw('POST', '/account', { body: {} });
    const elsewhere = await raw('POST', '/account', { body: {}, headers: { 'x-forwarded-for': '203.0.113.7' } });
    expect([elsewhere.status, rateHeaders(elsewhere)[1]]).toEqual([400, '9']);
  });

  it('is off with rateLimits: false (headers still sent, nothing counted)', async () => {
    const endpoint = unlimited.config.endpoint;
    let last;
    for (let i = 1; i <= 12; i++) {
      last = await raw('POST', '/account', { endpoint, body: { userId: 'unique()', email: `user${i}@example.com`, password: PASSWORD } });
      expect(last.status).toBe(201);
    }
    expect(rateHeaders(last!)).toEqual(['10', '9', NEXT_HOUR]);
  });

  it('limits e-mail sign-in per e-mail address, not per client', async () => {
    const { account } = client();
    await account.create(ID.unique(), 'ada@example.com', PASSWORD);
    await account.create(ID.unique(), 'bob@example.com', PASSWORD);
    for (let i = 1; i <= 10; i++) {
      expect(triple(await error(() => account.createEmailSession('ada@example.com', 'wrong-password')))).toEqual(INVALID_CREDENTIALS);
    }
    expect(triple(await error(() => account.createEmailSession('ada@example.com', PASSWORD)))).toEqual(RATE_LIMITED);
    const other = await raw('POST', '/account/sessions/email', { body: { email: 'bob@example.com', password: PASSWORD } });
    expect([other.status, rateHeaders(other)[1]]).toEqual([201, '9']);
  });

  it('limits anonymous sessions to 50 an hour per IP', async () => {
    for (let i = 1; i <= 50; i++) expect((await raw('POST', '/account/sessions/anonymous')).status).toBe(201);
    const refused = await raw('POST', '/account/sessions/anonymous');
    expect([refused.status, ...triple(refused.body).slice(1), ...rateHeaders(refused)]).toEqual([...RATE_LIMITED, '50', '0', NEXT_HOUR]);
    const elsewhere = await raw('POST', '/account/sessions/anonymous', { headers: { 'x-forwarded-for': '203.0.113.7' } });
    expect([elsewhere.status, rateHeaders(elsewhere)[1]]).toEqual([201, '49']);
  });

  it('sends no rate-limit headers on routes without a limit', async () => {
    const res = await raw('GET', '/account');
    expect(rateHeaders(res)).toEqual([null, null, null]);
  });
});
