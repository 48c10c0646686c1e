import * as v from '../../validation/validators.js';
import * as v19 from '../../validation/validators-1-9.js';
import { allowedHosts } from '../allowed-hosts.js';
import type { Route } from '../route.js';
import { lazy } from '../lazy.js';

const verification = lazy(() => import('../../services/verification.js'));

type Confirm = { userId: string; secret: string };
const confirmParams = [{ name: 'userId', validator: v.uid }, { name: 'secret', validator: v.text(256) }];

/**
 * 1.9.6's verification routes (1.9 spec §6.39): `/account/verifications/email|phone`, with the old paths as
 * aliases (sharing their rate-limit counters). The services apply 1.9.6's rules by the request's behaviour.
 */
const create19: Omit<Route, 'path'> = {
  method: 'POST', scope: 'account', audit: 'verification.create', behaviours: ['1.9'],
  rateLimit: { limit: 10, keys: ['url:{url},userId:{userId}'] },
  params: [{ name: 'url', validator: v19.redirect }],
  action: async (ctx, p) => (await verification()).createVerification(ctx, p as { url: string }),
};
const confirm19: Omit<Route, 'path'> = {
  method: 'PUT', scope: 'public', audit: 'verification.update', behaviours: ['1.9'],
  rateLimit: { limit: 10, keys: ['url:{url},userId:{param-userId}'] },
  params: confirmParams,
  action: async (ctx, p) => (await verification()).updateVerification(ctx, p as Confirm),
};
const createPhone19: Omit<Route, 'path'> = {
  method: 'POST', scope: 'account', authMethod: 'phone', audit: 'verification.create', behaviours: ['1.9'],
  rateLimit: { limit: 10, keys: ['url:{url},userId:{userId}', 'url:{url},ip:{ip}'] },
  action: async (ctx) => (await verification()).createPhoneVerification(ctx),
};
const confirmPhone19: Omit<Route, 'path'> = {
  method: 'PUT', scope: 'public', audit: 'verification.update', behaviours: ['1.9'],
  rateLimit: { limit: 10, keys: ['userId:{param-userId}'] },
  params: confirmParams,
  action: async (ctx, p) => (await verification()).updatePhoneVerification(ctx, p as Confirm),
};

/** E-mail and phone verification: send the link or code, then confirm it. */
export const verificationRoutes: Route[] = [
  {
    method: 'POST', path: '/account/verification', scope: 'account', audit: 'verification.create', behaviours: ['1.4'],
    rateLimit: { limit: 10, keys: ['url:{url},userId:{userId}'] },
    params: [{ name: 'url', validator: (core) => v.host(allowedHosts(core)) }],
    action: async (ctx, p) => (await verification()).createVerification(ctx, p as { url: string }),
  },
  {
    method: 'PUT', path: '/account/verification', scope: 'public', audit: 'verification.update', behaviours: ['1.4'],
    rateLimit: { limit: 10, keys: ['url:{url},userId:{param-userId}'] },
    params: confirmParams,
    action: async (ctx, p) => (await verification()).updateVerification(ctx, p as Confirm),
  },
  {
    method: 'POST', path: '/account/verification/phone', scope: 'account', audit: 'verification.create', behaviours: ['1.4'],
    rateLimit: { limit: 10, keys: ['userId:{userId}'] },
    action: async (ctx) => (await verification()).createPhoneVerification(ctx),
  },
  {
    method: 'PUT', path: '/account/verification/phone', scope: 'public', audit: 'verification.update', behaviours: ['1.4'],
    rateLimit: { limit: 10, keys: ['userId:{param-userId}'] },
    params: confirmParams,
    action: async (ctx, p) => (await verification()).updatePhoneVerification(ctx, p as Confirm),
  },
  { ...create19, path: '/account/verifications/email' },
  { ...create19, path: '/account/verification', aliasOf: '/account/verifications/email' },
  { ...confirm19, path: '/account/verifications/email' },
  { ...confirm19, path: '/account/verification', aliasOf: '/account/verifications/email' },
  { ...createPhone19, path: '/account/verifications/phone' },
  { ...createPhone19, path: '/account/verification/phone', aliasOf: '/account/verifications/phone' },
  { ...confirmPhone19, path: '/account/verifications/phone' },
  { ...confirmPhone19, path: '/account/verification/phone', aliasOf: '/account/verifications/phone' },
];
