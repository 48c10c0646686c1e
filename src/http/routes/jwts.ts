import * as v19 from '../../validation/validators-1-9.js';
import { lazy } from '../lazy.js';
import type { Route } from '../route.js';

// Sign-in and session management load on the first such request (decisions/003): a page that is already signed
// in needs none of it to answer account.get().
const sessions = lazy(() => import('../../services/sessions.js'));

/**
 * 1.9.6's JWT route (1.9 spec §6.20): `duration` 0..3600 s (default 900), 120 per user a minute, and the old
 * `/account/jwt` as an alias sharing its counters. 1.4's `/account/jwt` row is in sessions.ts.
 */
const createJwt: Omit<Route, 'path'> = {
  method: 'POST', scope: 'account', authMethod: 'jwt', behaviours: ['1.9'],
  rateLimit: { limit: 120, period: 60, keys: ['url:{url},userId:{userId}'] },
  params: [{ name: 'duration', validator: v19.range(0, 3600), optional: true, default: 900 }],
  action: async (ctx, p) => ({ status: 201, body: await (await sessions()).createJWT(ctx, p.duration as number) }),
};

export const jwtRoutes: Route[] = [
  { ...createJwt, path: '/account/jwts' },
  { ...createJwt, path: '/account/jwt', aliasOf: '/account/jwts' },
];
