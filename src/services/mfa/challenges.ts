import { AppwriteError } from '../../errors/appwrite-error.js';
import { sha256Hex, timingSafeEqual } from '../../crypto/hash.js';
import { digitCode } from '../../crypto/random.js';
import { totpMatches } from '../../crypto/totp.js';
import { sessionExpiry } from '../../http/caller.js';
import type { RequestContext } from '../../http/context.js';
import { renderEmail19 } from '../../inbox/templates-1-9.js';
import { formatDate } from '../../clock.js';
import { asUnsaved, toSession } from '../../models/models.js';
import type { ChallengeRecord, InboxRecord, SessionRecord, UserRecord } from '../../storage/records.js';
import { assertSms, assertSmtp } from '../delivery.js';
import { agentVars } from '../emails.js';
import { newId } from '../shared.js';
import { addSessionFactors, findAuthenticator } from './factors.js';

/** 1.9.6's TOKEN_EXPIRATION_CONFIRM: a challenge's `expire` is an hour on (and never checked). */
const CHALLENGE_LIFETIME_MS = 3600 * 1000;

/** What a challenge of each factor sends: e-mail and phone a code; TOTP and recovery codes nothing. */
async function message(ctx: RequestContext, user: UserRecord, factor: string, code: string): Promise<Omit<InboxRecord, 'id' | 'createdAt'> | null> {
  const base = { kind: 'mfa-challenge' as const, userId: user.$id, secret: code };
  if (factor === 'phone') {
    assertSms(ctx);
    if (!user.phone) throw new AppwriteError('user_phone_not_found');
    if (!user.phoneVerification) throw new AppwriteError('user_phone_not_verified');
    // The SMS is the bare code (Appwrite renders a template and sends the code alone).
    return { ...base, channel: 'sms', to: user.phone, text: code };
  }
  if (factor === 'email') {
    assertSmtp(ctx, 'SMTP disabled');
    if (!user.email) throw new AppwriteError('user_email_not_found');
    if (!user.emailVerification) throw new AppwriteError('user_email_not_verified');
    const mail = renderEmail19('mfa-challenge', { user: user.name, project: ctx.core.config.projectName, otp: code, ...(await agentVars(ctx)) });
    return { ...base, channel: 'email', to: user.email, ...mail };
  }
  return null;
}

/**
 * POST /account/mfa/challenges (and /challenge; 1.9 spec §6.34): a challenge for `factor` with a 6-digit code,
 * mailed or texted for `email` and `phone` (inbox kind `mfa-challenge`), nothing for `totp` and `recoveryCode`.
 * No check that a TOTP authenticator exists. 201 MFAChallenge.
 * @note Appwrite stores the challenge before checking the e-mail or phone preconditions, leaving an unreachable
 * challenge behind on failure; we check first and store nothing. Its 503s (no SMTP, no SMS provider) never happen.
 * A factor spelt in another case (`recoverycode`, as SDK enums send it) passes the case-insensitive list, is
 * stored as sent, sends nothing and can never be completed, as on the server.
 */
export async function createMfaChallenge(ctx: RequestContext, user: UserRecord, factor: string) {
  const db = await ctx.core.db();
  const code = digitCode(ctx.core.random);
  const now = ctx.now.getTime();
  const outgoing = await message(ctx, user, factor, code);
  const challenge: ChallengeRecord = { $id: newId(ctx), $createdAt: now, userId: user.$id, type: factor, code: sha256Hex(code), expire: now + CHALLENGE_LIFETIME_MS };
  const record: InboxRecord | null = outgoing && { id: newId(ctx), ...outgoing, createdAt: now };
  await db.transaction('rw', db.challenges, db.inbox, async () => {
    await db.challenges.add(challenge);
    if (!record) return;
    const sameTime = await db.inbox.where('createdAt').equals(now).toArray();
    record.seq = Math.max(0, ...sameTime.map((m) => m.seq ?? 0)) + 1;
    await db.inbox.add(record);
  });
  if (record) ctx.core.onInboxMessage(record);
  return {
    status: 201,
    body: { $id: challenge.$id, $createdAt: formatDate(now), userId: user.$id, expire: formatDate(challenge.expire) },
    auditUser: user,
  };
}

/**
 * PUT /account/mfa/challenges (and /challenge; 1.9 spec §6.35): checks `otp` by the challenge's factor (TOTP: the
 * current code of the user's authenticator, verified or not; e-mail and phone: the code sent; recovery code: one
 * of the user's codes, which is used up), deletes the challenge, adds the factor to the current session and sets
 * its `mfaUpdatedAt`. Any failure, an unknown or another user's challenge included, is 401 user_invalid_token.
 * Expiry is not checked, as in 1.9.6. Answers the session as Appwrite does here: `current: false`, no country name,
 * and the in-memory values 1.9.6 answers (asUnsaved).
 * @note Without a current session (JWT only) Appwrite fails with a 500 after using the challenge; we answer 404
 * user_session_not_found and keep it. Completing a TOTP challenge of a user without an authenticator is a 500
 * there too (a null authenticator); 401 here.
 */
export async function updateMfaChallenge(ctx: RequestContext, user: UserRecord, p: { challengeId: string; otp: string }) {
  const db = await ctx.core.db();
  const now = ctx.now.getTime();
  const { before, session } = await db.transaction('rw', [db.challenges, db.users, db.sessions, db.authenticators], async () => {
    const challenge = await db.challenges.get(p.challengeId);
    if (!challenge || challenge.userId !== user.$id) throw new AppwriteError('user_invalid_token');
    if (!ctx.session) throw new AppwriteError('user_session_not_found');
    const stored = (await db.users.get(user.$id)) ?? user;
    let ok = false;
    if (challenge.type === 'totp') {
      const authenticator = await findAuthenticator(db, user.$id);
      ok = !!authenticator && totpMatches(authenticator.secret, now, p.otp);
    } else if (challenge.type === 'email' || challenge.type === 'phone') {
      ok = timingSafeEqual(challenge.code, sha256Hex(p.otp));
    } else if (challenge.type === 'recoveryCode') {
      const codes = stored.mfaRecoveryCodes ?? [];
      ok = codes.includes(p.otp);
      if (ok) await db.users.put({ ...stored, mfaRecoveryCodes: codes.filter((c) => c !== p.otp), $updatedAt: now });
    }
    if (!ok) throw new AppwriteError('user_invalid_token');
    await db.challenges.delete(challenge.$id);
    // `before`: the session as this request loaded it, which is what 1.9.6 answers (below).
    return { before: ctx.session, session: await addSessionFactors(db, ctx.session, [challenge.type], now, { mfaUpdatedAt: now }) };
  });
  const model = toSession(session, { current: false, expire: sessionExpiry(session, ctx.core.config.auth.sessionLength, ctx.behaviour), countryName: '' });
  // 1.9.6 answers the session it loaded for the request, after setAttribute('factors', …) and
  // setAttribute('mfaUpdatedAt', DateTime::now()) on it (MFA/Challenges/Update.php:146-162; asUnsaved).
  return { status: 200, body: asUnsaved(model, before.$updatedAt ?? before.$createdAt, { mfaUpdatedAt: now }), auditUser: user };
}

