/**
 * JSON values as 1.9.6's realtime server holds them: PHP values from `json_decode($json, true)`, where JSON objects
 * and lists are both PHP arrays (an empty object is an empty array), compared with PHP 8's operators and printed
 * by `json_encode`. Used by the event round trip through pub/sub and by the subscription queries (runtime-query.ts).
 *
 * Numbers: JSON texts from JavaScript print integers without a fraction, so a number is a PHP int when it is an
 * integer in PHP's 64-bit range and a float otherwise, as `json_decode` reads such a text.
 * @note A query string written by hand with `1.0` is a float to PHP (`1 === 1.0` is false there) and an int here;
 * JavaScript's JSON.parse loses the difference. No account payload has a top-level number, so filters never see it.
 * @note JavaScript objects list integer-like keys first; PHP keeps the order they came in. Only comparisons of
 * arrays with mixed keys and their printing could differ.
 */

/** A PHP array: a JSON list or object. */
export const isPhpArray = (value: unknown): value is object => value !== null && typeof value === 'object';

/** The entries of a PHP array, keys as strings (PHP's int keys print the same and never equal a non-canonical one). */
export function phpEntries(value: object): Array<[string, unknown]> {
  return Array.isArray(value) ? value.map((item, i) => [String(i), item]) : Object.entries(value);
}

/** `$array[$key]`, or undefined when the key is absent (`array_key_exists`). */
export function phpGet(value: object, key: string): unknown {
  if (Array.isArray(value)) return /^(0|[1-9]\d*)$/.test(key) && Number(key) < value.length ? value[Number(key)] : undefined;
  return Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}

/** `array_is_list()`: keys 0…n-1 in order (an empty array is a list). */
const isList = (value: object): boolean => Array.isArray(value) || Object.keys(value).every((key, i) => key === String(i));

const isPhpInt = (n: number): boolean => Number.isInteger(n) && n >= -(2 ** 63) && n < 2 ** 63;

/** PHP's `gettype()` of a decoded value. */
export function phpType(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return isPhpInt(value) ? 'integer' : 'double';
  if (typeof value === 'string') return 'string';
  return 'array';
}

/**
 * What a value is after `json_decode($json, true)` and `json_encode()` again, as 1.9.6 does to each event between
 * the API and the socket (see pubSubRoundTrip in connection.ts): objects whose keys are 0…n-1, the empty one
 * included, become lists.
 */
export function phpJsonRoundTrip<T>(value: T): unknown {
  return JSON.parse(JSON.stringify(value), (_key, v: unknown) => (isPhpArray(v) && !Array.isArray(v) && isList(v) ? Object.values(v) : v));
}

/**
 * zend_gcvt: a float's digits, `precision` significant ones (0: the shortest that reads back, as json_encode's
 * serialize_precision -1), exponential past `precision` integer digits (17 for 0) or below 0.0001.
 * @note Ties round half up here (toExponential), half to even in PHP: 14-digit casts of some exact values differ.
 */
function gcvt(n: number, precision: number, e: 'E' | 'e'): string {
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  if (!Number.isFinite(n)) return n > 0 ? 'INF' : '-INF';
  const [mantissa, exponent] = (precision ? n.toExponential(precision - 1) : n.toExponential()).split('e') as [string, string];
  const digits = mantissa.replace('-', '').replace('.', '').replace(/0+$/, '');
  const point = Number(exponent) + 1;
  let out: string;
  if (point < 0 ? point < -3 : point > (precision || 17)) {
    out = `${digits[0]}.${digits.slice(1) || '0'}${e}${point - 1 < 0 ? '-' : '+'}${Math.abs(point - 1)}`;
  } else if (point <= 0) {
    out = `0.${'0'.repeat(-point)}${digits}`;
  } else {
    out = digits.length <= point ? digits + '0'.repeat(point - digits.length) : `${digits.slice(0, point)}.${digits.slice(point)}`;
  }
  return n < 0 ? `-${out}` : out;
}

/** `(string) $number` (PHP 8, `precision` 14). */
const phpNumberString = (n: number): string => (isPhpInt(n) ? BigInt(n).toString() : gcvt(n, 14, 'E'));

const ESCAPES: Record<string, string> = { '"': '\\"', '\\': '\\\\', '/': '\\/', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const encodeString = (s: string): string =>
  `"${s.replace(/["\\/\u0000-\u001f\u0080-\uffff]/g, (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`;

/** PHP's `json_encode()` with no flags: `\/`, `\u00e9`, lists only for keys 0…n-1 (an empty object is `[]`). */
export function phpJsonEncode(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return isPhpInt(value) ? BigInt(value).toString() : gcvt(value, 0, 'e');
  if (typeof value === 'string') return encodeString(value);
  const entries = phpEntries(value as object);
  if (isList(value as object)) return `[${entries.map(([, item]) => phpJsonEncode(item)).join(',')}]`;
  return `{${entries.map(([key, item]) => `${encodeString(key)}:${phpJsonEncode(item)}`).join(',')}}`;
}

/** `===`: same type and value; arrays with the same keys in the same order and identical values. */
export function phpIdentical(a: unknown, b: unknown): boolean {
  if (isPhpArray(a) && isPhpArray(b)) {
    const x = phpEntries(a);
    const y = phpEntries(b);
    return x.length === y.length && x.every(([key, item], i) => key === y[i]![0] && phpIdentical(item, y[i]![1]));
  }
  return phpType(a) === phpType(b) && (a ?? null) === (b ?? null);
}

/** zend_is_true. */
function truthy(value: unknown): boolean {
  if (value === null || value === undefined || value === false) return false;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') return value !== '' && value !== '0';
  if (isPhpArray(value)) return phpEntries(value).length > 0;
  return true;
}

const sign = (n: number): number => (n < 0 ? -1 : n > 0 ? 1 : 0);
const utf8 = new TextEncoder();

/** zend_binary_strcmp: byte order of the UTF-8 strings, then length. */
function strcmp(a: string, b: string): number {
  if (a === b) return 0;
  const x = utf8.encode(a);
  const y = utf8.encode(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
  return sign(x.length - y.length);
}

/** PHP 8's numeric strings (whitespace around allowed, no trailing garbage): their value, or null. */
function numeric(s: string): number | null {
  return /^[ \t\n\r\v\f]*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?[ \t\n\r\v\f]*$/.test(s) ? Number(s.trim()) : null;
}

/**
 * A number against a string (compare_longs_to_string, compare_doubles_to_string): as numbers when the string is
 * numeric, else the number as PHP prints it against the string.
 */
function compareNumberToString(n: number, s: string): number {
  const m = numeric(s);
  return m === null ? strcmp(phpNumberString(n), s) : sign(n - m);
}

/**
 * `$a <=> $b` (zend_compare) for decoded JSON values: numbers as numbers; numeric strings as numbers, other strings
 * byte-wise; null against a string as ''; a bool or null against anything else as booleans; arrays by size,
 * then key by key (1 when a key of $a is missing in $b); an array is greater than any other value.
 * `$a < $b` is `phpCompare(a, b) < 0`; PHP evaluates `$a > $b` as `$b < $a`.
 * @note PHP's special cases for integer strings beyond 64 bits are not copied: they compare as floats here.
 */
export function phpCompare(a: unknown, b: unknown): number {
  a ??= null;
  b ??= null;
  if (typeof a === 'number' && typeof b === 'number') return sign(a - b);
  if (isPhpArray(a) && isPhpArray(b)) {
    const x = phpEntries(a);
    const y = new Map(phpEntries(b));
    if (x.length !== y.size) return x.length < y.size ? -1 : 1;
    for (const [key, item] of x) {
      if (!y.has(key)) return 1;
      const result = phpCompare(item, y.get(key));
      if (result) return result;
    }
    return 0;
  }
  const nullOrBool = (v: unknown) => v === null || typeof v === 'boolean';
  if (nullOrBool(a) && nullOrBool(b)) return sign(Number(truthy(a)) - Number(truthy(b)));
  if (typeof a === 'string' && typeof b === 'string') {
    const [x, y] = [numeric(a), numeric(b)];
    return x !== null && y !== null ? sign(x - y) : strcmp(a, b);
  }
  if (a === null && typeof b === 'string') return b === '' ? 0 : -1;
  if (typeof a === 'string' && b === null) return a === '' ? 0 : 1;
  if (typeof a === 'number' && typeof b === 'string') return compareNumberToString(a, b);
  if (typeof a === 'string' && typeof b === 'number') return -compareNumberToString(b, a);
  if (a === null || a === false) return truthy(b) ? -1 : 0;
  if (a === true) return truthy(b) ? 0 : 1;
  if (b === null || b === false) return truthy(a) ? 1 : 0;
  if (b === true) return truthy(a) ? 0 : -1;
  return isPhpArray(a) ? 1 : -1;
}
