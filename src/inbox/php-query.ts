/**
 * PHP's parse_str() and http_build_query(), which Appwrite builds every URL it adds params to with: the e-mailed
 * links (Template::mergeQuery, parse_str + array_merge + http_build_query) and, in 1.9.6, the OAuth2 success and
 * failure URLs (URL::parseQuery / unparseQuery). Pure functions over the URL's bytes.
 */

/**
 * A PHP array as parse_str() builds it: ordered keys, numeric strings (`"0"`, `"-5"`, not `"05"`) as integer keys,
 * and the next index `[]` appends at (one past the largest integer key so far, from 0). Keys and strings are byte
 * strings (one char per byte), as PHP sees them.
 */
class PhpArray {
  readonly entries = new Map<string, PhpValue>();
  private next: bigint | null = null;

  get(key: string): PhpValue | undefined {
    return this.entries.get(phpKey(key).key);
  }

  set(key: string, value: PhpValue): void {
    const { key: normal, int } = phpKey(key);
    if (int !== null) this.bump(int);
    this.entries.set(normal, value);
  }

  push(value: PhpValue): void {
    const index = this.next ?? 0n;
    if (this.entries.has(String(index))) return; // PHP_INT_MAX is taken: zend_hash_next_index_insert fails
    this.bump(index);
    this.entries.set(String(index), value);
  }

  delete(key: string): void {
    this.entries.delete(phpKey(key).key);
  }

  private bump(index: bigint): void {
    if (this.next === null || index >= this.next) this.next = index < LONG_MAX ? index + 1n : LONG_MAX;
  }
}

type PhpValue = string | null | PhpArray;

const LONG_MAX = 2n ** 63n - 1n;
const LONG_MIN = -(2n ** 63n);

/** ZEND_HANDLE_NUMERIC_STR: a canonical decimal integer within 64 bits is an integer key. */
function phpKey(key: string): { key: string; int: bigint | null } {
  if (!/^(0|-?[1-9][0-9]*)$/.test(key)) return { key, int: null };
  const int = BigInt(key);
  return int > LONG_MAX || int < LONG_MIN ? { key, int: null } : { key, int };
}

/** The URL's bytes as PHP sees them (UTF-8), one char per byte. */
const toBytes = (s: string) => String.fromCharCode(...new TextEncoder().encode(s));

/** PHP urldecode() over bytes: `+` is a space, `%XX` a byte, anything else (a lone `%`) stays. */
function urldecodeBytes(s: string): string {
  return s.replace(/\+|%([0-9A-Fa-f]{2})/g, (m, hex: string | undefined) => (hex ? String.fromCharCode(parseInt(hex, 16)) : ' '));
}

/** PHP urlencode() over bytes: letters, digits and `-_.` stay, a space is `+`, every other byte `%XX`. */
function urlencodeBytes(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    const code = c.charCodeAt(0);
    if (/[A-Za-z0-9\-_.]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += `%${code.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** PHP's defaults for parse_str(): max_input_vars and max_input_nesting_level. */
const MAX_INPUT_VARS = 1000;
const MAX_NESTING = 64;

/**
 * PHP parse_str() (main/php_variables.c, php_default_treat_data and php_register_variable_ex) over a byte string:
 * `&`-separated pairs, names and values urldecoded, a name cut at a NUL byte, leading spaces dropped and `.`/` `
 * in the base name turned into `_`, `a[x][]` building nested arrays (an unclosed `[` is `_`, anything after a
 * `]` that does not open another `[` is ignored, more than 64 levels drop the variable), the last value winning.
 */
function parseStr(query: string): PhpArray {
  const out = new PhpArray();
  let count = 0;
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    if (++count > MAX_INPUT_VARS) break;
    const eq = pair.indexOf('=');
    let name = urldecodeBytes(eq === -1 ? pair : pair.slice(0, eq));
    const nul = name.indexOf('\0');
    if (nul !== -1) name = name.slice(0, nul);
    registerVariable(out, name, eq === -1 ? '' : urldecodeBytes(pair.slice(eq + 1)));
  }
  return out;
}

function registerVariable(root: PhpArray, rawName: string, value: string): void {
  const name = rawName.replace(/^ +/, '');
  const bracket = name.indexOf('[');
  const base = (bracket === -1 ? name : name.slice(0, bracket)).replace(/[ .]/g, '_');
  if (base === '') return;
  if (bracket === -1) {
    root.set(base, value);
    return;
  }
  let table = root;
  let index: string | null = base;
  let ip = bracket; // at a `[`
  for (let level = 1; ; level++) {
    if (level > MAX_NESTING) {
      root.delete(base);
      return;
    }
    const start = ip + 1;
    let at = start;
    if (/[ \t\n\v\f\r]/.test(name[at] ?? '')) at++;
    let next: string | null;
    if (name[at] === ']') {
      next = null;
      ip = at;
    } else {
      const close = name.indexOf(']', at);
      if (close === -1) {
        // Not an index: on the first level the `[` and what follows join the name, with ` `, `.`, `[` as `_`.
        if (level === 1) index = `${base}_${name.slice(start).replace(/[ .[]/g, '_')}`;
        break;
      }
      next = name.slice(start, close);
      ip = close;
    }
    let child: PhpValue | undefined;
    if (index === null) {
      child = new PhpArray();
      table.push(child);
    } else {
      child = table.get(index);
      if (!(child instanceof PhpArray)) {
        child = new PhpArray();
        table.set(index, child);
      }
    }
    table = child;
    index = next;
    if (name[ip + 1] !== '[') break;
    ip += 1;
  }
  if (index === null) table.push(value);
  else table.set(index, value);
}

/** PHP http_build_query() with its defaults: `&`, RFC 1738 encoding, `a%5Bk%5D=v` for nested keys, nulls left out. */
function buildQuery(array: PhpArray, prefix: string | null = null): string[] {
  const out: string[] = [];
  for (const [key, value] of array.entries) {
    const name = prefix === null ? urlencodeBytes(key) : `${prefix}%5B${urlencodeBytes(key)}%5D`;
    if (value instanceof PhpArray) out.push(...buildQuery(value, name));
    else if (value !== null) out.push(`${name}=${urlencodeBytes(value)}`);
  }
  return out;
}

/**
 * 1.9.6's success/failure URL with params added (acc:1506-1513, 1873-1874, 1996-1997: Appwrite\URL\URL's parseQuery
 * and unparseQuery): the query goes through PHP's parse_str() and http_build_query(), so `a.b` becomes `a_b`,
 * `x[]=1&x[]=2` becomes `x%5B0%5D=1&x%5B1%5D=2`, a bare `x` becomes `x=`, a value-less `?` disappears; `params`
 * overwrite same-named keys in place, are appended otherwise, and a `null` one is left out (http_build_query
 * skips nulls). parse_url() splits off the fragment at the first `#` and the query at the first `?` before it, and
 * turns control characters of the query into `_`.
 * @note The rest of the URL is kept as given; URL::unparse() would also add a `#` when there is no fragment, a `/`
 * for an empty path, and rewrite the port and user info as parse_url() read them.
 */
export function withPhpQuery(url: string, params: Record<string, string | null>): string {
  const hash = url.indexOf('#');
  const beforeFragment = hash === -1 ? url : url.slice(0, hash);
  const fragment = hash === -1 ? '' : url.slice(hash);
  const question = beforeFragment.indexOf('?');
  const base = question === -1 ? beforeFragment : beforeFragment.slice(0, question);
  const query = question === -1 ? '' : beforeFragment.slice(question + 1);
  const parsed = parseStr(toBytes(query).replace(/[\x00-\x1f\x7f]/g, '_'));
  for (const [key, value] of Object.entries(params)) parsed.set(toBytes(key), value === null ? null : toBytes(value));
  const built = buildQuery(parsed).join('&');
  return `${base}${built ? `?${built}` : ''}${fragment}`;
}
