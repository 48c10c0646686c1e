import { AppwriteError } from '../errors/appwrite-error.js';
import type { RequestContext } from '../http/context.js';
import { toAccount } from '../models/models.js';
import type { EmulatorDb } from '../storage/db.js';
import type { UserRecord } from '../storage/records.js';
import { assertNoPersonalData, assertNotRecentlyUsed, assertPassword, hash, nextHistory } from './passwords.js';
import { isConstraintError, newId, requestTimestamp } from './shared.js';
import { withTarget } from './targets.js';

/** A user document as the Account API creates it (spec §6); callers fill the method-specific fields. */
export function newUser(ctx: RequestContext, id: string, fields: Partial<UserRecord>): UserRecord {
  const now = ctx.now.getTime();
  const user: UserRecord = {
    $id: id, $createdAt: now, $updatedAt: now, name: '', email: null, phone: null, password: null,
    passwordUpdate: null, passwordHistory: [], registration: now, status: true, labels: [],
    emailVerification: false, phoneVerification: false, prefs: {}, accessedAt: now, ...fields,
  };
  return withKeys(user);
}

/** Keeps the unique-index keys in step with e-mail and phone. */
export function withKeys(user: UserRecord): UserRecord {
  const out = { ...user };
  if (out.email) out.emailKey = out.email.toLowerCase();
  else delete out.emailKey;
  if (out.phone) out.phoneKey = out.phone;
  else delete out.phoneKey;
  return out;
}

/**
 * The user-count limit (`auth.limit`): 501 user_count_exceeded once reached. Routes call it early, where Appwrite
 * checks it (before other errors); `addUser` checks it again where the user is written.
 */
export async function assertUserLimit(ctx: RequestContext, db?: EmulatorDb): Promise<void> {
  const { limit } = ctx.core.config.auth;
  if (limit === 0) return;
  const users = (db ?? await ctx.core.db()).users;
  if ((await users.count()) >= limit) throw new AppwriteError('user_count_exceeded');
}

/**
 * Stores a new user, counting users in the same transaction (call it inside one over `users`): IndexedDB runs
 * read-write transactions on a table one at a time, so parallel sign-ups can never pass the limit together.
 */
export async function addUser(ctx: RequestContext, db: EmulatorDb, user: UserRecord): Promise<void> {
  await assertUserLimit(ctx, db);
  await db.users.add(user);
}

/**
 * The identity e-mail guard's answer: 1.4 says 409 user_email_already_exists; 1.9.6 a generic 400
 * general_bad_request, so the answer does not reveal that an account exists (1.9 spec §6.0). 1.9.6's magic URL
 * token still says 409 and passes its own error.
 */
function identityEmailTaken(ctx: RequestContext): AppwriteError {
  return new AppwriteError(ctx.behaviour === '1.4' ? 'user_email_already_exists' : 'general_bad_request');
}

/** No other user's OAuth identity may carry this e-mail. */
export async function assertEmailNotInIdentities(
  ctx: RequestContext, email: string, exceptUserId?: string, taken: AppwriteError = identityEmailTaken(ctx),
): Promise<void> {
  const db = await ctx.core.db();
  const identities = await db.identities.where('providerEmail').equalsIgnoreCase(email).toArray();
  if (identities.some((i) => i.userId !== exceptUserId)) throw taken;
}

/**
 * What a new account records besides its credentials. 1.9.6 parses the e-mail (emailCanonical, emailIs*), stores
 * `mfa: false` and gives the user an `email` target; 1.4 has none of these.
 */
async function signUpExtras(ctx: RequestContext, user: UserRecord): Promise<UserRecord> {
  if (ctx.behaviour === '1.4' || !user.email) return user;
  // The parser and its domain lists load with the first 1.9.6 sign-up, not at start.
  const { emailFields } = await import('./email-parser.js');
  return withTarget(ctx, { ...user, ...emailFields(user.email), mfa: false }, 'email', user.email);
}

export async function create(ctx: RequestContext, p: { userId: string; email: string; password: string; name: string }) {
  const email = p.email.toLowerCase();
  await assertUserLimit(ctx);
  await assertEmailNotInIdentities(ctx, email);
  await assertNoPersonalData(ctx, p.password, { id: p.userId, email, name: p.name });
  const passwordHash = await hash(ctx, p.password);
  const user = await signUpExtras(ctx, newUser(ctx, newId(ctx, p.userId), {
    email, name: p.name, password: passwordHash, passwordUpdate: ctx.now.getTime(),
    passwordHistory: ctx.core.config.auth.passwordHistory > 0 ? [passwordHash] : [],
  }));
  const db = await ctx.core.db();
  try {
    // An async scope function: Dexie keeps the transaction alive across native awaits only inside one.
    await db.transaction('rw', db.users, async () => {
      await addUser(ctx, db, user);
    });
  } catch (error) {
    if (isConstraintError(error)) throw new AppwriteError('user_already_exists');
    throw error;
  }
  return user;
}

/**
 * Applies a change to the caller's user document in one transaction, over the stored copy (not the one read at
 * the start of the request), and returns the result. Like Appwrite's `withRequestTimestamp(updateDocument)`, the
 * conflict check (409 document_update_conflict when the stored document changed after `since`) happens here, at
 * the write, after the action's own checks. A unique-index clash becomes `conflict`. `changes` may be computed
 * from the stored copy (targets are renamed on it).
 */
async function update(
  ctx: RequestContext, user: UserRecord, changes: Partial<UserRecord> | ((stored: UserRecord) => Partial<UserRecord>),
  since: number | null, conflict: AppwriteError, alsoWrite?: (db: EmulatorDb) => Promise<unknown>,
): Promise<UserRecord> {
  const db = await ctx.core.db();
  try {
    return await db.transaction('rw', [db.users, db.sessions], async () => {
      if (alsoWrite) await alsoWrite(db);
      const stored = (await db.users.get(user.$id)) ?? user;
      if (since !== null && stored.$updatedAt > since) throw new AppwriteError('document_update_conflict');
      const next = withKeys({ ...stored, ...(typeof changes === 'function' ? changes(stored) : changes), $updatedAt: ctx.now.getTime() });
      await db.users.put(next);
      return next;
    });
  } catch (error) {
    if (isConstraintError(error)) throw conflict;
    throw error;
  }
}

/**
 * X-Appwrite-Timestamp on profile updates: 1.4 checks it at the write (409 document_update_conflict). 1.9.6
 * only parses it where the route injects it (`injected19`: PATCH /account/email and /account/prefs, so a bad
 * value is still a 400) and checks nothing (1.9 spec §1.6).
 */
function conflictSince(ctx: RequestContext, injected19: boolean): number | null {
  if (ctx.behaviour === '1.4') return requestTimestamp(ctx);
  if (injected19) requestTimestamp(ctx);
  return null;
}

/**
 * The e-mail guards' answer when the address is taken (another user's OAuth identity, or another user):
 * 1.4's 409 user_email_already_exists, 1.9.6's anti-enumeration 400 general_bad_request (1.9 spec §6.25).
 */
const emailTaken = (ctx: RequestContext) =>
  new AppwriteError(ctx.behaviour === '1.4' ? 'user_email_already_exists' : 'general_bad_request');

/**
 * 1.9.6 parses a changed e-mail as it does a new one (1.9 spec §6.25 step 3), so the account's `emailCanonical`
 * and `emailIs*` describe the new address, as account creation would have; 1.4 has none of these fields.
 */
async function changedEmailFields(ctx: RequestContext, email: string): Promise<Partial<UserRecord>> {
  if (ctx.behaviour === '1.4') return {};
  const { emailFields } = await import('./email-parser.js');
  return emailFields(email);
}

export async function updateEmail(ctx: RequestContext, user: UserRecord, p: { email: string; password: string }) {
  const since = conflictSince(ctx, true);
  await assertPassword(user, p.password);
  const email = p.email.toLowerCase();
  try {
    await assertEmailNotInIdentities(ctx, email, user.$id);
  } catch (error) {
    if (error instanceof AppwriteError && error.type === 'user_email_already_exists') throw emailTaken(ctx);
    throw error;
  }
  const parsed = await changedEmailFields(ctx, email);
  // Target rules load with the first e-mail or phone change (outside the transaction below, which cannot wait).
  const { assertNoTarget, renamedTarget } = await import('./account-targets.js');
  if (ctx.behaviour === '1.9') await assertNoTarget(ctx, email);
  // Password-less users (anonymous, magic URL, phone, OAuth) get this password: how anonymous accounts convert.
  // No dictionary, personal-data or history check applies here (spec §5).
  const setsPassword = !user.passwordUpdate;
  const changes: Partial<UserRecord> = { email, emailVerification: false, ...parsed };
  if (setsPassword) Object.assign(changes, { password: await hash(ctx, p.password), passwordUpdate: ctx.now.getTime() });
  return update(ctx, user, (stored) => ({ ...changes, ...renamedTarget(ctx, stored, 'email', stored.email, email) }), since, emailTaken(ctx));
}

export async function updatePhone(ctx: RequestContext, user: UserRecord, p: { phone: string; password: string }) {
  const since = conflictSince(ctx, false);
  await assertPassword(user, p.password);
  const { assertNoTarget, renamedTarget } = await import('./account-targets.js');
  if (ctx.behaviour === '1.9') await assertNoTarget(ctx, p.phone);
  const changes: Partial<UserRecord> = { phone: p.phone, phoneVerification: false };
  if (!user.passwordUpdate) Object.assign(changes, { password: await hash(ctx, p.password), passwordUpdate: ctx.now.getTime() });
  return update(ctx, user, (stored) => ({ ...changes, ...renamedTarget(ctx, stored, 'sms', stored.phone, p.phone) }), since,
    new AppwriteError('user_phone_already_exists'));
}

export async function updateName(ctx: RequestContext, user: UserRecord, name: string) {
  const since = conflictSince(ctx, false);
  return update(ctx, user, { name }, since, new AppwriteError('user_already_exists'));
}

export async function updatePassword(ctx: RequestContext, user: UserRecord, p: { password: string; oldPassword: string }) {
  const since = conflictSince(ctx, false);
  await assertPassword(user, p.oldPassword);
  await assertNotRecentlyUsed(ctx, user, p.password);
  await assertNoPersonalData(ctx, p.password, { id: user.$id, email: user.email, name: user.name, phone: user.phone });
  const passwordHash = await hash(ctx, p.password);
  // 1.9.6 signs the other sessions out (`auth.invalidateSessions`); the rule loads with the first password change.
  const { signOutOthers } = await import('./session-invalidation.js');
  return update(ctx, user, {
    password: passwordHash, passwordUpdate: ctx.now.getTime(), passwordHistory: nextHistory(ctx, user, passwordHash),
  }, since, new AppwriteError('user_already_exists'), signOutOthers(ctx, user));
}

export async function updatePrefs(ctx: RequestContext, user: UserRecord, prefs: Record<string, unknown>) {
  const since = conflictSince(ctx, true);
  // `[]` is accepted as an empty object, as PHP does; form-encoded prefs arrive as a null-prototype object.
  return update(ctx, user, { prefs: Array.isArray(prefs) ? {} : { ...prefs } }, since, new AppwriteError('user_already_exists'));
}

export async function updateStatus(ctx: RequestContext, user: UserRecord) {
  const since = conflictSince(ctx, false);
  return update(ctx, user, { status: false }, since, new AppwriteError('user_already_exists'));
}

export const account = (user: UserRecord) => toAccount(user);

/**
 * DELETE /account (1.9.6 only, 1.9 spec §6.3): the user goes with its sessions, tokens, identities and MFA records, in one
 * transaction (Appwrite's delete queue removes them after the response; nobody can tell the difference).
 */
export async function deleteAccount(ctx: RequestContext, user: UserRecord): Promise<void> {
  const db = await ctx.core.db();
  await db.transaction('rw', [db.users, db.sessions, db.tokens, db.identities, db.authenticators, db.challenges], async () => {
    await db.sessions.where('userId').equals(user.$id).delete();
    await db.tokens.where('userId').equals(user.$id).delete();
    await db.identities.where('userId').equals(user.$id).delete();
    await db.authenticators.where('userId').equals(user.$id).delete();
    await db.challenges.where('userId').equals(user.$id).delete();
    await db.users.delete(user.$id);
  });
}
