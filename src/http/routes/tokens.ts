import * as v from '../../validation/validators.js';
import * as v19 from '../../validation/validators-1-9.js';
import type { Route } from '../route.js';
import { lazy } from '../lazy.js';

const magicUrl = lazy(() => import('../../services/magic-url.js'));
const emailToken = lazy(() => import('../../services/email-token.js'));
const phone = lazy(() => import('../../services/phone.js'));
const tokenSession = lazy(() => import('../../services/token-session.js'));

/*
 * Appwrite 1.9.6's token sign-ins (1.9 spec §6.11-6.13, §6.17-6.19): a token is created (magic URL, e-mail code,
 * phone code), then traded for a session. The 1.4 rows of the shared paths live in magic-url.ts and phone.ts.
 */
const ONLY_1_9 = ['1.9'] as const;

const magicUrlToken: Omit<Route, 'path'> = {
  method: 'POST', scope: 'public', behaviours: ONLY_1_9, authMethod: 'magicURL', audit: 'session.create',
  rateLimit: { limit: 60, keys: ['url:{url},email:{param-email}', 'url:{url},ip:{ip}'] },
  params: [
    { name: 'userId', validator: v.customId },
    { name: 'email', validator: v.email },
    { name: 'url', validator: v19.redirect, optional: true, default: '' },
    { name: 'phrase', validator: v19.boolean, optional: true, default: false },
  ],
  action: async (ctx, p) => (await magicUrl()).createMagicURLToken(ctx, p as { userId: string; email: string; url: string; phrase: boolean }),
};

const phoneToken: Omit<Route, 'path'> = {
  method: 'POST', scope: 'public', behaviours: ONLY_1_9, authMethod: 'phone', audit: 'session.create',
  rateLimit: { limit: 10, keys: ['url:{url},phone:{param-phone}', 'url:{url},ip:{ip}'] },
  params: [{ name: 'userId', validator: v.customId }, { name: 'phone', validator: v19.phone }],
  action: async (ctx, p) => (await phone()).createPhoneToken(ctx, p as { userId: string; phone: string }),
};

/**
 * The token-for-session trade: three routes of their own in 1.9.6 (not aliases), whose one key has no `{url}`.
 * `secretChars`: PUT /account/sessions/magic-url hands `$createSession` a magic-URL token proof (ProofsToken(64),
 * account.php:2826), which also makes the session's secret: 64 hex chars instead of 256.
 */
function tokenForSession(method: 'POST' | 'PUT', path: string, abuseReset: boolean, secretChars?: number): Route {
  return {
    method, path, scope: 'public', behaviours: ONLY_1_9, session: true, abuseReset, audit: 'session.create',
    rateLimit: { limit: 10, keys: ['ip:{ip},userId:{param-userId}'] },
    params: [{ name: 'userId', validator: v.customId }, { name: 'secret', validator: v.text(256) }],
    action: async (ctx, p) => (await tokenSession()).createSession(ctx, p as { userId: string; secret: string }, { secretChars }),
  };
}

export const tokenRoutes: Route[] = [
  { ...magicUrlToken, path: '/account/tokens/magic-url' },
  { ...magicUrlToken, path: '/account/sessions/magic-url', aliasOf: '/account/tokens/magic-url' },
  {
    method: 'POST', path: '/account/tokens/email', scope: 'public', behaviours: ONLY_1_9, authMethod: 'emailOtp', audit: 'session.create',
    rateLimit: { limit: 10, keys: ['url:{url},email:{param-email}', 'url:{url},ip:{ip}'] },
    params: [
      { name: 'userId', validator: v.customId },
      { name: 'email', validator: v.email },
      { name: 'phrase', validator: v19.boolean, optional: true, default: false },
    ],
    action: async (ctx, p) => (await emailToken()).createEmailToken(ctx, p as { userId: string; email: string; phrase: boolean }),
  },
  { ...phoneToken, path: '/account/tokens/phone' },
  { ...phoneToken, path: '/account/sessions/phone', aliasOf: '/account/tokens/phone' },
  tokenForSession('POST', '/account/sessions/token', true),
  // Deprecated since 1.6 (replaced by createSession); they accept any sign-in token, as POST sessions/token does.
  tokenForSession('PUT', '/account/sessions/magic-url', true, 64),
  tokenForSession('PUT', '/account/sessions/phone', false),
];
