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

/** PHP `urldecode`: `+` is a space; malformed `%` sequences stay as they are instead of failing. */
export function phpUrldecode(value: string): string {
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '+') {
      bytes.push(0x20);
    } else if (c === '%' && /^[0-9A-Fa-f]{2}$/.test(value.slice(i + 1, i + 3))) {
      bytes.push(parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      const point = value.codePointAt(i)!;
      const char = String.fromCodePoint(point);
      bytes.push(...encoder.encode(char));
      i += char.length - 1;
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

/**
 * Merges `params` into the query of `url`. Existing params are kept in place (re-encoded), same-named ones are
 * overwritten where they stand, new ones are appended; a fragment stays at the end:
 * `http://x/#/path` -> `http://x/?userId=…#/path`.
 *
 * @note PHP's parse_str also rewrites `.` and spaces in param *names* to `_` and re-indexes `a[]` arrays; those
 * key quirks are not reproduced (names are kept as sent, percent-encoded).
 */
export function mergeQuery(url: string, params: Record<string, string>): string {
  const hash = url.indexOf('#');
  const beforeFragment = hash === -1 ? url : url.slice(0, hash);
  const fragment = hash === -1 ? '' : url.slice(hash);
  const question = beforeFragment.indexOf('?');
  const base = question === -1 ? beforeFragment : beforeFragment.slice(0, question);
  const query = question === -1 ? '' : beforeFragment.slice(question + 1);

  const merged = new Map<string, string>();
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = phpUrldecode(eq === -1 ? pair : pair.slice(0, eq));
    if (key === '') continue;
    merged.set(key, eq === -1 ? '' : phpUrldecode(pair.slice(eq + 1)));
  }
  for (const [key, value] of Object.entries(params)) merged.set(key, value);

  const built = [...merged].map(([key, value]) => `${phpUrlencode(key)}=${phpUrlencode(value)}`).join('&');
  return `${base}?${built}${fragment}`;
}
