/** Appwrite 1.4 query strings (spec §10): parsing, validation messages, and applying them to rows. */
import { describe, expect, it } from 'vitest';
import { parseQuery, QueryError, validateQueries, type QuerySchema } from '../../src/validation/queries.js';
import { applyQueries } from '../../src/validation/query-filter.js';

const SCHEMA: QuerySchema = {
  methods: ['limit', 'offset', 'cursorAfter', 'cursorBefore', 'orderAsc', 'orderDesc', 'equal', 'notEqual', 'between', 'isNull', 'startsWith', 'contains'],
  attributes: { provider: 'string', providerEmail: 'string', $id: 'string', $createdAt: 'datetime' },
};

/** The QueryError message `fn` throws. */
function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(QueryError);
    return (error as Error).message;
  }
  throw new Error('expected a QueryError');
}

describe('parseQuery', () => {
  it('parses paging and cursor queries into their values', () => {
    expect(parseQuery('limit(25)')).toEqual({ method: 'limit', attribute: '', values: [25] });
    expect(parseQuery('offset(0)')).toEqual({ method: 'offset', attribute: '', values: [0] });
    expect(parseQuery('cursorAfter("6557a0f1c2d3e4f5a6b7")')).toEqual({ method: 'cursorAfter', attribute: '', values: ['6557a0f1c2d3e4f5a6b7'] });
  });

  it('parses filters and orders into attribute and values, as the SDK\'s Query helpers write them', () => {
    expect(parseQuery('equal("provider", ["github","google"])')).toEqual({ method: 'equal', attribute: 'provider', values: ['github', 'google'] });
    expect(parseQuery('orderDesc("$createdAt")')).toEqual({ method: 'orderDesc', attribute: '$createdAt', values: [] });
    expect(parseQuery('orderAsc("")')).toEqual({ method: 'orderAsc', attribute: '', values: [] });
    expect(parseQuery('isNull("providerEmail")')).toEqual({ method: 'isNull', attribute: 'providerEmail', values: [] });
    // A bare value (not in brackets) is one value.
    expect(parseQuery('notEqual("provider", "x")').values).toEqual(['x']);
  });

  it('takes single or double quotes, backslash escapes, and commas/brackets inside strings', () => {
    expect(parseQuery("equal('provider', ['github'])").values).toEqual(['github']);
    expect(parseQuery(String.raw`equal("a", ["say \"hi\"", "back\\slash", 'it\'s'])`).values).toEqual(['say "hi"', 'back\\slash', "it's"]);
    expect(parseQuery('equal("a", ["x,y", "[z]", "(w)", ""])').values).toEqual(['x,y', '[z]', '(w)', '']);
  });

  it('turns numbers, booleans and null into their types, and keeps nested arrays', () => {
    expect(parseQuery('equal("a", [1, -2.5, 1e3, true, false, null])').values).toEqual([1, -2.5, 1000, true, false, null]);
    expect(parseQuery('equal("a", [["x", ["y"]], []])').values).toEqual([['x', ['y']], []]);
  });

  it('ignores spaces outside strings', () => {
    expect(parseQuery('  equal ( "provider" ,  [ "a" , "b" ] )  ')).toEqual({ method: 'equal', attribute: 'provider', values: ['a', 'b'] });
    expect(parseQuery('equal("a", [" spaced "])').values).toEqual([' spaced ']);
  });

  it('rejects malformed strings with "Invalid query: <the query>"', () => {
    for (const bad of ['limit', 'limit(1', '(1)', 'equal("a", ["b)', 'equal("a", [b])', 'equal("a", ["b"]]', 'limit(1))', 'equal(provider, ["x"])']) {
      expect(messageOf(() => parseQuery(bad)), bad).toBe(`Invalid query: ${bad}`);
    }
  });

  it('rejects the pre-1.4 dotted method syntax', () => {
    expect(messageOf(() => parseQuery('provider.equal("github")'))).toBe('Invalid query method: provider.equal');
  });
});

describe('validateQueries', () => {
  const fails = (queries: unknown) => messageOf(() => validateQueries(queries, SCHEMA));

  it('accepts what the SDK sends for a list route', () => {
    const parsed = validateQueries(['limit(1)', 'offset(5)', 'cursorAfter("abc")', 'orderAsc("$createdAt")', 'equal("provider", ["github"])', 'between("$createdAt", ["2023-01-01", "2024-01-01"])', 'isNull("providerEmail")'], SCHEMA);
    expect(parsed.map((q) => q.method)).toEqual(['limit', 'offset', 'cursorAfter', 'orderAsc', 'equal', 'between', 'isNull']);
    expect(validateQueries([], SCHEMA)).toEqual([]);
  });

  it('needs an array of strings', () => {
    expect(fails('limit(1)')).toBe('Queries must be an array');
    expect(fails({ 0: 'limit(1)' })).toBe('Queries must be an array');
    expect(fails([1])).toBe('Invalid query: Query must be a string');
  });

  it('refuses methods the route does not allow', () => {
    expect(fails(['search("provider", ["x"])'])).toBe('Invalid query method: search');
    expect(fails(['select(["a"])'])).toBe('Invalid query method: select');
  });

  it('checks limit >= 1 and offset >= 0, integers only', () => {
    const limit = 'Invalid query: Invalid limit: Value must be a valid range between 1 and 9,223,372,036,854,775,808';
    const offset = 'Invalid query: Invalid offset: Value must be a valid range between 0 and 9,223,372,036,854,775,808';
    for (const q of ['limit(0)', 'limit(-1)', 'limit(1.5)', 'limit("1")', 'limit()', 'limit(1, 2)']) expect(fails([q]), q).toBe(limit);
    for (const q of ['offset(-1)', 'offset(0.5)', 'offset(null)']) expect(fails([q]), q).toBe(offset);
    expect(validateQueries(['limit(1000000)', 'offset(0)'], SCHEMA)).toHaveLength(2);
  });

  it('checks cursors are UIDs', () => {
    const cursor = 'Invalid query: Invalid cursor: UID must contain at most 36 chars. Valid chars are a-z, A-Z, 0-9, and underscore. Can\'t start with a leading underscore';
    for (const q of ['cursorAfter("_x")', 'cursorBefore("a b")', `cursorAfter("${'a'.repeat(37)}")`, 'cursorAfter(1)']) expect(fails([q]), q).toBe(cursor);
  });

  it('counts filter values, then looks the attribute up, then checks value types', () => {
    expect(fails(['equal("provider", [])'])).toBe('Invalid query: Equal queries require at least one value.');
    expect(fails(['notEqual("provider", ["a", "b"])'])).toBe('Invalid query: NotEqual queries require exactly one value.');
    expect(fails(['between("$createdAt", ["a"])'])).toBe('Invalid query: Between queries require exactly two values.');
    expect(fails(['notEqual("nope", ["a", "b"])'])).toBe('Invalid query: NotEqual queries require exactly one value.');
    expect(fails(['equal("nope", ["a"])'])).toBe('Invalid query: Attribute not found in schema: nope');
    expect(fails(['orderDesc("nope")'])).toBe('Invalid query: Attribute not found in schema: nope');
    expect(fails(['equal("provider", [1])'])).toBe('Invalid query: Query type does not match expected: string');
    expect(fails(['equal("provider", [null])'])).toBe('Invalid query: Query type does not match expected: string');
    expect(fails([`equal("provider", [${Array(101).fill('"x"').join(',')}])`])).toBe('Invalid query: Query on attribute has greater than 100 values: provider');
  });

  it('does not take inherited object keys (toString, constructor) for attributes', () => {
    expect(fails(['equal("toString", ["a"])'])).toBe('Invalid query: Attribute not found in schema: toString');
    expect(fails(['orderAsc("constructor")'])).toBe('Invalid query: Attribute not found in schema: constructor');
  });

  it('reports the first bad query of several', () => {
    expect(fails(['limit(1)', 'offset(-1)', 'limit(0)'])).toContain('Invalid offset');
  });
});

describe('applyQueries', () => {
  const rows = ['a', 'b', 'c', 'd', 'e'].map((id, i) => ({ $id: id, provider: i % 2 ? 'github' : 'google', $createdAt: `2026-01-0${i + 1}` }));
  const run = (queries: string[], limit = 25) => applyQueries(rows, validateQueries(queries, SCHEMA), limit);

  it('filters, then counts the total before paging', () => {
    const result = run(['equal("provider", ["google"])', 'limit(1)', 'offset(1)']);
    expect(result.total).toBe(3);
    expect(result.rows.map((r) => r.$id)).toEqual(['c']);
  });

  it('orders and pages after a cursor', () => {
    expect(run(['orderDesc("$createdAt")', 'cursorAfter("d")']).rows.map((r) => r.$id)).toEqual(['c', 'b', 'a']);
    expect(run(['cursorBefore("c")', 'limit(1)']).rows.map((r) => r.$id)).toEqual(['b']);
    expect(run(['limit(2)']).rows.map((r) => r.$id)).toEqual(['a', 'b']);
    expect(run([], 3).rows).toHaveLength(3);
  });

  it('reports a cursor naming no row', () => {
    expect(run(['cursorAfter("zz")'])).toMatchObject({ rows: [], missingCursor: 'zz' });
  });
});
