import { AppwriteError } from '../errors/appwrite-error.js';
import type { RequestContext } from '../http/context.js';
import { mergeQuery } from '../inbox/links.js';
import { toToken } from '../models/models.js';
import { TOKEN_TYPE, type UserRecord } from '../storage/records.js';
import { assertSms, assertSmtp } from './delivery.js';
import { emailMessage, smsMessage } from './emails.js';
import { mailCode } from './code-mail.js';
import { currentUser } from './shared.js';
import { confirmedTokenSecret, linkExpire } from './token-rules.js';
import { TOKEN_LIFETIME, consumeToken, getUser, issueToken, mockOtp, patchUser } from './tokens.js';

/** How long a verification link or code lives: 7 days in 1.4, one hour in 1.9.6 (1.9 spec §9.1). */
function verificationLifetime(ctx: RequestContext, kind: 'email' | 'phone'): number {
  if (ctx.behaviour === '1.9') return 3600;
  return kind === 'email' ? TOKEN_LIFETIME.verification : TOKEN_LIFETIME.phoneVerification;
}

/** The 409 for a verified e-mail: 1.4's type has a typo (`alread`), which 1.9.6 fixed. Apps compare against both. */
function emailAlreadyVerified(ctx: RequestContext): AppwriteError {
  return new AppwriteError(ctx.behaviour === '1.9' ? 'user_email_already_verified' : 'user_email_alread_verified');
}

/**
 * A user without an e-mail: 1.9.6 answers 400 user_email_not_found. 1.4 has no such check: it issues a token
 * and a message addressed to ''.
 */
function assertHasEmail(ctx: RequestContext, user: UserRecord): void {
  if (ctx.behaviour === '1.9' && !user.email) throw new AppwriteError('user_email_not_found');
}

/**
 * POST /account/verification (1.9.6 also /account/verifications/email): e-mails the signed-in user a
 * verification link (7 days in 1.4, 1 h in 1.9.6). Already verified -> 409.
 */
export async function createVerification(ctx: RequestContext, p: { url: string }) {
  assertSmtp(ctx, 'SMTP Disabled');
  const user = currentUser(ctx);
  assertHasEmail(ctx, user);
  if (user.emailVerification) throw emailAlreadyVerified(ctx);
  const token = await issueToken(ctx, user, {
    type: TOKEN_TYPE.verification,
    lifetime: verificationLifetime(ctx, 'email'),
    format: 'hex',
    message: (secret, t) => emailMessage(ctx, 'verification', user.email ?? '', user.name, mergeQuery(p.url, {
      userId: user.$id, secret, expire: linkExpire(ctx, t.expire),
    })),
  });
  return { status: 201, body: toToken(token, ''), auditUser: user };
}

/**
 * POST /account/verifications/email/otp (Cloud 2.x, 1.9 spec §7.4; confidence C): as the link route, but the mail
 * carries a 6-digit code valid 15 minutes, and the answer the optional security phrase. The code is a type-2
 * token, redeemed with PUT /account/verifications/email/otp (updateVerification, which takes link secrets too).
 */
export async function createEmailVerificationOTP(ctx: RequestContext, p: { phrase: boolean }) {
  assertSmtp(ctx, 'SMTP Disabled');
  const user = currentUser(ctx);
  assertHasEmail(ctx, user);
  if (user.emailVerification) throw emailAlreadyVerified(ctx);
  return mailCode(ctx, user, TOKEN_TYPE.verification, 'verification', p.phrase);
}

/** PUT /account/verification(s/email): no session needed; the token must be one of `userId`'s. Answers the consumed token. */
export async function updateVerification(ctx: RequestContext, p: { userId: string; secret: string }) {
  const user = await getUser(ctx, p.userId);
  const db = await ctx.core.db();
  const { token, updated } = await db.transaction('rw', [db.users, db.tokens], async () => {
    const consumed = await consumeToken(db, user.$id, TOKEN_TYPE.verification, p.secret, ctx.now);
    return { token: consumed, updated: await patchUser(db, user.$id, { emailVerification: true }, ctx.now) };
  });
  return { status: 200, body: toToken(token, confirmedTokenSecret(ctx, token)), auditUser: updated };
}

/** POST /account/verification/phone (1.9.6 also /account/verifications/phone): texts the signed-in user a 6-digit code. */
export async function createPhoneVerification(ctx: RequestContext) {
  assertSms(ctx, ctx.behaviour === '1.4');
  const user = currentUser(ctx);
  if (!user.phone) throw new AppwriteError('user_phone_not_found');
  if (user.phoneVerification) throw new AppwriteError('user_phone_already_verified');
  const phone = user.phone;
  const mock = mockOtp(ctx, phone);
  const token = await issueToken(ctx, user, {
    secret: mock,
    type: TOKEN_TYPE.phone,
    lifetime: verificationLifetime(ctx, 'phone'),
    format: 'code',
    message: (code) => (mock === undefined ? smsMessage('phone-verification', phone, code) : null),
  });
  return { status: 201, body: toToken(token, ''), auditUser: user };
}

/**
 * Whose tokens a phone code is looked up among. Appwrite 1.4 quirk (1.4 spec §8.31), kept for 1.4: the
 * *signed-in caller's*, so a guest always gets 401 user_invalid_token, and the flag is then set on `userId`'s
 * account. 1.9.6 looks among `userId`'s own tokens (1.9 spec §6.39).
 */
function phoneCodeOwner(ctx: RequestContext, user: UserRecord): string {
  if (ctx.behaviour === '1.9') return user.$id;
  if (!ctx.user) throw new AppwriteError('user_invalid_token');
  return ctx.user.$id;
}

/** PUT /account/verification/phone (1.9.6 also /account/verifications/phone): `userId` must exist. */
export async function updatePhoneVerification(ctx: RequestContext, p: { userId: string; secret: string }) {
  const user = await getUser(ctx, p.userId);
  const owner = phoneCodeOwner(ctx, user);
  const db = await ctx.core.db();
  const { token, updated } = await db.transaction('rw', [db.users, db.tokens], async () => {
    const consumed = await consumeToken(db, owner, TOKEN_TYPE.phone, p.secret, ctx.now);
    return { token: consumed, updated: await patchUser(db, user.$id, { phoneVerification: true }, ctx.now) };
  });
  return { status: 200, body: toToken(token, confirmedTokenSecret(ctx, token)), auditUser: updated };
}
