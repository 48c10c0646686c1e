import type { Route } from './route.js';
import { accountRoutes } from './routes/account.js';
import { identityRoutes } from './routes/identities.js';
import { oauth2Routes } from './routes/oauth2.js';
import { sessionRoutes } from './routes/sessions.js';

/** The whole route table: one group per file under routes/. */
export const routes: Route[] = [...accountRoutes, ...sessionRoutes, ...identityRoutes, ...oauth2Routes];
