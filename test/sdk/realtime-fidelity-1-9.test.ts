/**
 * Two details of 1.9.6's realtime server, through the real SDKs' Realtime clients: SDK 24 (queries in the socket
 * URL, `account[<slot>][]=<query>`), SDK 26 (Client.subscribe, subscribe messages) and SDK 28 (its Realtime service).
 *
 * - Each event goes through pub/sub and is decoded into PHP arrays and encoded again (app/realtime.php:638,
 *   753-758): an empty object in the payload arrives as `[]`, an object keyed 0…n-1 as a list.
 * - Subscription queries: checked against RuntimeQuery::ALLOWED_QUERIES (RuntimeQuery.php:14-33; Adapter
 *   Realtime.php:684-710), refused with 1003 on a subscribe message (Handlers/Subscribe.php:56-60) and 1008 on the
 *   socket URL (app/realtime.php:973-981), and applied to each event's payload (Realtime.php:482-486,
 *   RuntimeQuery::filter): a top-level attribute of the payload, PHP's `===` and `<`, `and`/`or`, `select("*")`.
 */
import { describe, expect, it } from 'vitest';
import * as sdk24 from 'appwrite-24';
import * as sdk26 from 'appwrite-26';
import * as sdk28 from 'appwrite-28';
import { PROJECT, useEmulator } from '../helpers.js';
import { quietSdkNotice } from './account-helpers.js';
import { authenticated, PASSWORD, REALTIME_SDKS, REALTIME_URL, spyOnSockets, subscribed, type RealtimeSdk, type SpiedSocket } from './realtime-helpers.js';

useEmulator();
const spy = spyOnSockets();
quietSdkNotice();

const ALLOWED = 'Allowed: equal, notEqual, lessThan, lessThanEqual, greaterThan, greaterThanEqual, isNull, isNotNull, and, or, select';
const notSupported = (method: string) => `Query method '${method}' is not supported in Realtime queries. ${ALLOWED}`;
const error = (code: number, message: string) => ({ type: 'error', data: { code, message } });
const plain = (value: unknown) => JSON.parse(JSON.stringify(value));

const QUERY: Record<number, typeof sdk28.Query> = { 24: sdk24.Query as never, 26: sdk26.Query as never, 28: sdk28.Query };
const SDKS = REALTIME_SDKS.filter((rt) => [24, 26, 28].includes(rt.version));

/** Subscribes with queries the way that SDK's apps do; resolves to its unsubscribe. */
async function subscribe(rt: RealtimeSdk, client: any, channels: string | string[], callback: (e: any) => void, queries: string[]) {
  if (rt.version === 28) {
    client.realtimeService ??= new sdk28.Realtime(client);
    const subscription = await client.realtimeService.subscribe(channels, callback, queries);
    return () => subscription.close();
  }
  const unsubscribe = client.subscribe(channels, callback, queries);
  return async () => unsubscribe();
}

/** Waits for the socket opened from `from` on that signed in (and, with subscribe messages, subscribed `count` times). */
async function ready(rt: RealtimeSdk, from: number, count = 1): Promise<SpiedSocket> {
  const socket = await spy.received(authenticated, from);
  if (rt.subscribeMessages) {
    const confirmed = () => socket.received.filter(subscribed).reduce((n, m) => n + m.data.subscriptions.length, 0);
    await expect.poll(confirmed, { timeout: 5000, interval: 10 }).toBe(count);
  }
  return socket;
}

/** A request in the SDK's format, bypassing the SDK (and its stored session). */
async function request(rt: RealtimeSdk, method: string, path: string, body: object) {
  const response = await fetch(`https://cloud.appwrite.io/v1${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-appwrite-project': PROJECT, 'x-appwrite-response-format': rt.format },
    body: JSON.stringify(body),
  });
  expect(response.status).toBe(201);
  return response.json();
}

describe.each(SDKS.map((rt) => [rt.name, rt] as const))('%s: an event as the realtime worker re-encodes it', (_, rt) => {
  it('sends an empty object as [] and an object keyed 0…n-1 as a list; the authentication reply keeps {}', async () => {
    const { client, account } = rt.client();
    await rt.signUp(account, 'ada@example.com');
    const events: any[] = [];
    const from = spy.sockets.length;
    await subscribe(rt, client, 'account', (e) => events.push(e), []);
    const socket = await ready(rt, from);
    // Not through pub/sub: the Account of the `authentication` reply is as GET /account answers it.
    expect(plain(socket.received.find(authenticated).data.user.prefs)).toStrictEqual({});

    const named = await rt.updateName(account, 'Ada');
    await expect.poll(() => events.length, { timeout: 5000, interval: 10 }).toBe(1);
    expect(plain(named).prefs).toStrictEqual({});
    // (The SDKs parse messages into null-prototype objects: compared as JSON.)
    expect(plain(events[0].payload)).toStrictEqual({ ...plain(named), prefs: [] });

    await rt.updatePrefs(account, { theme: {}, list: { 0: 'a', 1: 'b' }, keyed: { 1: 'x' }, nested: { deeper: {} } });
    await expect.poll(() => events.length, { timeout: 5000, interval: 10 }).toBe(2);
    expect(plain(events[1].payload.prefs)).toStrictEqual({ theme: [], list: ['a', 'b'], keyed: { 1: 'x' }, nested: { deeper: [] } });
  });
});

describe.each(SDKS.map((rt) => [rt.name, rt] as const))('%s: subscription queries', (_, rt) => {
  it("delivers each event only to the subscriptions whose queries its payload matches, as RuntimeQuery::filter decides", async () => {
    const Query = QUERY[rt.version]!;
    const { client, account } = rt.client();
    await rt.signUp(account, 'ada@example.com');
    // Each subscription's events, by a label: `name Ada`, `prefs`, `session`, `name Bob`.
    const got: Record<string, string[]> = {};
    const label = (e: any) => {
      const named = (suffix: string) => e.events.some((name: string) => name.endsWith(suffix));
      return named('.update.name') ? `name ${e.payload.name}` : named('.update.prefs') ? 'prefs' : named('.sessions.*.create') ? 'session' : e.events[0];
    };
    const subscriptions: Array<[name: string, queries: string[], channel?: string]> = [
      ['all', []],
      ['ada', [Query.equal('name', ['Ada'])]],
      // The leaf of an attribute the payload lacks is false, notEqual too (a Session has no `name`).
      ['notAda', [Query.notEqual('name', ['Ada'])]],
      // `===`: the boolean `status` is not the string 'true'.
      ['statusString', [Query.equal('status', ['true'])]],
      ['sessions', [Query.isNotNull('provider')]],
      ['bobOrEmailSession', [Query.or([Query.equal('name', ['Bob']), Query.equal('provider', ['email'])])]],
      // PHP 8 compares a number with a non-numeric string as strings: '5' < 'Ada', so `'Ada' > 5` holds.
      ['greaterThan5', [Query.greaterThan('name', 5)]],
      // select("*") among the queries receives everything.
      ['selectAll', [Query.equal('name', ['Nobody']), Query.select(['*'])]],
      // Only top-level attributes: no path into prefs.
      ['dotted', [Query.equal('prefs.theme', ['dark'])]],
      // The payload as decoded: the new account's `prefs: {}` is the empty array [].
      ['emptyPrefs', [Query.equal('prefs', [[]])]],
      // An action channel (in SDK 24's URL `account.update[<slot>][]`, read by PHP as `account_update`).
      ['adaUpdates', [Query.equal('name', ['Ada'])], 'account.update'],
    ];
    const from = spy.sockets.length;
    for (const [name, queries, channel] of subscriptions) {
      got[name] = [];
      await subscribe(rt, client, channel ?? 'account', (e) => got[name]!.push(label(e)), queries);
    }
    await ready(rt, from, subscriptions.length);

    await rt.updateName(account, 'Ada');
    await rt.updatePrefs(account, { theme: 'dark' });
    await request(rt, 'POST', '/account/sessions/email', { email: 'ada@example.com', password: PASSWORD });
    await rt.updateName(account, 'Bob');

    const expected = {
      all: ['name Ada', 'prefs', 'session', 'name Bob'],
      ada: ['name Ada', 'prefs'],
      notAda: ['name Bob'],
      statusString: [],
      sessions: ['session'],
      bobOrEmailSession: ['session', 'name Bob'],
      greaterThan5: ['name Ada', 'prefs', 'name Bob'],
      selectAll: ['name Ada', 'prefs', 'session', 'name Bob'],
      dotted: [],
      emptyPrefs: ['name Ada'],
      adaUpdates: ['name Ada', 'prefs'],
    };
    await expect.poll(() => got, { timeout: 5000, interval: 10 }).toEqual(expected);
    // And nothing more on its way.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(got).toEqual(expected);
  });
});

describe.each(SDKS.filter((rt) => rt.subscribeMessages).map((rt) => [rt.name, rt] as const))('%s: queries in subscribe messages', (_, rt) => {
  it('refuses a query Realtime does not allow with 1003, a select other than select("*") as a server error, and keeps the socket', async () => {
    const Query = QUERY[rt.version]!;
    const { client, account } = rt.client();
    await rt.signUp(account, 'ada@example.com');
    const events: any[] = [];
    const from = spy.sockets.length;
    await subscribe(rt, client, 'account', (e) => events.push(e), [Query.equal('name', ['Ada'])]);
    const socket = await ready(rt, from);

    const refusals: Array<[string[], object]> = [
      [[Query.limit(1)], error(1003, `Invalid query: ${notSupported('limit')}`)],
      // Walked from the last query, into and/or.
      [[Query.orderAsc('name'), Query.and([Query.equal('name', ['Ada']), Query.search('name', 'x')])], error(1003, `Invalid query: ${notSupported('search')}`)],
      // The parser's own messages, after the prefix.
      [['{"method":'], error(1003, 'Invalid query: Invalid query: Syntax error')],
      [['{"method":"createdBefore","values":["2026-01-01"]}'], error(1003, 'Invalid query: Invalid query method: createdBefore')],
      // RuntimeQuery::validateSelectQuery's InvalidArgumentException has code 0: a server error, the socket kept.
      [[Query.select(['$id'])], error(0, 'Error: Server Error')],
    ];
    for (const [queries, expected] of refusals) {
      const count = socket.received.length;
      await subscribe(rt, client, 'account', () => undefined, queries);
      await expect.poll(() => socket.received.length, { timeout: 5000, interval: 10 }).toBe(count + 1);
      expect(socket.received[count], queries.join()).toEqual(expected);
    }

    expect(socket.socket.readyState).toBe(WebSocket.OPEN);
    await rt.updateName(account, 'Ada');
    await expect.poll(() => events.length, { timeout: 5000, interval: 10 }).toBe(1);
    expect(events[0].payload.name).toBe('Ada');
  });

  it('echoes each query as Query::toString prints it (PHP json_encode: \\/ and \\u escapes)', async () => {
    const Query = QUERY[rt.version]!;
    const { client, account } = rt.client();
    const { userId } = await rt.signUp(account, 'ada@example.com');
    const from = spy.sockets.length;
    await subscribe(rt, client, 'account', () => undefined, [Query.equal('email', ['ada/x@example.com']), Query.equal('name', ['Adá']), Query.isNull('phone')]);
    const socket = await ready(rt, from);
    expect(socket.received.find(subscribed).data.subscriptions).toEqual([{
      subscriptionId: expect.any(String),
      channels: ['account', `account.${userId}`],
      queries: [
        '{"method":"equal","attribute":"email","values":["ada\\/x@example.com"]}',
        '{"method":"equal","attribute":"name","values":["Ad\\u00e1"]}',
        '{"method":"isNull","attribute":"phone","values":[]}',
      ],
    }]);
  });
});

describe('appwrite-24: queries in the socket URL', () => {
  const [rt] = SDKS.filter((s) => s.version === 24);

  it('refuses a query Realtime does not allow with 1008 and closes the socket; the SDK does not reconnect', async () => {
    const { client, account } = rt!.client();
    await rt!.signUp(account, 'ada@example.com');
    const from = spy.sockets.length;
    await subscribe(rt!, client, 'account', () => undefined, [sdk24.Query.limit(1)]);
    const socket = await spy.received(() => true, from);
    expect(socket.received).toEqual([error(1008, notSupported('limit'))]);
    await expect.poll(() => socket.socket.readyState).toBe(WebSocket.CLOSED);
    // SDK 24 reconnects after 1 s unless the last message was a 1008 error.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(spy.sockets.length).toBe(from + 1);
  });

  it("answers a query that does not parse with the parser's message (1008), and a select other than select(\"*\") as a server error, each closing the socket", async () => {
    const url = (queries: string[]) =>
      `${REALTIME_URL}?project=${PROJECT}&channels[]=account${queries.map((q) => `&account[0][]=${encodeURIComponent(q)}`).join('')}`;
    const cases: Array<[string[], object]> = [
      [['{"method":'], error(1008, 'Invalid query: Syntax error')],
      [[sdk24.Query.or([sdk24.Query.equal('name', ['Ada']), sdk24.Query.between('name', 'a', 'b')])], error(1008, notSupported('between'))],
      [['{"method":"equal","attribute":"name","values":"Ada"}'], error(1008, 'Invalid query values. Must be an array, got string')],
      [[sdk24.Query.select(['$id'])], error(0, 'Error: Server Error')],
    ];
    for (const [queries, expected] of cases) {
      const from = spy.sockets.length;
      new WebSocket(url(queries));
      const socket = await spy.received(() => true, from);
      expect(socket.received, queries.join()).toEqual([expected]);
      await expect.poll(() => socket.socket.readyState).toBe(WebSocket.CLOSED);
    }
  });
});
