import { AppwriteError } from '../errors/appwrite-error.js';
import { uniqueId } from '../crypto/random.js';
import type { RequestContext } from '../http/context.js';
import { clientInfo } from '../models/client-info.js';
import { toSession } from '../models/models.js';
import type { SessionRecord, UserRecord } from '../storage/records.js';

/** A new server-side id (`ID.unique()`), or the caller's custom id. */
export function newId(ctx: RequestContext, requested?: string): string {
  return requested && requested !== 'unique()' ? requested : uniqueId(ctx.core.random, ctx.now);
}

/**
 * X-Appwrite-Timestamp (optimistic concurrency): unparsable -> 400; the document changed after it -> 409.
 */
export function assertUnchangedSince(ctx: RequestContext, updatedAt: number): void {
  const header = ctx.request.headers.get('x-appwrite-timestamp');
  if (header === null) return;
  const time = Date.parse(header);
  if (Number.isNaN(time)) throw new AppwriteError('general_argument_invalid', 'Invalid X-Appwrite-Timestamp header value');
  if (updatedAt > time) throw new AppwriteError('document_update_conflict');
}

/** The signed-in caller; routes with scope `account` are only reached with one. */
export function currentUser(ctx: RequestContext): UserRecord {
  if (!ctx.user) throw new AppwriteError('general_unauthorized_scope', 'User (role: guests) missing scope (account)');
  return ctx.user;
}

/** Fields of a session that come from the request (user agent, IP). */
export function sessionOrigin(ctx: RequestContext) {
  return { ...clientInfo(ctx.userAgent), userAgent: ctx.userAgent, ip: ctx.ip, countryCode: '--' };
}

/** The Session model as list/get routes show it: `current` iff it is the request's own session. */
export function viewSession(ctx: RequestContext, session: SessionRecord) {
  return toSession(session, { current: ctx.session?.$id === session.$id, duration: ctx.core.config.auth.sessionLength });
}

/** Appwrite's unique-index violations come back from IndexedDB as a ConstraintError. */
export function isConstraintError(error: unknown): boolean {
  const e = error as { name?: string; inner?: { name?: string }; failures?: Array<{ name?: string }> };
  return e?.name === 'ConstraintError' || e?.inner?.name === 'ConstraintError'
    || (Array.isArray(e?.failures) && e.failures.some((f) => f?.name === 'ConstraintError'));
}
