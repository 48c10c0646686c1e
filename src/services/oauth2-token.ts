/**
 * The OAuth2 token flow's wrapper (1.9 spec §6.11 step 1, §6.15): the redirect route does not hand out the
 * type-7 token's secret itself but an HS256 JWT `{secret, provider}` signed with the server's key, valid for 60
 * seconds (no leeway); POST /account/sessions/token unwraps it.
 */
import { AppwriteError } from '../errors/appwrite-error.js';
import type { RequestContext } from '../http/context.js';

export const OAUTH2_WRAPPER_SECONDS = 60;

/** The JWT the success URL carries as `secret`. */
export async function wrapOAuth2TokenSecret(ctx: RequestContext, secret: string, provider: string): Promise<string> {
  const { SignJWT } = await import('jose');
  return new SignJWT({ secret, provider })
    .setProtectedHeader({ typ: 'JWT', alg: 'HS256' })
    .setExpirationTime(Math.floor(ctx.now.getTime() / 1000) + OAUTH2_WRAPPER_SECONDS)
    .sign(await ctx.core.jwtKey(true));
}

/**
 * What a `secret` sent to POST /account/sessions/token wraps: the OAuth2 token's own secret and its provider,
 * or null when it is no valid wrapper (not a JWT, a bad signature, expired after 60 s: then it is a plain
 * secret). A valid wrapper without a provider is 401 user_invalid_token.
 */
export async function unwrapOAuth2TokenSecret(ctx: RequestContext, secret: string): Promise<{ secret: string; provider: string } | null> {
  const key = await ctx.core.jwtKey(false);
  if (!key || secret.split('.').length !== 3) return null;
  const { jwtVerify } = await import('jose');
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(secret, key, { algorithms: ['HS256'], currentDate: ctx.now, clockTolerance: 0 }));
  } catch {
    return null;
  }
  const provider = typeof payload.provider === 'string' ? payload.provider : '';
  if (!provider) throw new AppwriteError('user_invalid_token');
  return { secret: typeof payload.secret === 'string' ? payload.secret : '', provider };
}
