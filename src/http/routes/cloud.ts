import { AppwriteError } from '../../errors/appwrite-error.js';
import { commonPasswords } from '../../validation/common-passwords.js';
import * as v from '../../validation/validators.js';
import * as v19 from '../../validation/validators-1-9.js';
import type { Route } from '../route.js';
import { lazy } from '../lazy.js';

const recovery = lazy(() => import('../../services/recovery.js'));
const verification = lazy(() => import('../../services/verification.js'));
const idToken = lazy(() => import('../../services/id-token.js'));
const providers = lazy(async () => v.whiteList((await import('../../services/oauth-providers.js')).OAUTH_PROVIDERS_19));

/*
 * Routes of Appwrite Cloud 2.x that SDK 27/28 call and 1.9.6 lacks (1.9 spec §7). They are served to formats
 * 2.0.0 and later (SDK 27 sends 2.0.0, SDK 28 2.3.0) and to requests without a format; older SDKs get 1.9.6's
 * 404 general_route_not_found (SDK 13's format: 1.4's), as from a real 1.9.6 server.
 * @note Best effort, from SDK 28's signatures and doc comments (confidence B) and, for the ID-token route, a
 * non-tag server branch (A/B); limits, errors and mail texts are by analogy with 1.9.6's link routes (C).
 */
const CLOUD = { behaviours: ['1.9'], sinceFormat: '2.0.0' } as const;

type Confirm = { userId: string; secret: string };

const notFound = async (): Promise<never> => {
  throw new AppwriteError('general_route_not_found');
};

export const cloudRoutes: Route[] = [
  {
    ...CLOUD, method: 'POST', path: '/account/recovery/otp', scope: 'public', audit: 'recovery.create',
    rateLimit: { limit: 10, keys: ['url:{url},email:{param-email}', 'url:{url},ip:{ip}'] },
    params: [
      { name: 'email', validator: v.email },
      { name: 'phrase', validator: v19.boolean, optional: true, default: false },
    ],
    action: async (ctx, p) => (await recovery()).createRecoveryOTP(ctx, p as { email: string; phrase: boolean }),
  },
  {
    ...CLOUD, method: 'PUT', path: '/account/recovery/otp', scope: 'public', audit: 'recovery.update',
    rateLimit: { limit: 10, keys: ['url:{url},userId:{param-userId}'] },
    params: [
      { name: 'userId', validator: v.uid },
      { name: 'secret', validator: v.text(256) },
      { name: 'password', validator: (core) => v19.newPasswordOf(core, commonPasswords) },
    ],
    action: async (ctx, p) => (await recovery()).updateRecovery(ctx, p as Confirm & { password: string }),
  },
  {
    ...CLOUD, method: 'POST', path: '/account/verifications/email/otp', scope: 'account', audit: 'verification.create',
    rateLimit: { limit: 10, keys: ['url:{url},userId:{userId}'] },
    params: [{ name: 'phrase', validator: v19.boolean, optional: true, default: false }],
    action: async (ctx, p) => (await verification()).createEmailVerificationOTP(ctx, p as { phrase: boolean }),
  },
  {
    ...CLOUD, method: 'PUT', path: '/account/verifications/email/otp', scope: 'public', audit: 'verification.update',
    rateLimit: { limit: 10, keys: ['url:{url},userId:{param-userId}'] },
    params: [{ name: 'userId', validator: v.uid }, { name: 'secret', validator: v.text(256) }],
    action: async (ctx, p) => (await verification()).updateVerification(ctx, p as Confirm),
  },
  {
    // @note Not in group `session`: a signed-in caller gets the account linked, as SDK 28's doc says (spec §7.1 caveat).
    ...CLOUD, method: 'POST', path: '/account/sessions/id-token', scope: 'public', audit: 'session.create', abuseReset: true,
    rateLimit: { limit: 10, keys: ['url:{url},ip:{ip}'] },
    params: [
      { name: 'provider', validator: providers },
      { name: 'idToken', validator: v19.text0(8192) },
      { name: 'nonce', validator: v19.text0(256), optional: true, default: '' },
      { name: 'accessToken', validator: v19.text0(4096), optional: true, default: '' },
      { name: 'name', validator: v19.text0(128), optional: true, default: '' },
    ],
    action: async (ctx, p) => (await idToken()).createIdTokenSession(ctx, p as import('../../services/id-token.js').IdTokenParams),
  },
  // @note Appwrite-as-OAuth2-provider consents (spec §7.5): the emulator grants none, so the lists are empty and every id is unknown.
  { ...CLOUD, method: 'GET', path: '/account/consents', scope: 'account', action: async () => ({ status: 200, body: { total: 0, consents: [] } }) },
  { ...CLOUD, method: 'GET', path: '/account/consents/:consentId', scope: 'account', action: notFound },
  { ...CLOUD, method: 'DELETE', path: '/account/consents/:consentId', scope: 'account', action: notFound },
  { ...CLOUD, method: 'GET', path: '/account/consents/:consentId/tokens', scope: 'account', action: async () => ({ status: 200, body: { total: 0, tokens: [] } }) },
  { ...CLOUD, method: 'GET', path: '/account/consents/:consentId/tokens/:tokenId', scope: 'account', action: notFound },
  { ...CLOUD, method: 'DELETE', path: '/account/consents/:consentId/tokens/:tokenId', scope: 'account', action: notFound },
];
