import type { RequestContext } from '../http/context.js';
import { clientInfo } from '../models/client-info.js';
import { toLog } from '../models/models.js';
import type { UserRecord } from '../storage/records.js';
import type { Query } from '../validation/queries.js';
import type { Query19 } from '../validation/queries-1-9.js';

/** Entries per page without a limit query: 1.4's 5000 (APP_LIMIT_COUNT), 1.9.6's 25 (1.9 spec §6.22). */
const defaultLogLimit = (ctx: RequestContext) => (ctx.behaviour === '1.4' ? 5000 : 25);

/**
 * When an entry happened. 1.9.6's audits worker stores `date("Y-m-d H:i:s")`, whole seconds
 * (Workers/Audits.php:106), so its log times read `….000+00:00`; 1.4 keeps the milliseconds.
 */
const entryTime = (ctx: RequestContext) => {
  const ms = ctx.now.getTime();
  return ctx.behaviour === '1.9' ? ms - (((ms % 1000) + 1000) % 1000) : ms;
};

/** Writes an audit entry (spec §11): event, a snapshot of the user's name and e-mail, the client's IP and UA. */
export async function writeAudit(ctx: RequestContext, event: string, user: UserRecord): Promise<void> {
  const db = await ctx.core.db();
  await db.logs.add({
    event,
    userId: user.$id,
    userEmail: user.email ?? '',
    userName: user.name ?? '',
    mode: 'default',
    ip: ctx.ip,
    time: entryTime(ctx),
    userAgent: ctx.userAgent,
    resource: `user/${user.$id}`,
  });
}

/**
 * GET /account/logs: the user's entries, newest first; only limit/offset queries (first of each wins). 1.9.6's
 * `total=false` answers `total: 0` without counting (the page is the same).
 * @note Appwrite 1.4 reports `total: 0` here (an id mix-up, spec §8.7); we report the real count.
 */
export async function listLogs(ctx: RequestContext, user: UserRecord, queries: Array<Query | Query19>, includeTotal = true) {
  const db = await ctx.core.db();
  const limit = (queries.find((q) => q.method === 'limit')?.values[0] as number | undefined) ?? defaultLogLimit(ctx);
  const offset = (queries.find((q) => q.method === 'offset')?.values[0] as number | undefined) ?? 0;
  const all = await db.logs.where('userId').equals(user.$id).reverse().sortBy('seq');
  const page = all.slice(offset, offset + limit);
  return { total: includeTotal ? all.length : 0, logs: await Promise.all(page.map(async (log) => toLog(log, await clientInfo(log.userAgent)))) };
}
