import * as v from '../../validation/validators.js';
import { allowedHosts } from '../allowed-hosts.js';
import type { Route } from '../route.js';
import { lazy } from '../lazy.js';

const magicUrl = lazy(() => import('../../services/magic-url.js'));

/** Magic URL sign-in as Appwrite 1.4 has it: the e-mailed link, then its confirmation. 1.9.6's rows: tokens.ts. */
export const magicUrlRoutes: Route[] = [
  {
    // @note In 1.4 magic URL can't be disabled (spec §1 step 11); our `auth.methods.magicURL: false` gates this route with 501.
    method: 'POST', path: '/account/sessions/magic-url', scope: 'public', behaviours: ['1.4'], authMethod: 'magicURL', audit: 'session.create',
    rateLimit: { limit: 10, keys: ['url:{url},email:{param-email}'] },
    params: [
      { name: 'userId', validator: v.customId },
      { name: 'email', validator: v.email },
      { name: 'url', validator: (core) => v.host(allowedHosts(core)), optional: true, default: '' },
    ],
    action: async (ctx, p) => (await magicUrl()).createMagicURLSession(ctx, p as { userId: string; email: string; url: string }),
  },
  {
    method: 'PUT', path: '/account/sessions/magic-url', scope: 'public', behaviours: ['1.4'], audit: 'session.update',
    rateLimit: { limit: 10, keys: ['url:{url},userId:{param-userId}'] },
    params: [{ name: 'userId', validator: v.customId }, { name: 'secret', validator: v.text(256) }],
    action: async (ctx, p) => (await magicUrl()).updateMagicURLSession(ctx, p as { userId: string; secret: string }),
  },
];
