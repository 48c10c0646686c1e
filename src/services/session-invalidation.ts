import type { RequestContext } from '../http/context.js';
import type { EmulatorDb } from '../storage/db.js';
import type { UserRecord } from '../storage/records.js';

/**
 * Appwrite 1.9.6's "invalidate sessions" setting (`auth.invalidateSessions`, on for new 1.9.6 projects): a password
 * change deletes the user's other sessions (1.9 spec §6.24 step 5), a password recovery all of them (§6.29 step 4).
 * 1.4 has no such setting: its sessions outlive a password change.
 */
export const invalidatesSessions = (ctx: RequestContext) => ctx.behaviour === '1.9' && ctx.core.config.auth.invalidateSessions;

/**
 * Deletes `userId`'s sessions but `keep` (call inside a transaction over `sessions`). Appwrite deletes the session
 * documents only: their push targets stay.
 */
export async function deleteSessionsExcept(db: EmulatorDb, userId: string, keep?: string): Promise<void> {
  await db.sessions.where('userId').equals(userId).filter((s) => s.$id !== keep).delete();
}

/**
 * PATCH /account/password's write, when the setting applies: only with a current session (a JWT-only caller keeps
 * every session), and that one stays.
 */
export function signOutOthers(ctx: RequestContext, user: UserRecord): ((db: EmulatorDb) => Promise<void>) | undefined {
  const current = ctx.session;
  if (!invalidatesSessions(ctx) || !current) return undefined;
  return (db) => deleteSessionsExcept(db, user.$id, current.$id);
}
