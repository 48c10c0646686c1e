import type { EmulatorCore } from '../../core.js';
import { commonPasswords } from '../../validation/common-passwords.js';
import * as v from '../../validation/validators.js';
import * as v19 from '../../validation/validators-1-9.js';
import { allowedHosts } from '../allowed-hosts.js';
import type { Route } from '../route.js';
import { lazy } from '../lazy.js';

const recovery = lazy(() => import('../../services/recovery.js'));

/** 1.9.6's new-password validator: strength, then the dictionary when it is on (1.9 spec §6.0). */
const newPassword19 = (core: EmulatorCore) => v19.newPasswordOf(core, commonPasswords);

/** Password recovery: the e-mailed reset link, then the new password. */
export const recoveryRoutes: Route[] = [
  {
    method: 'POST', path: '/account/recovery', scope: 'public', audit: 'recovery.create', behaviours: ['1.4'],
    // Two buckets, both counted: per e-mail and per IP (spec §2.3).
    rateLimit: { limit: 10, keys: ['url:{url},email:{param-email}', 'ip:{ip}'] },
    params: [
      { name: 'email', validator: v.email },
      { name: 'url', validator: (core) => v.host(allowedHosts(core)) },
    ],
    action: async (ctx, p) => (await recovery()).createRecovery(ctx, p as { email: string; url: string }),
  },
  {
    // 1.9.6 (1.9 spec §6.28): a Redirect `url`, and the IP bucket is per route too.
    method: 'POST', path: '/account/recovery', scope: 'public', audit: 'recovery.create', behaviours: ['1.9'],
    rateLimit: { limit: 10, keys: ['url:{url},email:{param-email}', 'url:{url},ip:{ip}'] },
    params: [
      { name: 'email', validator: v.email },
      { name: 'url', validator: v19.redirect },
    ],
    action: async (ctx, p) => (await recovery()).createRecovery(ctx, p as { email: string; url: string }),
  },
  {
    method: 'PUT', path: '/account/recovery', scope: 'public', audit: 'recovery.update', behaviours: ['1.4'],
    rateLimit: { limit: 10, keys: ['url:{url},userId:{param-userId}'] },
    params: [
      { name: 'userId', validator: v.uid },
      { name: 'secret', validator: v.text(256) },
      { name: 'password', validator: v.password },
      { name: 'passwordAgain', validator: v.password },
    ],
    action: async (ctx, p) => (await recovery()).updateRecovery(ctx, p as { userId: string; secret: string; password: string; passwordAgain: string }),
  },
  {
    // 1.9.6 (1.9 spec §6.29): no `passwordAgain`; the new password must pass strength and dictionary.
    method: 'PUT', path: '/account/recovery', scope: 'public', audit: 'recovery.update', behaviours: ['1.9'],
    rateLimit: { limit: 10, keys: ['url:{url},userId:{param-userId}'] },
    params: [
      { name: 'userId', validator: v.uid },
      { name: 'secret', validator: v.text(256) },
      { name: 'password', validator: newPassword19 },
    ],
    action: async (ctx, p) => (await recovery()).updateRecovery(ctx, p as { userId: string; secret: string; password: string }),
  },
];
