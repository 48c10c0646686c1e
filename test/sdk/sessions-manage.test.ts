import { describe, expect, it } from 'vitest';
import { error, useEmulator } from '../helpers.js';
import {
  HOUR, NEXT_HOUR, NOW, PASSWORD, RATE_LIMITED, SECOND, SESSION_NOT_FOUND, UNAUTHORIZED_GUEST, YEAR, client,
  encodeFallback, expectSessionShape, fallback, iso, raw, setFallback, sha256, signUp, triple,
} from './session-helpers.js';

const { emulator } = useEmulator();

const INVALID_SESSION_ID = [400, 'general_argument_invalid', 'Invalid `sessionId` param: UID must contain at most 36 chars. Valid chars are a-z, A-Z, 0-9, and underscore. Can\'t start with a leading underscore'];

/** Signs the same user in again from "another device"; returns that device's stored session value. */
async function anotherDevice(email = 'ada@example.com') {
  const saved = fallback();
  const session = await client().account.createEmailSession(email, PASSWORD);
  const value = fallback();
  setFallback(saved);
  return { session, value };
}

/** An OAuth2 (GitHub) session put straight into the store, signed in through its fallback value. */
async function githubSession(userId: string) {
  const secret = 'f'.repeat(256);
  await (await emulator.db()).sessions.add({
    $id: 'githubsession', $createdAt: NOW, userId, provider: 'github', providerUid: '12345',
    providerAccessToken: 'old-access', providerRefreshToken: 'refresh-token', providerAccessTokenExpiry: NOW + HOUR,
    secret: sha256(secret), userAgent: 'UNKNOWN', ip: '127.0.0.1', countryCode: '--',
    osCode: '', osName: '', osVersion: '', clientType: '', clientCode: '', clientName: '', clientVersion: '',
    clientEngine: '', clientEngineVersion: '', deviceName: '', deviceBrand: '', deviceModel: '',
  });
  setFallback(encodeFallback(userId, secret));
}

describe('listSessions', () => {
  it('lists every session of the user, oldest first, each a full Session; only the request\'s own is current', async () => {
    const { account, session: first } = await signUp();
    emulator.clock.advance(SECOND);
    const { session: second } = await anotherDevice();
    const list = await account.listSessions();
    expect(Object.keys(list)).toEqual(['total', 'sessions']);
    expect(list.total).toBe(2);
    list.sessions.forEach(expectSessionShape);
    expect(list.sessions.map((s) => [s.$id, s.current, s.expire])).toEqual([
      [first.$id, true, iso(NOW + YEAR)],
      [second.$id, false, iso(NOW + SECOND + YEAR)],
    ]);
  });

  it('keeps listing expired sessions (they only stop authenticating)', async () => {
    const { account, session: old } = await signUp();
    emulator.clock.advance(YEAR + SECOND);
    expect(triple(await error(() => account.listSessions()))).toEqual(UNAUTHORIZED_GUEST);
    const fresh = await account.createEmailSession('ada@example.com', PASSWORD);
    const list = await account.listSessions();
    expect(list.sessions.map((s) => [s.$id, s.current, s.expire])).toEqual([
      [old.$id, false, iso(NOW + YEAR)],
      [fresh.$id, true, iso(NOW + YEAR + SECOND + YEAR)],
    ]);
  });

  it('answers 200 without rate-limit headers', async () => {
    const { value } = await signUp();
    const res = await raw('GET', '/account/sessions', { session: value });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-ratelimit-limit')).toBeNull();
  });
});

describe('getSession', () => {
  it('returns the request\'s session for "current" and by id, marked current', async () => {
    const { account, session } = await signUp();
    const current = await account.getSession('current');
    expectSessionShape(current);
    expect(current).toEqual(session);
    expect(await account.getSession(session.$id)).toEqual(session);
  });

  it('returns another session of the user with current false', async () => {
    const { account } = await signUp();
    const { session: other } = await anotherDevice();
    const got = await account.getSession(other.$id);
    expectSessionShape(got);
    expect(got).toEqual({ ...other, current: false });
  });

  it('answers 404 for an unknown session id', async () => {
    const { account } = await signUp();
    expect(triple(await error(() => account.getSession('unknownsession')))).toEqual(SESSION_NOT_FOUND);
  });

  it.each([['_leading'], ['a'.repeat(37)], ['has space'], ['bad!char']])('answers 400 for the invalid id %j', async (id) => {
    const { account } = await signUp();
    expect(triple(await error(() => account.getSession(id)))).toEqual(INVALID_SESSION_ID);
  });
});

describe('updateSession', () => {
  const UNSUPPORTED = [501, 'project_provider_unsupported', 'The chosen OAuth provider is unsupported. Please check the <a href="/docs/client/account?sdk=web-default#accountCreateOAuth2Session">Create OAuth2 Session docs</a> for the complete list of supported OAuth providers.'];

  it('answers 501 for e-mail and anonymous sessions, which have no OAuth2 provider to refresh', async () => {
    const { account } = await signUp();
    expect(triple(await error(() => account.updateSession('current')))).toEqual(UNSUPPORTED);
    globalThis.localStorage.clear();
    const anonymous = client().account;
    await anonymous.createAnonymousSession();
    expect(triple(await error(() => anonymous.updateSession('current')))).toEqual(UNSUPPORTED);
  });

  it('answers 404 for an unknown session and 400 for an invalid id', async () => {
    const { account } = await signUp();
    expect(triple(await error(() => account.updateSession('unknownsession')))).toEqual(SESSION_NOT_FOUND);
    expect(triple(await error(() => account.updateSession('_bad')))).toEqual(INVALID_SESSION_ID);
  });

  it('refreshes an OAuth2 session\'s access token; the response shows current false and no country name (1.4 quirk)', async () => {
    const { user } = await signUp();
    await githubSession(user.$id);
    emulator.clock.advance(SECOND);
    const { account } = client();
    const updated = await account.updateSession('current');
    expectSessionShape(updated);
    expect(updated).toMatchObject({
      $id: 'githubsession', userId: user.$id, provider: 'github', providerUid: '12345', expire: iso(NOW + YEAR),
      providerAccessTokenExpiry: iso(NOW + SECOND + 4 * HOUR), providerRefreshToken: 'refresh-token',
      current: false, countryName: '', countryCode: '--',
    });
    expect(updated.providerAccessToken).not.toBe('old-access');
    expect(await account.getSession('githubsession')).toMatchObject({
      providerAccessToken: updated.providerAccessToken, current: true, countryName: 'Unknown',
    });
  });

  it('is rate limited to 10 an hour per IP (X-RateLimit headers on every answer)', async () => {
    const { user } = await signUp();
    await githubSession(user.$id);
    const first = await raw('PATCH', '/account/sessions/current', { session: fallback() });
    expect(first.status).toBe(200);
    expect([first.headers.get('x-ratelimit-limit'), first.headers.get('x-ratelimit-remaining'), first.headers.get('x-ratelimit-reset')])
      .toEqual(['10', '9', NEXT_HOUR]);
    for (let i = 2; i <= 10; i++) expect((await raw('PATCH', '/account/sessions/current', { session: fallback() })).status).toBe(200);
    const refused = await raw('PATCH', '/account/sessions/current', { session: fallback() });
    expect([refused.status, ...triple(refused.body).slice(1)]).toEqual(RATE_LIMITED);
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
  });
});

describe('deleteSession', () => {
  it('signs out of "current": 204, the SDK\'s stored session becomes "[]", and the account is then refused', async () => {
    const { account, value } = await signUp();
    expect(await account.deleteSession('current')).toEqual({ message: '' });
    expect(fallback()).toBe('[]');
    expect(triple(await error(() => account.get()))).toEqual(UNAUTHORIZED_GUEST);
    const replayed = await raw('GET', '/account', { session: value });
    expect(triple(replayed.body)).toEqual(UNAUTHORIZED_GUEST);
  });

  it('answers 204 with an empty body and X-Fallback-Cookies: [] when deleting the own session by id', async () => {
    const { session, value } = await signUp();
    const res = await raw('DELETE', `/account/sessions/${session.$id}`, { session: value });
    expect([res.status, res.body, res.headers.get('x-fallback-cookies')]).toEqual([204, null, '[]']);
  });

  it('deletes another session of the user without touching the request\'s own', async () => {
    const { account, session, value } = await signUp();
    const { session: other, value: otherValue } = await anotherDevice();
    const res = await raw('DELETE', `/account/sessions/${other.$id}`, { session: value });
    expect([res.status, res.headers.get('x-fallback-cookies')]).toEqual([204, null]);
    expect((await account.listSessions()).sessions.map((s) => s.$id)).toEqual([session.$id]);
    expect(triple((await raw('GET', '/account', { session: otherValue })).body)).toEqual(UNAUTHORIZED_GUEST);
  });

  it('answers 404 for an unknown or already deleted session, 400 for an invalid id', async () => {
    const { account } = await signUp();
    const { session: other } = await anotherDevice();
    await account.deleteSession(other.$id);
    expect(triple(await error(() => account.deleteSession(other.$id)))).toEqual(SESSION_NOT_FOUND);
    expect(triple(await error(() => account.deleteSession('unknownsession')))).toEqual(SESSION_NOT_FOUND);
    expect(triple(await error(() => account.deleteSession('_bad')))).toEqual(INVALID_SESSION_ID);
  });

  it('honours X-Appwrite-Timestamp: unparsable is 400, older than the session is 409', async () => {
    const { session, value } = await signUp();
    const bad = await raw('DELETE', '/account/sessions/current', { session: value, headers: { 'x-appwrite-timestamp': 'yesterday-ish' } });
    expect(triple(bad.body)).toEqual([400, 'general_argument_invalid', 'Invalid X-Appwrite-Timestamp header value']);
    const stale = await raw('DELETE', '/account/sessions/current', { session: value, headers: { 'x-appwrite-timestamp': iso(NOW - SECOND) } });
    expect(triple(stale.body)).toEqual([409, 'document_update_conflict', 'Remote document is newer than local.']);
    const fresh = await raw('DELETE', `/account/sessions/${session.$id}`, { session: value, headers: { 'x-appwrite-timestamp': iso(NOW) } });
    expect(fresh.status).toBe(204);
  });
});

describe('deleteSessions', () => {
  it('deletes every session of the user: 204, stored session "[]", other devices signed out too', async () => {
    const { account } = await signUp();
    const { value: otherDevice } = await anotherDevice();
    expect(await account.deleteSessions()).toEqual({ message: '' });
    expect(fallback()).toBe('[]');
    expect(triple(await error(() => account.get()))).toEqual(UNAUTHORIZED_GUEST);
    expect(triple((await raw('GET', '/account', { session: otherDevice })).body)).toEqual(UNAUTHORIZED_GUEST);
    await account.createEmailSession('ada@example.com', PASSWORD);
    expect((await account.listSessions()).total).toBe(1);
  });

  it('answers 204 with X-Fallback-Cookies: [] and rate-limit headers (100 an hour)', async () => {
    const { value } = await signUp();
    const res = await raw('DELETE', '/account/sessions', { session: value });
    expect([res.status, res.body, res.headers.get('x-fallback-cookies')]).toEqual([204, null, '[]']);
    expect([res.headers.get('x-ratelimit-limit'), res.headers.get('x-ratelimit-remaining')]).toEqual(['100', '99']);
  });
});
