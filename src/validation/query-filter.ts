/**
 * Filtering, ordering and paging plain rows with validated 1.4 queries (see queries.ts for parsing). Apart from
 * the parser because only listing routes need it, and they load it on demand.
 */
import { CURSORS, ORDERS, type Query } from './queries.js';

type Row = Record<string, unknown>;

function matches(row: Row, { method, attribute, values }: Query): boolean {
  const raw = row[attribute];
  const value = raw === null || raw === undefined ? null : String(raw);
  const strings = values as string[];
  switch (method) {
    case 'equal': return value !== null && strings.includes(value);
    case 'notEqual': return value !== strings[0];
    case 'lessThan': return value !== null && value < strings[0]!;
    case 'lessThanEqual': return value !== null && value <= strings[0]!;
    case 'greaterThan': return value !== null && value > strings[0]!;
    case 'greaterThanEqual': return value !== null && value >= strings[0]!;
    case 'between': return value !== null && value >= strings[0]! && value <= strings[1]!;
    case 'startsWith': return value !== null && value.startsWith(strings[0]!);
    case 'endsWith': return value !== null && value.endsWith(strings[0]!);
    case 'contains':
    case 'search': return value !== null && strings.some((s) => value.toLowerCase().includes(s.toLowerCase()));
    case 'isNull': return value === null || value === '';
    case 'isNotNull': return value !== null && value !== '';
    default: return true;
  }
}

export interface QueryResult<T> {
  total: number;
  rows: T[];
}

/**
 * Applies filters, order, cursor, offset and limit to rows given as their response models (so comparisons see
 * the same strings the client sees). `total` counts the filtered rows before paging, as Appwrite does.
 * A cursor naming no row is reported as `missingCursor`.
 */
export function applyQueries<T extends Row>(rows: T[], queries: Query[], defaultLimit: number, idKey = '$id'): QueryResult<T> & { missingCursor?: string } {
  let result = rows.filter((row) => queries.every((q) => matches(row, q)));
  const total = result.length;
  const orders = queries.filter((q) => ORDERS.includes(q.method));
  if (orders.length > 0) {
    result = [...result].sort((a, b) => {
      for (const { method, attribute } of orders) {
        const key = attribute || idKey;
        const x = String(a[key] ?? '');
        const y = String(b[key] ?? '');
        if (x !== y) return (x < y ? -1 : 1) * (method === 'orderAsc' ? 1 : -1);
      }
      return 0;
    });
  }
  const cursor = queries.find((q) => CURSORS.includes(q.method));
  if (cursor) {
    const id = cursor.values[0] as string;
    const index = result.findIndex((row) => row[idKey] === id);
    if (index === -1) return { total, rows: [], missingCursor: id };
    result = cursor.method === 'cursorAfter' ? result.slice(index + 1) : result.slice(0, index);
  }
  const offset = (queries.find((q) => q.method === 'offset')?.values[0] as number | undefined) ?? 0;
  const limit = (queries.find((q) => q.method === 'limit')?.values[0] as number | undefined) ?? defaultLimit;
  if (cursor?.method === 'cursorBefore') {
    result = result.slice(Math.max(0, result.length - offset - limit), result.length - offset);
  } else {
    result = result.slice(offset, offset + limit);
  }
  return { total, rows: result };
}
