/**
 * Appwrite 1.9.6's queries (1.9 spec §6.22, §6.37): every SDK from 14 on sends each query as a JSON string,
 * `{"method":"limit","values":[1]}`. The route's `queries` param validator (utopia-php/database 6.0.0
 * `Validator\Queries`, with Appwrite's Identities validator or `[Limit, Offset]` for logs) takes each string in
 * turn, parses it with `Query::parse` and validates it before it reads the next one. Both kinds of failure are the
 * param's: 400 general_argument_invalid ``Invalid `queries` param: …``, a parse failure as
 * ``Invalid query: <the parser's message>`` (Queries.php:64-70 catches every Throwable of the parser). The
 * action's own `Query::parseQueries` (general_query_invalid, account.php) only sees strings the validator
 * parsed, so it never fails. Applying queries to rows is in query-filter-1-9.ts.
 */
import { jsonDepthExceeds } from '../http/params.js';
import type { Validator } from './validators.js';

export interface Query19 {
  method: string;
  attribute: string;
  /** The values; for `and`/`or`/`elemMatch` the nested queries. */
  values: unknown[];
}

/** Query::isMethod (utopia-php/database 6.0.0, src/Database/Query.php:265-317): no `regex`, no `createdBefore`…. */
export const METHODS = new Set(['equal', 'notEqual', 'lessThan', 'lessThanEqual', 'greaterThan', 'greaterThanEqual', 'contains',
  'containsAny', 'notContains', 'search', 'notSearch', 'orderAsc', 'orderDesc', 'orderRandom', 'limit', 'offset',
  'cursorAfter', 'cursorBefore', 'isNull', 'isNotNull', 'between', 'notBetween', 'startsWith', 'notStartsWith', 'endsWith',
  'notEndsWith', 'crosses', 'notCrosses', 'distanceEqual', 'distanceNotEqual', 'distanceGreaterThan', 'distanceLessThan',
  'intersects', 'notIntersects', 'overlaps', 'notOverlaps', 'touches', 'notTouches', 'or', 'and', 'containsAll',
  'elemMatch', 'select', 'vectorDot', 'vectorCosine', 'vectorEuclidean', 'exists', 'notExists']);
/** Query::LOGICAL_TYPES: their values are parsed as queries, and validated before the query itself. */
const NESTED = ['and', 'or', 'elemMatch'];
export const ORDERS_19 = ['orderAsc', 'orderDesc', 'orderRandom'];
export const CURSORS_19 = ['cursorAfter', 'cursorBefore'];
const SPATIAL = ['crosses', 'notCrosses', 'distanceEqual', 'distanceNotEqual', 'distanceGreaterThan', 'distanceLessThan',
  'intersects', 'notIntersects', 'overlaps', 'notOverlaps', 'touches', 'notTouches'];
const VECTOR = ['vectorDot', 'vectorCosine', 'vectorEuclidean'];

/** PHP's limits print through number_format, which goes via a float: …808, not …807 (as in 1.4). */
const PHP_INT_MAX = 2n ** 63n - 1n;
const PHP_INT_MAX_TEXT = '9,223,372,036,854,775,808';
/** Appwrite's Base validator passes APP_DATABASE_QUERY_MAX_VALUES (500) as Filter's idAttributeType, so the cap is Filter's default. */
const MAX_VALUES = 5000;
/** Where 1.9.6's image has utopia-php/database: PHP's TypeErrors name the calling file and line. */
const VENDOR = '/usr/src/code/vendor/utopia-php/database/src/Database';

/** A query the parser rejects; the message is `Query::parse`'s (or PHP's TypeError's). */
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

/** The type names of PHP's TypeError messages. */
function typeErrorName(value: unknown): string {
  const type = phpType(value);
  return ({ NULL: 'null', boolean: 'bool', integer: 'int', double: 'float' } as Record<string, string>)[type] ?? type;
}

/** A PHP array is a JSON list or object; the parser reads it by key. */
const isPhpArray = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object';
const listOf = (value: Record<string, unknown>): unknown[] => (Array.isArray(value) ? value : Object.values(value));

/** Query::parseQuery(array $query); a nested value that is not an array is PHP's TypeError. */
function parseDecoded(decoded: unknown): Query19 {
  if (!isPhpArray(decoded)) {
    throw new QueryParseError(`Utopia\\Database\\Query::parseQuery(): Argument #1 ($query) must be of type array, ${typeErrorName(decoded)} given, called in ${VENDOR}/Query.php on line 396`);
  }
  const source = Array.isArray(decoded) ? {} : decoded;
  const method = source.method ?? '';
  const attribute = source.attribute ?? '';
  const values = source.values ?? [];
  if (typeof method !== 'string') throw new QueryParseError(`Invalid query method. Must be a string, got ${phpType(method)}`);
  if (!METHODS.has(method)) throw new QueryParseError(`Invalid query method: ${method}`);
  if (typeof attribute !== 'string') throw new QueryParseError(`Invalid query attribute. Must be a string, got ${phpType(attribute)}`);
  if (!isPhpArray(values)) throw new QueryParseError(`Invalid query values. Must be an array, got ${phpType(values)}`);
  // The constructor orders by `$sequence` when no attribute is given.
  const ordered = attribute === '' && (method === 'orderAsc' || method === 'orderDesc');
  const list = listOf(values);
  return { method, attribute: ordered ? '$sequence' : attribute, values: NESTED.includes(method) ? list.map(parseDecoded) : list };
}

/** A character below U+0020 inside a string literal of a JSON text (PHP's json_decode names that error). */
export function hasRawControlCharacter(text: string): boolean {
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString && c < 0x20) return true;
    if (c === 0x22 /* " */) inString = !inString;
    else if (inString && c === 0x5c /* \ */) i++;
  }
  return false;
}

/** A lone UTF-16 surrogate in a decoded string (JSON.parse decodes `"\ud800"`; PHP refuses it). */
export function hasLoneSurrogate(value: unknown): boolean {
  if (typeof value === 'string') return /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(value);
  return isPhpArray(value) && Object.entries(value).some(([key, item]) => hasLoneSurrogate(key) || hasLoneSurrogate(item));
}

/** A limit or offset the adapter takes as an int: PHP coerces an integer string ("5") where it passes one. */
function asInteger(value: unknown): unknown {
  return typeof value === 'string' && INTEGER_STRING.test(value) && phpNumber(value) !== null ? Number(value.trim()) : value;
}

/**
 * One query as `Query::parse` reads it: JSON (PHP's json_decode, depth 512: at most 511 nested arrays) that
 * decodes to an array with a known `method`, a string `attribute` and an array of `values`.
 * Called without strict types, so a number or boolean becomes its string first; null or an array is a TypeError.
 */
export function parseQuery19(item: unknown): Query19 {
  let source: string;
  if (typeof item === 'string') source = item;
  else if (typeof item === 'number') source = String(item);
  else if (typeof item === 'boolean') source = item ? '1' : '';
  else {
    throw new QueryParseError(`Utopia\\Database\\Query::parse(): Argument #1 ($query) must be of type string, ${typeErrorName(item)} given, called in ${VENDOR}/Validator/Queries.php on line 67`);
  }
  if (jsonDepthExceeds(source, 511)) throw new QueryParseError('Invalid query: Maximum stack depth exceeded');
  let decoded: unknown;
  try {
    decoded = JSON.parse(source);
  } catch {
    throw new QueryParseError(`Invalid query: ${hasRawControlCharacter(source) ? 'Control character error, possibly incorrectly encoded' : 'Syntax error'}`);
  }
  if (/\\u[dD][89a-fA-F]/.test(source) && hasLoneSurrogate(decoded)) {
    throw new QueryParseError('Invalid query: Single unpaired UTF-16 surrogate in unicode escape');
  }
  if (!isPhpArray(decoded)) throw new QueryParseError(`Invalid query. Must be an array, got ${phpType(decoded)}`);
  const query = parseDecoded(decoded);
  if (query.method === 'limit' || query.method === 'offset') query.values = query.values.map((v, i) => (i === 0 ? asInteger(v) : v));
  return query;
}

type AttributeType = 'string' | 'datetime' | 'integer';
type MethodType = 'select' | 'limit' | 'offset' | 'cursor' | 'order' | 'filter';

export interface QuerySchema19 {
  /** The method types the route validates: `limit`, `offset`, `cursor`, `order`, `filter`. */
  types: ReadonlyArray<Exclude<MethodType, 'select'>>;
  /** Attribute name -> type (`integer`: Appwrite's `$sequence`, a 32-bit signed Integer). */
  attributes: Record<string, AttributeType>;
}

/** Validator\Queries' method types (Queries.php:80-134): every parsed method has one. */
function methodType(method: string): MethodType {
  if (method === 'select' || method === 'limit' || method === 'offset') return method;
  if (CURSORS_19.includes(method)) return 'cursor';
  if (ORDERS_19.includes(method)) return 'order';
  return 'filter';
}

const ucfirst = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const has = (schema: QuerySchema19, attribute: string) => Object.hasOwn(schema.attributes, attribute);

/** PHP 8's numeric strings: optional surrounding whitespace, a decimal or exponent number. */
const NUMERIC_STRING = /^[ \t\n\r\v\f]*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?[ \t\n\r\v\f]*$/;
const INTEGER_STRING = /^[ \t\n\r\v\f]*[+-]?\d+[ \t\n\r\v\f]*$/;

/** `$value + 0` when it is an int (a float fails Range's integer check), else null. */
function phpNumber(value: unknown): bigint | null {
  if (typeof value === 'number') return Number.isInteger(value) && Math.abs(value) < 2 ** 63 ? BigInt(value) : null;
  if (typeof value !== 'string' || !INTEGER_STRING.test(value)) return null;
  const n = BigInt(value.trim());
  return n >= -PHP_INT_MAX - 1n && n <= PHP_INT_MAX ? n : null; // past PHP_INT_MAX the sum is a float
}

/** Limit and Offset (Query/Limit.php, Offset.php): Numeric, then an integer Range up to PHP_INT_MAX. */
function pageProblem(query: Query19, min: 0 | 1): string | null {
  const value = query.values[0] ?? null;
  const numeric = typeof value === 'number' || (typeof value === 'string' && NUMERIC_STRING.test(value));
  // Offset's message says "limit" too (Offset.php).
  if (!numeric) return 'Invalid limit: Value must be a valid number';
  const n = phpNumber(value);
  if (n === null || n < BigInt(min)) return `Invalid ${min === 1 ? 'limit' : 'offset'}: Value must be a valid range between ${min} and ${PHP_INT_MAX_TEXT}`;
  return null;
}

/** Cursor (Query/Cursor.php): a UID of at most 36 chars. */
const UID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,35}$/;
const CURSOR_MESSAGE = 'Invalid cursor: UID must contain at most 36 chars. Valid chars are a-z, A-Z, 0-9, and underscore. Can\'t start with a leading underscore';

/** Order (Query/Order.php): orderRandom takes no attribute; a dotted one names its top level. */
function orderProblem(query: Query19, schema: QuerySchema19): string | null {
  if (query.method === 'orderRandom') return null;
  let attribute = query.attribute;
  if (attribute.includes('.')) {
    if (has(schema, attribute)) return null;
    attribute = attribute.split('.')[0]!;
    if (has(schema, attribute)) return `Cannot order by nested attribute: ${attribute}`;
  }
  return has(schema, attribute) ? null : `Attribute not found in schema: ${attribute}`;
}

/** Filter::isValidAttribute: a dotted attribute is checked by its top level. */
function attributeProblem(attribute: string, schema: QuerySchema19): string | null {
  const key = attribute.includes('.') && !has(schema, attribute) ? attribute.split('.')[0]! : attribute;
  return has(schema, key) ? null : `Attribute not found in schema: ${key}`;
}

const MIN_DATE = Date.parse('0000-01-01T00:00:00Z');
const MAX_DATE = Date.parse('9999-12-31T00:00:00Z'); // `new \DateTime('9999-12-31')`: its midnight

/** utopia-php/database's Datetime validator (0000-01-01 to 9999-12-31, a four-digit year in the text). */
function validDatetime(value: unknown): boolean {
  if (typeof value !== 'string' || value === '' || value === '0') return false;
  const time = Date.parse(value);
  return !Number.isNaN(time) && /(?<!\d)\d{4}(?!\d)/.test(value) && time >= MIN_DATE && time <= MAX_DATE;
}

function validValue(type: AttributeType, value: unknown): boolean {
  if (type === 'string') return typeof value === 'string'; // Text(0, 0)
  if (type === 'integer') return typeof value === 'number' && Number.isInteger(value) && value >= -(2 ** 31) && value <= 2 ** 31 - 1;
  return validDatetime(value);
}

/** Filter::isEmpty: no values, or a first value that is an empty array. */
const isEmpty = (values: unknown[]) => values.length === 0 || (isPhpArray(values[0]) && listOf(values[0]).length === 0);

/** Filter::isValidAttributeAndValues, for the attribute types Appwrite's account routes have. */
function valuesProblem(query: Query19, schema: QuerySchema19): string | null {
  const { method, values } = query;
  const problem = attributeProblem(query.attribute, schema);
  if (problem) return problem;
  const key = query.attribute.includes('.') && !has(schema, query.attribute) ? query.attribute.split('.')[0]! : query.attribute;
  if (method === 'exists' || method === 'notExists') return null;
  if (values.length > MAX_VALUES) return `Query on attribute has greater than ${MAX_VALUES} values: ${key}`;
  const type = schema.attributes[key]!;
  if (SPATIAL.includes(method)) return `Spatial query "${method}" cannot be applied on non-spatial attribute: ${key}`;
  if (values.some((v) => !validValue(type, v))) return `Query value is invalid for attribute "${key}"`;
  if (['contains', 'containsAny', 'containsAll', 'notContains'].includes(method) && type !== 'string') {
    return `Cannot query ${method === 'notContains' ? 'notContains' : 'contains'} on attribute "${key}" because it is not an array, string, or object.`;
  }
  return null;
}

/** Filter::isValid (Query/Filter.php), on a schema-mode adapter (`supportForAttributes`). */
function filterProblem(query: Query19, schema: QuerySchema19): string | null {
  const { method, values } = query;
  switch (method) {
    case 'equal': case 'contains': case 'containsAny': case 'notContains': case 'containsAll': case 'exists': case 'notExists':
      return isEmpty(values) ? `${ucfirst(method)} queries require at least one value.` : valuesProblem(query, schema);
    case 'distanceEqual': case 'distanceNotEqual': case 'distanceGreaterThan': case 'distanceLessThan':
      if (values.length !== 1 || !isPhpArray(values[0]) || listOf(values[0]).length !== 3) return 'Distance query requires [[geometry, distance]] parameters';
      return valuesProblem(query, schema);
    case 'notEqual': case 'lessThan': case 'lessThanEqual': case 'greaterThan': case 'greaterThanEqual': case 'search':
    case 'notSearch': case 'startsWith': case 'notStartsWith': case 'endsWith': case 'notEndsWith':
      return values.length !== 1 ? `${ucfirst(method)} queries require exactly one value.` : valuesProblem(query, schema);
    case 'between': case 'notBetween':
      return values.length !== 2 ? `${ucfirst(method)} queries require exactly two values.` : valuesProblem(query, schema);
    case 'isNull': case 'isNotNull':
      return valuesProblem(query, schema);
    case 'vectorDot': case 'vectorCosine': case 'vectorEuclidean':
      // None of the account collections' attributes is a vector.
      return attributeProblem(query.attribute, schema) ?? 'Vector queries can only be used on vector attributes';
    case 'and': case 'or':
      if ((values as Query19[]).some((q) => methodType(q.method) !== 'filter')) return `${ucfirst(method)} queries can only contain filter queries`;
      return values.length < 2 ? `${ucfirst(method)} queries require at least two queries` : null;
    case 'elemMatch':
      return 'elemMatch is not supported by the database';
    default: // the other spatial methods
      return isEmpty(values) ? `${ucfirst(method)} queries require at least one value.` : valuesProblem(query, schema);
  }
}

/** Validator\Queries::isValid for one parsed query: its nested queries first, then the validator of its method type. */
function problemOf(query: Query19, schema: QuerySchema19): string | null {
  if (NESTED.includes(query.method)) {
    for (const nested of query.values as Query19[]) {
      const problem = problemOf(nested, schema);
      if (problem) return problem;
    }
  }
  const type = methodType(query.method);
  if (type === 'select' || !schema.types.includes(type)) return `Invalid query method: ${query.method}`;
  let problem: string | null;
  if (type === 'limit') problem = pageProblem(query, 1);
  else if (type === 'offset') problem = pageProblem(query, 0);
  else if (type === 'cursor') {
    const value = query.values[0] ?? null;
    problem = typeof value === 'string' && UID.test(value) ? null : CURSOR_MESSAGE;
  } else if (type === 'order') problem = orderProblem(query, schema);
  else problem = filterProblem(query, schema);
  return problem === null ? null : `Invalid query: ${problem}`;
}

/**
 * Validates a `queries` param as Validator\Queries does: each query is parsed, then validated, before the next one
 * is read; the first failure is a QueryInvalidError with the validator's description.
 */
export function readQueries19(input: unknown, schema: QuerySchema19): Query19[] {
  if (!Array.isArray(input)) throw new QueryInvalidError('Queries must be an array');
  const queries: Query19[] = [];
  for (const item of input) {
    let query: Query19;
    try {
      query = parseQuery19(item);
    } catch (error) {
      if (error instanceof QueryParseError) throw new QueryInvalidError(`Invalid query: ${error.message}`);
      throw error;
    }
    const problem = problemOf(query, schema);
    if (problem) throw new QueryInvalidError(problem);
    queries.push(query);
  }
  return queries;
}

/**
 * The `queries` param's 1.9.6 validator: a failure is the usual 400 general_argument_invalid with its
 * description. The route's action parses the (valid) strings again with parseQuery19.
 */
export function queries19(schema: QuerySchema19): Validator {
  const check = (v: unknown): string | null => {
    try {
      readQueries19(v, schema);
      return null;
    } catch (error) {
      if (error instanceof QueryInvalidError) return error.message;
      throw error;
    }
  };
  return { description: 'Invalid queries', isValid: (v) => check(v) === null, describe: (v) => check(v) ?? '' };
}
