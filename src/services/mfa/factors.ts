import { AppwriteError } from '../../errors/appwrite-error.js';
import type { RequestContext } from '../../http/context.js';
import { toAccount } from '../../models/models.js';
import type { EmulatorDb } from '../../storage/db.js';
import type { AuthenticatorRecord, SessionRecord, UserRecord } from '../../storage/records.js';
import { requestTimestamp } from '../shared.js';
import { patchUser } from '../tokens.js';

/** 1.9.6's MFA_RECENT_DURATION: a challenge counts as recent for 30 minutes (its error message says 5). */
export const MFA_RECENT_MS = 1800 * 1000;

/** The user's TOTP authenticator, verified or not (Appwrite's `TOTP::getAuthenticatorFromUser`). */
export async function findAuthenticator(db: EmulatorDb, userId: string): Promise<AuthenticatorRecord | undefined> {
  return db.authenticators.where('userId').equals(userId).first();
}

/**
 * Appends factors to a session, de-duplicated, in Appwrite's order (existing first); `changes` are written with
 * them (`mfaUpdatedAt` after a challenge). Call inside a transaction over `sessions`.
 */
export async function addSessionFactors(
  db: EmulatorDb, session: SessionRecord, factors: string[], now: number, changes: Partial<SessionRecord> = {},
): Promise<SessionRecord> {
  const stored = (await db.sessions.get(session.$id)) ?? session;
  const next = { ...stored, ...changes, factors: [...new Set([...(stored.factors ?? []), ...factors])], $updatedAt: now };
  await db.sessions.put(next);
  return next;
}

/**
 * 1.9.6's `mfaProtected` group (1.9 spec §2 step 10): the current session must have completed a challenge in the
 * last 30 minutes.
 * @note A JWT-only request has no session; Appwrite then fails with a 500, we answer 401 user_challenge_required.
 */
export function requireRecentChallenge(ctx: RequestContext): void {
  const at = ctx.session?.mfaUpdatedAt;
  if (!at || at + MFA_RECENT_MS < ctx.now.getTime()) throw new AppwriteError('user_challenge_required');
}

/**
 * PATCH /account/mfa (1.9 spec §6.32). Turning MFA on also gives the current session every factor the user has
 * verified (TOTP, e-mail, phone), so the caller stays fully signed in.
 * @note Without a current session (JWT only) Appwrite stores the flag and then fails with a 500; we store it and
 * answer 200.
 */
export async function updateMFA(ctx: RequestContext, user: UserRecord, mfa: boolean) {
  requestTimestamp(ctx);
  const db = await ctx.core.db();
  const now = ctx.now.getTime();
  const updated = await db.transaction('rw', db.users, db.sessions, db.authenticators, async () => {
    const next = await patchUser(db, user.$id, { mfa }, ctx.now);
    if (mfa && ctx.session) await addSessionFactors(db, ctx.session, await sessionFactorsOnEnable(db, next), now);
    return next;
  });
  return { status: 200, body: toAccount(updated), auditUser: updated };
}

/**
 * What turning MFA on appends to the current session, in 1.9.6's order: TOTP, e-mail, phone (MFA/Update.php:80-88;
 * MFAFactors lists phone before e-mail, this does not). Recovery codes never count.
 */
async function sessionFactorsOnEnable(db: EmulatorDb, user: UserRecord): Promise<string[]> {
  const factors = await listFactors(db, user);
  return (['totp', 'email', 'phone'] as const).filter((f) => factors[f]);
}

async function listFactors(db: EmulatorDb, user: UserRecord) {
  return {
    totp: !!(await findAuthenticator(db, user.$id))?.verified,
    phone: !!user.phone && user.phoneVerification,
    email: !!user.email && user.emailVerification,
    recoveryCode: (user.mfaRecoveryCodes ?? []).length > 0,
  };
}

/** GET /account/mfa/factors (1.9 spec §6.33): MFAFactors. */
export async function listMfaFactors(ctx: RequestContext, user: UserRecord) {
  return { status: 200, body: await listFactors(await ctx.core.db(), user) };
}
