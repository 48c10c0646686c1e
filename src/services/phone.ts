import type { RequestContext } from '../http/context.js';
import { toToken } from '../models/models.js';
import { TOKEN_TYPE, type UserRecord } from '../storage/records.js';
import { addUser, assertUserLimit, newUser } from './account.js';
import { assertSms } from './delivery.js';
import { smsMessage } from './emails.js';
import { newId } from './shared.js';
import { withTarget } from './targets.js';
import { TOKEN_LIFETIME, issueToken, mockOtp, sessionFromToken } from './tokens.js';

/**
 * POST /account/sessions/phone (1.4) and POST /account/tokens/phone (1.9.6, also at the old path): texts a 6-digit
 * code valid 15 minutes (type 6), creating the user on first use (no e-mail); 1.9.6 gives the new user an `sms`
 * target. An existing user is used as is (`userId` ignored, no blocked check).
 */
export async function createPhoneToken(ctx: RequestContext, p: { userId: string; phone: string }) {
  assertSms(ctx);
  const db = await ctx.core.db();
  let user: UserRecord | undefined = await db.users.where('phoneKey').equals(p.phone).first();
  let created: UserRecord | null = null;
  if (!user) {
    await assertUserLimit(ctx);
    const fresh = newUser(ctx, newId(ctx, p.userId), { phone: p.phone });
    user = created = ctx.behaviour === '1.9' ? withTarget(ctx, fresh, 'sms', p.phone) : fresh;
  }
  const recipient = user;
  const mock = mockOtp(ctx, p.phone);
  const token = await issueToken(ctx, recipient, {
    secret: mock,
    type: TOKEN_TYPE.phone,
    lifetime: TOKEN_LIFETIME.phoneSession,
    format: 'code',
    alsoWrite: created ? (tx) => addUser(ctx, tx, created) : undefined,
    // A mock number's code is never texted.
    message: (code) => (mock === undefined ? smsMessage('phone-session', recipient.phone ?? p.phone, code) : null),
  });
  return { status: 201, body: toToken(token, ''), auditUser: recipient };
}

/**
 * PUT /account/sessions/phone: the code for a session, and the phone is verified. Login and verification codes
 * share Appwrite's token type 6, so either kind is accepted here.
 */
export const updatePhoneSession = (ctx: RequestContext, p: { userId: string; secret: string }) =>
  sessionFromToken(ctx, p, TOKEN_TYPE.phone, 'phone', { phoneVerification: true });
