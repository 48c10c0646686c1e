/**
 * The messaging targets an e-mail or phone change touches (1.9 spec §6.25-6.26): the new address may not be any
 * target's identifier yet, and the user's target for the old address follows the change.
 */
import { AppwriteError } from '../errors/appwrite-error.js';
import type { RequestContext } from '../http/context.js';
import type { TargetRecord, UserRecord } from '../storage/records.js';

/**
 * 409 user_target_already_exists when a target of any user (the caller's own current address included) has
 * this identifier. Targets live on the user records; the identifier compares without case, as the database's
 * collation does.
 */
export async function assertNoTarget(ctx: RequestContext, identifier: string): Promise<void> {
  const wanted = identifier.toLowerCase();
  const db = await ctx.core.db();
  const holder = await db.users.filter((u) => (u.targets ?? []).some((t) => t.identifier.toLowerCase() === wanted)).first();
  if (holder) throw new AppwriteError('user_target_already_exists');
}

/** The user's targets with the one of `type` for `from` renamed to `to` (no change when there is none). */
export function renamedTarget(
  ctx: RequestContext, user: UserRecord, type: TargetRecord['providerType'], from: string | null, to: string,
): Partial<UserRecord> {
  const targets = user.targets ?? [];
  const index = targets.findIndex((t) => t.providerType === type && from !== null && t.identifier === from);
  if (index === -1) return {};
  const renamed = { ...targets[index]!, identifier: to, $updatedAt: ctx.now.getTime() };
  return { targets: targets.map((t, i) => (i === index ? renamed : t)) };
}
