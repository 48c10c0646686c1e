/**
 * Appwrite 1.4's OAuth2 sign-in (spec §8.21 and §9): the start route that sends the browser to the provider, the
 * callback that forwards to the redirect route, and the redirect route that turns the provider's answer into a
 * user, an identity and a session.
 */
import { toToken } from '../models/models.js';
import { tagModel } from '../models/formats/model-name.js';
import { AppwriteError } from '../errors/appwrite-error.js';
import type { ErrorType } from '../errors/error-types.js';
import { encodeSession } from '../http/caller.js';
import type { RequestContext, RouteResult } from '../http/context.js';
import { mergeQuery } from '../inbox/links.js';
import { withPhpQuery } from '../inbox/php-query.js';
import type { IdentityRecord, UserRecord } from '../storage/records.js';
import { parseUrl } from '../validation/validators.js';
import { redirect as redirectValidator } from '../validation/redirect-1-9.js';
import { isAllowedHost } from '../http/allowed-hosts.js';
import { sha256Hex } from '../crypto/hash.js';
import { randomHex } from '../crypto/random.js';
import { TOKEN_TYPE, type TokenRecord } from '../storage/records.js';
import { addUser, assertEmailNotInIdentities, assertUserLimit, newUser, withKeys } from './account.js';
import { emailFields } from './email-parser.js';
import { withTarget } from './targets.js';
import { emailVerifiedBy, providerName, type OAuthProvider } from './oauth-providers.js';
import { wrapOAuth2TokenSecret } from './oauth2-token.js';
import { ProviderError, exchangeCode, type ProviderTokens } from './oauth2-provider.js';
import {
  authorizeUrl, callbackUrl, cookieDomain, httpBuildQuery, phpJsonEncode, redirectRouteUrl,
} from './oauth2-urls.js';
import { startSession } from './sessions.js';
import { apiPageUrl, isConstraintError, newId } from './shared.js';

const NO_CACHE = { 'Cache-Control': 'no-store, no-cache, must-revalidate, max-age=0', Pragma: 'no-cache' };

/**
 * The default success/failure pages: 1.4's `/auth/oauth2/…`, 1.9.6's console pages `/console/auth/oauth2/…`
 * (1.9 spec §6.14). Both on the API's host (with its port, see apiPageUrl); the default success page gets the
 * session in its query.
 * @note 1.9.6 builds its default on the console's host (`_APP_CONSOLE_DOMAIN`); the emulator has one host.
 */
const defaultPagePath = (ctx: RequestContext, kind: 'success' | 'failure') =>
  ctx.behaviour === '1.4' ? `/auth/oauth2/${kind}` : `/console/auth/oauth2/${kind}`;
const defaultUrl = (ctx: RequestContext, kind: 'success' | 'failure') => apiPageUrl(ctx, defaultPagePath(ctx, kind));

export interface StartParams {
  provider: OAuthProvider;
  success: string;
  failure: string;
  scopes: string[];
}

/** GET /account/sessions/oauth2/{provider}: 301 to the (emulated) provider's authorization page. */
export function createOAuth2Session(ctx: RequestContext, p: StartParams): RouteResult {
  return startOAuth2(ctx, p, false);
}

/** GET /account/tokens/oauth2/{provider} (1.9.6): the same, but the redirect hands out a token, not a session. */
export function createOAuth2Token(ctx: RequestContext, p: StartParams): RouteResult {
  return startOAuth2(ctx, p, true);
}

function startOAuth2(ctx: RequestContext, p: StartParams, token: boolean): RouteResult {
  const { config } = ctx.core;
  const urls = { success: p.success || defaultUrl(ctx, 'success'), failure: p.failure || defaultUrl(ctx, 'failure') };
  // 1.9.6's state says which flow it is; 1.4's has no such key.
  const state = phpJsonEncode(ctx.behaviour === '1.4' ? urls : { ...urls, token });
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

/**
 * An error Appwrite sends to the failure URL (when there is one) instead of answering it. `code` overrides the
 * type's code (a provider's own status); else it is the request's server's.
 */
class Redirectable extends Error {
  constructor(readonly error: AppwriteError, readonly code?: number) {
    super(error.message);
  }
}

/** 1.4 answers these errors; 1.9.6 sends them to the failure URL too (1.9 spec §6.16). */
const redirectedIn19 = (ctx: RequestContext, error: AppwriteError): Error =>
  (ctx.behaviour === '1.4' ? error : new Redirectable(error));

const redirectable = (type: ErrorType, message?: string, code?: number) => new Redirectable(new AppwriteError(type, message), code);

interface State {
  success: unknown;
  failure: unknown;
  token?: unknown;
}

/** The state is JSON merged over the defaults (success: the project URL, none here; failure: none). */
function parseState(raw: string): State {
  const defaults: State = { success: '', failure: '', token: false };
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

/**
 * The success/failure URL with params added: 1.9.6 rebuilds its query with PHP's parse_str() and
 * http_build_query() (inbox/php-query.ts withPhpQuery; a null param is left out); 1.4 keeps the names as sent.
 */
function withQuery(ctx: RequestContext, url: string, params: Record<string, string | null>): string {
  if (ctx.behaviour === '1.9') return withPhpQuery(url, params);
  const kept = Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== null);
  return kept.length ? mergeQuery(url, Object.fromEntries(kept)) : url;
}

/**
 * The path of the success URL as 1.9.6 compares it with the default page's (`$state['success']['path']`, from
 * parse_url(): as written, no dot segments resolved); 1.4 is read as the emulator always did (WHATWG pathname).
 */
function successPath(ctx: RequestContext, url: string): string | undefined {
  if (ctx.behaviour === '1.4') return parseUrl(url)?.pathname;
  return /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*([^?#]*)/.exec(url)?.[1];
}

const isUrl = (value: unknown): value is string => typeof value === 'string' && parseUrl(value) !== null;

/**
 * Whether the state's success/failure URL may be redirected to: 1.4 only wants a URL, 1.9.6 checks it again with
 * the Redirect validator (an allowed host or scheme).
 */
const stateUrlValid = (ctx: RequestContext, value: unknown): value is string =>
  ctx.behaviour === '1.4' ? isUrl(value) : isUrl(value) && redirectValidator(ctx.core, isAllowedHost).isValid(value);

/**
 * GET /account/sessions/oauth2/{provider}/redirect (spec §9.2 step 3). Errors before the URLs are known are
 * answered; later ones go to the failure URL as `?error={"message","type","code"}` where Appwrite does so.
 */
export async function oauth2Redirect(ctx: RequestContext, p: Omit<CallbackParams, 'project'>): Promise<RouteResult> {
  const state = parseState(p.state);
  if (!stateUrlValid(ctx, state.success)) throw new AppwriteError('project_invalid_success_url');
  if (state.failure && !stateUrlValid(ctx, state.failure)) throw new AppwriteError('project_invalid_failure_url');
  const failure = typeof state.failure === 'string' ? state.failure : '';
  // Only a 1.9.6 state asks for a token (PHP truthiness of the decoded value).
  const token = ctx.behaviour === '1.9' && Boolean(state.token) && state.token !== '0';
  try {
    return await signIn(ctx, p, state.success, token);
  } catch (error) {
    if (!(error instanceof Redirectable)) throw error;
    if (!failure) throw error.error;
    const { message, code } = error.error.resolve(ctx.behaviour);
    const { type } = error.error;
    const params = { error: phpJsonEncode({ message, type, code: error.code ?? code }) };
    // No audit user: a failed sign-in writes no log entry.
    return { status: 301, location: withQuery(ctx, failure, params), headers: NO_CACHE };
  }
}

async function signIn(ctx: RequestContext, p: Omit<CallbackParams, 'project'>, success: string, token: boolean): Promise<RouteResult> {
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

  const { user: updated, identity, isNew } = await prepareSignIn(ctx, p.provider, tokens);
  if (token) return issueToken(ctx, p.provider, updated, identity, isNew, success);

  let result: Awaited<ReturnType<typeof startSession>>;
  try {
    result = await startProviderSession(ctx, p.provider, tokens, updated, identity, isNew);
  } catch (error) {
    // The user limit, reached by a parallel sign-up meanwhile, goes to the failure URL as the early check does.
    if (isNew && error instanceof AppwriteError && error.type === 'user_count_exceeded') throw new Redirectable(error);
    if (!isConstraintError(error)) throw error;
    // Another request took the id or e-mail meanwhile: Appwrite's Duplicate on create goes to the failure URL.
    if (isNew) throw redirectable('user_already_exists');
    throw new AppwriteError('user_already_exists');
  }

  const { config } = ctx.core;
  // Appwrite's default success page (for non-web platforms) receives the session in its query; 1.9.6 rebuilds
  // any success URL's query (withQuery). 1.9.6's cookie domain is null on localhost and IP addresses, which
  // http_build_query leaves out (app/init/resources/request.php:241-260).
  const onDefaultPage = successPath(ctx, success) === defaultPagePath(ctx, 'success');
  const domain = ctx.behaviour === '1.9' ? cookieDomain(config) || null : cookieDomain(config);
  const location = withQuery(ctx, success, onDefaultPage ? {
    project: config.projectId,
    domain,
    key: `a_session_${config.projectId}`,
    secret: encodeSession(result.sessionCookie.userId, result.sessionCookie.secret),
  } : {});
  // 1.9.6's event payload is the session as output before `current` and `countryName` are set: the model's
  // defaults, false and '' (acc:1920-1961, Model/Session.php:157-168).
  const eventPayload = ctx.behaviour === '1.9'
    ? tagModel('session', { ...result.body, countryName: '', current: false })
    : result.body;
  return { status: 301, location, headers: NO_CACHE, sessionCookie: result.sessionCookie, auditUser: updated, eventPayload };
}

/**
 * The user, identity and account fields a provider account signs in with (not written yet): selectUser's
 * choice, refused when blocked, with the provider's e-mail and name filling empty fields. `emailVerified` is
 * given by the ID-token route only (what the token says of the e-mail); the redirect route leaves it out.
 */
async function prepareSignIn(ctx: RequestContext, provider: OAuthProvider, tokens: ProviderTokens, emailVerified?: boolean) {
  const { email } = tokens.user;
  const { user, isNew } = await selectUser(ctx, provider, tokens.user, emailVerified);
  if (!user.status) throw redirectable('user_blocked');
  const identity = await upsertIdentity(ctx, user, provider, tokens);
  // 1.9.6 parses the e-mail it fills in as a sign-up does (acc:1812-1861): the redirect parses even an empty
  // one, which fails (400 general_invalid_email at the failure URL); the ID-token route fills only a given one.
  const fills = !isNew && !user.email && (email !== '' || (ctx.behaviour === '1.9' && emailVerified === undefined));
  const fields = fills && ctx.behaviour === '1.9' ? providerEmailFields(email) : {};
  const updated = withKeys({
    ...user,
    ...fields,
    email: user.email || email || null,
    name: user.name || tokens.user.name,
    status: true,
    $updatedAt: ctx.now.getTime(),
  });
  if (!user.email && email) await assertEmailFree(ctx, email, user.$id);
  return { user: updated, identity, isNew };
}

/** PHP's trim(): only these characters. */
const phpTrim = (s: string) => s.replace(/^[ \t\n\r\0\x0B]+|[ \t\n\r\0\x0B]+$/g, '');

/**
 * 1.9.6's e-mail fields of a provider e-mail (`new Email($email)`, acc:1680-1692): utopia-php/emails reads the
 * trimmed, lower-cased address (`get()`, which `emailIsCanonical` compares with the canonical form); one it
 * cannot parse goes to the failure URL as 400 general_invalid_email.
 */
function providerEmailFields(email: string): Partial<UserRecord> {
  try {
    return emailFields(phpTrim(email).toLowerCase());
  } catch (error) {
    if (error instanceof AppwriteError) throw new Redirectable(error);
    throw error;
  }
}

/**
 * The session of a provider sign-in, written with its user and identity; a signed-in caller's session is
 * replaced, and (1.9.6's session upgrade, acc:1963-1977) the user's push targets move to the new session.
 */
async function startProviderSession(
  ctx: RequestContext, provider: OAuthProvider, tokens: ProviderTokens, user: UserRecord, identity: IdentityRecord, isNew: boolean,
) {
  const result = await startSession(ctx, user, {
    provider,
    factors: ['email', 'oauth2'],
    providerUid: tokens.user.providerUid,
    providerAccessToken: tokens.accessToken,
    providerRefreshToken: tokens.refreshToken,
    // An ID-token sign-in may come without an access token: then there is no expiry either.
    providerAccessTokenExpiry: tokens.accessToken ? ctx.now.getTime() + tokens.expiresIn * 1000 : null,
  }, async (db) => {
    // (a) a signed-in browser's session is replaced by the new one.
    if (ctx.user && ctx.session) await db.sessions.delete(ctx.session.$id);
    if (isNew) await addUser(ctx, db, user);
    else await db.users.put(user);
    await db.identities.put(identity);
  });
  if (ctx.behaviour === '1.9' && ctx.user) await movePushTargets(ctx, user.$id, result.body.$id);
  return result;
}

/** Binds the user's push targets to `sessionId` (their `$updatedAt` changes, as Appwrite's updateDocument sets it). */
async function movePushTargets(ctx: RequestContext, userId: string, sessionId: string): Promise<void> {
  const db = await ctx.core.db();
  const now = ctx.now.getTime();
  await db.transaction('rw', db.users, async () => {
    const stored = await db.users.get(userId);
    if (!stored?.targets?.some((t) => t.providerType === 'push')) return;
    const targets = stored.targets.map((t) => (t.providerType === 'push' ? { ...t, sessionId, $updatedAt: now } : t));
    await db.users.put({ ...stored, targets });
  });
}

/**
 * A provider account's sign-in answered directly, with a 201 Session (Cloud 2.x's POST
 * /account/sessions/id-token, 1.9 spec §7.1): the redirect route's user choice and session, its errors thrown
 * instead of sent to a failure URL. `emailVerified` is what the ID token says about the e-mail.
 */
export async function providerAccountSession(ctx: RequestContext, provider: OAuthProvider, tokens: ProviderTokens, emailVerified: boolean) {
  try {
    const { user, identity, isNew } = await prepareSignIn(ctx, provider, tokens, emailVerified);
    try {
      return await startProviderSession(ctx, provider, tokens, user, identity, isNew);
    } catch (error) {
      if (isConstraintError(error)) throw new AppwriteError('user_already_exists');
      throw error;
    }
  } catch (error) {
    if (error instanceof Redirectable) throw error.error;
    throw error;
  }
}

/**
 * Which user signs in (spec §9.2): (a) the signed-in caller; (b) the user of a session with the same provider
 * account; then 1.4: (c) the user with the same e-mail (account linking), (d) the user of an identity with the
 * same provider account, (e) a new user with a verified e-mail and no password. 1.9.6 (acc:1609-1662): (b), the
 * identity's user, the user with the e-mail, the user of an identity with the e-mail (both only when the provider
 * vouches for the e-mail), and only then the user limit and a new user.
 */
async function selectUser(
  ctx: RequestContext, provider: OAuthProvider, account: ProviderTokens['user'], idTokenVerified?: boolean,
): Promise<{ user: UserRecord; isNew: boolean }> {
  const db = await ctx.core.db();
  const { providerUid, email, name } = account;
  const emailVerified = idTokenVerified ?? emailVerifiedBy(provider);
  if (ctx.user) {
    if (email) {
      const others = await db.identities.where('providerEmail').equalsIgnoreCase(email).toArray();
      // 1.9.6 also refuses an e-mail another user has.
      const holder = ctx.behaviour === '1.9' ? await db.users.where('emailKey').equals(email.toLowerCase()).first() : undefined;
      if (others.some((i) => i.userId !== ctx.user!.$id) || (holder && holder.$id !== ctx.user.$id)) {
        throw redirectedIn19(ctx, new AppwriteError('user_already_exists'));
      }
    }
    return { user: ctx.user, isNew: false };
  }
  const session = await db.sessions.filter((s) => s.provider === provider && s.providerUid === providerUid).first();
  const bySession = session ? await db.users.get(session.userId) : undefined;
  if (bySession) return { user: bySession, isNew: false };

  if (!email) throw redirectedIn19(ctx, new AppwriteError('user_unauthorized', 'OAuth provider failed to return email.'));
  const byIdentity = async () => {
    const identity = await db.identities.where('[provider+providerUid]').equals([provider, providerUid]).first();
    return identity ? db.users.get(identity.userId) : undefined;
  };
  const byEmail = () => db.users.where('emailKey').equals(email.toLowerCase()).first();

  if (ctx.behaviour === '1.4') {
    const withEmail = await byEmail();
    if (withEmail) return { user: withEmail, isNew: false };
    const withIdentity = await byIdentity();
    if (withIdentity) return { user: withIdentity, isNew: false };
    await assertNewUserAllowed(ctx);
    await assertEmailNotInIdentities(ctx, email);
    // A new user keeps the provider's e-mail as given (spec §6); the lookup key is lower-cased.
    return { user: newUser(ctx, newId(ctx), { email, name, emailVerification: emailVerified }), isNew: true };
  }

  const withIdentity = await byIdentity();
  if (withIdentity) return { user: withIdentity, isNew: false };
  const withEmail = await byEmail();
  if (withEmail) return { user: assertLinkable(emailVerified, withEmail), isNew: false };
  const identityWithEmail = await db.identities.where('providerEmail').equalsIgnoreCase(email).first();
  const linked = identityWithEmail ? await db.users.get(identityWithEmail.userId) : undefined;
  if (linked) return { user: assertLinkable(emailVerified, linked), isNew: false };
  await assertNewUserAllowed(ctx);
  // 1.9.6's new user (acc:1672-1756): the e-mail as given, verified whatever the provider says (the ID-token
  // route: as the token says), the parser's fields, `mfa: false`, and an `email` target, as POST /account has.
  const fields = providerEmailFields(email);
  const user = newUser(ctx, newId(ctx), {
    email, name, emailVerification: idTokenVerified ?? true, ...fields, mfa: false,
  });
  return { user: withTarget(ctx, user, 'email', email), isNew: true };
}

/** The user limit before a new user: 501 user_count_exceeded, sent to the failure URL. */
async function assertNewUserAllowed(ctx: RequestContext): Promise<void> {
  try {
    await assertUserLimit(ctx);
  } catch (error) {
    if (error instanceof AppwriteError) throw new Redirectable(error);
    throw error;
  }
}

/**
 * 1.9.6 links an existing account by e-mail only when the provider says the e-mail is verified, else the
 * failure URL gets 400 general_bad_request (1.9 spec §6.16); 1.4 always links.
 */
function assertLinkable(emailVerified: boolean, user: UserRecord): UserRecord {
  if (!emailVerified) throw new Redirectable(new AppwriteError('general_bad_request'));
  return user;
}

/**
 * The token flow's end (1.9 spec §6.15): no session; the user and identity are stored with a type-7 token
 * (64 hex, living `auth.sessionLength`), whose secret goes to the success URL wrapped in a 60-second JWT.
 */
async function issueToken(
  ctx: RequestContext, provider: OAuthProvider, user: UserRecord, identity: IdentityRecord, isNew: boolean, success: string,
): Promise<RouteResult> {
  const secret = randomHex(ctx.core.random, 64);
  const now = ctx.now.getTime();
  const token: TokenRecord = {
    $id: newId(ctx), $createdAt: now, userId: user.$id, type: TOKEN_TYPE.oauth2, secret: sha256Hex(secret),
    expire: now + ctx.core.config.auth.sessionLength * 1000, userAgent: ctx.userAgent, ip: ctx.ip,
  };
  const db = await ctx.core.db();
  try {
    await db.transaction('rw', [db.users, db.identities, db.tokens, db.sessions], async () => {
      // 1.9.6 deletes a signed-in caller's current session in this flow too (acc:1599-1607, before it branches
      // on the state's `token`), and sets no cookie: the browser's session is gone, so createSession() works.
      if (ctx.user && ctx.session) await db.sessions.delete(ctx.session.$id);
      if (isNew) await addUser(ctx, db, user);
      else await db.users.put(user);
      await db.identities.put(identity);
      await db.tokens.add(token);
    });
  } catch (error) {
    if (isNew && error instanceof AppwriteError && error.type === 'user_count_exceeded') throw new Redirectable(error);
    if (isConstraintError(error)) throw new Redirectable(new AppwriteError('user_already_exists'));
    throw error;
  }
  const location = withQuery(ctx, success, { secret: await wrapOAuth2TokenSecret(ctx, secret, provider), userId: user.$id });
  // The redirect's event is the token's here (1.9 spec §6.15), its model without the secret (the response's `''`).
  return {
    status: 301, location, headers: NO_CACHE, auditUser: user,
    eventPayload: toToken(token, ''), eventRoute: 'GET /account/sessions/oauth2/:provider/redirect (token)',
  };
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
  if (email) {
    try {
      await assertEmailNotInIdentities(ctx, email, user.$id);
    } catch (error) {
      // 1.9.6: the anti-enumeration 400, at the failure URL.
      if (ctx.behaviour === '1.9' && error instanceof AppwriteError) throw new Redirectable(new AppwriteError('general_bad_request'));
      throw error;
    }
  }
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
