import { AppwriteError } from '../errors/appwrite-error.js';
import { sessionExpiry } from '../http/caller.js';
import type { RequestContext } from '../http/context.js';
import { asUnsaved, toSession } from '../models/models.js';
import type { SessionRecord } from '../storage/records.js';
import { findSession } from './sessions.js';
import { currentUser } from './shared.js';

/**
 * PATCH /account/sessions/{id}. 1.4 refreshes an OAuth2 session's provider tokens with the emulated provider and
 * answers 501 for every other session (no OAuth adapter). 1.9.6 extends any session to now + the session length,
 * refreshing provider tokens too when the session has a refresh token. Both answer `current: false` and an empty
 * `countryName` here, an Appwrite quirk.
 */
export async function updateSession(ctx: RequestContext, sessionId: string) {
  const session = await findSession(ctx, sessionId);
  const { isOAuthProvider } = await import('./oauth-providers.js');
  const isOAuth = isOAuthProvider(session.provider);
  if (ctx.behaviour === '1.4' && !isOAuth) throw new AppwriteError('project_provider_unsupported');
  const db = await ctx.core.db();
  const now = ctx.now.getTime();
  let refreshed: SessionRecord = { ...session };
  if (ctx.behaviour === '1.9') refreshed = { ...refreshed, expire: now + ctx.core.config.auth.sessionLength * 1000, $updatedAt: now };
  if (isOAuth && (ctx.behaviour === '1.4' || session.providerRefreshToken)) {
    // The emulated provider's refresh grant; the identity keeps its tokens (Appwrite updates only the session).
    // The emulated provider loads with the OAuth2 routes, on demand (see http/lazy.ts).
    const { refreshTokens } = await import('./oauth2-provider.js');
    const tokens = refreshTokens(ctx, session.providerRefreshToken);
    refreshed = {
      ...refreshed,
      providerAccessToken: tokens.accessToken,
      providerRefreshToken: tokens.refreshToken,
      providerAccessTokenExpiry: now + tokens.expiresIn * 1000,
    };
  }
  await db.sessions.put(refreshed);
  const body = toSession(refreshed, { current: false, expire: sessionExpiry(refreshed, ctx.core.config.auth.sessionLength, ctx.behaviour), countryName: '' });
  if (ctx.behaviour === '1.9') {
    const set = refreshed.providerAccessTokenExpiry !== session.providerAccessTokenExpiry
      ? { expire: refreshed.expire, providerAccessTokenExpiry: refreshed.providerAccessTokenExpiry! }
      : { expire: refreshed.expire };
    asUnsaved(body, session.$updatedAt ?? session.$createdAt, set);
  }
  return {
    status: 200,
    body,
    auditUser: currentUser(ctx),
  };
}
