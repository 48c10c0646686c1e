import { describe, expect, it } from 'vitest';
import { Query } from 'appwrite-13';
import { error, useEmulator } from '../helpers.js';
import { HOUR, NOW, SECOND, UNAUTHORIZED_GUEST, client, iso, raw, signUp, triple } from './session-helpers.js';

const { emulator } = useEmulator();

const IDENTITY_KEYS = ['$id', '$createdAt', '$updatedAt', 'userId', 'provider', 'providerUid', 'providerEmail',
  'providerAccessToken', 'providerAccessTokenExpiry', 'providerRefreshToken'];
const NOT_FOUND = [404, 'user_identity_not_found', 'The identity could not be found. Please sign in with OAuth provider to create identity first.'];
const invalidQueries = (description: string) => [400, 'general_argument_invalid', `Invalid \`queries\` param: ${description}`];

/**
 * Identities only come from OAuth2 sign-ins (another module); these tests put them straight into the store.
 * `n` orders them: identity n is created n seconds after NOW.
 */
async function addIdentity(userId: string, n: number, fields: Record<string, unknown> = {}) {
  await (await emulator.db()).identities.add({
    $id: `identity${n}`, $createdAt: NOW + n * SECOND, $updatedAt: NOW + n * SECOND + 1, userId, provider: 'github',
    providerUid: `uid${n}`, providerEmail: `user${n}@example.com`, providerAccessToken: `access${n}`,
    providerRefreshToken: `refresh${n}`, providerAccessTokenExpiry: NOW + HOUR, ...fields,
  });
}

/** listIdentities is typed `queries?: string` in SDK 13, but arrays are what the server accepts. */
const asQueries = (queries: string[]) => queries as any;

describe('listIdentities', () => {
  it('returns an IdentityList of the caller\'s identities with every key, typed and in order', async () => {
    const { account, user } = await signUp();
    await addIdentity(user.$id, 1);
    await addIdentity(user.$id, 2, { provider: 'google', providerEmail: null, providerRefreshToken: null, providerAccessTokenExpiry: null });
    const list = await account.listIdentities();
    expect(Object.keys(list)).toEqual(['total', 'identities']);
    expect(list.total).toBe(2);
    for (const identity of list.identities) {
      expect(Object.keys(identity)).toEqual(IDENTITY_KEYS);
      for (const [key, value] of Object.entries(identity)) expect(typeof value, key).toBe('string');
    }
    expect(list.identities).toEqual([
      {
        $id: 'identity1', $createdAt: iso(NOW + SECOND), $updatedAt: iso(NOW + SECOND + 1), userId: user.$id, provider: 'github',
        providerUid: 'uid1', providerEmail: 'user1@example.com', providerAccessToken: 'access1',
        providerAccessTokenExpiry: iso(NOW + HOUR), providerRefreshToken: 'refresh1',
      },
      expect.objectContaining({ $id: 'identity2', provider: 'google', providerEmail: '', providerRefreshToken: '', providerAccessTokenExpiry: '' }),
    ]);
  });

  it('answers an empty list for a user without identities', async () => {
    const { account } = await signUp();
    expect(await account.listIdentities()).toEqual({ total: 0, identities: [] });
  });

  it('never shows another user\'s identities', async () => {
    const { user: bob } = await signUp('bob@example.com', 'Bob');
    await addIdentity(bob.$id, 1);
    const { account, user } = await signUp();
    await addIdentity(user.$id, 2);
    expect((await account.listIdentities()).identities.map((i) => i.$id)).toEqual(['identity2']);
    expect((await account.listIdentities(asQueries([Query.equal('userId', [bob.$id])]))).total).toBe(0);
  });

  it('filters, orders and pages with queries; total ignores limit, offset and cursor', async () => {
    const { account, user } = await signUp();
    for (let n = 1; n <= 4; n++) await addIdentity(user.$id, n, { provider: n % 2 ? 'github' : 'google' });
    const ids = async (queries: string[]) => {
      const list = await account.listIdentities(asQueries(queries));
      return [list.total, list.identities.map((i) => i.$id)];
    };
    expect(await ids([Query.equal('provider', ['google'])])).toEqual([2, ['identity2', 'identity4']]);
    expect(await ids([Query.notEqual('provider', 'google')])).toEqual([2, ['identity1', 'identity3']]);
    expect(await ids([Query.startsWith('providerEmail', 'user3')])).toEqual([1, ['identity3']]);
    expect(await ids([Query.orderDesc('$createdAt'), Query.limit(2)])).toEqual([4, ['identity4', 'identity3']]);
    expect(await ids([Query.limit(2), Query.offset(1)])).toEqual([4, ['identity2', 'identity3']]);
    expect(await ids([Query.cursorAfter('identity2')])).toEqual([4, ['identity3', 'identity4']]);
    expect(await ids([Query.cursorBefore('identity3'), Query.limit(1)])).toEqual([4, ['identity2']]);
    expect(await ids([Query.greaterThan('$createdAt', iso(NOW + 2 * SECOND))])).toEqual([2, ['identity3', 'identity4']]);
  });

  it('returns at most 25 by default', async () => {
    const { account, user } = await signUp();
    for (let n = 1; n <= 27; n++) await addIdentity(user.$id, n);
    const list = await account.listIdentities();
    expect([list.total, list.identities.length]).toEqual([27, 25]);
  });

  it('answers 400 general_cursor_not_found for a cursor naming no identity', async () => {
    const { account } = await signUp();
    const e = await error(() => account.listIdentities(asQueries([Query.cursorAfter('missing')])));
    expect(triple(e)).toEqual([400, 'general_cursor_not_found', 'Identity \'missing\' for the \'cursor\' value not found.']);
  });

  it('answers 400 when queries is sent as the plain string SDK 13 declares', async () => {
    const { account } = await signUp();
    const e = await error(() => account.listIdentities(Query.limit(1)));
    expect(triple(e)).toEqual(invalidQueries('Queries must be an array'));
  });

  it.each([
    [Query.select(['provider']), 'Invalid query method: select'],
    [Query.equal('secret', ['x']), 'Invalid query: Attribute not found in schema: secret'],
    [Query.orderAsc('password'), 'Invalid query: Attribute not found in schema: password'],
    ['between("$createdAt", ["2026-01-01"])', 'Invalid query: Between queries require exactly two values.'],
    ['equal("provider", [])', 'Invalid query: Equal queries require at least one value.'],
    [Query.limit(0), 'Invalid query: Invalid limit: Value must be a valid range between 1 and 9,223,372,036,854,775,808'],
    [Query.cursorAfter('_bad'), 'Invalid query: Invalid cursor: UID must contain at most 36 chars. Valid chars are a-z, A-Z, 0-9, and underscore. Can\'t start with a leading underscore'],
  ])('answers 400 for the query %s', async (query, description) => {
    const { account } = await signUp();
    expect(triple(await error(() => account.listIdentities(asQueries([query]))))).toEqual(invalidQueries(description));
  });

  it('answers 400 for a query string that does not parse', async () => {
    const { account } = await signUp();
    const e = await error(() => account.listIdentities(asQueries(['limit('])));
    expect([e.code, e.type]).toEqual([400, 'general_argument_invalid']);
    expect(e.message).toMatch(/^Invalid `queries` param: Invalid query/);
  });

  it('is refused to guests', async () => {
    expect(triple(await error(() => client().account.listIdentities()))).toEqual(UNAUTHORIZED_GUEST);
  });
});

describe('deleteIdentity', () => {
  it('deletes the identity: 204 with an empty body, gone from the list, sessions untouched, no log entry', async () => {
    const { account, user, value } = await signUp();
    await addIdentity(user.$id, 1);
    await addIdentity(user.$id, 2);
    const res = await raw('DELETE', '/account/identities/identity1', { session: value });
    expect([res.status, res.body]).toEqual([204, null]);
    expect((await account.listIdentities()).identities.map((i) => i.$id)).toEqual(['identity2']);
    expect(await account.deleteIdentity('identity2')).toEqual({ message: '' });
    expect((await account.listIdentities()).total).toBe(0);
    expect((await account.listSessions()).total).toBe(1);
    expect((await account.listLogs()).logs.map((l) => l.event)).toEqual(['session.create', 'user.create']);
  });

  it('answers 404 for an unknown or already deleted identity', async () => {
    const { account, user } = await signUp();
    await addIdentity(user.$id, 1);
    await account.deleteIdentity('identity1');
    expect(triple(await error(() => account.deleteIdentity('identity1')))).toEqual(NOT_FOUND);
    expect(triple(await error(() => account.deleteIdentity('unknown')))).toEqual(NOT_FOUND);
  });

  it('answers 404 for another user\'s identity and leaves it in place', async () => {
    const { user: bob } = await signUp('bob@example.com', 'Bob');
    await addIdentity(bob.$id, 1);
    const { account } = await signUp();
    expect(triple(await error(() => account.deleteIdentity('identity1')))).toEqual(NOT_FOUND);
    expect(await (await emulator.db()).identities.get('identity1')).toBeDefined();
  });

  it('answers 400 for an invalid id', async () => {
    const { account } = await signUp();
    expect(triple(await error(() => account.deleteIdentity('_bad')))).toEqual([400, 'general_argument_invalid',
      'Invalid `identityId` param: UID must contain at most 36 chars. Valid chars are a-z, A-Z, 0-9, and underscore. Can\'t start with a leading underscore']);
  });

  it('is refused to guests', async () => {
    expect(triple(await error(() => client().account.deleteIdentity('identity1')))).toEqual(UNAUTHORIZED_GUEST);
  });
});
