/**
 * Cloud 2.x's ID-token sign-in (POST /account/sessions/id-token, `createIdTokenSession`, 1.9 spec §7.1; not in
 * 1.9.6, confidence A/B). The real server verifies a Google or Apple OIDC ID token against the provider's keys;
 * the emulator has no provider keys, so it accepts only ID tokens it minted itself (`emulator.idToken()`).
 * @note ID tokens are HS256 JWTs signed with a key derived from the database's JWT key, with the provider's real
 * issuer and the project id as default audience. Real Google/Apple tokens are refused (401
 * user_oauth2_token_invalid). No `<provider>ClientIds` setting: the audience must be the project id.
 */
import type { EmulatorCore } from '../core.js';
import { AppwriteError } from '../errors/appwrite-error.js';
import type { RequestContext, RouteResult } from '../http/context.js';
import { providerAccountSession } from './oauth2.js';

/** The providers with an ID-token profile (SDK 28's enum `IdTokenProvider`), and the issuer their tokens name. */
const ISSUERS = { google: 'https://accounts.google.com', apple: 'https://appleid.apple.com' } as const;
export type IdTokenProvider = keyof typeof ISSUERS;

/** What `emulator.idToken()` puts into the token. */
export interface IdTokenOptions {
  provider: IdTokenProvider;
  /** The provider's account id (`sub`): the identity's and session's `providerUid`. */
  sub: string;
  email?: string;
  /** `email_verified` (default true): an unverified e-mail does not link to an existing account (400). */
  emailVerified?: boolean;
  name?: string;
  /** Must equal the `nonce` the app sends with the token, when either has one. */
  nonce?: string;
  /** `aud`; default the project id. Any other value is refused, as a token for another app would be. */
  audience?: string;
  /** Lifetime in seconds from the emulator's clock (default 3600, as Google's). */
  expiresIn?: number;
}

const DEFAULT_LIFETIME = 3600;

/** The ID tokens' own HS256 key: the JWT key with a suffix, so neither kind of token passes for the other. */
async function idTokenKey(core: EmulatorCore, create: boolean): Promise<Uint8Array | null> {
  const key = create ? await core.jwtKey(true) : await core.jwtKey(false);
  return key && new Uint8Array([...key, ...new TextEncoder().encode(':id-token')]);
}

/** Mints an ID token the ID-token route accepts (the emulator-only `emulator.idToken()`). */
export async function mintIdToken(core: EmulatorCore, o: IdTokenOptions): Promise<string> {
  if (!Object.hasOwn(ISSUERS, o.provider)) throw new Error(`idToken: provider must be one of ${Object.keys(ISSUERS).join(', ')}`);
  const { SignJWT } = await import('jose');
  const now = Math.floor(core.clock.now().getTime() / 1000);
  const claims: Record<string, unknown> = {
    ...(o.email !== undefined ? { email: o.email, email_verified: o.emailVerified ?? true } : {}),
    ...(o.name !== undefined ? { name: o.name } : {}),
    ...(o.nonce !== undefined ? { nonce: o.nonce } : {}),
  };
  return new SignJWT(claims)
    .setProtectedHeader({ typ: 'JWT', alg: 'HS256' })
    .setIssuer(ISSUERS[o.provider])
    .setSubject(o.sub)
    .setAudience(o.audience ?? core.config.projectId)
    .setIssuedAt(now)
    .setExpirationTime(now + (o.expiresIn ?? DEFAULT_LIFETIME))
    .sign((await idTokenKey(core, true))!);
}

export interface IdTokenParams {
  provider: string;
  idToken: string;
  nonce: string;
  accessToken: string;
  name: string;
}

/** The verified claims, or 401 user_oauth2_token_invalid (bad signature, other issuer or audience, expired, nonce). */
async function verify(ctx: RequestContext, provider: IdTokenProvider, p: IdTokenParams) {
  const invalid = new AppwriteError('user_oauth2_token_invalid');
  const key = await idTokenKey(ctx.core, false);
  if (!key) throw invalid;
  const { jwtVerify } = await import('jose');
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(p.idToken, key, {
      algorithms: ['HS256'], issuer: ISSUERS[provider], audience: ctx.core.config.projectId, currentDate: ctx.now, clockTolerance: 0,
    }));
  } catch {
    throw invalid;
  }
  const nonce = typeof payload.nonce === 'string' ? payload.nonce : '';
  if (typeof payload.sub !== 'string' || !payload.sub || nonce !== p.nonce) throw invalid;
  return payload;
}

/**
 * Verifies the ID token, then signs its account in as the OAuth2 redirect does (oauth2.ts): a signed-in caller
 * gets the account linked and its session replaced (the SDK doc's behaviour, not 1.9.6's `session` group hook,
 * spec §7.1 caveat), else the identity's or verified e-mail's user, else a new one. 201 Session with
 * `provider` = the provider, `providerUid` = `sub`, `providerAccessToken` = `accessToken`, factors email + oauth2.
 */
export async function createIdTokenSession(ctx: RequestContext, p: IdTokenParams): Promise<RouteResult> {
  if (!Object.hasOwn(ISSUERS, p.provider)) throw new AppwriteError('project_provider_unsupported', 'This provider does not support ID token sign-in.');
  const provider = p.provider as IdTokenProvider;
  const claims = await verify(ctx, provider, p);
  const email = typeof claims.email === 'string' ? claims.email : '';
  const name = p.name || (typeof claims.name === 'string' ? claims.name : '');
  return providerAccountSession(ctx, provider, {
    accessToken: p.accessToken,
    refreshToken: '',
    expiresIn: 0,
    user: { providerUid: claims.sub as string, email, name },
  }, claims.email_verified === true || claims.email_verified === 'true');
}
