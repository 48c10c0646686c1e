import type { RequestContext } from '../http/context.js';
import { toToken } from '../models/models.js';
import { TOKEN_TYPE, type UserRecord } from '../storage/records.js';
import { addUser, assertUserLimit, newUser } from './account.js';
import { smsMessage } from './emails.js';
import { newId } from './shared.js';
import { withTarget } from './targets.js';
import { TOKEN_LIFETIME, TOKEN_LIFETIME_1_9, issueToken, sessionFromToken } from './tokens.js';

/**
 * POST /account/sessions/phone: texts a 6-digit code valid 15 minutes, creating the user on first use (no
 * e-mail, spec §6). An existing user is used as is (`userId` ignored, no blocked check).
 */
export async function createPhoneSession(ctx: RequestContext, p: { userId: string; phone: string }) {
  const db = await ctx.core.db();
  let user: UserRecord | undefined = await db.users.where('phoneKey').equals(p.phone).first();
  let created: UserRecord | null = null;
  if (!user) {
    await assertUserLimit(ctx);
    user = created = newUser(ctx, newId(ctx, p.userId), { phone: p.phone });
  }
  const recipient = user;
  const token = await issueToken(ctx, recipient, {
    type: TOKEN_TYPE.phone,
    lifetime: TOKEN_LIFETIME.phoneSession,
    format: 'code',
    alsoWrite: created ? (tx) => addUser(ctx, tx, created) : undefined,
    message: (code) => smsMessage('phone-session', recipient.phone ?? p.phone, code),
  });
  return { status: 201, body: toToken(token, ''), auditUser: recipient };
}

/**
 * PUT /account/sessions/phone: the code for a session, and the phone is verified. Login and verification codes
 * share Appwrite's token type 6, so either kind is accepted here.
 */
export const updatePhoneSession = (ctx: RequestContext, p: { userId: string; secret: string }) =>
  sessionFromToken(ctx, p, TOKEN_TYPE.phone, 'phone', { phoneVerification: true });

/**
 * POST /account/tokens/phone (and 1.9.6's POST /account/sessions/phone alias): texts a 6-digit code valid 15
 * minutes (type 6), redeemed with POST /account/sessions/token. A new user gets an `sms` target.
 */
export async function createPhoneToken(ctx: RequestContext, p: { userId: string; phone: string }) {
  const db = await ctx.core.db();
  let user: UserRecord | undefined = await db.users.where('phoneKey').equals(p.phone).first();
  let created: UserRecord | null = null;
  if (!user) {
    await assertUserLimit(ctx);
    user = created = withTarget(ctx, newUser(ctx, newId(ctx, p.userId), { phone: p.phone }), 'sms', p.phone);
  }
  const recipient = user;
  const token = await issueToken(ctx, recipient, {
    type: TOKEN_TYPE.phone,
    lifetime: TOKEN_LIFETIME_1_9.phoneSession,
    format: 'code',
    alsoWrite: created ? (tx) => addUser(ctx, tx, created) : undefined,
    message: (code) => smsMessage('phone-session', recipient.phone ?? p.phone, code),
  });
  return { status: 201, body: toToken(token, ''), auditUser: recipient };
}
