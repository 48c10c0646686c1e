/**
 * 1.9.6's `queries` param as utopia-php/database 6.0.0 reads it, through SDK 28 (listIdentities) and SDK 26
 * (listLogs): the parser's method list (`exists`, `containsAll`, `elemMatch`, `vector*` parse; `createdBefore`… and
 * `regex` do not), parse failures reported by the param validator, the Filter validator's answers and PHP's JSON
 * depth. Every expected message was printed by the real validators
 * (Appwrite 1.9.6's Identities attributes, `new Queries([new Limit(), new Offset()])` for logs) under PHP 8.2.
 */
import { Account, Client, ID, Query } from 'appwrite-28';
import { Account as Account26, Client as Client26, Query as Query26 } from 'appwrite-26';
import { beforeEach, describe, expect, it } from 'vitest';
import { ENDPOINT, PROJECT, useEmulator } from '../helpers.js';
import { failureOf, trackStatuses } from './token-helpers.js';

const { emulator, server } = useEmulator();
const statuses = trackStatuses(server);
let account: Account;

const fail = failureOf(statuses);

const invalid = (message: string) => ({ status: 400, code: 400, type: 'general_argument_invalid', message: `Invalid \`queries\` param: ${message}` });
/** A query whose values nest arrays so that the whole JSON text is `depth` levels deep. */
const nested = (depth: number) => `{"method":"equal","attribute":"provider","values":${'['.repeat(depth - 1)}${']'.repeat(depth - 1)}}`;
const ids = (list: { identities: Array<{ $id: string }> }) => list.identities.map((i) => i.$id);

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
      providerEmail: `ada+${provider}@example.com`, providerAccessToken: '', providerRefreshToken: '', providerAccessTokenExpiry: t,
    });
  }
});

describe('listIdentities (SDK 28): the 6.0.0 parser\'s methods', () => {
  it('refuses the date helpers as methods: the SDK sends them as lessThan/greaterThan/between', async () => {
    for (const method of ['createdBefore', 'createdAfter', 'createdBetween', 'updatedBefore', 'updatedAfter', 'updatedBetween']) {
      expect(await fail(() => account.listIdentities([`{"method":"${method}","values":["2026-01-01"]}`]))).toEqual(
        invalid(`Invalid query: Invalid query method: ${method}`),
      );
    }
    expect(JSON.parse(Query.createdBefore('2026-01-15T10:00:01.500+00:00'))).toMatchObject({ method: 'lessThan', attribute: '$createdAt' });
    expect(ids(await account.listIdentities([Query.createdBefore('2026-01-15T10:00:01.500+00:00')]))).toEqual(['identity0', 'identity1']);
    expect(ids(await account.listIdentities([Query.updatedBetween('2026-01-15T10:00:00.500Z', '2026-01-15T10:00:02.000Z')]))).toEqual(['identity1', 'identity2']);
  });

  it('parses exists, notExists, elemMatch and the vector methods; the Filter validator then refuses them', async () => {
    expect(await fail(() => account.listIdentities([Query.exists(['provider'])]))).toEqual(invalid('Invalid query: Attribute not found in schema: '));
    expect(await fail(() => account.listIdentities([Query.notExists(['provider'])]))).toEqual(invalid('Invalid query: Attribute not found in schema: '));
    expect(await fail(() => account.listIdentities([Query.exists([])]))).toEqual(invalid('Invalid query: Exists queries require at least one value.'));
    expect(await fail(() => account.listIdentities([Query.elemMatch('provider', [Query.equal('provider', 'github')])]))).toEqual(
      invalid('Invalid query: elemMatch is not supported by the database'),
    );
    expect(await fail(() => account.listIdentities(['{"method":"elemMatch","attribute":"provider","values":[{"method":"nope"}]}']))).toEqual(
      invalid('Invalid query: Invalid query method: nope'),
    );
    expect(await fail(() => account.listIdentities([Query.vectorDot('provider', [1, 2])]))).toEqual(
      invalid('Invalid query: Vector queries can only be used on vector attributes'),
    );
    expect(await fail(() => account.listIdentities([Query.vectorEuclidean('secret', [1, 2])]))).toEqual(invalid('Invalid query: Attribute not found in schema: secret'));
    expect(await fail(() => account.listIdentities([Query.crosses('provider', [[1, 2], [3, 4]])]))).toEqual(
      invalid('Invalid query: Spatial query "crosses" cannot be applied on non-spatial attribute: provider'),
    );
    // regex has a helper and a constant, but Query::isMethod does not list it.
    expect(await fail(() => account.listIdentities([Query.regex('provider', '^git')]))).toEqual(invalid('Invalid query: Invalid query method: regex'));
  });

  it('takes containsAny, containsAll and orderRandom on the identities', async () => {
    expect(ids(await account.listIdentities([Query.containsAny('provider', ['HUB', 'lab'])]))).toEqual(['identity0', 'identity2']);
    // On a string attribute MariaDB's adapter compares with LIKE and no wildcards around the value.
    expect(ids(await account.listIdentities([Query.containsAll('provider', ['GitHub'])]))).toEqual(['identity0']);
    expect(ids(await account.listIdentities([Query.containsAll('provider', ['git%'])]))).toEqual(['identity0', 'identity2']);
    expect(ids(await account.listIdentities([Query.containsAll('provider', ['git'])]))).toEqual([]);
    expect(await fail(() => account.listIdentities([Query.containsAll('$createdAt', ['2026-01-15'])]))).toEqual(
      invalid('Invalid query: Cannot query contains on attribute "$createdAt" because it is not an array, string, or object.'),
    );
    const random = await account.listIdentities([Query.orderRandom()]);
    expect(random.total).toBe(3);
    expect(ids(random).sort()).toEqual(['identity0', 'identity1', 'identity2']);
  });
});

describe('listIdentities (SDK 28): the validator, query by query', () => {
  it('reports a parse failure as the param\'s, the first bad query winning', async () => {
    expect(await fail(() => account.listIdentities(['{"method":"and","values":["x"]}']))).toEqual(invalid(
      'Invalid query: Utopia\\Database\\Query::parseQuery(): Argument #1 ($query) must be of type array, string given, called in /usr/src/code/vendor/utopia-php/database/src/Database/Query.php on line 396',
    ));
    expect(await fail(() => account.listIdentities([Query.equal('secret', 'x'), 'limit(1)']))).toEqual(invalid('Invalid query: Attribute not found in schema: secret'));
    expect(await fail(() => account.listIdentities(['limit(1)', Query.equal('secret', 'x')]))).toEqual(invalid('Invalid query: Invalid query: Syntax error'));
  });

  it('validates nested queries first; and/or need two filters', async () => {
    expect(await fail(() => account.listIdentities([Query.and([Query.equal('provider', 'github')])]))).toEqual(
      invalid('Invalid query: And queries require at least two queries'),
    );
    expect(await fail(() => account.listIdentities([Query.or([Query.limit(1), Query.equal('provider', 'x')])]))).toEqual(
      invalid('Invalid query: Or queries can only contain filter queries'),
    );
    expect(await fail(() => account.listIdentities([Query.and([Query.select(['provider']), Query.equal('provider', 'x')])]))).toEqual(
      invalid('Invalid query method: select'),
    );
  });

  it('checks values as the attribute types do: $sequence is a 32-bit Integer, isNull values too', async () => {
    expect(ids(await account.listIdentities([Query.equal('$sequence', 1)]))).toEqual(['identity0']);
    expect(await fail(() => account.listIdentities([Query.equal('$sequence', '1')]))).toEqual(invalid('Invalid query: Query value is invalid for attribute "$sequence"'));
    expect(await fail(() => account.listIdentities([Query.equal('$sequence', 2 ** 31)]))).toEqual(invalid('Invalid query: Query value is invalid for attribute "$sequence"'));
    expect(await fail(() => account.listIdentities(['{"method":"isNull","attribute":"provider","values":[5]}']))).toEqual(
      invalid('Invalid query: Query value is invalid for attribute "provider"'),
    );
    expect(await fail(() => account.listIdentities([Query.lessThan('$createdAt', 'now')]))).toEqual(invalid('Invalid query: Query value is invalid for attribute "$createdAt"'));
    expect(await fail(() => account.listIdentities([Query.orderAsc('provider.name')]))).toEqual(invalid('Invalid query: Cannot order by nested attribute: provider'));
  });

  it('takes an integer string as limit; a non-number is "not a valid number", for offset too', async () => {
    expect(ids(await account.listIdentities(['{"method":"limit","values":["2"]}']))).toEqual(['identity0', 'identity1']);
    expect(await fail(() => account.listIdentities(['{"method":"limit","values":["abc"]}']))).toEqual(invalid('Invalid query: Invalid limit: Value must be a valid number'));
    expect(await fail(() => account.listIdentities(['{"method":"offset","values":["x"]}']))).toEqual(invalid('Invalid query: Invalid limit: Value must be a valid number'));
    expect(await fail(() => account.listIdentities(['{"method":"limit","values":["2.0"]}']))).toEqual(
      invalid('Invalid query: Invalid limit: Value must be a valid range between 1 and 9,223,372,036,854,775,808'),
    );
  });

  it('refuses JSON nested 512 deep (json_decode\'s depth 512 allows 511 levels)', async () => {
    expect(await fail(() => account.listIdentities([nested(511)]))).toEqual(invalid('Invalid query: Query value is invalid for attribute "provider"'));
    expect(await fail(() => account.listIdentities([nested(512)]))).toEqual(invalid('Invalid query: Invalid query: Maximum stack depth exceeded'));
  });

  it('caps values at 5000 (Filter\'s default: Appwrite passes its 500 as idAttributeType)', async () => {
    const values = (n: number) => Array.from({ length: n }, (_, i) => `p${i}`);
    expect(await fail(() => account.listIdentities([Query.equal('provider', values(5001))]))).toEqual(
      invalid('Invalid query: Query on attribute has greater than 5000 values: provider'),
    );
    // 1.9.6's Database::find then refuses over 500 (a 500); we answer the list.
    expect((await account.listIdentities([Query.equal('provider', ['github', ...values(500)])])).total).toBe(1);
  });
});

describe('listLogs (SDK 26): limit and offset only', () => {
  it('names the method the validator has none for, nested queries first; parse failures as the param\'s', async () => {
    const account26 = new Account26(new Client26().setEndpoint(ENDPOINT).setProject(PROJECT));
    expect(await fail(() => account26.listLogs([Query26.exists(['event'])]))).toEqual(invalid('Invalid query method: exists'));
    expect(await fail(() => account26.listLogs([Query26.containsAll('event', ['x'])]))).toEqual(invalid('Invalid query method: containsAll'));
    expect(await fail(() => account26.listLogs([Query26.elemMatch('event', [Query26.limit(1)])]))).toEqual(invalid('Invalid query method: elemMatch'));
    expect(await fail(() => account26.listLogs(['{"method":"vectorDot","attribute":"event","values":[[1,2]]}']))).toEqual(invalid('Invalid query method: vectorDot'));
    expect(await fail(() => account26.listLogs([Query26.and([Query26.equal('event', 'x'), Query26.limit(1)])]))).toEqual(invalid('Invalid query method: equal'));
    expect(await fail(() => account26.listLogs([Query26.orderRandom()]))).toEqual(invalid('Invalid query method: orderRandom'));
    expect(await fail(() => account26.listLogs(['{"method":"createdBefore","values":["2026-01-01"]}']))).toEqual(
      invalid('Invalid query: Invalid query method: createdBefore'),
    );
    expect(await fail(() => account26.listLogs([Query26.regex('event', 'x')]))).toEqual(invalid('Invalid query: Invalid query method: regex'));
    expect(await fail(() => account26.listLogs([nested(512)]))).toEqual(invalid('Invalid query: Invalid query: Maximum stack depth exceeded'));
    expect(await fail(() => account26.listLogs(['{"method":"offset","values":["x"]}']))).toEqual(invalid('Invalid query: Invalid limit: Value must be a valid number'));
    for (let i = 0; i < 4; i++) await account.updatePrefs({ prefs: { i } });
    expect((await account26.listLogs(['{"method":"limit","values":["3"]}'])).logs).toHaveLength(3);
    expect((await account26.listLogs(['{"method":"limit","values":["3"]}', '{"method":"offset","values":["4"]}'])).logs).toHaveLength(2);
  });
});
