import { AppwriteError } from '../errors/appwrite-error.js';
import type { RequestContext } from '../http/context.js';
import { toIdentity } from '../models/models.js';
import { applyQueries } from '../validation/query-filter.js';
import type { Query } from '../validation/queries.js';
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

/**
 * DELETE /account/identities/{id}.
 * @note Appwrite 1.4 answers a 500 for another user's identity (a failed permission check, spec §14.1); we
 * answer 404 user_identity_not_found, which is what the caller can act on and leaks nothing.
 */
export async function deleteIdentity(ctx: RequestContext, identityId: string) {
  const user = currentUser(ctx);
  const db = await ctx.core.db();
  const identity = await db.identities.get(identityId);
  if (!identity || identity.userId !== user.$id) throw new AppwriteError('user_identity_not_found');
  await db.identities.delete(identityId);
  return { status: 204 };
}
