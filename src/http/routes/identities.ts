import { parseQuery, type QuerySchema } from '../../validation/queries.js';
import * as v from '../../validation/validators.js';
import * as v19 from '../../validation/validators-1-9.js';
import { parseQuery19, queries19, type QuerySchema19 } from '../../validation/queries-1-9.js';
import { lazy } from '../lazy.js';
import type { Route } from '../route.js';

const identities = lazy(() => import('../../services/identities.js'));

/** The queries GET /account/identities accepts (spec §8.4). */
const IDENTITY_QUERIES: QuerySchema = {
  methods: ['limit', 'offset', 'cursorAfter', 'cursorBefore', 'orderAsc', 'orderDesc', 'equal', 'notEqual',
    'lessThan', 'lessThanEqual', 'greaterThan', 'greaterThanEqual', 'search', 'isNull', 'isNotNull', 'between',
    'startsWith', 'endsWith', 'contains'],
  attributes: {
    userId: 'string', provider: 'string', providerUid: 'string', providerEmail: 'string',
    providerAccessTokenExpiry: 'datetime', $id: 'string', $createdAt: 'datetime', $updatedAt: 'datetime',
  },
};

/** 1.9.6's Identities validator (1.9 spec §6.37): JSON queries, no `select`, `$sequence` among the attributes. */
const IDENTITY_QUERIES_19: QuerySchema19 = {
  types: ['limit', 'offset', 'cursor', 'order', 'filter'],
  attributes: { ...IDENTITY_QUERIES.attributes, $sequence: 'sequence' },
};

/** OAuth2 identities linked to the account. */
export const identityRoutes: Route[] = [
  {
    method: 'GET', path: '/account/identities', scope: 'account', behaviours: ['1.9'],
    params: [
      { name: 'queries', validator: queries19(IDENTITY_QUERIES_19), optional: true, default: [] },
      { name: 'total', validator: v19.looseBoolean, optional: true, default: true },
    ],
    action: async (ctx, p) => ({
      status: 200,
      body: await (await identities()).listIdentities19(ctx, (p.queries as unknown[]).map(parseQuery19), v19.isTrue(p.total)),
    }),
  },
  {
    method: 'GET', path: '/account/identities', scope: 'account', behaviours: ['1.4'],
    params: [{ name: 'queries', validator: v.queries(IDENTITY_QUERIES), optional: true, default: [] }],
    action: async (ctx, p) => ({ status: 200, body: await (await identities()).listIdentities(ctx, (p.queries as string[]).map(parseQuery)) }),
  },
  {
    method: 'DELETE', path: '/account/identities/:identityId', scope: 'account',
    params: [{ name: 'identityId', validator: v.uid }],
    action: async (ctx, p) => (await identities()).deleteIdentity(ctx, p.identityId),
  },
];
