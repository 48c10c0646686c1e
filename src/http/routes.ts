import type { Route } from './route.js';
import type { LazyRouteGroup } from './router.js';
import { accountRoutes } from './routes/account.js';
import { cloudRoutes } from './routes/cloud.js';
import { identityRoutes } from './routes/identities.js';
import { jwtRoutes } from './routes/jwts.js';
import { magicUrlRoutes } from './routes/magic-url.js';
import { oauth2Routes } from './routes/oauth2.js';
import { phoneRoutes } from './routes/phone.js';
import { pingRoutes } from './routes/ping.js';
import { recoveryRoutes } from './routes/recovery.js';
import { sessionRoutes } from './routes/sessions.js';
import { targetRoutes } from './routes/targets.js';
import { tokenRoutes } from './routes/tokens.js';
import { verificationRoutes } from './routes/verification.js';

/** The whole route table: one group per file under routes/. */
export const routes: Route[] = [
  ...accountRoutes, ...sessionRoutes, ...identityRoutes,
  ...magicUrlRoutes, ...phoneRoutes, ...tokenRoutes, ...recoveryRoutes, ...verificationRoutes,
  ...oauth2Routes,
  ...jwtRoutes, ...targetRoutes, ...pingRoutes,
  ...cloudRoutes,
];

/**
 * Route groups whose tables load on their first request (decisions/003): 1.9.6's MFA.
 */
export const lazyRouteGroups: LazyRouteGroup[] = [
  { paths: /^\/account\/mfa(\/|$)/, load: async () => (await import('./routes/mfa.js')).mfaRoutes },
];

/** Every route, the lazy groups' included (for tests that walk the whole table). */
export async function allRoutes(): Promise<Route[]> {
  return [...routes, ...(await Promise.all(lazyRouteGroups.map((g) => g.load()))).flat()];
}
