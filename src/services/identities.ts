import { AppwriteError } from '../errors/appwrite-error.js';
import type { RequestContext } from '../http/context.js';
import { toIdentity } from '../models/models.js';
import { applyQueries } from '../validation/query-filter.js';
import type { Query } from '../validation/queries.js';
import { CURSORS_19, ORDERS_19, type Query19 } from '../validation/queries-1-9.js';
import { applyQueries19 } from '../validation/query-filter-1-9.js';
import type { IdentityRecord } from '../storage/records.js';
import { currentUser } from './shared.js';


/** GET /account/identities: the caller's identities, filtered and paged by the queries (default limit 25). */
export async function listIdentities(ctx: RequestContext, queries: Query[]) {
  const user = currentUser(ctx);
  const records = await (await ctx.core.db()).identities.where('userId').equals(user.$id).sortBy('$createdAt');
  const result = applyQueries(records.map(toIdentity), queries, 25);
  if (result.missingCursor !== undefined) {
    throw new AppwriteError('general_cursor_not_found', `Identity '${result.missingCursor}' for the 'cursor' value not found.`);
  }
  return { total: Math.min(result.total, 5000), identities: result.rows };
}

const IDENTITY_DATES = new Set(['$createdAt', '$updatedAt', 'providerAccessTokenExpiry']);

/** A filter query (not an order, a cursor, a limit or an offset). */
const isFilter = (q: Query19) => !ORDERS_19.includes(q.method) && !CURSORS_19.includes(q.method) && q.method !== 'limit' && q.method !== 'offset';

/**
 * GET /account/identities in 1.9.6 (1.9 spec §6.37): JSON queries over the caller's identities, default limit 25,
 * `total` the count of the filtered ones (at most 5000), or 0 when the caller asks for none.
 *
 * The cursor is any identity, another user's included, and whatever the filters say: 1.9.6 reads it with
 * getDocument (account.php:4801-4806), and every identity is created read(any) (account.php:1787-1792). The page
 * is then the caller's filtered identities after (or before) that document in the query's order, ties and the
 * default order by `$sequence`: creation order across all users, as the table's auto-increment.
 */
export async function listIdentities19(ctx: RequestContext, queries: Query19[], includeTotal: boolean) {
  const user = currentUser(ctx);
  const all = (await (await ctx.core.db()).identities.toArray()).sort((a, b) => a.$createdAt - b.$createdAt);
  const sequence = new Map(all.map((r, i) => [r.$id, i + 1]));
  const columns = {
    dates: IDENTITY_DATES,
    valueOf: (row: IdentityRecord, attribute: string) => {
      if (attribute === '$sequence') return sequence.get(row.$id) ?? null;
      const value = (row as unknown as Record<string, unknown>)[attribute];
      return typeof value === 'string' || typeof value === 'number' ? value : null;
    },
  };
  const notFound = (id: string) => `Identity '${id}' for the 'cursor' value not found.`;
  const filtered = applyQueries19(all.filter((r) => r.userId === user.$id), queries.filter(isFilter), Infinity, columns, notFound);
  const cursor = queries.find((q) => CURSORS_19.includes(q.method));
  const cursorRow = cursor && all.find((r) => r.$id === cursor.values[0]);
  if (cursor && !cursorRow) throw new AppwriteError('general_cursor_not_found', notFound(String(cursor.values[0])));
  // The cursor row takes its place among the rows to page, and is never on the page itself.
  const listed = new Set(filtered.rows);
  const rows = all.filter((r) => listed.has(r) || r === cursorRow);
  const page = applyQueries19(rows, queries.filter((q) => !isFilter(q)), 25, columns, notFound);
  return { total: includeTotal ? Math.min(filtered.total, 5000) : 0, identities: page.rows.map(toIdentity) };
}

/**
 * What deleting another user's identity answers. 1.9.6: its database permission check fails, 401
 * user_unauthorized (1.9 spec §6.38).
 * @note Appwrite 1.4 answers a 500 for another user's identity (a failed permission check, spec §14.1); we
 * answer 404 user_identity_not_found, which is what the caller can act on and leaks nothing.
 */
const othersIdentity = (ctx: RequestContext) =>
  new AppwriteError(ctx.behaviour === '1.4' ? 'user_identity_not_found' : 'user_unauthorized');

/** DELETE /account/identities/{id}. */
export async function deleteIdentity(ctx: RequestContext, identityId: string) {
  const user = currentUser(ctx);
  const db = await ctx.core.db();
  const identity = await db.identities.get(identityId);
  if (!identity) throw new AppwriteError('user_identity_not_found');
  if (identity.userId !== user.$id) throw othersIdentity(ctx);
  await db.identities.delete(identityId);
  // Appwrite 1.4 declares the event but never sets its params, so none is sent (1.4 spec §8.5); 1.9.6 sends it.
  return { status: 204, eventPayload: ctx.behaviour === '1.9' ? toIdentity(identity) : undefined };
}
