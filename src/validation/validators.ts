
/**
 * Parameter validators with Appwrite 1.4's exact descriptions (spec §2.5). Apps string-match these messages, so
 * the text is copied verbatim, typos included.
 */
export interface Validator {
  description: string;
  isValid(value: unknown): boolean;
  /** A message for this particular value, where the description depends on it (queries). */
  describe?(value: unknown): string;
}

const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,35}$/;

/** Key rules: ≤ 36 chars of [A-Za-z0-9._-], not starting with a special char. The empty string passes too. */
const isKey = (v: unknown): v is string => typeof v === 'string' && (v === '' || KEY.test(v));

export const customId: Validator = {
  description: 'Parameter must contain at most 36 chars. Valid chars are a-z, A-Z, 0-9, period, hyphen, and underscore. Can\'t start with a special char',
  isValid: (v) => v === 'unique()' || isKey(v),
};

export const uid: Validator = {
  description: 'UID must contain at most 36 chars. Valid chars are a-z, A-Z, 0-9, and underscore. Can\'t start with a leading underscore',
  isValid: isKey,
};

/**
 * 1.9.6's CustomId and UID extend utopia-php/database 6.0.0's Key, which refuses the empty string (Key.php:48).
 * params.ts validates 1.9.6 requests with these in place of the two above, so a route names one validator per param.
 * They live here, not in validators-1-9.ts: importing that from the start code split the start bundle.
 */
export const in19 = new Map<Validator, Validator>([
  [customId, { ...customId, isValid: (v) => v !== '' && customId.isValid(v) }],
  [uid, { ...uid, isValid: (v) => v !== '' && uid.isValid(v) }],
]);

const utf8Length = (s: string) => new TextEncoder().encode(s).length;

/**
 * PHP's FILTER_VALIDATE_EMAIL (without FILTER_FLAG_EMAIL_UNICODE), which Appwrite's Email validator calls, written
 * out rule by rule (spec §14.5 asked for an approximation; these are the rules PHP's pattern encodes):
 * - at most 320 bytes, fewer than 255 chars in all and fewer than 65 before the `@`;
 * - ASCII local part: dot-separated atoms of `A-Z a-z 0-9 ! # $ % & ' * + - / = ? ^ _ \` { | } ~`, or quoted strings;
 * - domain: at least two labels of letters/digits joined by hyphens (no leading/trailing hyphen, under 64 chars),
 *   the last one starting with a letter (so `a@localhost` and `a@b.123` are refused), or an IP literal `[1.2.3.4]`.
 * @note `[IPv6:…]` literals are only checked loosely (hex digits and colons).
 */
const ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
const QUOTED = '"(?:[\\x01-\\x08\\x0B\\x0C\\x0E-\\x1F\\x21\\x23-\\x5B\\x5D-\\x7F]|\\\\[\\x00-\\x7F])*"';
const LOCAL = new RegExp(`^(?:${ATOM}|${QUOTED})(?:\\.(?:${ATOM}|${QUOTED}))*$`);
const LABEL = /^[A-Za-z0-9]+(?:-+[A-Za-z0-9]+)*$/;
const OCTET = /^(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])$/;

const isIpv4 = (s: string) => s.split('.').length === 4 && s.split('.').every((o) => OCTET.test(o));
const isIpv6 = (s: string) => /^[0-9A-Fa-f:.]+$/.test(s) && s.includes(':') && s.split(':').length <= 8;

function isDomain(domain: string): boolean {
  const literal = /^\[(.*)\]$/.exec(domain);
  if (literal) {
    const inner = literal[1]!;
    return inner.startsWith('IPv6:') ? isIpv6(inner.slice(5)) : isIpv4(inner);
  }
  const labels = domain.split('.');
  return labels.length >= 2 && labels.every((l) => l.length < 64 && LABEL.test(l)) && /^[A-Za-z]/.test(labels.at(-1)!);
}

export const email: Validator = {
  description: 'Value must be a valid email address',
  isValid: (v) => {
    if (typeof v !== 'string' || utf8Length(v) > 320) return false;
    const at = v.lastIndexOf('@');
    if (at < 1) return false;
    const local = v.slice(0, at);
    // PHP's length look-aheads count characters, an escaped pair as one and quote marks not at all.
    const units = (s: string) => s.replace(/\\[\s\S]/g, '.').replace(/"/g, '').length;
    return units(v) < 255 && units(local) < 65 && LOCAL.test(local) && isDomain(v.slice(at + 1));
  },
};

/** Appwrite 1.4 measures the minimum in bytes and sets no maximum. */
export const password: Validator = {
  description: 'Password must be at least 8 characters',
  isValid: (v) => typeof v === 'string' && utf8Length(v) >= 8,
};

export function passwordDictionary(enabled: boolean, common: () => ReadonlySet<string>): Validator {
  return {
    description: 'Password must be at least 8 characters and should not be one of the commonly used password.',
    isValid: (v) => password.isValid(v) && !(enabled && common().has(v as string)),
  };
}

/** Text(N): a string of 1..N characters (code points, as PHP's mb_strlen). */
export function text(max: number): Validator {
  return {
    description: `Value must be a valid string and at least 1 chars and no longer than ${max} chars`,
    isValid: (v) => typeof v === 'string' && v.length > 0 && [...v].length <= max,
  };
}

/**
 * 1.4.14's phone rule: E.164 with 7 to 15 digits.
 * @note PHP's `$` also matches before a final newline, so Appwrite takes `"+14155550100\n"`; we do not.
 */
export const phone: Validator = {
  description: 'Phone number must start with a \'+\' can have a maximum of fifteen digits.',
  isValid: (v) => typeof v === 'string' && /^\+[1-9]\d{6,14}$/.test(v),
};

/** Host validator: an absolute http(s) URL whose host is exactly one of the allowed hosts. */
export function host(allowed: readonly string[]): Validator {
  return {
    description: `URL host must be one of: ${allowed.join(', ')}`,
    isValid: (v) => {
      if (typeof v !== 'string') return false;
      const url = parseUrl(v);
      return url !== null && allowed.includes(url.hostname.toLowerCase());
    },
  };
}

/** An absolute URL with a scheme and a host, as PHP's FILTER_VALIDATE_URL requires. */
export function parseUrl(value: string): URL | null {
  if (/\s/.test(value)) return null;
  try {
    const url = new URL(value);
    return url.hostname ? url : null;
  } catch {
    return null;
  }
}

/** An object PHP decodes as a list: its keys are exactly "0", "1", … in order (`json_decode` makes them ints). */
const isPhpList = (v: object) => Object.keys(v).every((key, i) => key === String(i));

/**
 * The byte length of PHP's `json_encode($value)` with default flags: `/` is escaped as `\/`, every non-ASCII UTF-16
 * unit as `\uXXXX` (6 bytes), so `é` weighs 6 bytes, not 2. Objects PHP sees as lists encode without keys.
 */
export function phpJsonLength(value: unknown): number {
  if (value === null || value === undefined) return 4;
  if (typeof value === 'boolean') return value ? 4 : 5;
  if (typeof value === 'number') return JSON.stringify(value).length;
  if (typeof value === 'string') {
    let n = 2;
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i);
      if (c === 0x22 || c === 0x5c || c === 0x2f || c === 0x08 || c === 0x0c || c === 0x0a || c === 0x0d || c === 0x09) n += 2;
      else n += c < 0x20 || c > 0x7f ? 6 : 1;
    }
    return n;
  }
  if (Array.isArray(value) || isPhpList(value as object)) {
    const items = Object.values(value as object);
    return 2 + Math.max(0, items.length - 1) + items.reduce((sum: number, item) => sum + phpJsonLength(item), 0);
  }
  const entries = Object.entries(value as object);
  return 2 + Math.max(0, entries.length - 1)
    + entries.reduce((sum, [key, item]) => sum + phpJsonLength(key) + 1 + phpJsonLength(item), 0);
}

/**
 * Assoc (utopia-php): a PHP array that is not a list, whose `json_encode` is at most 65 535 bytes. An empty `{}`
 * or `[]` passes; `["a"]`, and `{"0": "a"}` (a list to PHP), do not.
 * @note JavaScript orders integer-like keys first, so `{"1": "a", "0": "b"}` (not a list to PHP, which keeps
 * insertion order) is refused here and comes back as `{"0": "b", "1": "a"}` where stored.
 */
export const assoc: Validator = {
  description: 'Value must be a valid object.',
  isValid: (v) => {
    if (v === null || typeof v !== 'object') return false;
    if (Object.keys(v).length > 0 && isPhpList(v)) return false;
    return phpJsonLength(v) <= 65_535;
  },
};

export function whiteList(values: readonly string[]): Validator {
  return {
    description: `Value must be one of (${values.join(', ')})`,
    isValid: (v) => typeof v === 'string' && values.includes(v),
  };
}

export function arrayList(item: Validator, max: number): Validator {
  return {
    description: `Value must a valid array and ${item.description}`,
    isValid: (v) => Array.isArray(v) && v.length <= max && v.every((x) => item.isValid(x)),
  };
}

