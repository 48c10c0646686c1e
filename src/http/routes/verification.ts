import * as verification from '../../services/verification.js';
import * as v from '../../validation/validators.js';
import { allowedHosts } from '../handle.js';
import type { Route } from '../route.js';

/** E-mail and phone verification: send the link or code, then confirm it. */
export const verificationRoutes: Route[] = [
  {
    method: 'POST', path: '/account/verification', scope: 'account', audit: 'verification.create',
    rateLimit: { limit: 10, keys: ['url:{url},userId:{userId}'] },
    params: [{ name: 'url', validator: (core) => v.host(allowedHosts(core)) }],
    action: (ctx, p) => verification.createVerification(ctx, p as { url: string }),
  },
  {
    method: 'PUT', path: '/account/verification', scope: 'public', audit: 'verification.update',
    rateLimit: { limit: 10, keys: ['url:{url},userId:{param-userId}'] },
    params: [{ name: 'userId', validator: v.uid }, { name: 'secret', validator: v.text(256) }],
    action: (ctx, p) => verification.updateVerification(ctx, p as { userId: string; secret: string }),
  },
  {
    method: 'POST', path: '/account/verification/phone', scope: 'account', audit: 'verification.create',
    rateLimit: { limit: 10, keys: ['userId:{userId}'] },
    action: (ctx) => verification.createPhoneVerification(ctx),
  },
  {
    method: 'PUT', path: '/account/verification/phone', scope: 'public', audit: 'verification.update',
    rateLimit: { limit: 10, keys: ['userId:{param-userId}'] },
    params: [{ name: 'userId', validator: v.uid }, { name: 'secret', validator: v.text(256) }],
    action: (ctx, p) => verification.updatePhoneVerification(ctx, p as { userId: string; secret: string }),
  },
];
