import { AppwriteError } from '../errors/appwrite-error.js';
import type { RequestContext } from '../http/context.js';
import { clientInfo } from '../models/client-info.js';
import { toTarget } from '../models/models.js';
import type { EmulatorDb } from '../storage/db.js';
import type { TargetRecord, UserRecord } from '../storage/records.js';
import { currentUser, newId } from './shared.js';
import { newTarget } from './targets.js';

/**
 * Push targets (1.9.6, 1.9 spec §6.36): a device's push token, kept on the user record, bound to the session
 * that registered it. Writing targets does not touch the user's `$updatedAt` (Appwrite keeps them in their
 * own collection).
 */

/** PHP's truthiness of a string param: "" and "0" are falsy (`if ($identifier)`, `!empty($providerId)`). */
const phpTruthy = (value: string) => value !== '' && value !== '0';

/** Appwrite names a push target after the device: `<deviceBrand> <deviceModel>` (often a single space). */
async function deviceName(ctx: RequestContext): Promise<string> {
  const info = await clientInfo(ctx.userAgent);
  return `${info.deviceBrand} ${info.deviceModel}`;
}

/** Replaces the stored user's targets (inside a transaction over `users`). */
async function saveTargets(db: EmulatorDb, userId: string, change: (targets: TargetRecord[]) => TargetRecord[]): Promise<UserRecord> {
  const stored = await db.users.get(userId);
  if (!stored) throw new AppwriteError('user_not_found');
  const next = { ...stored, targets: change(stored.targets ?? []) };
  await db.users.put(next);
  return next;
}

/** The user's target `targetId`; another user's or none -> 404 user_target_not_found. */
function ownTarget(user: UserRecord, targetId: string): TargetRecord {
  const target = (user.targets ?? []).find((t) => t.$id === targetId);
  if (!target) throw new AppwriteError('user_target_not_found');
  return target;
}

/** POST /account/targets/push: a target id must be unique in the project (409 user_target_already_exists). */
export async function createPushTarget(ctx: RequestContext, p: { targetId: string; identifier: string; providerId: string }) {
  const user = currentUser(ctx);
  const db = await ctx.core.db();
  const target = newTarget(ctx, user, 'push', p.identifier, {
    $id: newId(ctx, p.targetId),
    name: await deviceName(ctx),
    providerId: phpTruthy(p.providerId) ? p.providerId : null, // `!empty($providerId) ? … : null` (account.php:4607)
    ...(ctx.session ? { sessionId: ctx.session.$id } : {}),
  });
  const updated = await db.transaction('rw', db.users, async () => {
    const taken = await db.users.filter((u) => (u.targets ?? []).some((t) => t.$id === target.$id)).first();
    if (taken) throw new AppwriteError('user_target_already_exists');
    return saveTargets(db, user.$id, (targets) => [...targets, target]);
  });
  return { status: 201, body: toTarget(target), auditUser: updated };
}

/**
 * PUT /account/targets/{targetId}/push: a new identifier un-expires the target; its name follows the device. An
 * empty or "0" identifier changes neither (`if ($identifier)`, account.php:4673-4677); the route has no other param.
 */
export async function updatePushTarget(ctx: RequestContext, p: { targetId: string; identifier: string }) {
  const user = currentUser(ctx);
  const db = await ctx.core.db();
  const name = await deviceName(ctx);
  let changed: TargetRecord | undefined;
  const updated = await db.transaction('rw', db.users, async () => {
    const stored = await db.users.get(user.$id);
    const target = ownTarget(stored ?? user, p.targetId);
    changed = { ...target, name, $updatedAt: ctx.now.getTime(), ...(phpTruthy(p.identifier) ? { identifier: p.identifier, expired: false } : {}) };
    return saveTargets(db, user.$id, (targets) => targets.map((t) => (t.$id === target.$id ? changed! : t)));
  });
  return { status: 200, body: toTarget(changed!), auditUser: updated };
}

/** DELETE /account/targets/{targetId}/push. */
export async function deletePushTarget(ctx: RequestContext, p: { targetId: string }) {
  const user = currentUser(ctx);
  const db = await ctx.core.db();
  const updated = await db.transaction('rw', db.users, async () => {
    const stored = await db.users.get(user.$id);
    const target = ownTarget(stored ?? user, p.targetId);
    return { target, user: await saveTargets(db, user.$id, (targets) => targets.filter((t) => t.$id !== target.$id)) };
  });
  return { status: 204, auditUser: updated.user, eventPayload: toTarget(updated.target) };
}
