/**
 * Appwrite 1.4's OAuth2 sign-in (spec §8.21 and §9): the start route that sends the browser to the provider, the
 * callback that forwards to the redirect route, and the redirect route that turns the provider's answer into a
 * user, an identity and a session.
 */
import { AppwriteError } from '../errors/appwrite-error.js';
import type { ErrorType } from '../errors/error-types.js';
import { encodeSession } from '../http/caller.js';
import type { RequestContext, RouteResult } from '../http/context.js';
import { mergeQuery } from '../inbox/links.js';
import type { IdentityRecord, UserRecord } from '../storage/records.js';
import { parseUrl } from '../validation/validators.js';
import { addUser, assertEmailNotInIdentities, assertUserLimit, newUser, withKeys } from './account.js';
import { providerName, type OAuthProvider } from './oauth-providers.js';
import { ProviderError, exchangeCode, type ProviderTokens } from './oauth2-provider.js';
import { authorizeUrl, callbackUrl, cookieDomain, httpBuildQuery, phpJsonEncode, redirectRouteUrl } from './oauth2-urls.js';
import { startSession } from './sessions.js';
import { apiPageUrl, isConstraintError, newId } from './shared.js';

const NO_CACHE = { 'Cache-Control': 'no-store, no-cache, must-revalidate, max-age=0', Pragma: 'no-cache' };

/** The default success/failure pages are on the API's host (with its port, see apiPageUrl). */
const defaultUrl = (ctx: RequestContext, kind: 'success' | 'failure') => apiPageUrl(ctx, `/auth/oauth2/${kind}`);

/** GET /account/sessions/oauth2/{provider}: 301 to the (emulated) provider's authorization page. */
export function createOAuth2Session(ctx: RequestContext, p: { provider: OAuthProvider; success: string; failure: string; scopes: string[] }): RouteResult {
  const { config } = ctx.core;
  const state = phpJsonEncode({ success: p.success || defaultUrl(ctx, 'success'), failure: p.failure || defaultUrl(ctx, 'failure') });
  const query = httpBuildQuery({
    client_id: config.projectId,
    redirect_uri: callbackUrl(config, p.provider),
    response_type: 'code',
    scope: p.scopes.join(' '),
    state,
    // The emulator's own routing: its provider pages are answered by the same pipeline, which needs the project.
    project: config.projectId,
  });
  return { status: 301, location: `${authorizeUrl(config, p.provider)}?${query}`, headers: NO_CACHE };
}

export interface CallbackParams {
  provider: OAuthProvider;
  project: string;
  code: string;
  state: string;
  error: string;
  error_description: string;
}

/** GET|POST /account/sessions/oauth2/callback/{provider}/{projectId}: only forwards everything to the redirect route. */
export function oauth2Callback(ctx: RequestContext, p: CallbackParams): RouteResult {
  const query = httpBuildQuery({ project: p.project, code: p.code, state: p.state, error: p.error, error_description: p.error_description });
  return { status: 301, location: `${redirectRouteUrl(ctx.core.config, p.provider)}?${query}`, headers: NO_CACHE };
}

/** An error Appwrite sends to the failure URL (when there is one) instead of answering it. */
class Redirectable extends Error {
  constructor(readonly error: AppwriteError, readonly code: number = error.code) {
    super(error.message);
  }
}

const redirectable = (type: ErrorType, message?: string, code?: number) => new Redirectable(new AppwriteError(type, message), code);

interface State {
  success: unknown;
  failure: unknown;
}

/** The state is JSON merged over the defaults (success: the project URL, none here; failure: none). */
function parseState(raw: string): State {
  const defaults: State = { success: '', failure: '' };
  if (!raw) return defaults;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = undefined;
  }
  // PHP's array_merge() fails on anything json_decode does not turn into an array.
  if (parsed === null || typeof parsed !== 'object') {
    throw new AppwriteError('general_server_error', 'Failed to parse login state params as passed from OAuth2 provider');
  }
  return Array.isArray(parsed) ? defaults : { ...defaults, ...(parsed as Partial<State>) };
}

const isUrl = (value: unknown): value is string => typeof value === 'string' && parseUrl(value) !== null;

/**
 * GET /account/sessions/oauth2/{provider}/redirect (spec §9.2 step 3). Errors before the URLs are known are
 * answered; later ones go to the failure URL as `?error={"message","type","code"}` where Appwrite does so.
 */
export async function oauth2Redirect(ctx: RequestContext, p: Omit<CallbackParams, 'project'>): Promise<RouteResult> {
  const state = parseState(p.state);
  if (!isUrl(state.success)) throw new AppwriteError('project_invalid_success_url');
  if (state.failure && !isUrl(state.failure)) throw new AppwriteError('project_invalid_failure_url');
  const failure = typeof state.failure === 'string' ? state.failure : '';
  try {
    return await signIn(ctx, p, state.success);
  } catch (error) {
    if (!(error instanceof Redirectable)) throw error;
    if (!failure) throw error.error;
    const { message, type } = error.error;
    // No audit user: a failed sign-in writes no log entry.
    return { status: 301, location: mergeQuery(failure, { error: phpJsonEncode({ message, type, code: error.code }) }), headers: NO_CACHE };
  }
}

async function signIn(ctx: RequestContext, p: Omit<CallbackParams, 'project'>, success: string): Promise<RouteResult> {
  const name = providerName(p.provider);
  if (p.error) {
    const detail = p.error_description ? `${p.error}: ${p.error_description}` : p.error;
    throw redirectable('user_oauth2_provider_error', `The ${name} OAuth2 provider returned an error: ${detail}`);
  }
  if (!p.code) throw redirectable('user_oauth2_provider_error', 'Missing OAuth2 code. Please contact the Appwrite team for additional support.');

  let tokens: ProviderTokens;
  try {
    tokens = await exchangeCode(ctx, p.provider, p.code);
  } catch (error) {
    if (!(error instanceof ProviderError)) throw error;
    const type = error.status === 400 ? 'user_oauth2_bad_request' : error.status === 401 ? 'user_oauth2_unauthorized' : 'user_oauth2_provider_error';
    throw redirectable(type, `Failed to obtain access token. The ${name} OAuth2 provider returned an error: ${error.message}`, error.status);
  }
  const { providerUid, email } = tokens.user;
  if (!providerUid) throw redirectable('user_missing_id');

  const { user, isNew } = await selectUser(ctx, p.provider, tokens.user);
  if (!user.status) throw redirectable('user_blocked');

  const identity = await upsertIdentity(ctx, user, p.provider, tokens);
  const updated = withKeys({
    ...user,
    email: user.email || email || null,
    name: user.name || tokens.user.name,
    status: true,
    $updatedAt: ctx.now.getTime(),
  });
  if (!user.email && email) await assertEmailFree(ctx, email, user.$id);

  let result: Awaited<ReturnType<typeof startSession>>;
  try {
    result = await startSession(ctx, updated, {
      provider: p.provider,
      factors: ['email', 'oauth2'],
      providerUid,
      providerAccessToken: tokens.accessToken,
      providerRefreshToken: tokens.refreshToken,
      providerAccessTokenExpiry: ctx.now.getTime() + tokens.expiresIn * 1000,
    }, async (db) => {
      // (a) a signed-in browser's session is replaced by the new one.
      if (ctx.user && ctx.session) await db.sessions.delete(ctx.session.$id);
      if (isNew) await addUser(ctx, db, updated);
      else await db.users.put(updated);
      await db.identities.put(identity);
    });
  } catch (error) {
    // The user limit, reached by a parallel sign-up meanwhile, goes to the failure URL as the early check does.
    if (isNew && error instanceof AppwriteError && error.type === 'user_count_exceeded') throw new Redirectable(error);
    if (!isConstraintError(error)) throw error;
    // Another request took the id or e-mail meanwhile: Appwrite's Duplicate on create goes to the failure URL.
    if (isNew) throw redirectable('user_already_exists');
    throw new AppwriteError('user_already_exists');
  }

  let location = success;
  if (parseUrl(success)?.pathname === '/auth/oauth2/success' && result.sessionCookie) {
    // Appwrite's default success page (for non-web platforms) receives the session in its query.
    const { config } = ctx.core;
    location = mergeQuery(success, {
      project: config.projectId,
      domain: cookieDomain(config),
      key: `a_session_${config.projectId}`,
      secret: encodeSession(result.sessionCookie.userId, result.sessionCookie.secret),
    });
  }
  return { status: 301, location, headers: NO_CACHE, sessionCookie: result.sessionCookie, auditUser: updated };
}

/**
 * Which user signs in (spec §9.2): (a) the signed-in caller; (b) the user of a session with the same provider
 * account; (c) the user with the same e-mail (account linking); (d) the user of an identity with the same
 * provider account; (e) a new user with a verified e-mail and no password.
 */
async function selectUser(ctx: RequestContext, provider: OAuthProvider, account: ProviderTokens['user']): Promise<{ user: UserRecord; isNew: boolean }> {
  const db = await ctx.core.db();
  const { providerUid, email, name } = account;
  if (ctx.user) {
    if (email) {
      const others = await db.identities.where('providerEmail').equalsIgnoreCase(email).toArray();
      if (others.some((i) => i.userId !== ctx.user!.$id)) throw new AppwriteError('user_already_exists');
    }
    return { user: ctx.user, isNew: false };
  }
  const session = await db.sessions.filter((s) => s.provider === provider && s.providerUid === providerUid).first();
  const bySession = session ? await db.users.get(session.userId) : undefined;
  if (bySession) return { user: bySession, isNew: false };

  if (!email) throw new AppwriteError('user_unauthorized', 'OAuth provider failed to return email.');
  const byEmail = await db.users.where('emailKey').equals(email.toLowerCase()).first();
  if (byEmail) return { user: byEmail, isNew: false };

  const identity = await db.identities.where('[provider+providerUid]').equals([provider, providerUid]).first();
  const byIdentity = identity ? await db.users.get(identity.userId) : undefined;
  if (byIdentity) return { user: byIdentity, isNew: false };

  try {
    await assertUserLimit(ctx);
  } catch (error) {
    if (error instanceof AppwriteError) throw new Redirectable(error);
    throw error;
  }
  await assertEmailNotInIdentities(ctx, email);
  // A new user keeps the provider's e-mail as given (spec §6); the lookup key is lower-cased.
  return { user: newUser(ctx, newId(ctx), { email, name, emailVerification: true }), isNew: true };
}

/** The user's identity for this provider account, created or given fresh tokens (not written yet). */
async function upsertIdentity(ctx: RequestContext, user: UserRecord, provider: OAuthProvider, tokens: ProviderTokens): Promise<IdentityRecord> {
  const db = await ctx.core.db();
  const { providerUid, email } = tokens.user;
  const now = ctx.now.getTime();
  const fresh = {
    providerAccessToken: tokens.accessToken,
    providerRefreshToken: tokens.refreshToken,
    providerAccessTokenExpiry: now + tokens.expiresIn * 1000,
    $updatedAt: now,
  };
  const existing = await db.identities.where('[provider+providerUid]').equals([provider, providerUid])
    .filter((i) => i.userId === user.$id).first();
  if (existing) return { ...existing, ...fresh };
  if (email) await assertEmailNotInIdentities(ctx, email, user.$id);
  return { $id: newId(ctx), $createdAt: now, userId: user.$id, provider, providerUid, providerEmail: email, ...fresh };
}

/**
 * Filling an empty e-mail (an anonymous user converting) with one another user has.
 * @note Appwrite 1.4 fails here with an unhandled duplicate (a 500); we answer 409 user_already_exists.
 */
async function assertEmailFree(ctx: RequestContext, email: string, userId: string): Promise<void> {
  const db = await ctx.core.db();
  const holder = await db.users.where('emailKey').equals(email.toLowerCase()).first();
  if (holder && holder.$id !== userId) throw new AppwriteError('user_already_exists');
}
