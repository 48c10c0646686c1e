import { AppwriteError } from '../../errors/appwrite-error.js';
import { newTotpSecret, totpMatches, totpUri } from '../../crypto/totp.js';
import type { RequestContext } from '../../http/context.js';
import { toAccount } from '../../models/models.js';
import type { AuthenticatorRecord, UserRecord } from '../../storage/records.js';
import { newId } from '../shared.js';
import { addSessionFactors, findAuthenticator } from './factors.js';

/**
 * POST /account/mfa/authenticators/totp (1.9 spec §6.30): a new TOTP secret, replacing an unverified one; 409
 * once one is verified. Answers MFAType `{secret, uri}` (200, as Appwrite).
 * @note otphp throws for a user without e-mail (its label) or a project name with `:`; Appwrite answers 500
 * general_unknown, we answer 500 general_server_error (both read `Server Error`) and store nothing.
 */
export async function createMfaAuthenticator(ctx: RequestContext, user: UserRecord) {
  const db = await ctx.core.db();
  const secret = newTotpSecret(ctx.core.random);
  const uri = totpUri(ctx.core.config.projectName, user.email ?? '', secret);
  const now = ctx.now.getTime();
  await db.transaction('rw', db.authenticators, async () => {
    const existing = await findAuthenticator(db, user.$id);
    if (existing?.verified) throw new AppwriteError('user_authenticator_already_verified');
    if (!uri) {
      throw new AppwriteError('general_server_error', 'An authenticator needs the user\'s e-mail as its label and a project name without ":" as its issuer.');
    }
    if (existing) await db.authenticators.delete(existing.$id);
    const record: AuthenticatorRecord = { $id: newId(ctx), $createdAt: now, $updatedAt: now, userId: user.$id, type: 'totp', verified: false, secret };
    await db.authenticators.add(record);
  });
  return { status: 200, body: { secret, uri }, auditUser: user };
}

/**
 * PUT /account/mfa/authenticators/totp: verifies the authenticator with a code of the current 30-second step (no
 * window, as otphp's `now() === otp`) and adds `totp` to the current session's factors. 200 Account.
 * @note Without a current session (JWT only) Appwrite verifies and then fails with a 500; we verify and answer 200.
 */
export async function updateMfaAuthenticator(ctx: RequestContext, user: UserRecord, otp: string) {
  const db = await ctx.core.db();
  const now = ctx.now.getTime();
  await db.transaction('rw', db.authenticators, db.sessions, async () => {
    const authenticator = await findAuthenticator(db, user.$id);
    if (!authenticator) throw new AppwriteError('user_authenticator_not_found');
    if (authenticator.verified) throw new AppwriteError('user_authenticator_already_verified');
    if (!totpMatches(authenticator.secret, now, otp)) throw new AppwriteError('user_invalid_token');
    await db.authenticators.put({ ...authenticator, verified: true, $updatedAt: now });
    if (ctx.session) await addSessionFactors(db, ctx.session, ['totp'], now);
  });
  return { status: 200, body: toAccount(user), auditUser: user };
}

/** DELETE /account/mfa/authenticators/totp (mfaProtected): removes it; the session keeps its factors. 204. */
export async function deleteMfaAuthenticator(ctx: RequestContext, user: UserRecord) {
  const db = await ctx.core.db();
  await db.transaction('rw', db.authenticators, async () => {
    const authenticator = await findAuthenticator(db, user.$id);
    if (!authenticator) throw new AppwriteError('user_authenticator_not_found');
    await db.authenticators.delete(authenticator.$id);
  });
  // Its realtime event `users.<id>.delete.mfa` has an empty payload (spec 1.9 §8.4).
  return { status: 204, auditUser: user, eventPayload: {} };
}
