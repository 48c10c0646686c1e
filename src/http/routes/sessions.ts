import { viewSession } from '../../services/shared.js';
import * as sessions from '../../services/sessions.js';
import * as v from '../../validation/validators.js';
import type { Route } from '../route.js';
import { lazy } from '../lazy.js';

// PATCH /account/sessions/{id} (few apps extend sessions) loads its service on first use.
const sessionUpdate = lazy(() => import('../../services/session-update.js'));

const emailSession: Omit<Route, 'path'> = {
  method: 'POST', scope: 'public', authMethod: 'emailPassword', audit: 'session.create', session: true,
  rateLimit: { limit: 10, keys: ['url:{url},email:{param-email}'] },
  abuseReset: true,
  params: [{ name: 'email', validator: v.email }, { name: 'password', validator: v.password }],
  action: (ctx, p) => sessions.createEmailSession(ctx, p as { email: string; password: string }),
};

/** Sessions and JWTs: sign-in by e-mail or anonymously, listing, refresh and sign-out. */
export const sessionRoutes: Route[] = [
  {
    method: 'GET', path: '/account/sessions', scope: 'account',
    action: async (ctx) => ({ status: 200, body: await sessions.listSessions(ctx) }),
  },
  {
    method: 'DELETE', path: '/account/sessions', scope: 'account', audit: 'session.delete',
    rateLimit: { limit: 100, keys: ['url:{url},ip:{ip}'] },
    action: (ctx) => sessions.deleteSessions(ctx),
  },
  {
    method: 'POST', path: '/account/sessions/anonymous', scope: 'public', authMethod: 'anonymous', audit: 'session.create', session: true,
    rateLimit: { limit: 50, keys: ['ip:{ip}'] },
    action: (ctx) => sessions.createAnonymousSession(ctx),
  },
  { ...emailSession, path: '/account/sessions/email' },
  { ...emailSession, path: '/account/sessions' },
  {
    method: 'GET', path: '/account/sessions/:sessionId', scope: 'account',
    params: [{ name: 'sessionId', validator: v.uid }],
    action: async (ctx, p) => ({ status: 200, body: viewSession(ctx, await sessions.findSession(ctx, p.sessionId)) }),
  },
  {
    method: 'PATCH', path: '/account/sessions/:sessionId', scope: 'account', audit: 'session.update',
    rateLimit: { limit: 10, keys: ['url:{url},ip:{ip}'] },
    params: [{ name: 'sessionId', validator: v.uid }],
    action: async (ctx, p) => (await sessionUpdate()).updateSession(ctx, p.sessionId),
  },
  {
    method: 'DELETE', path: '/account/sessions/:sessionId', scope: 'account', audit: 'session.delete',
    rateLimit: { limit: 100, keys: ['url:{url},ip:{ip}'] },
    params: [{ name: 'sessionId', validator: v.uid }],
    action: (ctx, p) => sessions.deleteSession(ctx, p.sessionId),
  },
  {
    // 1.9.6's JWT routes (duration, other limits) are in jwts.ts.
    method: 'POST', path: '/account/jwt', scope: 'account', authMethod: 'jwt', behaviours: ['1.4'],
    rateLimit: { limit: 100, keys: ['url:{url},userId:{userId}'] },
    action: async (ctx) => ({ status: 201, body: await sessions.createJWT(ctx) }),
  },
];
