/**
 * The emulated OAuth2 provider: what github.com (or any provider of spec §9.1) does in a real sign-in, played
 * offline by the emulator. It shows who can sign in (the consent data), issues single-use authorization codes
 * and exchanges them for tokens and the provider account's profile.
 *
 * @note Not part of Appwrite: a real sign-in leaves for the provider's site. The provider "accounts" are the
 * identities this emulator already knows for that provider, plus any e-mail typed into the consent form.
 */
import { sha256Hex } from '../crypto/hash.js';
import { digitCode, randomHex } from '../crypto/random.js';
import { AppwriteError } from '../errors/appwrite-error.js';
import type { RequestContext } from '../http/context.js';
import { mergeQuery } from '../inbox/links.js';
import { PROVIDER_TOKEN_SECONDS, providerName, type OAuthProvider } from './oauth-providers.js';
import { callbackUrl } from './oauth2-urls.js';

/** Codes live in the `meta` key-value table under this prefix, keyed by the code's SHA-256 (never in clear). */
const CODE_PREFIX = 'oauth2-code:';
/** The provider's own account list, under `oauth2-account:<provider>:<providerUid>`. */
const ACCOUNT_PREFIX = 'oauth2-account:';
/** Authorization codes are short-lived, like GitHub's (10 minutes). */
export const CODE_SECONDS = 600;

/** The provider account a code stands for. */
export interface ProviderAccount {
  providerUid: string;
  email: string;
  name: string;
}

interface Grant extends ProviderAccount {
  provider: string;
  redirectUri: string;
  expire: number;
}

/** The token endpoint's answer, as the Appwrite adapter reads it. */
export interface ProviderTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: ProviderAccount;
}

/**
 * A failed provider call: its HTTP status and its JSON body, the way Appwrite's OAuth2 Exception receives them.
 * `message` follows that class: `<error>: <error_description>`.
 */
export class ProviderError extends Error {
  constructor(readonly status: number, readonly error: string, readonly description: string) {
    super(`${error}: ${description}`);
    this.name = 'ProviderError';
  }
}

/** The provider only ever sends the browser back to this project's Appwrite callback, like a registered app. */
function assertRedirectUri(ctx: RequestContext, provider: OAuthProvider, redirectUri: string): void {
  const expected = callbackUrl(ctx.core.config, provider);
  if (redirectUri !== expected) {
    throw new AppwriteError('general_argument_invalid', `Invalid \`redirect_uri\` param: Value must be ${expected}`);
  }
}

/** What the consent screen shows: the provider, the requesting project and the accounts one can pick. */
export async function consentInfo(ctx: RequestContext, provider: OAuthProvider, p: { redirect_uri: string; scope: string; state: string }) {
  assertRedirectUri(ctx, provider, p.redirect_uri);
  return {
    provider,
    providerName: providerName(provider),
    projectId: ctx.core.config.projectId,
    projectName: ctx.core.config.projectName,
    scopes: p.scope.split(' ').filter(Boolean),
    accounts: await knownAccounts(ctx, provider),
  };
}

/**
 * The provider's accounts: those it issued codes for (remembered under `oauth2-account:<provider>:`, so they
 * outlive a deleted identity, as a GitHub account outlives its link to an app) and those behind this
 * emulator's identities of the provider, one per provider user id, oldest first.
 */
async function knownAccounts(ctx: RequestContext, provider: OAuthProvider): Promise<ProviderAccount[]> {
  const db = await ctx.core.db();
  const remembered = (await db.meta.where('key').startsWith(`${ACCOUNT_PREFIX}${provider}:`).toArray())
    .map((r) => JSON.parse(r.value) as ProviderAccount & { createdAt: number });
  const identities = await db.identities.filter((i) => i.provider === provider).toArray();
  const users = await db.users.bulkGet([...new Set(identities.map((i) => i.userId))]);
  const names = new Map(users.filter((u) => u !== undefined).map((u) => [u.$id, u.name ?? '']));
  const accounts = new Map<string, ProviderAccount & { createdAt: number }>();
  for (const account of remembered) accounts.set(account.providerUid, account);
  for (const identity of identities) {
    if (accounts.has(identity.providerUid)) continue;
    accounts.set(identity.providerUid, {
      providerUid: identity.providerUid, email: identity.providerEmail, name: names.get(identity.userId) ?? '', createdAt: identity.$createdAt,
    });
  }
  return [...accounts.values()].sort((a, b) => a.createdAt - b.createdAt)
    .map(({ providerUid, email, name }) => ({ providerUid, email, name }));
}

export interface AuthorizeDecision {
  redirect_uri: string;
  state: string;
  decision: 'approve' | 'deny';
  providerUid: string;
  email: string;
  name: string;
}

/**
 * The consent form's answer. Deny: back to the callback with `error=access_denied`. Approve: a new code for the
 * chosen account; an account typed in with the e-mail of a known one is that account (same provider user id),
 * otherwise it gets a new numeric id, as providers number their users.
 */
export async function authorize(ctx: RequestContext, provider: OAuthProvider, p: AuthorizeDecision): Promise<string> {
  assertRedirectUri(ctx, provider, p.redirect_uri);
  const echo: Record<string, string> = p.state ? { state: p.state } : {};
  if (p.decision === 'deny') {
    return mergeQuery(p.redirect_uri, { error: 'access_denied', error_description: 'The user has denied your application access.', ...echo });
  }
  const known = await knownAccounts(ctx, provider);
  const email = p.email.trim();
  const providerUid = p.providerUid
    || (email && known.find((a) => a.email.toLowerCase() === email.toLowerCase())?.providerUid)
    || String(Number(`1${digitCode(ctx.core.random, 8)}`));
  const code = randomHex(ctx.core.random, 40);
  const grant: Grant = {
    provider, providerUid, email, name: p.name.trim(), redirectUri: p.redirect_uri,
    expire: ctx.now.getTime() + CODE_SECONDS * 1000,
  };
  const db = await ctx.core.db();
  const accountKey = `${ACCOUNT_PREFIX}${provider}:${providerUid}`;
  await db.transaction('rw', db.meta, async () => {
    const previous = await db.meta.get(accountKey);
    const createdAt = previous ? (JSON.parse(previous.value) as { createdAt: number }).createdAt : ctx.now.getTime();
    await db.meta.put({ key: accountKey, value: JSON.stringify({ providerUid, email: grant.email, name: grant.name, createdAt }) });
    // Forget codes nobody redeemed in time, so the table does not grow with abandoned sign-ins.
    const stale = (await db.meta.where('key').startsWith(CODE_PREFIX).toArray())
      .filter((r) => (JSON.parse(r.value) as Grant).expire < ctx.now.getTime());
    await db.meta.bulkDelete(stale.map((r) => r.key));
    await db.meta.put({ key: CODE_PREFIX + sha256Hex(code), value: JSON.stringify(grant) });
  });
  return mergeQuery(p.redirect_uri, { code, ...echo });
}

/**
 * The token endpoint: a code is redeemed once (it is deleted whether or not the rest matches), must not be
 * expired, and must come back for the same provider and redirect URI. Failures answer like an OAuth2 server:
 * 400 `invalid_grant`.
 */
export async function exchangeCode(ctx: RequestContext, provider: OAuthProvider, code: string): Promise<ProviderTokens> {
  const db = await ctx.core.db();
  const key = CODE_PREFIX + sha256Hex(code);
  const record = await db.transaction('rw', db.meta, async () => {
    const found = await db.meta.get(key);
    if (found) await db.meta.delete(key);
    return found;
  });
  const grant = record ? (JSON.parse(record.value) as Grant) : null;
  if (!grant || grant.expire < ctx.now.getTime()) {
    throw new ProviderError(400, 'invalid_grant', 'The code passed is incorrect or expired.');
  }
  if (grant.provider !== provider || grant.redirectUri !== callbackUrl(ctx.core.config, provider)) {
    throw new ProviderError(400, 'invalid_grant', 'The redirect_uri MUST match the registered callback URL for this application.');
  }
  return {
    ...newTokens(ctx),
    user: { providerUid: grant.providerUid, email: grant.email, name: grant.name },
  };
}

/** Fresh provider tokens: random opaque strings, valid for the Appwrite test provider's 14 400 s. */
function newTokens(ctx: RequestContext) {
  return {
    accessToken: randomHex(ctx.core.random, 40),
    refreshToken: randomHex(ctx.core.random, 40),
    expiresIn: PROVIDER_TOKEN_SECONDS,
  };
}

/**
 * The refresh grant (PATCH /account/sessions/{id}): a new access token; the refresh token is kept, as the
 * Appwrite test provider does when it returns none.
 */
export function refreshTokens(ctx: RequestContext, refreshToken: string): { accessToken: string; refreshToken: string; expiresIn: number } {
  return { accessToken: randomHex(ctx.core.random, 40), refreshToken, expiresIn: PROVIDER_TOKEN_SECONDS };
}
