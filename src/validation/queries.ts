/**
 * Appwrite 1.4's query strings (`limit(25)`, `equal("provider", ["github"])`): parsing and validation with
 * the server's messages; routes only say which methods and attributes they allow. Applying the queries to rows
 * is in query-filter.ts.
 */
import type { Validator } from './validators.js';

export interface Query {
  method: string;
  attribute: string;
  values: unknown[];
}

const FILTERS = ['equal', 'notEqual', 'lessThan', 'lessThanEqual', 'greaterThan', 'greaterThanEqual', 'search',
  'isNull', 'isNotNull', 'between', 'startsWith', 'endsWith', 'contains'] as const;
export const ORDERS = ['orderAsc', 'orderDesc'];
export const CURSORS = ['cursorAfter', 'cursorBefore'];
/**
 * Appwrite 1.4's Limit and Offset validators default to PHP_INT_MAX (no practical cap), and their message prints
 * it through PHP's number_format, which goes via a float: ...808, not ...807.
 */
const PHP_INT_MAX = 2 ** 63;
const PHP_INT_MAX_TEXT = '9,223,372,036,854,775,808';

export class QueryError extends Error {}

/** Splits `a, "b,c", [1, 2]` at top-level commas, honouring quotes (with `\` escapes) and brackets. */
function splitArgs(source: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let current = '';
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (quote) {
      current += c;
      if (c === '\\') current += source[++i] ?? '';
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") {
      quote = c;
      current += c;
    } else if (c === '[') {
      depth++;
      current += c;
    } else if (c === ']') {
      depth--;
      if (depth < 0) throw new QueryError('unbalanced brackets');
      current += c;
    } else if (c === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else {
      current += c;
    }
  }
  if (quote || depth !== 0) throw new QueryError('unterminated value');
  if (current.trim() !== '' || parts.length > 0) parts.push(current.trim());
  return parts;
}

function parseValue(raw: string): unknown {
  if (raw.startsWith('[')) {
    if (!raw.endsWith(']')) throw new QueryError('unterminated array');
    return splitArgs(raw.slice(1, -1)).map(parseValue);
  }
  const quote = raw[0];
  if (quote === '"' || quote === "'") {
    if (raw.length < 2 || raw[raw.length - 1] !== quote) throw new QueryError('unterminated string');
    return raw.slice(1, -1).replace(/\\(.)/g, '$1');
  }
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  if (raw === 'null') return null;
  if (raw !== '' && !Number.isNaN(Number(raw))) return Number(raw);
  throw new QueryError(`unexpected value ${raw}`);
}

/** Parses one query string; throws QueryError with Appwrite's message text after "Invalid `queries` param: ". */
export function parseQuery(source: string): Query {
  const trimmed = source.trim();
  const open = trimmed.indexOf('(');
  if (open <= 0 || !trimmed.endsWith(')')) throw new QueryError(`Invalid query: ${source}`);
  const method = trimmed.slice(0, open).trim();
  if (method.includes('.')) throw new QueryError(`Invalid query method: ${method}`);
  let args: unknown[];
  try {
    args = splitArgs(trimmed.slice(open + 1, -1)).map(parseValue);
  } catch {
    throw new QueryError(`Invalid query: ${source}`);
  }
  if ((FILTERS as readonly string[]).includes(method) || ORDERS.includes(method)) {
    const [attribute, values] = args;
    return { method, attribute: typeof attribute === 'string' ? attribute : '', values: Array.isArray(values) ? values : values === undefined ? [] : [values] };
  }
  return { method, attribute: '', values: args };
}

export interface QuerySchema {
  methods: readonly string[];
  /** Attribute name -> type; `datetime` values are compared as strings. */
  attributes: Record<string, 'string' | 'datetime'>;
}

const plural = (n: number) => (n === 1 ? 'exactly one value' : 'exactly two values');

/** Validates parsed queries against a route's schema, throwing QueryError with Appwrite-style messages. */
export function validateQueries(input: unknown, schema: QuerySchema): Query[] {
  if (!Array.isArray(input)) throw new QueryError('Queries must be an array');
  return input.map((raw) => {
    if (typeof raw !== 'string') throw new QueryError('Invalid query: Query must be a string');
    const query = parseQuery(raw);
    const { method, attribute, values } = query;
    if (!schema.methods.includes(method)) throw new QueryError(`Invalid query method: ${method}`);
    // utopia-php/database's Queries validator prefixes every method validator's message with "Invalid query: ".
    if (method === 'limit') {
      const [n] = values;
      if (values.length !== 1 || typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n >= PHP_INT_MAX) {
        throw new QueryError(`Invalid query: Invalid limit: Value must be a valid range between 1 and ${PHP_INT_MAX_TEXT}`);
      }
    } else if (method === 'offset') {
      const [n] = values;
      if (values.length !== 1 || typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n >= PHP_INT_MAX) {
        throw new QueryError(`Invalid query: Invalid offset: Value must be a valid range between 0 and ${PHP_INT_MAX_TEXT}`);
      }
    } else if (CURSORS.includes(method)) {
      const [id] = values;
      if (values.length !== 1 || typeof id !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]{0,35}$/.test(id)) {
        throw new QueryError('Invalid query: Invalid cursor: UID must contain at most 36 chars. Valid chars are a-z, A-Z, 0-9, and underscore. Can\'t start with a leading underscore');
      }
    } else if (ORDERS.includes(method)) {
      // Own keys only (Object.hasOwn, not `in`): `toString` or `constructor` must not pass as attributes.
      if (attribute !== '' && !Object.hasOwn(schema.attributes, attribute)) throw new QueryError(`Invalid query: Attribute not found in schema: ${attribute}`);
    } else {
      // The Filter validator counts values before it looks the attribute up; isNull/isNotNull take any count.
      const name = method.charAt(0).toUpperCase() + method.slice(1);
      const needs = method === 'between' ? 2 : method === 'isNull' || method === 'isNotNull' ? null : method === 'equal' || method === 'contains' ? -1 : 1;
      if (needs === -1 && values.length < 1) throw new QueryError(`Invalid query: ${name} queries require at least one value.`);
      if (needs !== null && needs >= 0 && values.length !== needs) throw new QueryError(`Invalid query: ${name} queries require ${plural(needs)}.`);
      if (!Object.hasOwn(schema.attributes, attribute)) throw new QueryError(`Invalid query: Attribute not found in schema: ${attribute}`);
      if (values.length > 100) throw new QueryError('Invalid query: Query on attribute has greater than 100 values: ' + attribute);
      if (values.some((v) => typeof v !== 'string')) throw new QueryError(`Invalid query: Query type does not match expected: string`);
    }
    return query;
  });
}

/** The `queries` param: an array of 1.4 query strings valid for the route's schema. */
export function queriesValidator(schema: QuerySchema): Validator {
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
