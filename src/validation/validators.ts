import { QueryError, validateQueries, type QuerySchema } from './queries.js';

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

// A permissive RFC 5321 shape standing in for PHP's FILTER_VALIDATE_EMAIL (spec §14.5): ASCII local part of
// atoms separated by dots, and a domain of dot-separated labels.
const EMAIL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

export const email: Validator = {
  description: 'Value must be a valid email address',
  isValid: (v) => typeof v === 'string' && v.length <= 320 && v.split('@')[0]!.length <= 64 && EMAIL.test(v),
};

const utf8Length = (s: string) => new TextEncoder().encode(s).length;

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

/** 1.4.14's phone rule: E.164 with 7 to 15 digits. */
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

/** Assoc: a JSON object (not a non-empty list), at most 65 535 bytes once encoded. */
export const assoc: Validator = {
  description: 'Value must be a valid object.',
  isValid: (v) => {
    if (v === null || typeof v !== 'object') return false;
    if (Array.isArray(v) && v.length > 0) return false;
    return utf8Length(JSON.stringify(v)) <= 65_535;
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

/** The `queries` param: an array of 1.4 query strings valid for the route's schema. */
export function queries(schema: QuerySchema): Validator {
  const check = (v: unknown): string | null => {
    try {
      validateQueries(v, schema);
      return null;
    } catch (error) {
      if (error instanceof QueryError) return error.message;
      throw error;
    }
  };
  return { description: 'Queries must be an array', isValid: (v) => check(v) === null, describe: (v) => check(v) ?? '' };
}
