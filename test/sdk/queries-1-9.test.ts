/** 1.9.6 JSON queries on listIdentities (SDK 28) and listLogs (SDK 26: SDK 28 has no listLogs); the Query helpers write JSON. */
import { Account, Client, ID, Query } from 'appwrite-28';
import { Account as Account26, Client as Client26, Query as Query26 } from 'appwrite-26';
import { beforeEach, describe, expect, it } from 'vitest';
import { ENDPOINT, PROJECT, useEmulator } from '../helpers.js';
import { failureOf, trackStatuses } from './token-helpers.js';

const { emulator, server } = useEmulator();
const statuses = trackStatuses(server);
let account: Account;

const fail = failureOf(statuses);

const IDENTITY_KEYS = ['$id', '$createdAt', '$updatedAt', 'userId', 'provider', 'providerUid', 'providerEmail',
  'providerAccessToken', 'providerAccessTokenExpiry', 'providerRefreshToken'];

beforeEach(async () => {
  localStorage.clear();
  account = new Account(new Client().setEndpoint(ENDPOINT).setProject(PROJECT));
  const user = await account.create({ userId: ID.unique(), email: 'ada@example.com', password: 'password123' });
  await account.createEmailPasswordSession({ email: 'ada@example.com', password: 'password123' });
  const db = await emulator.db();
  for (const [i, provider] of ['github', 'google', 'gitlab'].entries()) {
    const t = Date.parse('2026-01-15T10:00:00.000Z') + i * 1000;
    await db.identities.add({
      $id: `identity${i}`, $createdAt: t, $updatedAt: t, userId: user.$id, provider, providerUid: `uid${i}`,
      providerEmail: `ada+${provider}@example.com`, providerAccessToken: '', providerRefreshToken: '', providerAccessTokenExpiry: i === 2 ? null : t,
    });
  }
});

describe('account.listIdentities (1.9.6)', () => {
  it('filters, orders and pages with JSON queries; total counts the filtered ones', async () => {
    const all = await account.listIdentities();
    expect(all.total).toBe(3);
    expect(Object.keys(all)).toEqual(['total', 'identities']);
    expect(Object.keys(all.identities[0]!)).toEqual(IDENTITY_KEYS);
    const page = await account.listIdentities([Query.notEqual('provider', 'google'), Query.orderDesc('$createdAt'), Query.limit(1)]);
    expect(page.total).toBe(2);
    expect(page.identities.map((i) => i.$id)).toEqual(['identity2']);
    const after = await account.listIdentities([Query.cursorAfter('identity0')]);
    expect(after.identities.map((i) => i.$id)).toEqual(['identity1', 'identity2']);
    expect((await account.listIdentities([Query.createdAfter('2026-01-15T10:00:00.500+00:00')])).total).toBe(2);
    expect((await account.listIdentities([Query.or([Query.equal('provider', 'github'), Query.startsWith('provider', 'gitl')])])).total).toBe(2);
  });

  it('answers total 0 for total=false, the list unchanged', async () => {
    const list = await account.listIdentities({ total: false });
    expect(list.total).toBe(0);
    expect(list.identities).toHaveLength(3);
  });

  it('refuses what does not parse and what the route does not take, both as the param validator (general_argument_invalid)', async () => {
    // Validator\Queries parses each string itself and reports the parser's message after "Invalid query: ".
    expect(await fail(() => account.listIdentities(['limit(1)']))).toEqual({
      status: 400, code: 400, type: 'general_argument_invalid', message: 'Invalid `queries` param: Invalid query: Invalid query: Syntax error',
    });
    expect(await fail(() => account.listIdentities(['{"method":"nope"}']))).toEqual({
      status: 400, code: 400, type: 'general_argument_invalid', message: 'Invalid `queries` param: Invalid query: Invalid query method: nope',
    });
    expect(await fail(() => account.listIdentities([Query.equal('secret', 'x')]))).toEqual({
      status: 400, code: 400, type: 'general_argument_invalid', message: 'Invalid `queries` param: Invalid query: Attribute not found in schema: secret',
    });
    expect(await fail(() => account.listIdentities([Query.select(['provider'])]))).toMatchObject({ type: 'general_argument_invalid', message: 'Invalid `queries` param: Invalid query method: select' });
    expect(await fail(() => account.listIdentities([Query.limit(0)]))).toMatchObject({
      message: 'Invalid `queries` param: Invalid query: Invalid limit: Value must be a valid range between 1 and 9,223,372,036,854,775,808',
    });
  });

  it('reports an unknown cursor and a null order value under a cursor', async () => {
    expect(await fail(() => account.listIdentities([Query.cursorAfter('missing')]))).toEqual({
      status: 400, code: 400, type: 'general_cursor_not_found', message: "Identity 'missing' for the 'cursor' value not found.",
    });
    expect(await fail(() => account.listIdentities([Query.orderAsc('providerAccessTokenExpiry'), Query.cursorAfter('identity2')]))).toEqual({
      status: 400, code: 400, type: 'database_query_order_null',
      message: "The order attribute 'providerAccessTokenExpiry' had a null value. Cursor pagination requires all documents order attribute values are non-null.",
    });
  });
});

describe('account.listLogs (1.9.6)', () => {
  it('pages with limit/offset (default 25), counts every entry, and takes total=false', async () => {
    for (let i = 0; i < 30; i++) await account.updatePrefs({ prefs: { i } });
    // The same page's stored session, through SDK 26.
    const account26 = new Account26(new Client26().setEndpoint(ENDPOINT).setProject(PROJECT));
        const logs = await account26.listLogs();
    expect(logs.logs).toHaveLength(25);
    expect(logs.total).toBe(32);
    expect(Object.keys(logs.logs[0]!)).toEqual(['event', 'userId', 'userEmail', 'userName', 'mode', 'userType', 'ip', 'time',
      'osCode', 'osName', 'osVersion', 'clientType', 'clientCode', 'clientName', 'clientVersion', 'clientEngine',
      'clientEngineVersion', 'deviceName', 'deviceBrand', 'deviceModel', 'countryCode', 'countryName']);
    expect((await account26.listLogs([Query26.limit(2), Query26.offset(31)])).logs).toHaveLength(1);
    expect((await account26.listLogs({ total: false })).total).toBe(0);
    expect(await fail(() => account26.listLogs([Query26.equal('event', 'x')]))).toEqual({
      status: 400, code: 400, type: 'general_argument_invalid', message: 'Invalid `queries` param: Invalid query method: equal',
    });
  });
});
