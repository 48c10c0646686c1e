import * as identities from '../../services/identities.js';
import { parseQuery } from '../../validation/queries.js';
import * as v from '../../validation/validators.js';
import type { Route } from '../route.js';

/** OAuth2 identities linked to the account. */
export const identityRoutes: Route[] = [
  {
    method: 'GET', path: '/account/identities', scope: 'account',
    params: [{ name: 'queries', validator: v.queries(identities.IDENTITY_QUERIES), optional: true, default: [] }],
    action: async (ctx, p) => ({ status: 200, body: await identities.listIdentities(ctx, (p.queries as string[]).map(parseQuery)) }),
  },
  {
    method: 'DELETE', path: '/account/identities/:identityId', scope: 'account',
    params: [{ name: 'identityId', validator: v.uid }],
    action: (ctx, p) => identities.deleteIdentity(ctx, p.identityId),
  },
];
