import type { RequestContext } from '../http/context.js';
import type { EmulatorDb } from '../storage/db.js';
import type { TargetRecord, UserRecord } from '../storage/records.js';
import { newId } from './shared.js';

/**
 * A messaging target (1.9.6): 1.9.6 gives a user an `email` target when it is created with an e-mail (POST
 * /account, e-mail OTP, OAuth2) and an `sms` target with a phone token; push targets come from the client. Targets
 * live on the user record, as the Account model shows them.
 */
export function newTarget(
  ctx: RequestContext, user: Pick<UserRecord, '$id'>, providerType: TargetRecord['providerType'], identifier: string,
  fields: Partial<TargetRecord> = {},
): TargetRecord {
  const now = ctx.now.getTime();
  return {
    $id: newId(ctx), $createdAt: now, $updatedAt: now, name: '', userId: user.$id, providerId: null,
    providerType, identifier, expired: false, ...fields,
  };
}

/** The user with a target of that type and identifier added, unless one exists (Appwrite tolerates duplicates). */
export function withTarget(ctx: RequestContext, user: UserRecord, providerType: TargetRecord['providerType'], identifier: string): UserRecord {
  const targets = user.targets ?? [];
  if (targets.some((t) => t.providerType === providerType && t.identifier === identifier)) return user;
  return { ...user, targets: [...targets, newTarget(ctx, user, providerType, identifier)] };
}

/**
 * Removes the push targets bound to these sessions (call inside a transaction over `users`): Appwrite's
 * deletes worker drops a deleted session's targets (DELETE_TYPE_SESSION_TARGETS). Here, not in push-targets.ts,
 * because every sign-out needs it and push-targets.ts loads on first use.
 */
export async function dropSessionTargets(db: EmulatorDb, userId: string, sessionIds: string[]): Promise<void> {
  const stored = await db.users.get(userId);
  const bound = (t: TargetRecord) => t.sessionId !== undefined && sessionIds.includes(t.sessionId);
  if (!stored?.targets?.some(bound)) return;
  await db.users.put({ ...stored, targets: stored.targets.filter((t) => !bound(t)) });
}
