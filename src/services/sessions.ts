import { AppwriteError } from '../errors/appwrite-error.js';
import { sha256Hex } from '../crypto/hash.js';
import { randomHex, secret as newSecret } from '../crypto/random.js';
import type { RequestContext } from '../http/context.js';
import { toSession } from '../models/models.js';
import type { EmulatorDb } from '../storage/db.js';
import type { SessionRecord, UserRecord } from '../storage/records.js';
import { assertPassword } from './passwords.js';
import { currentUser, findUnchangedSince, newId, sessionOrigin, viewSession } from './shared.js';
import { dropSessionTargets } from './targets.js';
import { addUser, assertUserLimit, newUser } from './account.js';

/** Appwrite's order of a user's sessions (insertion order): by creation time, then by `seq` within a millisecond. */
export function oldestFirst(a: SessionRecord, b: SessionRecord): number {
  return a.$createdAt - b.$createdAt || (a.seq ?? 0) - (b.seq ?? 0);
}

export interface NewSession {
  provider: string;
  /** 1.9.6: what the sign-in proved (`password`, `anonymous`, `email`, `phone`, `oauth2`, ...). */
  factors: string[];
  providerUid?: string;
  providerAccessToken?: string;
  providerRefreshToken?: string;
  providerAccessTokenExpiry?: number | null;
  /** When the session passed an MFA challenge (the test API's two-factor sessions); default null. */
  mfaUpdatedAt?: number | null;
  /** 1.9.6: the sign-in may send a session alert (e-mail/password and token sign-ins; §6.40). Not stored. */
  alert?: boolean;
  /** The secret's length in hex chars (default 256); not stored. */
  secretChars?: number;
}

/**
 * Creates a session for `user` and prunes the oldest beyond `maxSessions` (spec §3.6), in one transaction with
 * whatever else the flow writes (`alsoWrite`: a new user, a consumed token, a verified flag). Only the secret's
 * SHA-256 is stored; the plain secret goes to the client once, in X-Fallback-Cookies.
 */
export async function startSession(
  ctx: RequestContext,
  user: UserRecord,
  fields: NewSession,
  alsoWrite?: (db: EmulatorDb) => Promise<void>,
) {
  const { alert, secretChars, ...stored } = fields;
  const db = await ctx.core.db();
  const secret = secretChars ? randomHex(ctx.core.random, secretChars) : newSecret(ctx.core.random);
  const now = ctx.now.getTime();
  const session: SessionRecord = {
    $id: newId(ctx),
    $createdAt: now,
    $updatedAt: now,
    expire: now + ctx.core.config.auth.sessionLength * 1000,
    mfaUpdatedAt: null,
    userId: user.$id,
    providerUid: '',
    providerAccessToken: '',
    providerRefreshToken: '',
    providerAccessTokenExpiry: null,
    ...stored,
    ...(await sessionOrigin(ctx)),
    secret: sha256Hex(secret),
  };
  const limit = maxSessions(ctx);
  await db.transaction('rw', [db.users, db.sessions, db.tokens, db.identities, db.meta], async () => {
    if (alsoWrite) await alsoWrite(db);
    // Number the session after every earlier one (one counter per database), so same-millisecond sessions still
    // list and prune oldest first, without reading the user's other sessions.
    session.seq = Number((await db.meta.get('sessionSeq'))?.value ?? 0) + 1;
    await db.meta.put({ key: 'sessionSeq', value: String(session.seq) });
    await db.sessions.add(session);
    // 1.9.6's default keeps every session: nothing to prune, so no need to read them all on each sign-in.
    if (limit === Infinity) return;
    const existing = await db.sessions.where('userId').equals(user.$id).toArray();
    const excess = existing.length - limit;
    if (excess > 0) await db.sessions.bulkDelete(existing.sort(oldestFirst).slice(0, excess).map((s) => s.$id));
  });
  if (alert && ctx.behaviour === '1.9' && ctx.core.config.auth.sessionAlerts) {
    // The alert's template loads only for projects that turned alerts on.
    await (await import('./session-alert.js')).sendSessionAlert(ctx, user, session);
  }
  return {
    status: 201,
    body: toSession(session, { current: true, expire: session.expire! }),
    sessionCookie: { userId: user.$id, secret },
    auditUser: user,
  };
}

/** Sessions kept per user: the option, else the server's default (1.4: 10; 1.9.6: unlimited for new projects). */
function maxSessions(ctx: RequestContext): number {
  return ctx.core.config.auth.maxSessions ?? (ctx.behaviour === '1.4' ? 10 : Infinity);
}

export async function createEmailSession(ctx: RequestContext, p: { email: string; password: string }) {
  const db = await ctx.core.db();
  const user = await db.users.where('emailKey').equals(p.email.toLowerCase()).first();
  if (!user || !user.passwordUpdate) throw new AppwriteError('user_invalid_credentials');
  await assertPassword(user, p.password);
  if (!user.status) throw new AppwriteError('user_blocked');
  // providerUid is the e-mail as Appwrite looked it up (lower-cased input), not the stored spelling.
  return startSession(ctx, user, { provider: 'email', providerUid: p.email.toLowerCase(), factors: ['password'], alert: true });
}

export async function createAnonymousSession(ctx: RequestContext) {
  if (ctx.user) throw new AppwriteError('user_session_already_exists', 'Cannot create an anonymous user when logged in');
  await assertUserLimit(ctx);
  const user = newUser(ctx, newId(ctx), {});
  return startSession(ctx, user, { provider: 'anonymous', factors: ['anonymous'] }, (db) => addUser(ctx, db, user));
}

/** `current` resolves to the request's own session; anything not the caller's is 404 (no existence leak). */
export async function findSession(ctx: RequestContext, sessionId: string): Promise<SessionRecord> {
  const user = currentUser(ctx);
  if (sessionId === 'current') {
    if (!ctx.session) throw new AppwriteError('user_session_not_found');
    return ctx.session;
  }
  const session = await (await ctx.core.db()).sessions.get(sessionId);
  if (!session || session.userId !== user.$id) throw new AppwriteError('user_session_not_found');
  return session;
}

export async function listSessions(ctx: RequestContext) {
  const user = currentUser(ctx);
  const sessions = (await (await ctx.core.db()).sessions.where('userId').equals(user.$id).toArray()).sort(oldestFirst);
  return { total: sessions.length, sessions: sessions.map((s) => viewSession(ctx, s)) };
}

/**
 * DELETE /account/sessions/{id}, under X-Appwrite-Timestamp (findUnchangedSince: 1.4's 409, 1.9.6's parse only).
 * The session's push targets go too.
 */
export async function deleteSession(ctx: RequestContext, sessionId: string) {
  const user = currentUser(ctx);
  const session = await findUnchangedSince(ctx, () => findSession(ctx, sessionId), (s) => s.$createdAt);
  const db = await ctx.core.db();
  await db.transaction('rw', db.sessions, db.users, async () => {
    await db.sessions.delete(session.$id);
    await dropSessionTargets(db, user.$id, [session.$id]);
  });
  const own = session.$id === ctx.session?.$id;
  // The event's payload: the deleted session, `current` as it was (spec 1.9 §6.8).
  return { status: 204, sessionCookie: own ? ('clear' as const) : undefined, auditUser: user, eventPayload: viewSession(ctx, session) };
}

/**
 * DELETE /account/sessions. `X-Fallback-Cookies: []` when any session went: once in 1.4, once per deleted
 * session in 1.9.6 (fallbackClears). Only the current session's push targets go (Appwrite queues that one).
 */
export async function deleteSessions(ctx: RequestContext) {
  const user = currentUser(ctx);
  const db = await ctx.core.db();
  const deleted = await db.transaction('rw', db.sessions, db.users, async () => {
    const count = await db.sessions.where('userId').equals(user.$id).delete();
    if (ctx.session) await dropSessionTargets(db, user.$id, [ctx.session.$id]);
    return count;
  });
  return {
    status: 204, sessionCookie: deleted > 0 ? ('clear' as const) : undefined, clearCount: fallbackClears(ctx, deleted), auditUser: user,
    // One event, for the current session; none for a JWT caller, who has no current session (spec 1.9 §6.5).
    // @note Appwrite 1.4 names the newest deleted session in the event; the emulator names the current one, as 1.9.6.
    eventPayload: ctx.session ? viewSession(ctx, ctx.session) : undefined,
  };
}

/** How many `X-Fallback-Cookies: []` lines DELETE /account/sessions sends: 1.4 one, 1.9.6 one per deleted session. */
function fallbackClears(ctx: RequestContext, deleted: number): number {
  return ctx.behaviour === '1.9' ? deleted : 1;
}

/** POST /account/jwt(s): a JWT for the current session, valid `duration` seconds (1.9.6; 1.4: always 900). */
export async function createJWT(ctx: RequestContext, duration?: number) {
  const user = currentUser(ctx);
  if (!ctx.session) throw new AppwriteError('user_session_not_found');
  // Signing (jose) loads with the first createJWT().
  const { signJwt } = await import('../crypto/jwt.js');
  return { jwt: await signJwt(await ctx.core.jwtKey(true), { userId: user.$id, sessionId: ctx.session.$id }, ctx.now, duration) };
}
