import { AppwriteError } from '../errors/appwrite-error.js';
import { uniqueId } from '../crypto/random.js';
import type { RequestContext } from '../http/context.js';
import { clientInfo } from '../models/client-info.js';
import { toSession } from '../models/models.js';
import type { SessionRecord, UserRecord } from '../storage/records.js';
import { sessionExpiry } from '../http/caller.js';

/** A new server-side id (`ID.unique()`), or the caller's custom id. */
export function newId(ctx: RequestContext, requested?: string): string {
  return requested && requested !== 'unique()' ? requested : uniqueId(ctx.core.random, ctx.now);
}

/** Date strings without a zone are UTC, as on Appwrite's server (JavaScript would read them as local time). */
function parseTimestamp(value: string): number {
  const local = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$/.exec(value);
  return Date.parse(local ? `${local[1]}T${local[2]}Z` : value);
}

/**
 * X-Appwrite-Timestamp as Appwrite reads it (its `requestTimestamp` resource, injected into the action): a bad
 * value is a 400 after the params and before any other check of the action; a header PHP finds empty ("" or "0")
 * counts as absent.
 * @note PHP's `new DateTime()` also takes relative forms ("now", "+1 day"); we take what `Date.parse` takes, with
 * zone-less dates read as UTC.
 */
export function requestTimestamp(ctx: RequestContext): number | null {
  const header = ctx.request.headers.get('x-appwrite-timestamp');
  if (!header || header === '0') return null; // PHP's empty(): "" and "0"
  const time = parseTimestamp(header.trim());
  if (Number.isNaN(time)) throw new AppwriteError('general_argument_invalid', 'Invalid X-Appwrite-Timestamp header value');
  return time;
}

/** X-Appwrite-Timestamp for documents without a stored write check: the document changed after it -> 409. */
export function assertUnchangedSince(ctx: RequestContext, updatedAt: number): void {
  const since = requestTimestamp(ctx);
  if (since !== null && updatedAt > since) throw new AppwriteError('document_update_conflict');
}

/**
 * Looks a document up under X-Appwrite-Timestamp, each server its way. 1.9.6 injects the header but never
 * compares it (1.9 spec §1.6): a bad value is a 400 before the lookup, and no 409 follows. 1.4 checks the found
 * document against it (assertUnchangedSince).
 */
export async function findUnchangedSince<T>(ctx: RequestContext, find: () => Promise<T>, updatedAt: (found: T) => number): Promise<T> {
  if (ctx.behaviour === '1.9') {
    requestTimestamp(ctx);
    return find();
  }
  const found = await find();
  assertUnchangedSince(ctx, updatedAt(found));
  return found;
}

/**
 * A page on the API's own host, for default redirect and link targets (`/auth/magic-url`, `/auth/oauth2/success`).
 * @note Appwrite builds these from the request's hostname and drops the port; we keep the endpoint's port, so with a
 * same-origin endpoint such as `http://localhost:5173/v1` the default links point at the origin serving the app.
 */
export function apiPageUrl(ctx: RequestContext, path: string): string {
  return `${ctx.url.protocol}//${ctx.url.host}${path}`;
}

/** The signed-in caller; routes with scope `account` are only reached with one. */
export function currentUser(ctx: RequestContext): UserRecord {
  if (!ctx.user) throw new AppwriteError('general_unauthorized_scope', 'User (role: guests) missing scope (account)');
  return ctx.user;
}

/** Fields of a session that come from the request (user agent, IP). */
export async function sessionOrigin(ctx: RequestContext) {
  return { ...(await clientInfo(ctx.userAgent)), userAgent: ctx.userAgent, ip: ctx.ip, countryCode: '--' };
}

/** The Session model as list/get routes show it: `current` iff it is the request's own session. */
export function viewSession(ctx: RequestContext, session: SessionRecord) {
  return toSession(session, {
    current: ctx.session?.$id === session.$id,
    expire: sessionExpiry(session, ctx.core.config.auth.sessionLength, ctx.behaviour),
  });
}

/** Appwrite's unique-index violations come back from IndexedDB as a ConstraintError. */
export function isConstraintError(error: unknown): boolean {
  const e = error as { name?: string; inner?: { name?: string }; failures?: Array<{ name?: string }> };
  return e?.name === 'ConstraintError' || e?.inner?.name === 'ConstraintError'
    || (Array.isArray(e?.failures) && e.failures.some((f) => f?.name === 'ConstraintError'));
}
