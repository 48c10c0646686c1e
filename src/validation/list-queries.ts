/**
 * The `queries` params of the two list routes (identities, logs), both servers' syntax: loaded on the first list
 * request with queries, not at start (they are ~4 kB of the browser bundle most pages never use; `npm run bench`).
 */
import { parseQuery, queriesValidator, type QuerySchema } from './queries.js';
import { parseQuery19, queries19, type QuerySchema19 } from './queries-1-9.js';

export { parseQuery, parseQuery19 };

/** The queries GET /account/identities accepts (1.4 spec §8.4). */
const IDENTITY_QUERIES: QuerySchema = {
  methods: ['limit', 'offset', 'cursorAfter', 'cursorBefore', 'orderAsc', 'orderDesc', 'equal', 'notEqual',
    'lessThan', 'lessThanEqual', 'greaterThan', 'greaterThanEqual', 'search', 'isNull', 'isNotNull', 'between',
    'startsWith', 'endsWith', 'contains'],
  attributes: {
    userId: 'string', provider: 'string', providerUid: 'string', providerEmail: 'string',
    providerAccessTokenExpiry: 'datetime', $id: 'string', $createdAt: 'datetime', $updatedAt: 'datetime',
  },
};

/** 1.9.6's Identities validator (1.9 spec §6.37): JSON queries, no `select`, `$sequence` (an Integer) among the attributes. */
const IDENTITY_QUERIES_19: QuerySchema19 = {
  types: ['limit', 'offset', 'cursor', 'order', 'filter'],
  attributes: { ...IDENTITY_QUERIES.attributes, $sequence: 'integer' },
};

export const identityQueries = queriesValidator(IDENTITY_QUERIES);
export const identityQueries19 = queries19(IDENTITY_QUERIES_19);
export const logQueries = queriesValidator({ methods: ['limit', 'offset'], attributes: {} });
export const logQueries19 = queries19({ types: ['limit', 'offset'], attributes: {} });
