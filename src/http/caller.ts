import { AppwriteError } from '../errors/appwrite-error.js';
import { sha256Hex, timingSafeEqual } from '../crypto/hash.js';
import type { EmulatorCore } from '../core.js';
import type { SessionRecord, UserRecord } from '../storage/records.js';
import type { Behaviour } from './behaviour.js';
import type { CachedCaller } from './caller-cache.js';

/** The session value Appwrite puts in cookies and X-Fallback-Cookies: base64 of {"id": userId, "secret"}. */
export function encodeSession(userId: string, secret: string): string {
  return btoa(JSON.stringify({ id: userId, secret }));
}

/** Lenient like Appwrite: anything undecodable is simply no session. */
export function decodeSession(value: unknown): { id: string; secret: string } | null {
  if (typeof value !== 'string' || value === '') return null;
  try {
    const parsed: unknown = JSON.parse(atob(value));
    if (parsed && typeof parsed === 'object') {
      const { id, secret } = parsed as Record<string, unknown>;
      if (typeof id === 'string' && typeof secret === 'string' && id && secret) return { id, secret };
    }
  } catch {
    // not base64 or not JSON
  }
  return null;
}

function readCookie(header: string | null, name: string): string | null {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) {
      try {
        return decodeURIComponent(rest.join('='));
      } catch {
        return null;
      }
    }
  }
  return null;
}

/** Whether a session cookie (1.9.6: or X-Appwrite-Session), not the fallback header, carries a decodable session: X-Debug-Fallback. */
export function hasSessionCookie(request: Request, projectId: string, behaviour: Behaviour = '1.4'): boolean {
  const name = `a_session_${projectId}`;
  const cookies = request.headers.get('cookie');
  if (decodeSession(readCookie(cookies, name) || readCookie(cookies, `${name}_legacy`)) !== null) return true;
  // 1.9.6 reads X-Appwrite-Session before it falls back (request.php:387-394): no fallback either.
  return behaviour === '1.9' && decodeSession(request.headers.get('x-appwrite-session')) !== null;
}

/**
 * The session value sent by the caller: cookie, legacy cookie, then (1.9.6: SDK 14+ `setSession`) the
 * X-Appwrite-Session header, then the X-Fallback-Cookies header (1.4 spec §3.4, 1.9 spec §1.3). Each is decoded
 * the same way; the first that decodes wins.
 */
export function sessionValue(request: Request, projectId: string, behaviour: Behaviour = '1.4'): string | null {
  const name = `a_session_${projectId}`;
  const cookies = request.headers.get('cookie');
  const fromCookie = readCookie(cookies, name) || readCookie(cookies, `${name}_legacy`);
  if (fromCookie && decodeSession(fromCookie)) return fromCookie;
  const fromHeader = behaviour === '1.9' ? request.headers.get('x-appwrite-session') : null;
  if (fromHeader && decodeSession(fromHeader)) return fromHeader;
  const fallback = request.headers.get('x-fallback-cookies');
  if (!fallback) return null;
  try {
    const parsed: unknown = JSON.parse(fallback);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      const value = (parsed as Record<string, unknown>)[name];
      return typeof value === 'string' ? value : null;
    }
  } catch {
    // malformed header: no session
  }
  return null;
}

export interface Caller {
  user: UserRecord | null;
  session: SessionRecord | null;
}

/** The session a value names and its user, from the database (and remembered in the caller cache). */
async function lookupSession(core: EmulatorCore, value: string, decoded: { id: string; secret: string }): Promise<CachedCaller | null> {
  const db = await core.db();
  const hash = sha256Hex(decoded.secret);
  const generation = core.callers.generation();
  // One read transaction for both lookups: each IndexedDB transaction costs.
  const found = await db.transaction('r', db.sessions, db.users, async () => {
    const stored = await db.sessions.where('secret').equals(hash).first();
    if (!stored || stored.userId !== decoded.id || !timingSafeEqual(stored.secret, hash)) return null;
    const owner = await db.users.get(stored.userId);
    return owner ? { user: owner, session: stored } : null;
  });
  if (found) core.callers.set(value, found, generation);
  return found;
}

/**
 * When a session ends: 1.9.6 reads its stored expiry (PATCH extends it); 1.4 computed `$createdAt` + the
 * project's session length at every request.
 */
export function sessionExpiry(session: SessionRecord, sessionLength: number, behaviour: Behaviour): number {
  const computed = session.$createdAt + sessionLength * 1000;
  return behaviour === '1.9' ? session.expire ?? computed : computed;
}

/** Seconds a JWT is still accepted past its `exp`: 1.4 verified with 10, 1.9.6 with none (1.9 spec §1.3). */
export function jwtLeeway(behaviour: Behaviour): number {
  return behaviour === '1.9' ? 0 : 10;
}

/**
 * Resolves the caller: the session from cookie/header/fallback (its secret's SHA-256 must match a live session
 * of that user), then `X-Appwrite-JWT`. In 1.4 the JWT overrides the user; 1.9.6 refuses a JWT beside a session
 * (403 user_jwt_and_cookie_set). A bad JWT is 401 user_jwt_invalid; a JWT whose session is gone makes the caller
 * a guest.
 */
export async function resolveCaller(core: EmulatorCore, request: Request, now: Date, behaviour: Behaviour = '1.4'): Promise<Caller> {
  const db = await core.db();
  let user: UserRecord | null = null;
  let session: SessionRecord | null = null;
  const value = sessionValue(request, core.config.projectId, behaviour);
  const decoded = decodeSession(value);
  if (value && decoded) {
    const known = core.callers.get(value) ?? await lookupSession(core, value, decoded);
    if (known && sessionExpiry(known.session, core.config.auth.sessionLength, behaviour) >= now.getTime()) {
      ({ user, session } = known);
    }
  }
  const jwt = request.headers.get('x-appwrite-jwt');
  if (jwt && user && behaviour === '1.9') throw new AppwriteError('user_jwt_and_cookie_set');
  if (jwt) {
    // The verifier (and its HMAC) loads with the first JWT a client sends: most pages never send one.
    const { verifyJwt } = await import('../crypto/jwt.js');
    const result = await verifyJwt(await core.jwtKey(false), jwt, now, jwtLeeway(behaviour));
    if (!result.ok) throw new AppwriteError('user_jwt_invalid', `Failed to verify JWT. ${result.reason}`);
    if (result.userId && result.sessionId) {
      const jwtSession = await db.sessions.get(result.sessionId);
      user = jwtSession && jwtSession.userId === result.userId ? ((await db.users.get(result.userId)) ?? null) : null;
      // Appwrite finds the current session by the cookie's secret among the (JWT) user's sessions: a cookie of
      // that same user stays current; any other cookie leaves no current session.
      if (session && session.userId !== user?.$id) session = null;
    }
  }
  return { user, session };
}
