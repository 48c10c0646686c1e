import { withPhpQuery } from './php-query.js';

/**
 * The links inside Appwrite's e-mails (spec §4.1): the caller's URL with the token's params merged into its
 * query, the way PHP's parse_str + array_merge + http_build_query do it, and the URL put back together as
 * Appwrite's Template::unParseURL does (the text before `?` and the fragment are kept verbatim).
 */

/** PHP `urlencode`: only `A-Za-z0-9-_.` stay literal, space becomes `+`, everything else `%XX` (upper case). */
export function phpUrlencode(value: string): string {
  return encodeURIComponent(value)
    .replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/**
 * Merges `params` into the query of `url` as Template::mergeQuery does (parse_str, array_merge, http_build_query;
 * php-query.ts): existing params are kept in place, same-named ones are overwritten where they stand, new ones are
 * appended, and names read as PHP reads them (`a.b` is `a_b`, `x[]` lists are numbered); a fragment stays at the
 * end: `http://x/#/path` -> `http://x/?userId=…#/path`.
 */
export function mergeQuery(url: string, params: Record<string, string>): string {
  return withPhpQuery(url, params);
}
