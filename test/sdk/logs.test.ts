import { describe, expect, it } from 'vitest';
import { ID, Query } from 'appwrite-13';
import { error, useEmulator } from '../helpers.js';
import {
  CHROME_FIELDS, CHROME_UA, HOUR, NOW, PASSWORD, SECOND, UNAUTHORIZED_GUEST, client, encodeFallback, fallback, iso, raw,
  setFallback, sha256, signUp, triple,
} from './session-helpers.js';

const { emulator } = useEmulator();

const LOG_KEYS = ['event', 'userId', 'userEmail', 'userName', 'mode', 'ip', 'time', 'osCode', 'osName', 'osVersion',
  'clientType', 'clientCode', 'clientName', 'clientVersion', 'clientEngine', 'clientEngineVersion', 'deviceName',
  'deviceBrand', 'deviceModel', 'countryCode', 'countryName'];

const invalidQueries = (description: string) => [400, 'general_argument_invalid', `Invalid \`queries\` param: ${description}`];
// PHP's number_format(PHP_INT_MAX) goes through a float: Appwrite's message ends in ...808, not ...807.
const PHP_INT_MAX = '9,223,372,036,854,775,808';

/** Events of the caller's log, newest first. */
async function events(account = client().account) {
  return (await account.listLogs()).logs.map((l) => l.event);
}

describe('listLogs', () => {
  it('returns a LogList of Logs with every key, typed and in order', async () => {
    const { account, user } = await signUp();
    const list = await account.listLogs();
    expect(Object.keys(list)).toEqual(['total', 'logs']);
    expect(list.total).toBe(2);
    for (const log of list.logs) {
      expect(Object.keys(log)).toEqual(LOG_KEYS);
      for (const [key, value] of Object.entries(log)) expect(typeof value, key).toBe('string');
    }
    expect(list.logs[0]).toMatchObject({
      event: 'session.create', userId: user.$id, userEmail: 'ada@example.com', userName: 'Ada', mode: 'default',
      ip: '127.0.0.1', time: iso(NOW), countryCode: '--', countryName: 'Unknown',
    });
  });

  it('derives os, client and device from the user agent of the logged request', async () => {
    await client().account.create(ID.unique(), 'ada@example.com', PASSWORD, 'Ada');
    const res = await raw('POST', '/account/sessions/email', {
      body: { email: 'ada@example.com', password: PASSWORD }, headers: { 'user-agent': CHROME_UA, 'x-forwarded-for': '203.0.113.9' },
    });
    const { logs } = (await raw('GET', '/account/logs', { session: res.headers.get('x-fallback-cookies') })).body;
    expect(logs[0]).toMatchObject({ event: 'session.create', ip: '203.0.113.9', ...CHROME_FIELDS });
    expect(logs[1]).toMatchObject({ event: 'user.create', ip: '127.0.0.1' });
  });

  it('records sign-up, sign-in, profile changes and sign-outs, newest first, with a snapshot of name and e-mail', async () => {
    const { account, user } = await signUp();
    emulator.clock.advance(SECOND);
    await account.updateName('Bea');
    emulator.clock.advance(SECOND);
    const saved = fallback();
    const other = await client().account.createEmailSession('ada@example.com', PASSWORD);
    setFallback(saved);
    emulator.clock.advance(SECOND);
    await account.deleteSession(other.$id);
    emulator.clock.advance(SECOND);
    await account.updateEmail('bea@example.com', PASSWORD);
    const { logs } = await account.listLogs();
    expect(logs.map((l) => [l.event, l.userName, l.userEmail, l.time, l.userId])).toEqual([
      ['user.update', 'Bea', 'bea@example.com', iso(NOW + 4 * SECOND), user.$id],
      ['session.delete', 'Bea', 'ada@example.com', iso(NOW + 3 * SECOND), user.$id],
      ['session.create', 'Bea', 'ada@example.com', iso(NOW + 2 * SECOND), user.$id],
      ['user.update', 'Bea', 'ada@example.com', iso(NOW + SECOND), user.$id],
      ['session.create', 'Ada', 'ada@example.com', iso(NOW), user.$id],
      ['user.create', 'Ada', 'ada@example.com', iso(NOW), user.$id],
    ]);
  });

  it('records session.delete for signing out everywhere', async () => {
    const { account } = await signUp();
    await account.deleteSessions();
    await account.createEmailSession('ada@example.com', PASSWORD);
    expect(await events(account)).toEqual(['session.create', 'session.delete', 'session.create', 'user.create']);
  });

  it('records session.create for an anonymous session, with empty e-mail and name', async () => {
    const { account } = client();
    const session = await account.createAnonymousSession();
    const { logs } = await account.listLogs();
    expect(logs.map((l) => [l.event, l.userId, l.userEmail, l.userName])).toEqual([['session.create', session.userId, '', '']]);
  });

  it('records session.update for refreshing an OAuth2 session', async () => {
    const { user } = await signUp();
    const secret = 'e'.repeat(256);
    await (await emulator.db()).sessions.add({
      $id: 'githubsession', $createdAt: NOW, userId: user.$id, provider: 'github', providerUid: '1', providerAccessToken: 'a',
      providerRefreshToken: 'r', providerAccessTokenExpiry: NOW + HOUR, secret: sha256(secret), userAgent: 'UNKNOWN',
      ip: '127.0.0.1', countryCode: '--', osCode: '', osName: '', osVersion: '', clientType: '', clientCode: '', clientName: '',
      clientVersion: '', clientEngine: '', clientEngineVersion: '', deviceName: '', deviceBrand: '', deviceModel: '',
    });
    setFallback(encodeFallback(user.$id, secret));
    await client().account.updateSession('current');
    expect(await events()).toEqual(['session.update', 'session.create', 'user.create']);
  });

  it('records nothing for reads, JWTs or failed requests', async () => {
    const { account, session } = await signUp();
    await account.get();
    await account.listSessions();
    await account.getSession('current');
    await account.listLogs();
    await account.createJWT();
    await error(() => account.createEmailSession('ada@example.com', 'wrong-password'));
    await error(() => account.updateSession('current'));
    await error(() => account.deleteSession('unknownsession'));
    await error(() => account.updateName(''));
    await error(() => account.createAnonymousSession());
    expect((await account.getSession(session.$id)).$id).toBe(session.$id);
    expect(await events(account)).toEqual(['session.create', 'user.create']);
  });

  it('shows only the caller\'s own entries', async () => {
    await signUp('bob@example.com', 'Bob');
    const { account, user } = await signUp();
    const { logs } = await account.listLogs();
    expect(new Set(logs.map((l) => l.userId))).toEqual(new Set([user.$id]));
  });

  it('pages with Query.limit and Query.offset; total counts all entries; the first of each query wins', async () => {
    const { account } = await signUp();
    await account.updateName('Bea');
    await account.updateName('Cy');
    expect(await events(account)).toEqual(['user.update', 'user.update', 'session.create', 'user.create']);
    const page = await account.listLogs([Query.limit(2), Query.offset(1)]);
    expect(page.total).toBe(4);
    expect(page.logs.map((l) => [l.event, l.userName])).toEqual([['user.update', 'Bea'], ['session.create', 'Ada']]);
    const firstWins = await account.listLogs([Query.limit(1), Query.offset(3), Query.limit(3), Query.offset(0)]);
    expect(firstWins.logs.map((l) => l.event)).toEqual(['user.create']);
    expect((await account.listLogs([Query.offset(10)])).logs).toEqual([]);
    expect((await account.listLogs([Query.limit(10_000)])).logs).toHaveLength(4);
  });

  it.each([
    [Query.equal('event', ['session.create']), 'Invalid query method: equal'],
    [Query.orderAsc('time'), 'Invalid query method: orderAsc'],
    [Query.cursorAfter('abc'), 'Invalid query method: cursorAfter'],
    [Query.select(['event']), 'Invalid query method: select'],
    [Query.limit(0), `Invalid query: Invalid limit: Value must be a valid range between 1 and ${PHP_INT_MAX}`],
    [Query.offset(-1), `Invalid query: Invalid offset: Value must be a valid range between 0 and ${PHP_INT_MAX}`],
  ])('answers 400 for %s', async (query, description) => {
    const { account } = await signUp();
    expect(triple(await error(() => account.listLogs([Query.limit(5), query])))).toEqual(invalidQueries(description));
  });

  it('answers 400 when queries is not an array', async () => {
    const { value } = await signUp();
    const res = await raw('GET', `/account/logs?queries=${encodeURIComponent('limit(1)')}`, { session: value });
    expect(triple(res.body)).toEqual(invalidQueries('Queries must be an array'));
  });

  it('is refused to guests', async () => {
    expect(triple(await error(() => client().account.listLogs()))).toEqual(UNAUTHORIZED_GUEST);
  });
});
