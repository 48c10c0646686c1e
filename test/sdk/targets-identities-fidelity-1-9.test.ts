/**
 * 1.9.6 details of push targets and listIdentities, through the real SDKs 26 and 28 (the audit log through SDK 26,
 * as SDK 28 has no listLogs): which target routes write an audit entry, PHP-falsy `"0"` params, and a cursor that
 * names another user's identity.
 */
import { Account as Account26, Client as Client26 } from 'appwrite-26';
import { Query } from 'appwrite-28';
import { describe, expect, it } from 'vitest';
import { ENDPOINT, PROJECT, error, useEmulator } from '../helpers.js';
import { MODERN_SDKS, signUp19 } from './modern-sdk-helpers.js';
import { NOW, SECOND, iso, triple } from './session-helpers.js';

const { emulator } = useEmulator();

/** The signed-in user's audit entries, newest first, through SDK 26 (the page's stored session). */
async function logEvents(): Promise<string[]> {
  const account = new Account26(new Client26().setEndpoint(ENDPOINT).setProject(PROJECT));
  return (await account.listLogs()).logs.map((l) => l.event);
}

/** Marks the user's stored target expired, as a failed push delivery would. */
async function expire(userId: string, targetId: string) {
  const db = await emulator.db();
  const user = (await db.users.get(userId))!;
  await db.users.put({ ...user, targets: user.targets!.map((t) => (t.$id === targetId ? { ...t, expired: true } : t)) });
}

describe.each(MODERN_SDKS)('push targets (1.9.6) through %s', (_, sdk) => {
  it('create and update write no audit entry (label \'target/response.$id\' has no braces); delete writes target.delete', async () => {
    const { account } = await signUp19(sdk);
    const base = ['session.create', 'user.create'];
    expect(await logEvents()).toEqual(base);
    await account.createPushTarget({ targetId: 'device-1', identifier: 'fcm-token' });
    expect(await logEvents()).toEqual(base);
    await account.updatePushTarget({ targetId: 'device-1', identifier: 'fcm-2' });
    expect(await logEvents()).toEqual(base);
    await account.deletePushTarget({ targetId: 'device-1' });
    expect(await logEvents()).toEqual(['target.delete', ...base]);
  });

  it('providerId "0" is stored as null (!empty), identifier "0" on update changes neither identifier nor expired', async () => {
    const { account, userId } = await signUp19(sdk);
    const created = await account.createPushTarget({ targetId: 'device-1', identifier: 'fcm-token', providerId: '0' });
    expect(created).toMatchObject({ $id: 'device-1', providerId: null, identifier: 'fcm-token', expired: false });
    await expire(userId, 'device-1');
    emulator.clock.advance(SECOND);
    const kept = await account.updatePushTarget({ targetId: 'device-1', identifier: '0' });
    expect(kept).toMatchObject({ identifier: 'fcm-token', expired: true, name: ' ', $updatedAt: iso(NOW + SECOND), providerId: null });
    expect((await account.get()).targets.find((t) => t.$id === 'device-1')).toEqual(kept);
    const changed = await account.updatePushTarget({ targetId: 'device-1', identifier: 'fcm-2' });
    expect(changed).toMatchObject({ identifier: 'fcm-2', expired: false });
  });
});

const T0 = Date.parse('2026-01-15T09:00:00.000Z');

/** identity1 … identity5, created one second apart, alternating between `owners`; providers as listed. */
async function addIdentities(owners: string[], providers: string[]) {
  const db = await emulator.db();
  for (const [i, provider] of providers.entries()) {
    const n = i + 1;
    const t = T0 + n * SECOND;
    await db.identities.add({
      $id: `identity${n}`, $createdAt: t, $updatedAt: t, userId: owners[i % owners.length]!, provider, providerUid: `uid${n}`,
      providerEmail: `user${n}@example.com`, providerAccessToken: '', providerRefreshToken: '', providerAccessTokenExpiry: n === 4 ? null : t,
    });
  }
}

describe.each(MODERN_SDKS)('listIdentities cursors (1.9.6) through %s', (_, sdk) => {
  async function setUp() {
    const bob = await signUp19(sdk, 'bob@example.com', 'Bob');
    const ada = await signUp19(sdk);
    // Ada owns identity1, 3 and 5, Bob identity2 and 4.
    await addIdentities([ada.userId, bob.userId], ['github', 'github', 'google', 'github', 'google']);
    const ids = async (queries: string[]) => {
      const list = await ada.account.listIdentities({ queries });
      return [list.total, list.identities.map((i) => i.$id)];
    };
    return { ada, ids };
  }

  it('a cursor naming another user\'s identity is found (read(any)); the page is the caller\'s rows after it, by creation', async () => {
    const { ada, ids } = await setUp();
    expect(await ids([])).toEqual([3, ['identity1', 'identity3', 'identity5']]);
    expect(await ids([Query.cursorAfter('identity2')])).toEqual([3, ['identity3', 'identity5']]);
    expect(await ids([Query.cursorAfter('identity4')])).toEqual([3, ['identity5']]);
    expect(await ids([Query.cursorBefore('identity4')])).toEqual([3, ['identity1', 'identity3']]);
    expect(await ids([Query.cursorBefore('identity2'), Query.limit(5)])).toEqual([3, ['identity1']]);
    expect(await ids([Query.orderDesc('$createdAt'), Query.cursorAfter('identity4')])).toEqual([3, ['identity3', 'identity1']]);
    expect(await ids([Query.orderAsc('$sequence'), Query.cursorAfter('identity2')])).toEqual([3, ['identity3', 'identity5']]);
    // Ties on the order attribute fall back to creation order: identity1 (github) comes before Bob's identity2.
    expect(await ids([Query.orderAsc('provider'), Query.cursorAfter('identity2')])).toEqual([3, ['identity3', 'identity5']]);
    expect(await ids([Query.orderAsc('provider'), Query.cursorBefore('identity2')])).toEqual([3, ['identity1']]);
    expect(await ids([Query.cursorAfter('identity2'), Query.limit(1), Query.offset(1)])).toEqual([3, ['identity5']]);
    expect((await ada.account.listIdentities({ queries: [Query.cursorAfter('identity2')] })).identities.every((i) => i.userId === ada.userId)).toBe(true);
  });

  it('the cursor is read whatever the filters say; total counts the filtered rows only', async () => {
    const { ids } = await setUp();
    expect(await ids([Query.equal('provider', ['google']), Query.cursorAfter('identity1')])).toEqual([2, ['identity3', 'identity5']]);
    expect(await ids([Query.equal('provider', ['google']), Query.cursorAfter('identity4')])).toEqual([2, ['identity5']]);
    expect(await ids([Query.equal('provider', ['github']), Query.cursorAfter('identity2')])).toEqual([1, []]);
  });

  it('still 400 for an id no identity has, and database_query_order_null for the other user\'s null order value', async () => {
    const { ada } = await setUp();
    expect(triple(await error(() => ada.account.listIdentities({ queries: [Query.cursorAfter('missing')] }))))
      .toEqual([400, 'general_cursor_not_found', "Identity 'missing' for the 'cursor' value not found."]);
    expect(triple(await error(() => ada.account.listIdentities({ queries: [Query.orderAsc('providerAccessTokenExpiry'), Query.cursorAfter('identity4')] }))))
      .toEqual([400, 'database_query_order_null', "The order attribute 'providerAccessTokenExpiry' had a null value. Cursor pagination requires all documents order attribute values are non-null."]);
  });
});
