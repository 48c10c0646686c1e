import { parseQuery, type QuerySchema } from '../../validation/queries.js';
import * as v from '../../validation/validators.js';
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

/** OAuth2 identities linked to the account. */
export const identityRoutes: Route[] = [
  {
    method: 'GET', path: '/account/identities', scope: 'account',
    params: [{ name: 'queries', validator: v.queries(IDENTITY_QUERIES), optional: true, default: [] }],
    action: async (ctx, p) => ({ status: 200, body: await (await identities()).listIdentities(ctx, (p.queries as string[]).map(parseQuery)) }),
  },
  {
    method: 'DELETE', path: '/account/identities/:identityId', scope: 'account',
    params: [{ name: 'identityId', validator: v.uid }],
    action: async (ctx, p) => (await identities()).deleteIdentity(ctx, p.identityId),
  },
];
