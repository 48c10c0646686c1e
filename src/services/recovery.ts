import { AppwriteError } from '../errors/appwrite-error.js';
import type { RequestContext } from '../http/context.js';
import { mergeQuery } from '../inbox/links.js';
import { toToken } from '../models/models.js';
import { TOKEN_TYPE } from '../storage/records.js';
import { deleteSessionsExcept, invalidatesSessions } from './session-invalidation.js';
import { assertSmtp } from './delivery.js';
import { emailMessage } from './emails.js';
import { mailCode } from './code-mail.js';
import { assertNotRecentlyUsed, hash, nextHistory } from './passwords.js';
import { confirmedTokenSecret, linkExpire } from './token-rules.js';
import { TOKEN_LIFETIME, consumeToken, findToken, getUser, issueToken, patchUser } from './tokens.js';

/**
 * POST /account/recovery: e-mails a one-hour password-reset link. An unknown e-mail is 404 (Appwrite allows this
 * enumeration) and a blocked user 401 (1.9.6: 403, from the error table). The link's `expire` is in 1.4's DB
 * format (`2023-11-17 19:00:00.123`), which leaks there, or 1.9.6's ISO date.
 */
export async function createRecovery(ctx: RequestContext, p: { email: string; url: string }) {
  assertSmtp(ctx, 'SMTP Disabled');
  const user = await recoveringUser(ctx, p.email);
  const token = await issueToken(ctx, user, {
    type: TOKEN_TYPE.recovery,
    lifetime: TOKEN_LIFETIME.recovery,
    format: 'hex',
    message: (secret, t) => emailMessage(ctx, 'recovery', user.email ?? '', user.name, mergeQuery(p.url, {
      userId: user.$id, secret, expire: linkExpire(ctx, t.expire),
    })),
  });
  return { status: 201, body: toToken(token, ''), auditUser: user };
}

/** The user a recovery e-mail names: unknown -> 404, blocked -> 401 (1.9.6: 403). */
async function recoveringUser(ctx: RequestContext, email: string) {
  const db = await ctx.core.db();
  const user = await db.users.where('emailKey').equals(email.toLowerCase()).first();
  if (!user) throw new AppwriteError('user_not_found');
  if (!user.status) throw new AppwriteError('user_blocked');
  return user;
}

/**
 * POST /account/recovery/otp (Cloud 2.x, 1.9 spec §7.2; confidence C): as POST /account/recovery, but the mail
 * carries a 6-digit code valid 15 minutes instead of a link, and the answer the optional security phrase. The code
 * is a type-3 token, redeemed with PUT /account/recovery/otp (updateRecovery).
 * @note Both PUT routes accept any live recovery token (link secret or code): Cloud's may tell them apart.
 */
export async function createRecoveryOTP(ctx: RequestContext, p: { email: string; phrase: boolean }) {
  assertSmtp(ctx, 'SMTP Disabled');
  const user = await recoveringUser(ctx, p.email);
  return mailCode(ctx, user, TOKEN_TYPE.recovery, 'recovery', p.phrase);
}

/**
 * PUT /account/recovery: sets the new password. Checks in Appwrite's order: the two passwords match, the user
 * exists, the token is live, the password is not in the history. The password is hashed before the transaction
 * (IndexedDB transactions cannot wait for it); the token is re-checked and consumed inside it. Also marks the
 * e-mail verified (the link proved it). 1.4 keeps the sessions; 1.9.6 deletes them all (`auth.invalidateSessions`). No personal-data rule here; 1.4 has no
 * dictionary rule either (1.9.6's route validates the new password with it). 1.9.6 has no `passwordAgain`
 * (its route omits the param, so there is nothing to compare).
 */
export async function updateRecovery(ctx: RequestContext, p: { userId: string; secret: string; password: string; passwordAgain?: string }) {
  if (p.passwordAgain !== undefined && p.password !== p.passwordAgain) throw new AppwriteError('user_password_mismatch');
  const user = await getUser(ctx, p.userId);
  const db = await ctx.core.db();
  if (!(await findToken(db, user.$id, TOKEN_TYPE.recovery, p.secret, ctx.now))) throw new AppwriteError('user_invalid_token');
  await assertNotRecentlyUsed(ctx, user, p.password);
  const passwordHash = await hash(ctx, p.password);
  const { token, updated } = await db.transaction('rw', [db.users, db.tokens, db.sessions], async () => {
    const consumed = await consumeToken(db, user.$id, TOKEN_TYPE.recovery, p.secret, ctx.now);
    // 1.9.6 with `auth.invalidateSessions` (its default): every session of the user goes.
    if (invalidatesSessions(ctx)) await deleteSessionsExcept(db, user.$id);
    const next = await patchUser(db, user.$id, {
      password: passwordHash, passwordUpdate: ctx.now.getTime(), passwordHistory: nextHistory(ctx, user, passwordHash),
      emailVerification: true,
    }, ctx.now);
    return { token: consumed, updated: next };
  });
  // Appwrite 1.4 answers with the consumed token as stored: its `secret` is the SHA-256 digest (spec §4).
  return { status: 200, body: toToken(token, confirmedTokenSecret(ctx, token)), auditUser: updated };
}
