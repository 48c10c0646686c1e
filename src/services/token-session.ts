import { AppwriteError } from '../errors/appwrite-error.js';
import { sha256Hex, timingSafeEqual } from '../crypto/hash.js';
import type { RequestContext } from '../http/context.js';
import { TOKEN_TYPE, type TokenRecord, type UserRecord } from '../storage/records.js';
import { unwrapOAuth2TokenSecret } from './oauth2-token.js';
import { startSession } from './sessions.js';
import { patchUser } from './tokens.js';

/**
 * 1.9.6's `$createSession` (1.9 spec §6.11): POST /account/sessions/token, and 1.9.6's PUT
 * /account/sessions/magic-url and PUT /account/sessions/phone, trade any sign-in token of the user for a session.
 */

/** What the session records for each token type; other types (recovery, verification) are refused with 401. */
const BY_TYPE: Record<number, { factor: string; provider: string; verified?: Partial<UserRecord> }> = {
  [TOKEN_TYPE.magicUrl]: { factor: 'email', provider: 'magic-url', verified: { emailVerification: true } },
  [TOKEN_TYPE.email]: { factor: 'email', provider: 'token', verified: { emailVerification: true } },
  [TOKEN_TYPE.phone]: { factor: 'phone', provider: 'phone', verified: { phoneVerification: true } },
  [TOKEN_TYPE.oauth2]: { factor: 'email', provider: 'oauth2' },
  [TOKEN_TYPE.generic]: { factor: 'token', provider: 'token' },
};

/** A live token of the user, of any type, with this secret (Auth::tokenVerify with type null). */
function findAnyToken(tokens: TokenRecord[], secret: string, now: Date): TokenRecord | undefined {
  const hash = sha256Hex(secret);
  return tokens.find((t) => t.expire >= now.getTime() && timingSafeEqual(t.secret, hash));
}

/**
 * Unknown user, no matching live token, a refused type, or an OAuth2 token without its wrapper: 401
 * user_invalid_token. The token is consumed and the verified flag set in the session's transaction; no blocked
 * check (a blocked user gets a session every later request refuses).
 */
export async function createSession(ctx: RequestContext, p: { userId: string; secret: string }, options: { secretChars?: number } = {}) {
  const db = await ctx.core.db();
  const user = await db.users.get(p.userId);
  if (!user) throw new AppwriteError('user_invalid_token');
  // An OAuth2 token reaches the client wrapped in a 60-second JWT (oauth2-token.ts); anything else is a plain secret.
  const wrapped = await unwrapOAuth2TokenSecret(ctx, p.secret);
  const token = findAnyToken(await db.tokens.where('userId').equals(user.$id).toArray(), wrapped?.secret ?? p.secret, ctx.now);
  const kind = token && BY_TYPE[token.type];
  if (!token || !kind || (token.type === TOKEN_TYPE.oauth2 && !wrapped)) throw new AppwriteError('user_invalid_token');
  const provider = token.type === TOKEN_TYPE.oauth2 ? wrapped!.provider : kind.provider;
  return startSession(ctx, user, { provider, factors: [kind.factor], alert: true, ...options }, async (tx) => {
    // Single use, also against a concurrent redemption of the same token.
    if (!(await tx.tokens.get(token.$id))) throw new AppwriteError('user_invalid_token');
    await tx.tokens.delete(token.$id);
    if (kind.verified) await patchUser(tx, user.$id, kind.verified, ctx.now);
  });
}
