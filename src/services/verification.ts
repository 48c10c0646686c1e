import { formatDbDate } from '../clock.js';
import { AppwriteError } from '../errors/appwrite-error.js';
import type { RequestContext } from '../http/context.js';
import { mergeQuery } from '../inbox/links.js';
import { toToken } from '../models/models.js';
import { TOKEN_TYPE } from '../storage/records.js';
import { emailMessage, smsMessage } from './emails.js';
import { currentUser } from './shared.js';
import { TOKEN_LIFETIME, consumeToken, getUser, issueToken, patchUser } from './tokens.js';

/**
 * POST /account/verification: e-mails the signed-in user a 7-day verification link. Already verified -> 409
 * `user_email_alread_verified` (Appwrite's spelling). Like Appwrite, no check that the user has an e-mail at
 * all: a user without one gets a token and an inbox message addressed to ''.
 */
export async function createVerification(ctx: RequestContext, p: { url: string }) {
  const user = currentUser(ctx);
  if (user.emailVerification) throw new AppwriteError('user_email_alread_verified');
  const token = await issueToken(ctx, user, {
    type: TOKEN_TYPE.verification,
    lifetime: TOKEN_LIFETIME.verification,
    format: 'hex',
    message: (secret, t) => emailMessage(ctx, 'verification', user.email ?? '', user.name, mergeQuery(p.url, {
      userId: user.$id, secret, expire: formatDbDate(t.expire),
    })),
  });
  return { status: 201, body: toToken(token, ''), auditUser: user };
}

/** PUT /account/verification: no session needed; the token must be one of `userId`'s. Answers the consumed token. */
export async function updateVerification(ctx: RequestContext, p: { userId: string; secret: string }) {
  const user = await getUser(ctx, p.userId);
  const db = await ctx.core.db();
  const { token, updated } = await db.transaction('rw', [db.users, db.tokens], async () => {
    const consumed = await consumeToken(db, user.$id, TOKEN_TYPE.verification, p.secret, ctx.now);
    return { token: consumed, updated: await patchUser(db, user.$id, { emailVerification: true }, ctx.now) };
  });
  return { status: 200, body: toToken(token, token.secret), auditUser: updated };
}

/** POST /account/verification/phone: texts the signed-in user a 6-digit code valid 7 days (Appwrite 1.4). */
export async function createPhoneVerification(ctx: RequestContext) {
  const user = currentUser(ctx);
  if (!user.phone) throw new AppwriteError('user_phone_not_found');
  if (user.phoneVerification) throw new AppwriteError('user_phone_already_verified');
  const phone = user.phone;
  const token = await issueToken(ctx, user, {
    type: TOKEN_TYPE.phone,
    lifetime: TOKEN_LIFETIME.phoneVerification,
    format: 'code',
    message: (code) => smsMessage('phone-verification', phone, code),
  });
  return { status: 201, body: toToken(token, ''), auditUser: user };
}

/**
 * PUT /account/verification/phone. Appwrite 1.4 quirk (spec §8.31), kept: `userId` must exist, but the code is
 * looked up among the *signed-in caller's* tokens, so a guest always gets 401 user_invalid_token; the flag is
 * then set on `userId`'s account.
 */
export async function updatePhoneVerification(ctx: RequestContext, p: { userId: string; secret: string }) {
  const user = await getUser(ctx, p.userId);
  const caller = ctx.user;
  if (!caller) throw new AppwriteError('user_invalid_token');
  const db = await ctx.core.db();
  const { token, updated } = await db.transaction('rw', [db.users, db.tokens], async () => {
    const consumed = await consumeToken(db, caller.$id, TOKEN_TYPE.phone, p.secret, ctx.now);
    return { token: consumed, updated: await patchUser(db, user.$id, { phoneVerification: true }, ctx.now) };
  });
  return { status: 200, body: toToken(token, token.secret), auditUser: updated };
}
