import type { EmulatorCore } from '../core.js';
import { AppwriteError } from '../errors/appwrite-error.js';
import { encodeSession } from '../http/caller.js';
import type { Session } from '../models/models.js';
import { oldestFirst, startSession, type NewSession } from '../services/sessions.js';
import { viewSession } from '../services/shared.js';
import { dropSessionTargets } from '../services/targets.js';
import type { UserRecord } from '../storage/records.js';
import { adminContext, asServer19, assertUserRef, findUser, findUserOrFail } from './admin-context.js';

/** What a test needs to act as the user in each kind of client. */
export interface CreatedSession {
  /** The Session model (Appwrite 1.9.6's shape), as `account.getSession('current')` would show it. */
  session: Session;
  /** The session value: what SDK 14+ `client.setSession(value)` takes (and the `a_session_<project>` cookie holds). */
  secret: string;
  /** The string to put in `localStorage.cookieFallback` for a page's SDK (any version) to be signed in. */
  cookieFallback: string;
}

export interface SessionOptions {
  /**
   * The factors the session proved (default: `password` for users with one, else `email`, `phone` or
   * `anonymous`). Pass two, e.g. `['password', 'totp']`, for a session that has passed MFA.
   */
  factors?: Array<'password' | 'email' | 'phone' | 'anonymous' | 'oauth2' | 'totp' | 'recoveryCode'>;
}

export interface SessionsApi {
  /** Signs the user in without a password: a new session, as a sign-in would make it. */
  create(userIdOrEmail: string, options?: SessionOptions): Promise<CreatedSession>;
  /** The user's sessions, oldest first. */
  list(userIdOrEmail: string): Promise<Session[]>;
  /** Deletes one session (by id), or every session of a user (by user id or e-mail). */
  delete(sessionIdOrUser: string): Promise<void>;
}

const FACTORS = ['password', 'email', 'phone', 'anonymous', 'oauth2', 'totp', 'recoveryCode'];

/** The sign-in a session stands for: the user's first credential, as the matching sign-in route records it. */
function signIn(user: UserRecord, factors?: string[]): NewSession {
  const provider = user.password ? 'email' : user.email ? 'magic-url' : user.phone ? 'phone' : 'anonymous';
  const factor = { email: 'password', 'magic-url': 'email', phone: 'phone', anonymous: 'anonymous' }[provider]!;
  return {
    provider,
    providerUid: provider === 'phone' ? user.phone ?? '' : user.email ?? '',
    factors: factors ?? [factor],
  };
}

export function createSessionsApi(core: EmulatorCore): SessionsApi {
  return asServer19(buildSessionsApi(core));
}

function buildSessionsApi(core: EmulatorCore): SessionsApi {
  const mustFind = (call: string, ref: unknown) => findUserOrFail(core, call, ref);
  return {
    async create(ref, options = {}) {
      if (options === null || typeof options !== 'object') throw new TypeError('appwrite-emulator: sessions.create(user, options) takes an options object');
      const { factors } = options;
      if (factors !== undefined && (!Array.isArray(factors) || factors.length === 0 || factors.some((f) => !FACTORS.includes(f)))) {
        throw new TypeError(`appwrite-emulator: sessions.create(): factors must be a non-empty array of ${FACTORS.join(', ')}`);
      }
      const user = await mustFind('sessions.create()', ref);
      if (!user.status) throw new AppwriteError('user_blocked');
      const ctx = adminContext(core);
      const fields = signIn(user, factors && [...new Set(factors)]);
      // A session that proved a second factor passed an MFA challenge "now".
      if (fields.factors.length > 1) fields.mfaUpdatedAt = ctx.now.getTime();
      const result = await startSession(ctx, user, fields);
      core.callers.clear();
      const { userId, secret } = result.sessionCookie;
      const value = encodeSession(userId, secret);
      return { session: result.body, secret: value, cookieFallback: JSON.stringify({ [`a_session_${core.config.projectId}`]: value }) };
    },
    async list(ref) {
      const user = await mustFind('sessions.list()', ref);
      const ctx = adminContext(core);
      const sessions = await (await core.db()).sessions.where('userId').equals(user.$id).toArray();
      return sessions.sort(oldestFirst).map((s) => viewSession(ctx, s));
    },
    async delete(ref) {
      assertUserRef('sessions.delete()', ref);
      const db = await core.db();
      const session = await db.sessions.get(ref);
      const userId = session?.userId ?? (await mustFind('sessions.delete()', ref)).$id;
      await db.transaction('rw', db.sessions, db.users, async () => {
        const ids = session ? [session.$id] : (await db.sessions.where('userId').equals(userId).primaryKeys());
        await db.sessions.bulkDelete(ids);
        // A signed-out session's push targets go with it, as on a sign-out.
        await dropSessionTargets(db, userId, ids);
      });
      core.callers.clear();
    },
  };
}
