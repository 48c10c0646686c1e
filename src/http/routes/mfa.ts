import { createMfaAuthenticator, deleteMfaAuthenticator, updateMfaAuthenticator } from '../../services/mfa/authenticators.js';
import { createMfaChallenge, updateMfaChallenge } from '../../services/mfa/challenges.js';
import { listMfaFactors, requireRecentChallenge, updateMFA } from '../../services/mfa/factors.js';
import { createMfaRecoveryCodes, getMfaRecoveryCodes, updateMfaRecoveryCodes } from '../../services/mfa/recovery-codes.js';
import { currentUser } from '../../services/shared.js';
import { AppwriteError } from '../../errors/appwrite-error.js';
import type { RequestContext } from '../context.js';
import * as v from '../../validation/validators.js';
import * as v19 from '../../validation/validators-1-9.js';
import type { Route } from '../route.js';

/**
 * emulator.mfa's implementation, exported from this module so that it and the route group load as one chunk: two
 * lazy chunks sharing TOTP made Rolldown split start-up modules into extra chunks (decisions/003).
 */
export * as mfaTestApi from '../../services/mfa/test-api.js';

/*
 * 1.9.6's MFA routes (1.9 spec §6.30-6.35), absent for SDK 13 (Appwrite 1.4 has no MFA: 404). The table loads
 * with its services on the first request under /account/mfa (routes.ts, decisions/003). `mfa: true` rows are
 * 1.9.6's group `mfa` (served before the second factor); `before: requireRecentChallenge` its `mfaProtected`.
 * SDK 14/15 send `otp` on DELETE authenticators: no param reads it, as Appwrite's request filter drops it.
 */
const MFA = { behaviours: ['1.9'], scope: 'account' } as const;
const type = { name: 'type', validator: v19.whiteListLoose(['totp']) };

/**
 * The authenticator `type` after the list: utopia's non-strict WhiteList (validators 0.2.6, WhiteList.php:44-48,
 * 111-113) passes `TOTP` as sent, then the action's `match ($type)` compares strictly with `totp`. Another spelling
 * is `Unknown type.` on create (MFA/Authenticators/Create.php:98-101) and finds no authenticator on update and delete
 * (Update.php:99-106, Delete.php:93-100).
 */
function knownType(ctx: RequestContext, p: Record<string, unknown>, otherwise: () => AppwriteError) {
  if (p.type !== 'totp') throw otherwise();
  return currentUser(ctx);
}
const unknownType = () => new AppwriteError('general_argument_invalid', 'Unknown type.');
const noAuthenticator = () => new AppwriteError('user_authenticator_not_found');

const createChallenge: Omit<Route, 'path'> = {
  ...MFA, method: 'POST', mfa: true, audit: 'challenge.create',
  rateLimit: { limit: 10, keys: ['url:{url},userId:{userId}'] },
  params: [{ name: 'factor', validator: v19.whiteListLoose(['email', 'phone', 'totp', 'recoveryCode']) }],
  action: (ctx, p) => createMfaChallenge(ctx, currentUser(ctx), p.factor),
};

const updateChallenge: Omit<Route, 'path'> = {
  ...MFA, method: 'PUT', mfa: true, audit: 'challenges.update',
  rateLimit: { limit: 10, keys: ['url:{url},challengeId:{param-challengeId}'] },
  params: [{ name: 'challengeId', validator: v.text(256) }, { name: 'otp', validator: v.text(256) }],
  action: (ctx, p) => updateMfaChallenge(ctx, currentUser(ctx), p as { challengeId: string; otp: string }),
};

export const mfaRoutes: Route[] = [
  {
    ...MFA, method: 'PATCH', path: '/account/mfa', audit: 'user.update',
    params: [{ name: 'mfa', validator: v19.boolean }],
    action: (ctx, p) => updateMFA(ctx, currentUser(ctx), p.mfa),
  },
  { ...MFA, method: 'GET', path: '/account/mfa/factors', mfa: true, action: (ctx) => listMfaFactors(ctx, currentUser(ctx)) },
  {
    // No audit: MFAType has no $id (MFA/Authenticators/Create.php:44, shared/api.php:912-918).
    ...MFA, method: 'POST', path: '/account/mfa/authenticators/:type', params: [type],
    action: (ctx, p) => createMfaAuthenticator(ctx, knownType(ctx, p, unknownType)),
  },
  {
    ...MFA, method: 'PUT', path: '/account/mfa/authenticators/:type', audit: 'user.update',
    params: [type, { name: 'otp', validator: v.text(256) }],
    action: (ctx, p) => updateMfaAuthenticator(ctx, knownType(ctx, p, noAuthenticator), p.otp),
  },
  {
    ...MFA, method: 'DELETE', path: '/account/mfa/authenticators/:type', audit: 'user.update', before: requireRecentChallenge,
    params: [type],
    action: (ctx, p) => deleteMfaAuthenticator(ctx, knownType(ctx, p, noAuthenticator)),
  },
  {
    // No audit: MFARecoveryCodes has no $id (MFA/RecoveryCodes/Create.php:38, shared/api.php:912-918).
    ...MFA, method: 'POST', path: '/account/mfa/recovery-codes',
    action: (ctx) => createMfaRecoveryCodes(ctx, currentUser(ctx)),
  },
  {
    ...MFA, method: 'GET', path: '/account/mfa/recovery-codes', before: requireRecentChallenge,
    action: async (ctx) => getMfaRecoveryCodes(currentUser(ctx)),
  },
  {
    // No audit: MFARecoveryCodes has no $id (MFA/RecoveryCodes/Update.php:38, shared/api.php:912-918).
    ...MFA, method: 'PATCH', path: '/account/mfa/recovery-codes', before: requireRecentChallenge,
    action: (ctx) => updateMfaRecoveryCodes(ctx, currentUser(ctx)),
  },
  // SDK 14 to 21.4 call /challenge, 21.5+ /challenges: 1.9.6 registers the old path as an alias (httpAlias,
  // MFA/Challenges/Create.php:53, Update.php:36), so both share their rate-limit counters.
  { ...createChallenge, path: '/account/mfa/challenges' },
  { ...createChallenge, path: '/account/mfa/challenge', aliasOf: '/account/mfa/challenges' },
  { ...updateChallenge, path: '/account/mfa/challenges' },
  { ...updateChallenge, path: '/account/mfa/challenge', aliasOf: '/account/mfa/challenges' },
];
