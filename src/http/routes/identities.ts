import * as v from '../../validation/validators.js';
import * as v19 from '../../validation/validators-1-9.js';
import { lazy } from '../lazy.js';
import type { Route } from '../route.js';

const identities = lazy(() => import('../../services/identities.js'));
const listQueries = lazy(() => import('../../validation/list-queries.js'));

/** OAuth2 identities linked to the account. */
export const identityRoutes: Route[] = [
  {
    method: 'GET', path: '/account/identities', scope: 'account', behaviours: ['1.9'],
    params: [
      { name: 'queries', validator: async () => (await listQueries()).identityQueries19, optional: true, default: [] },
      { name: 'total', validator: v19.looseBoolean, optional: true, default: true },
    ],
    action: async (ctx, p) => ({
      status: 200,
      body: await (await identities()).listIdentities19(ctx, (p.queries as unknown[]).map((await listQueries()).parseQuery19), v19.isTrue(p.total)),
    }),
  },
  {
    method: 'GET', path: '/account/identities', scope: 'account', behaviours: ['1.4'],
    params: [{ name: 'queries', validator: async () => (await listQueries()).identityQueries, optional: true, default: [] }],
    action: async (ctx, p) => ({ status: 200, body: await (await identities()).listIdentities(ctx, (p.queries as string[]).map((await listQueries()).parseQuery)) }),
  },
  {
    // No audit: '{request.$identityId}' names no param, never resolves (1.9.6 account.php:4831, shared/api.php:912-918; 1.4 alike).
    method: 'DELETE', path: '/account/identities/:identityId', scope: 'account',
    params: [{ name: 'identityId', validator: v.uid }],
    action: async (ctx, p) => (await identities()).deleteIdentity(ctx, p.identityId),
  },
];
