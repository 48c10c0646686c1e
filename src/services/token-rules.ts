import { formatDate, formatDbDate } from '../clock.js';
import type { RequestContext } from '../http/context.js';
import type { TokenRecord } from '../storage/records.js';

/**
 * Token rules that differ between the two servers, one function each (recovery and verification share them).
 */

/** The `expire` of an e-mailed link: 1.4 leaks the DB format (`2026-01-15 11:00:00.000`), 1.9.6 sends ISO with offset. */
export function linkExpire(ctx: RequestContext, expire: number): string {
  return ctx.behaviour === '1.9' ? formatDate(expire) : formatDbDate(expire);
}

/**
 * `Token.secret` in a confirm route's answer: 1.4 shows the consumed token as stored (its SHA-256 digest);
 * 1.9.6 treats the key as sensitive, '' for every client (1.9 spec §6.0).
 */
export function confirmedTokenSecret(ctx: RequestContext, token: TokenRecord): string {
  return ctx.behaviour === '1.9' ? '' : token.secret;
}
