import { AppwriteError } from '../../errors/appwrite-error.js';
import { randomHex } from '../../crypto/random.js';
import type { RequestContext } from '../../http/context.js';
import type { UserRecord } from '../../storage/records.js';
import { patchUser } from '../tokens.js';

/** Appwrite's `Type::generateBackupCodes(10, 6)`: six codes of 10 lower-case hex characters. */
function newCodes(ctx: RequestContext): string[] {
  return Array.from({ length: 6 }, () => randomHex(ctx.core.random, 10));
}

const codesOf = (user: UserRecord) => user.mfaRecoveryCodes ?? [];

async function store(ctx: RequestContext, user: UserRecord, status: number, requireExisting: boolean) {
  const db = await ctx.core.db();
  const codes = newCodes(ctx);
  const updated = await db.transaction('rw', db.users, async () => {
    const stored = await db.users.get(user.$id);
    const has = codesOf(stored ?? user).length > 0;
    if (requireExisting && !has) throw new AppwriteError('user_recovery_codes_not_found');
    if (!requireExisting && has) throw new AppwriteError('user_recovery_codes_already_exists');
    return patchUser(db, user.$id, { mfaRecoveryCodes: codes }, ctx.now);
  });
  return { status, body: { recoveryCodes: [...codes] }, auditUser: updated };
}

/** POST /account/mfa/recovery-codes (1.9 spec §6.31): six new codes, once (409 when the user has codes). 201. */
export const createMfaRecoveryCodes = (ctx: RequestContext, user: UserRecord) => store(ctx, user, 201, false);

/** PATCH /account/mfa/recovery-codes (mfaProtected): six new codes replace the old ones (404 when none). 200. */
export const updateMfaRecoveryCodes = (ctx: RequestContext, user: UserRecord) => store(ctx, user, 200, true);

/** GET /account/mfa/recovery-codes (mfaProtected): the codes left (404 when none). */
export function getMfaRecoveryCodes(user: UserRecord) {
  const codes = codesOf(user);
  if (!codes.length) throw new AppwriteError('user_recovery_codes_not_found');
  return { status: 200, body: { recoveryCodes: [...codes] } };
}
