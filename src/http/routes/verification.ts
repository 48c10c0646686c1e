import * as v from '../../validation/validators.js';
import { allowedHosts } from '../handle.js';
import type { Route } from '../route.js';
import { lazy } from '../lazy.js';

const verification = lazy(() => import('../../services/verification.js'));

/** E-mail and phone verification: send the link or code, then confirm it. */
export const verificationRoutes: Route[] = [
  {
    method: 'POST', path: '/account/verification', scope: 'account', audit: 'verification.create',
    rateLimit: { limit: 10, keys: ['url:{url},userId:{userId}'] },
    params: [{ name: 'url', validator: (core) => v.host(allowedHosts(core)) }],
    action: async (ctx, p) => (await verification()).createVerification(ctx, p as { url: string }),
  },
  {
    method: 'PUT', path: '/account/verification', scope: 'public', audit: 'verification.update',
    rateLimit: { limit: 10, keys: ['url:{url},userId:{param-userId}'] },
    params: [{ name: 'userId', validator: v.uid }, { name: 'secret', validator: v.text(256) }],
    action: async (ctx, p) => (await verification()).updateVerification(ctx, p as { userId: string; secret: string }),
  },
  {
    method: 'POST', path: '/account/verification/phone', scope: 'account', audit: 'verification.create',
    rateLimit: { limit: 10, keys: ['userId:{userId}'] },
    action: async (ctx) => (await verification()).createPhoneVerification(ctx),
  },
  {
    method: 'PUT', path: '/account/verification/phone', scope: 'public', audit: 'verification.update',
    rateLimit: { limit: 10, keys: ['userId:{param-userId}'] },
    params: [{ name: 'userId', validator: v.uid }, { name: 'secret', validator: v.text(256) }],
    action: async (ctx, p) => (await verification()).updatePhoneVerification(ctx, p as { userId: string; secret: string }),
  },
];
