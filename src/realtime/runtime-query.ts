/**
 * Subscription queries on 1.9.6's realtime server: parsed by utopia-php/database 6.0.0's `Query::parse`, checked by
 * `Realtime::convertQueries` (src/Appwrite/Messaging/Adapter/Realtime.php:684-710) against
 * `RuntimeQuery::ALLOWED_QUERIES` (src/Appwrite/Utopia/Database/RuntimeQuery.php:14-33), and applied to each
 * event's payload by `RuntimeQuery::compile` and `filter` (RuntimeQuery.php:77-288; Realtime.php:482-486).
 *
 * Not the HTTP routes' parser (validation/queries-1-9.ts): the socket takes the 6.0.0 parser's own method list
 * (`exists`, `elemMatch`, `containsAll`, `vector*`; not `createdBefore`…), and PHP's type errors (a query that is
 * null or an array, a nested query that is not an object) are server errors here.
 */
import { jsonDepthExceeds } from '../http/params.js';
import { METHODS, hasLoneSurrogate, hasRawControlCharacter } from '../validation/queries-1-9.js';
import { isPhpArray, phpCompare, phpEntries, phpGet, phpIdentical, phpJsonEncode, phpType } from './php-values.js';
import { RealtimeError } from './socket.js';

export interface RuntimeQuery {
  method: string;
  attribute: string;
  /** The decoded `values` (a list, or an object read by key as PHP does); for `and`/`or`/`elemMatch` the queries. */
  values: unknown[] | Record<string, unknown> | RuntimeQuery[];
}

/** A `QueryException`: the subscribe message answers 1003 `Invalid query: <message>`, the socket URL 1008 `<message>`. */
export class QueryException extends Error {}

/**
 * PHP's TypeError and RuntimeQuery's InvalidArgumentException (code 0), which realtime.php answers as any code-0
 * error: `{code: 0, message: 'Error: Server Error'}` (app/realtime.php:1245-1256, 1039-1051).
 */
export const serverError = () => new RealtimeError(0, 'Error: Server Error');

const LOGICAL = ['and', 'or', 'elemMatch'];
/** RuntimeQuery::ALLOWED_QUERIES, in its order (the error message lists them so). */
const ALLOWED = ['equal', 'notEqual', 'lessThan', 'lessThanEqual', 'greaterThan', 'greaterThanEqual', 'isNull', 'isNotNull', 'and', 'or', 'select'];

/** Query::parseQuery: `method`, `attribute` and `values` of a decoded array (null reads as absent, `??`). */
function parseArray(decoded: object): RuntimeQuery {
  const method = phpGet(decoded, 'method') ?? '';
  const attribute = phpGet(decoded, 'attribute') ?? '';
  const values = phpGet(decoded, 'values') ?? [];
  if (typeof method !== 'string') throw new QueryException(`Invalid query method. Must be a string, got ${phpType(method)}`);
  if (!METHODS.has(method)) throw new QueryException(`Invalid query method: ${method}`);
  if (typeof attribute !== 'string') throw new QueryException(`Invalid query attribute. Must be a string, got ${phpType(attribute)}`);
  if (!isPhpArray(values)) throw new QueryException(`Invalid query values. Must be an array, got ${phpType(values)}`);
  if (!LOGICAL.includes(method)) return { method, attribute, values: values as unknown[] | Record<string, unknown> };
  return { method, attribute, values: phpEntries(values).map(([, v]) => parseNested(v)) };
}

/** parseQuery(array $query) on a nested value: anything but an array is a TypeError. */
function parseNested(value: unknown): RuntimeQuery {
  if (!isPhpArray(value)) throw serverError();
  return parseArray(value);
}

/**
 * Query::parse(string $query): PHP's json_decode (depth 512: at most 511 nested arrays), then an array.
 * Called without strict types, so a number or boolean becomes its string first; null or an array is a TypeError.
 */
export function parseRuntimeQuery(item: unknown): RuntimeQuery {
  let text: string;
  if (typeof item === 'string') text = item;
  else if (typeof item === 'number') text = phpType(item) === 'integer' ? BigInt(item).toString() : String(item);
  else if (typeof item === 'boolean') text = item ? '1' : '';
  else throw serverError();
  if (jsonDepthExceeds(text, 511)) throw new QueryException('Invalid query: Maximum stack depth exceeded');
  let decoded: unknown;
  try {
    decoded = JSON.parse(text);
  } catch {
    // PHP names a raw control character inside a string; JSON.parse refuses it as any other syntax error.
    const control = hasRawControlCharacter(text);
    throw new QueryException(`Invalid query: ${control ? 'Control character error, possibly incorrectly encoded' : 'Syntax error'}`);
  }
  // PHP refuses an escaped lone surrogate (`"\ud800"`), which JSON.parse decodes.
  if (/\\u[dD][89a-fA-F]/.test(text) && hasLoneSurrogate(decoded)) {
    throw new QueryException('Invalid query: Single unpaired UTF-16 surrogate in unicode escape');
  }
  if (!isPhpArray(decoded)) throw new QueryException(`Invalid query. Must be an array, got ${phpType(decoded)}`);
  return parseArray(decoded);
}

/** RuntimeQuery::isSelectAll: `count($values) === 1 && $values[0] === '*'`. */
const isSelectAll = (q: RuntimeQuery): boolean =>
  q.method === 'select' && phpEntries(q.values).length === 1 && phpGet(q.values, '0') === '*';

/**
 * Realtime::convertQueries (Adapter/Realtime.php:684-710): parses every query (the first failure is reported), then
 * walks them as a stack, from the last one and into `and`/`or`, refusing the first method not in ALLOWED_QUERIES
 * with a QueryException, and any select but `select(["*"])` (RuntimeQuery::validateSelectQuery's
 * InvalidArgumentException, a server error).
 */
export function convertQueries(items: readonly unknown[]): RuntimeQuery[] {
  const queries = items.map(parseRuntimeQuery);
  const stack = [...queries];
  while (stack.length) {
    const query = stack.pop()!;
    if (!ALLOWED.includes(query.method)) {
      throw new QueryException(`Query method '${query.method}' is not supported in Realtime queries. Allowed: ${ALLOWED.join(', ')}`);
    }
    if (query.method === 'select' && !isSelectAll(query)) throw serverError();
    if (query.method === 'and' || query.method === 'or') stack.push(...(query.values as RuntimeQuery[]));
  }
  return queries;
}

/** `Query::select(['*'])`: the queries of a URL channel the URL gives none (Realtime.php:648). */
export const SELECT_ALL: RuntimeQuery = { method: 'select', attribute: '', values: ['*'] };

/** Query::toArray: `method`, `attribute` unless empty (PHP's empty(): '' and '0'), `values` (logical: absent when none). */
function toArray(q: RuntimeQuery): Record<string, unknown> {
  const out: Record<string, unknown> = { method: q.method };
  if (q.attribute !== '' && q.attribute !== '0') out.attribute = q.attribute;
  if (LOGICAL.includes(q.method)) {
    if ((q.values as RuntimeQuery[]).length) out.values = (q.values as RuntimeQuery[]).map(toArray);
  } else {
    out.values = phpEntries(q.values).map(([, v]) => v);
  }
  return out;
}

/** Query::toString: json_encode of toArray, as the subscribe response echoes each query (Subscribe.php:104). */
export const queryString = (q: RuntimeQuery): string => phpJsonEncode(toArray(q));

/**
 * RuntimeQuery::compile + filter: true when the subscription receives an event with this payload. No queries, or
 * a `select("*")` among the top-level ones, receive everything; otherwise every top-level query must hold.
 * (filter's quick rejection of payloads missing an attribute, skipped when an `or` is present, gives the same
 * answers as evaluating: a leaf on a missing attribute is false.)
 */
export function matches(queries: readonly RuntimeQuery[], payload: unknown): boolean {
  if (queries.length === 0 || queries.some(isSelectAll)) return true;
  const document = isPhpArray(payload) ? payload : [];
  return queries.every((q) => evaluate(q, document));
}

/** RuntimeQuery::evaluateCondition: `and`, `or`, then a top-level attribute of the payload against the values. */
function evaluate(q: RuntimeQuery, payload: object): boolean {
  if (q.method === 'and') return (q.values as RuntimeQuery[]).every((sub) => evaluate(sub, payload));
  if (q.method === 'or') return (q.values as RuntimeQuery[]).some((sub) => evaluate(sub, payload));
  const value = phpGet(payload, q.attribute);
  if (value === undefined) return false; // array_key_exists
  const targets = phpEntries(q.values).map(([, v]) => v);
  switch (q.method) {
    case 'equal': return targets.some((t) => phpIdentical(value, t));
    case 'notEqual': return !targets.some((t) => phpIdentical(value, t));
    case 'lessThan': return targets.some((t) => phpCompare(value, t) < 0); // $value < $target
    case 'lessThanEqual': return targets.some((t) => phpCompare(value, t) <= 0);
    case 'greaterThan': return targets.some((t) => phpCompare(t, value) < 0); // $value > $target is $target < $value
    case 'greaterThanEqual': return targets.some((t) => phpCompare(t, value) <= 0);
    case 'isNull': return value === null;
    case 'isNotNull': return value !== null;
    default: return false; // a select nested in and/or
  }
}
