/**
 * Appwrite 1.9.6's queries (1.9 spec §6.22, §6.37): every SDK from 14 on sends each query as a JSON string,
 * `{"method":"limit","values":[1]}`. Parsing (utopia-php/database 6.0 `Query::parse`) and validation (its
 * `Queries` validators) are apart because they fail differently: a string that is not a query is 400
 * general_query_invalid with the parser's message, a query the route does not take is 400
 * general_argument_invalid ``Invalid `queries` param: …``. Applying them to rows is in query-filter-1-9.ts.
 */
import { AppwriteError } from '../errors/appwrite-error.js';
import { jsonDepthExceeds } from '../http/params.js';
import type { Validator } from './validators.js';

export interface Query19 {
  method: string;
  attribute: string;
  /** The values; for `and`/`or` the nested queries. */
  values: unknown[];
}

const FILTERS = ['equal', 'notEqual', 'lessThan', 'lessThanEqual', 'greaterThan', 'greaterThanEqual', 'contains',
  'notContains', 'search', 'notSearch', 'isNull', 'isNotNull', 'between', 'notBetween', 'startsWith', 'notStartsWith',
  'endsWith', 'notEndsWith', 'createdBefore', 'createdAfter', 'createdBetween', 'updatedBefore', 'updatedAfter',
  'updatedBetween'] as const;
const LOGICAL = ['and', 'or'];
export const ORDERS_19 = ['orderAsc', 'orderDesc'];
export const CURSORS_19 = ['cursorAfter', 'cursorBefore'];
/** Methods the parser knows but no Account route validates (so they are "Invalid query method" there). */
const OTHER_METHODS = ['select', 'orderRandom', 'containsAny', 'crosses', 'notCrosses', 'distanceEqual', 'distanceNotEqual',
  'distanceGreaterThan', 'distanceLessThan', 'intersects', 'notIntersects', 'overlaps', 'notOverlaps', 'touches', 'notTouches'];
const METHODS = new Set<string>([...FILTERS, ...LOGICAL, ...ORDERS_19, ...CURSORS_19, 'limit', 'offset', ...OTHER_METHODS]);
/** The filters on the document's own dates: their attribute is implied. */
const DATE_FILTERS: Record<string, { attribute: string; method: string }> = {
  createdBefore: { attribute: '$createdAt', method: 'lessThan' },
  createdAfter: { attribute: '$createdAt', method: 'greaterThan' },
  createdBetween: { attribute: '$createdAt', method: 'between' },
  updatedBefore: { attribute: '$updatedAt', method: 'lessThan' },
  updatedAfter: { attribute: '$updatedAt', method: 'greaterThan' },
  updatedBetween: { attribute: '$updatedAt', method: 'between' },
};

/** PHP's limits print through number_format, which goes via a float: …808, not …807 (as in 1.4). */
const PHP_INT_MAX = 2 ** 63;
const PHP_INT_MAX_TEXT = '9,223,372,036,854,775,808';

/** A query the parser rejects: general_query_invalid with this message. */
export class QueryParseError extends Error {}
/** A parsed query the route does not take: the message follows "Invalid `queries` param: ". */
export class QueryInvalidError extends Error {}

/** PHP's gettype() names, which the parser's messages print. */
function phpType(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'double';
  if (typeof value === 'string') return 'string';
  return 'array';
}

/** A PHP array is a JSON list or object; the parser reads it by key. */
const isPhpArray = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object';
const listOf = (value: Record<string, unknown>): unknown[] => (Array.isArray(value) ? value : Object.values(value));

function parseDecoded(decoded: unknown): Query19 {
  if (!isPhpArray(decoded)) throw new QueryParseError(`Invalid query. Must be an array, got ${phpType(decoded)}`);
  const source = Array.isArray(decoded) ? {} : decoded;
  const method = source.method ?? '';
  const attribute = source.attribute ?? '';
  const values = source.values ?? [];
  if (typeof method !== 'string') throw new QueryParseError(`Invalid query method. Must be a string, got ${phpType(method)}`);
  if (!METHODS.has(method)) throw new QueryParseError(`Invalid query method: ${method}`);
  if (typeof attribute !== 'string') throw new QueryParseError(`Invalid query attribute. Must be a string, got ${phpType(attribute)}`);
  if (!isPhpArray(values)) throw new QueryParseError(`Invalid query values. Must be an array, got ${phpType(values)}`);
  const list = listOf(values);
  return { method, attribute, values: LOGICAL.includes(method) ? list.map(parseDecoded) : list };
}

/**
 * One query as `Query::parse` reads it: JSON (PHP's json_decode, depth 512) that decodes to an object with a
 * known `method`, a string `attribute` and a list of `values`.
 * @note PHP coerces a number or boolean item to a string before decoding it and fails with a TypeError on a list
 * or object item; we coerce alike and report the others as "Invalid query: Query must be a string".
 */
export function parseQuery19(item: unknown): Query19 {
  let source: string;
  if (typeof item === 'string') source = item;
  else if (typeof item === 'number') source = String(item);
  else if (typeof item === 'boolean') source = item ? '1' : '';
  else throw new QueryParseError('Invalid query: Query must be a string');
  if (jsonDepthExceeds(source, 512)) throw new QueryParseError('Invalid query: Maximum stack depth exceeded');
  let decoded: unknown;
  try {
    decoded = JSON.parse(source);
  } catch {
    throw new QueryParseError('Invalid query: Syntax error');
  }
  return parseDecoded(decoded);
}

export interface QuerySchema19 {
  /** The method types the route validates: `limit`, `offset`, `cursor`, `order`, `filter`. */
  types: ReadonlyArray<'limit' | 'offset' | 'cursor' | 'order' | 'filter'>;
  /** Attribute name -> type. */
  attributes: Record<string, 'string' | 'datetime' | 'sequence'>;
}

function methodType(method: string): string {
  if (method === 'limit' || method === 'offset') return method;
  if (CURSORS_19.includes(method)) return 'cursor';
  if (ORDERS_19.includes(method)) return 'order';
  if ((FILTERS as readonly string[]).includes(method) || LOGICAL.includes(method)) return 'filter';
  return ''; // select, orderRandom, spatial: no Account route takes them
}

const UID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,35}$/;
const CURSOR_MESSAGE = 'Invalid cursor: UID must contain at most 36 chars. Valid chars are a-z, A-Z, 0-9, and underscore. Can\'t start with a leading underscore';

function validValue(type: 'string' | 'datetime' | 'sequence', value: unknown): boolean {
  if (type === 'string') return typeof value === 'string';
  if (type === 'sequence') return (typeof value === 'string' && /^\d+$/.test(value)) || (typeof value === 'number' && Number.isInteger(value) && value >= 0);
  return typeof value === 'string' && !Number.isNaN(Date.parse(value));
}

/** The Filter validator's answer for one filter, or null when it passes. */
function filterProblem(query: Query19, schema: QuerySchema19): string | null {
  const { method, values } = query;
  if (LOGICAL.includes(method)) {
    if (values.length === 0) return `${method.charAt(0).toUpperCase()}${method.slice(1)} queries require at least one query.`;
    for (const nested of values as Query19[]) {
      if (methodType(nested.method) !== 'filter') return `${method.charAt(0).toUpperCase()}${method.slice(1)} queries can only contain filter queries`;
      const problem = filterProblem(nested, schema);
      if (problem) return problem;
    }
    return null;
  }
  const date = DATE_FILTERS[method];
  const attribute = date?.attribute ?? query.attribute;
  const name = method.charAt(0).toUpperCase() + method.slice(1);
  const base = date?.method ?? method;
  if (base === 'equal' || base === 'contains' || base === 'notContains') {
    if (values.length === 0) return `${name} queries require at least one value.`;
  } else if (base === 'between' || base === 'notBetween') {
    if (values.length !== 2) return `${name} queries require exactly two values.`;
  } else if (base !== 'isNull' && base !== 'isNotNull' && values.length !== 1) {
    return `${name} queries require exactly one value.`;
  }
  if (!Object.hasOwn(schema.attributes, attribute)) return `Attribute not found in schema: ${attribute}`;
  if (values.length > 100) return `Query on attribute has greater than 100 values: ${attribute}`;
  const type = schema.attributes[attribute]!;
  if (base !== 'isNull' && base !== 'isNotNull' && values.some((v) => !validValue(type, v))) {
    return `Query value is invalid for attribute "${attribute}"`;
  }
  return null;
}

function problemOf(query: Query19, schema: QuerySchema19): string | null {
  const type = methodType(query.method);
  if (!schema.types.includes(type as QuerySchema19['types'][number])) return `Invalid query method: ${query.method}`;
  const [value] = query.values;
  const range = (min: number) => typeof value === 'number' && Number.isInteger(value) && value >= min && value < PHP_INT_MAX;
  if (type === 'limit' && !range(1)) return `Invalid query: Invalid limit: Value must be a valid range between 1 and ${PHP_INT_MAX_TEXT}`;
  if (type === 'offset' && !range(0)) return `Invalid query: Invalid offset: Value must be a valid range between 0 and ${PHP_INT_MAX_TEXT}`;
  if (type === 'cursor' && (typeof value !== 'string' || !UID.test(value))) return `Invalid query: ${CURSOR_MESSAGE}`;
  if (type === 'order' && query.attribute !== '' && !Object.hasOwn(schema.attributes, query.attribute)) {
    return `Invalid query: Attribute not found in schema: ${query.attribute}`;
  }
  if (type === 'filter') {
    const problem = filterProblem(query, schema);
    if (problem) return `Invalid query: ${problem}`;
  }
  return null;
}

/**
 * Parses then validates a `queries` param. Parse failures throw QueryParseError, the first query the schema
 * refuses a QueryInvalidError (each query is parsed before any is validated, as the action parses them all).
 */
export function readQueries19(input: unknown, schema: QuerySchema19): Query19[] {
  if (!Array.isArray(input)) throw new QueryInvalidError('Queries must be an array');
  const queries = input.map(parseQuery19);
  for (const query of queries) {
    const problem = problemOf(query, schema);
    if (problem) throw new QueryInvalidError(problem);
  }
  return queries;
}

/**
 * The `queries` param's 1.9.6 validator: a query that does not parse is answered with 400 general_query_invalid
 * (thrown from here, so it stops validation like any failed param), one the route does not take with the usual
 * 400 general_argument_invalid. The route's action parses the (valid) strings again with parseQuery19.
 */
export function queries19(schema: QuerySchema19): Validator {
  const check = (v: unknown): string | null => {
    try {
      readQueries19(v, schema);
      return null;
    } catch (error) {
      if (error instanceof QueryParseError) throw new AppwriteError('general_query_invalid', error.message);
      if (error instanceof QueryInvalidError) return error.message;
      throw error;
    }
  };
  return { description: 'Queries must be an array', isValid: (v) => check(v) === null, describe: (v) => check(v) ?? '' };
}
