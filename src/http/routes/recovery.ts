import * as v from '../../validation/validators.js';
import { allowedHosts } from '../handle.js';
import type { Route } from '../route.js';
import { lazy } from '../lazy.js';

const recovery = lazy(() => import('../../services/recovery.js'));

/** Password recovery: the e-mailed reset link, then the new password. */
export const recoveryRoutes: Route[] = [
  {
    method: 'POST', path: '/account/recovery', scope: 'public', audit: 'recovery.create',
    // Two buckets, both counted: per e-mail and per IP (spec §2.3).
    rateLimit: { limit: 10, keys: ['url:{url},email:{param-email}', 'ip:{ip}'] },
    params: [
      { name: 'email', validator: v.email },
      { name: 'url', validator: (core) => v.host(allowedHosts(core)) },
    ],
    action: async (ctx, p) => (await recovery()).createRecovery(ctx, p as { email: string; url: string }),
  },
  {
    method: 'PUT', path: '/account/recovery', scope: 'public', audit: 'recovery.update',
    rateLimit: { limit: 10, keys: ['url:{url},userId:{param-userId}'] },
    params: [
      { name: 'userId', validator: v.uid },
      { name: 'secret', validator: v.text(256) },
      { name: 'password', validator: v.password },
      { name: 'passwordAgain', validator: v.password },
    ],
    action: async (ctx, p) => (await recovery()).updateRecovery(ctx, p as { userId: string; secret: string; password: string; passwordAgain: string }),
  },
];
