import { viewSession } from '../../services/shared.js';
import * as v from '../../validation/validators.js';
import * as v19 from '../../validation/validators-1-9.js';
import { lazy } from '../lazy.js';
import type { Route } from '../route.js';

// PATCH /account/sessions/{id} (few apps extend sessions) loads its service on first use.
const sessionUpdate = lazy(() => import('../../services/session-update.js'));

// Sign-in and session management load on the first such request (decisions/003): a page that is already signed
// in needs none of it to answer account.get().
const sessions = lazy(() => import('../../services/sessions.js'));

const emailSession: Omit<Route, 'path'> = {
  method: 'POST', scope: 'public', authMethod: 'emailPassword', audit: 'session.create', session: true,
  rateLimit: { limit: 10, keys: ['url:{url},email:{param-email}'] },
  abuseReset: true,
  params: [{ name: 'email', validator: v.email }, { name: 'password', validator: v.password, validator19: v19.password }],
  action: async (ctx, p) => (await sessions()).createEmailSession(ctx, p as { email: string; password: string }),
};

/** Sessions and JWTs: sign-in by e-mail or anonymously, listing, refresh and sign-out. */
export const sessionRoutes: Route[] = [
  {
    method: 'GET', path: '/account/sessions', scope: 'account',
    action: async (ctx) => ({ status: 200, body: await (await sessions()).listSessions(ctx) }),
  },
  {
    method: 'DELETE', path: '/account/sessions', scope: 'account', audit: 'session.delete',
    rateLimit: { limit: 100, keys: ['url:{url},ip:{ip}'] },
    action: async (ctx) => (await sessions()).deleteSessions(ctx),
  },
  {
    method: 'POST', path: '/account/sessions/anonymous', scope: 'public', authMethod: 'anonymous', audit: 'session.create', session: true,
    rateLimit: { limit: 50, keys: ['ip:{ip}'] },
    action: async (ctx) => (await sessions()).createAnonymousSession(ctx),
  },
  { ...emailSession, path: '/account/sessions/email' },
  { ...emailSession, path: '/account/sessions', aliasOf: '/account/sessions/email' },
  {
    method: 'GET', path: '/account/sessions/:sessionId', scope: 'account',
    params: [{ name: 'sessionId', validator: v.uid }],
    action: async (ctx, p) => ({ status: 200, body: viewSession(ctx, await (await sessions()).findSession(ctx, p.sessionId)) }),
  },
  {
    method: 'PATCH', path: '/account/sessions/:sessionId', scope: 'account', audit: 'session.update',
    rateLimit: { limit: 10, keys: ['url:{url},ip:{ip}'] },
    params: [{ name: 'sessionId', validator: v.uid }],
    action: async (ctx, p) => (await sessionUpdate()).updateSession(ctx, p.sessionId),
  },
  {
    // 1.9.6 group `mfa`: a session still waiting for its second factor can sign out.
    method: 'DELETE', path: '/account/sessions/:sessionId', scope: 'account', audit: 'session.delete', mfa: true,
    rateLimit: { limit: 100, keys: ['url:{url},ip:{ip}'] },
    params: [{ name: 'sessionId', validator: v.uid }],
    action: async (ctx, p) => (await sessions()).deleteSession(ctx, p.sessionId),
  },
  {
    // 1.9.6's JWT routes (duration, other limits) are in jwts.ts.
    method: 'POST', path: '/account/jwt', scope: 'account', authMethod: 'jwt', behaviours: ['1.4'],
    rateLimit: { limit: 100, keys: ['url:{url},userId:{userId}'] },
    action: async (ctx) => ({ status: 201, body: await (await sessions()).createJWT(ctx) }),
  },
];
