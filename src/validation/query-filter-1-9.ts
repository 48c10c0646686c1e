/**
 * Applying validated 1.9.6 queries (queries-1-9.ts) to stored rows: filters (nested `and`/`or` included),
 * order, cursor, offset and limit, and the count of the filtered rows. Rows are read through `valueOf`, so dates
 * compare as instants and a stored null stays null (which cursor pagination must refuse).
 */
import { AppwriteError } from '../errors/appwrite-error.js';
import { CURSORS_19, ORDERS_19, type Query19 } from './queries-1-9.js';

export interface Columns<T> {
  /** A row's value of an attribute: a string, a number (dates as ms) or null. */
  valueOf(row: T, attribute: string): string | number | null;
  /** Attributes compared as instants (the query's date strings are parsed). */
  dates: ReadonlySet<string>;
}

/** A MariaDB LIKE pattern (`%`, `_`, `\` escapes) on the case-insensitive collation. */
function like(text: string, pattern: string): boolean {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) source += pattern[++i]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else if (c === '%') source += '[\\s\\S]*';
    else if (c === '_') source += '[\\s\\S]';
    else source += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 'iu').test(text);
}

function matches<T>(row: T, query: Query19, columns: Columns<T>): boolean {
  if (query.method === 'and') return (query.values as Query19[]).every((q) => matches(row, q, columns));
  if (query.method === 'or') return (query.values as Query19[]).some((q) => matches(row, q, columns));
  const { attribute, method } = query;
  const value = columns.valueOf(row, attribute);
  const isDate = columns.dates.has(attribute);
  const wanted = query.values.map((v) => (isDate ? Date.parse(String(v)) : typeof value === 'number' ? Number(v) : String(v)));
  const [a, b] = wanted as [string | number, string | number];
  const text = value === null ? null : String(value).toLowerCase();
  switch (method) {
    case 'equal': return value !== null && wanted.includes(value);
    case 'notEqual': return value !== a;
    case 'lessThan': return value !== null && value < a;
    case 'lessThanEqual': return value !== null && value <= a;
    case 'greaterThan': return value !== null && value > a;
    case 'greaterThanEqual': return value !== null && value >= a;
    case 'between': return value !== null && value >= a && value <= b;
    case 'notBetween': return value !== null && (value < a || value > b);
    case 'startsWith': return value !== null && String(value).startsWith(String(a));
    case 'notStartsWith': return value !== null && !String(value).startsWith(String(a));
    case 'endsWith': return value !== null && String(value).endsWith(String(a));
    case 'notEndsWith': return value !== null && !String(value).endsWith(String(a));
    // search/notSearch: 1.9.6 answers 500 (no fulltext index on identities); we read them as contains.
    case 'contains':
    case 'containsAny':
    case 'search': return text !== null && wanted.some((s) => text.includes(String(s).toLowerCase()));
    case 'notContains':
    case 'notSearch': return text !== null && !wanted.some((s) => text.includes(String(s).toLowerCase()));
    // exists/notExists (only with an attribute set): 1.9.6's MariaDB adapter answers 500; we test the named columns.
    case 'exists': return query.values.some((v) => columns.valueOf(row, String(v)) !== null);
    case 'notExists': return !query.values.some((v) => columns.valueOf(row, String(v)) !== null);
    // On a string attribute MariaDB's adapter falls through to LIKE with the value as the pattern (no `%` around it).
    case 'containsAll': return value !== null && wanted.some((s) => like(String(value), String(s)));
    case 'isNull': return value === null;
    case 'isNotNull': return value !== null;
    default: return true;
  }
}

export interface Page<T> {
  total: number;
  rows: T[];
}

/**
 * Filters, orders and pages `rows` (given in their stored order). The first limit, offset and cursor win, as in
 * utopia-php/database. A cursor naming no filtered row is 400 general_cursor_not_found with `notFound(id)`; an
 * order attribute that is null on the cursor's row is 400 database_query_order_null.
 */
export function applyQueries19<T>(
  rows: T[], queries: Query19[], defaultLimit: number, columns: Columns<T>, notFound: (id: string) => string,
): Page<T> {
  const filters = queries.filter((q) => !ORDERS_19.includes(q.method) && !CURSORS_19.includes(q.method) && q.method !== 'limit' && q.method !== 'offset');
  let result = rows.filter((row) => filters.every((q) => matches(row, q, columns)));
  const total = result.length;
  const orders = queries.filter((q) => ORDERS_19.includes(q.method));
  if (orders.length > 0) {
    // Query::groupByType lists the attributes that are not empty (orderRandom has none) and every order's
    // direction apart, and find() pairs them by position: [orderRandom(), orderAsc('a')] orders `a` randomly.
    const attributes = orders.map((q) => q.attribute).filter((a) => a !== '');
    if (!attributes.includes('$id') && !attributes.includes('$sequence')) attributes.push('$sequence');
    const keys = attributes.map((attribute, i) => ({ attribute, method: orders[i]?.method ?? 'orderAsc' }));
    const random = new Map(result.map((row) => [row, Math.random()]));
    result = [...result].sort((x, y) => {
      for (const { method, attribute } of keys) {
        if (method === 'orderRandom') {
          if (random.get(x) !== random.get(y)) return random.get(x)! - random.get(y)!;
          continue;
        }
        const [a, b] = [columns.valueOf(x, attribute), columns.valueOf(y, attribute)];
        if (a === b) continue;
        // Nulls sort first ascending, as in MariaDB.
        const less = a === null || (b !== null && a < b);
        return (less ? -1 : 1) * (method === 'orderAsc' ? 1 : -1);
      }
      return 0;
    });
  }
  const cursor = queries.find((q) => CURSORS_19.includes(q.method));
  if (cursor) {
    const id = cursor.values[0] as string;
    const index = result.findIndex((row) => columns.valueOf(row, '$id') === id);
    if (index === -1) throw new AppwriteError('general_cursor_not_found', notFound(id));
    for (const { attribute } of orders) {
      if (attribute && columns.valueOf(result[index]!, attribute) === null) {
        throw new AppwriteError('database_query_order_null', `The order attribute '${attribute}' had a null value. Cursor pagination requires all documents order attribute values are non-null.`);
      }
    }
    result = cursor.method === 'cursorAfter' ? result.slice(index + 1) : result.slice(0, index);
  }
  const offset = (queries.find((q) => q.method === 'offset')?.values[0] as number | undefined) ?? 0;
  const limit = (queries.find((q) => q.method === 'limit')?.values[0] as number | undefined) ?? defaultLimit;
  result = cursor?.method === 'cursorBefore'
    ? result.slice(Math.max(0, result.length - offset - limit), Math.max(0, result.length - offset))
    : result.slice(offset, offset + limit);
  return { total, rows: result };
}
