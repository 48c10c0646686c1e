import type { EmulatorCore } from '../core.js';
import type { UserRecord } from '../storage/records.js';
import type { Behaviour } from './behaviour.js';

/** APP_USER_ACCESS: how stale `accessedAt` may get before a request refreshes it. */
const ACCESS_REFRESH_MS = 24 * 3600 * 1000;

/**
 * 1.9.6 refreshes the caller's `accessedAt` when it is older than 24 hours, in its auth hook (1.9 spec §2 step
 * 5), so before rate limits and params: a failing request refreshes it too. Appwrite writes it with
 * updateDocument, which moves `$updatedAt` as well. 1.4 never updates it. Returns the caller as stored now, and
 * when it refreshed, the `$updatedAt` from before (GET /account answers 1.9.6's in-memory copy: asUnsaved in models/models.ts).
 */
export async function refreshAccessedAt(
  core: EmulatorCore, user: UserRecord, now: Date, behaviour: Behaviour,
): Promise<{ user: UserRecord; refreshedFrom?: number }> {
  if (behaviour === '1.4' || user.accessedAt + ACCESS_REFRESH_MS >= now.getTime()) return { user };
  const db = await core.db();
  const time = now.getTime();
  await db.users.update(user.$id, { accessedAt: time, $updatedAt: time });
  return { user: { ...user, accessedAt: time, $updatedAt: time }, refreshedFrom: user.$updatedAt };
}
