import { sha256HexLarge } from '../crypto/hash.js';
import { AppwriteError } from '../errors/appwrite-error.js';
import type { RequestContext } from './context.js';
import type { Params, RateLimitSpec } from './route.js';

/** Appwrite's default abuse period; a route may set its own (`RateLimitSpec.period`). */
const DEFAULT_PERIOD_SECONDS = 3600;

/** Fills a key template (spec §2.3). `{param-x}` is replaced only when the param is non-empty. */
function bucketKey(template: string, ctx: RequestContext, params: Params): string {
  return template
    .replace('{url}', `${ctx.url.hostname}${ctx.core.config.endpointUrl.pathname}${ctx.routePath}`)
    .replace('{ip}', ctx.ip)
    .replace('{userId}', ctx.user?.$id ?? '')
    .replace(/\{param-([A-Za-z]+)\}/g, (whole, name: string) => {
      const value = params[name];
      if (value === undefined || value === null || value === '') return whole;
      return typeof value === 'string' ? value : JSON.stringify(value);
    });
}

/** The window the request falls in, and the stored row keys of the route's buckets in it. */
async function bucketKeys(ctx: RequestContext, spec: RateLimitSpec, params: Params) {
  const nowSeconds = Math.floor(ctx.now.getTime() / 1000);
  const period = spec.period ?? DEFAULT_PERIOD_SECONDS;
  const windowStart = Math.floor(nowSeconds / period) * period;
  // Keys hold raw, unvalidated params (a 5 MB e-mail): stored as their digest, so a row is small whatever was sent.
  const keys = await Promise.all(spec.keys.map(async (template) => `${await sha256HexLarge(bucketKey(template, ctx, params))}|${windowStart}`));
  return { nowSeconds, windowStart, period, keys };
}

/**
 * Appwrite's abuse check: a fixed window aligned to its period (the clock hour by default). The route's keys are
 * taken in order, each counted if it has room, until an exhausted one refuses the request with 429; the keys before
 * it stay counted and those after it are not looked at (shared/api.php:498-545 at 1.9.6, :143-169 at 1.4.14). Returns the X-RateLimit-* headers of the tightest key. Counters
 * live in IndexedDB so they survive reloads, as they survive on a server.
 */
export async function applyRateLimit(ctx: RequestContext, spec: RateLimitSpec, params: Params): Promise<Record<string, string>> {
  const enabled = ctx.core.config.rateLimits;
  if (!enabled) {
    // Off, nothing is ever counted: the headers Appwrite still sends say a fresh window, with no digest or
    // database round trip (half the cost of a sign-in with cheap hashing, `npm run bench`).
    const period = spec.period ?? DEFAULT_PERIOD_SECONDS;
    return rateLimitHeaders(spec.limit, 0, Math.floor(ctx.now.getTime() / 1000 / period) * period + period);
  }
  const { nowSeconds, windowStart, period, keys } = await bucketKeys(ctx, spec, params);
  const db = await ctx.core.db();
  const counts = await db.transaction('rw', db.rateLimits, async () => {
    // Counters of past windows can never count again: drop them, so the table stays bounded. Periods differ per
    // route (at most an hour), so a row goes once a whole longest period has passed since its window began.
    await db.rateLimits.where('windowStart').below(nowSeconds - DEFAULT_PERIOD_SECONDS + 1).delete();
    const records = await db.rateLimits.bulkGet(keys);
    const seen: number[] = [];
    for (const record of records) {
      seen.push(record?.count ?? 0);
      if (spec.limit <= seen.at(-1)!) break;
    }
    const counted = seen.flatMap((count, i) => (spec.limit > count ? [{ key: keys[i]!, count: count + 1, windowStart }] : []));
    await db.rateLimits.bulkPut(counted);
    return seen;
  });
  const headers = rateLimitHeaders(spec.limit, Math.max(...counts), windowStart + period);
  if (counts.some((c) => spec.limit <= c)) {
    throw Object.assign(new AppwriteError('general_rate_limit_exceeded'), { headers });
  }
  return headers;
}

function rateLimitHeaders(limit: number, tightest: number, reset: number): Record<string, string> {
  return {
    'X-RateLimit-Limit': String(limit),
    'X-RateLimit-Remaining': String(Math.max(0, limit - (tightest + 1))),
    'X-RateLimit-Reset': String(reset),
  };
}

/**
 * 1.9.6's `abuse-reset` label (api:855-895): after a 201 the route's counters for this request's keys go back to
 * 0, so repeated successful sign-ins never reach the limit while failed attempts do.
 */
export async function resetRateLimit(ctx: RequestContext, spec: RateLimitSpec, params: Params): Promise<void> {
  if (!ctx.core.config.rateLimits) return; // nothing was counted
  const { keys } = await bucketKeys(ctx, spec, params);
  const db = await ctx.core.db();
  await db.rateLimits.bulkDelete(keys);
}
