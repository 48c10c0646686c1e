/**
 * Appwrite 1.4's parameter validators (spec §2.5): what each accepts, and the exact description that ends up in
 * ``Invalid `<param>` param: <description>``.
 */
import { queriesValidator } from '../../src/validation/queries.js';
import { describe, expect, it } from 'vitest';
import { commonPasswords, loadCommonPasswords } from '../../src/validation/common-passwords.js';
import * as v from '../../src/validation/validators.js';

/** Table helper: every value in `valid` passes, every one in `invalid` fails. */
function check(validator: v.Validator, valid: unknown[], invalid: unknown[]) {
  for (const value of valid) expect(validator.isValid(value), `valid: ${JSON.stringify(value)?.slice(0, 60)}`).toBe(true);
  for (const value of invalid) expect(validator.isValid(value), `invalid: ${JSON.stringify(value)?.slice(0, 60)}`).toBe(false);
}

const NOT_STRINGS = [null, undefined, 42, true, {}, ['a']];

describe('customId (userId on create routes)', () => {
  it('accepts unique(), keys of up to 36 chars of [A-Za-z0-9._-], and the empty string', () => {
    check(v.customId, ['unique()', 'a', 'A', '7', 'a.b-c_d', 'user_1', 'a'.repeat(36), ''], []);
  });

  it('refuses 37 chars, a leading _ . or -, other chars and non-strings', () => {
    check(v.customId, [], ['a'.repeat(37), '_a', '.a', '-a', 'a b', 'é', 'a/b', 'a@b', 'UNIQUE()', ' unique()', ...NOT_STRINGS]);
  });

  it('describes itself with Appwrite\'s text', () => {
    expect(v.customId.description).toBe('Parameter must contain at most 36 chars. Valid chars are a-z, A-Z, 0-9, period, hyphen, and underscore. Can\'t start with a special char');
  });
});

describe('uid (sessionId, identityId, userId on confirm routes)', () => {
  it('follows the same key rules, without the unique() special case', () => {
    check(v.uid, ['a', 'a'.repeat(36), 'a.b-c_d', ''], ['unique()', 'a'.repeat(37), '_a', '-a', '.a', 'a b', ...NOT_STRINGS]);
  });

  it('describes itself with Appwrite\'s text', () => {
    expect(v.uid.description).toBe('UID must contain at most 36 chars. Valid chars are a-z, A-Z, 0-9, and underscore. Can\'t start with a leading underscore');
  });
});

describe('email', () => {
  it('accepts ASCII addresses as PHP\'s FILTER_VALIDATE_EMAIL does', () => {
    check(v.email, [
      'ada@example.com', 'A.B+tag@Example.COM', "o'reilly@example.co.uk", 'x_y-z@sub-domain.example.io',
      '"john..doe"@example.com', 'a@[192.168.0.1]', `${'a'.repeat(64)}@example.com`,
    ], []);
  });

  it('refuses dot-less domains, bad dots, unicode, spaces, over-long parts and non-strings', () => {
    check(v.email, [], [
      'plain', '@example.com', 'a@', 'a@localhost', 'a@b.123', 'a..b@example.com', '.a@example.com', 'a.@example.com',
      'é@example.com', 'a@exämple.com', 'a b@example.com', '"john doe"@example.com', 'a@example.com ', 'a@-example.com', 'a@exa_mple.com',
      `${'a'.repeat(65)}@example.com`, `a@${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.${'e'.repeat(63)}.com`,
      ...NOT_STRINGS,
    ]);
  });

  it('describes itself with Appwrite\'s text', () => {
    expect(v.email.description).toBe('Value must be a valid email address');
  });
});

describe('password', () => {
  it('needs at least 8 bytes (UTF-8), not 8 characters, and has no maximum', () => {
    check(v.password, ['12345678', 'éééé', '😀😀', 'a'.repeat(100_000)], ['1234567', 'éééa', '😀abc', '', ...NOT_STRINGS]);
    expect(new TextEncoder().encode('éééé')).toHaveLength(8); // 4 characters, 8 bytes: valid
    expect(new TextEncoder().encode('😀abc')).toHaveLength(7);
  });

  it('describes itself with Appwrite\'s text', () => {
    expect(v.password.description).toBe('Password must be at least 8 characters');
  });
});

describe('passwordDictionary', () => {
  it('refuses an exact (case-sensitive) common password only when enabled', async () => {
    await loadCommonPasswords();
    expect(commonPasswords().has('password')).toBe(true);
    const on = v.passwordDictionary(true, commonPasswords);
    const off = v.passwordDictionary(false, commonPasswords);
    check(on, ['Password', 'password!', 'correct horse battery'], ['password', '12345678', 'short', null]);
    check(off, ['password', '12345678'], ['short', null]);
  });

  it('describes itself with Appwrite\'s text, typo included', () => {
    expect(v.passwordDictionary(false, commonPasswords).description)
      .toBe('Password must be at least 8 characters and should not be one of the commonly used password.');
  });
});

describe('text(N)', () => {
  it('needs 1 to N characters, counted in code points like mb_strlen', () => {
    check(v.text(128), ['a', 'a'.repeat(128), '😀'.repeat(128), ' '], ['', 'a'.repeat(129), '😀'.repeat(129), ...NOT_STRINGS]);
  });

  it('describes itself with Appwrite\'s text and its own maximum', () => {
    expect(v.text(128).description).toBe('Value must be a valid string and at least 1 chars and no longer than 128 chars');
    expect(v.text(256).description).toBe('Value must be a valid string and at least 1 chars and no longer than 256 chars');
  });
});

describe('phone (the 1.4.14 rule ^\\+[1-9]\\d{6,14}$)', () => {
  it('accepts + and 7 to 15 digits, not starting with 0', () => {
    check(v.phone, ['+1234567', '+14155550100', '+123456789012345'], []);
  });

  it('refuses 6 digits (valid before 1.4.14), 16 digits, a leading 0, no +, spaces and non-strings', () => {
    check(v.phone, [], ['+123456', '+1234567890123456', '+0123456789', '14155550100', '+1 415 555 0100', '+1-4155550100', '', ...NOT_STRINGS]);
  });

  it('describes itself with Appwrite\'s text', () => {
    expect(v.phone.description).toBe('Phone number must start with a \'+\' can have a maximum of fifteen digits.');
  });
});

describe('host (redirect URLs)', () => {
  const hosts = v.host(['localhost', 'cloud.appwrite.io']);

  it('accepts absolute URLs whose host is exactly an allowed one, any port, path or scheme', () => {
    check(hosts, ['http://localhost', 'https://localhost:3000/path?x=1#y', 'https://cloud.appwrite.io/x', 'https://CLOUD.appwrite.io'], []);
  });

  it('refuses other hosts, sub-domains, relative or host-less URLs and non-strings', () => {
    check(hosts, [], ['https://evil.test', 'https://sub.localhost', 'https://localhost.evil.test', 'localhost', '/relative', 'http://local host/', 'javascript:alert(1)', ...NOT_STRINGS]);
  });

  it('lists the allowed hosts in its description', () => {
    expect(hosts.description).toBe('URL host must be one of: localhost, cloud.appwrite.io');
  });
});

describe('assoc (prefs)', () => {
  it('accepts objects, and empty {} or []', () => {
    check(v.assoc, [{}, [], { a: 1 }, { theme: 'dark', nested: { list: [1, 2] } }, { 0: 'a', x: 1 }], []);
  });

  it('refuses non-empty lists (also {"0": …} which PHP reads as one), strings like "{}", null and scalars', () => {
    check(v.assoc, [], [['a'], [{}], { 0: 'a' }, { 0: 'a', 1: 'b' }, '{}', '', null, undefined, 42, true]);
  });

  it('allows at most 65 535 bytes of PHP json_encode output', () => {
    // {"a":"…"} is 8 bytes around the value.
    check(v.assoc, [{ a: 'x'.repeat(65_527) }], [{ a: 'x'.repeat(65_528) }]);
    // PHP escapes non-ASCII as \uXXXX (6 bytes each) and "/" as "\/".
    check(v.assoc, [{ a: 'é'.repeat(10_921) }, { a: '/'.repeat(32_763) }], [{ a: 'é'.repeat(10_922) }, { a: '/'.repeat(32_764) }]);
  });

  it('describes itself with Appwrite\'s text', () => {
    expect(v.assoc.description).toBe('Value must be a valid object.');
  });
});

describe('whiteList (provider)', () => {
  it('accepts exact, case-sensitive members only', () => {
    const list = v.whiteList(['github', 'google']);
    check(list, ['github', 'google'], ['GitHub', 'git', '', 'github ', ...NOT_STRINGS]);
    expect(list.description).toBe('Value must be one of (github, google)');
  });
});

describe('arrayList (scopes)', () => {
  it('accepts lists of up to N valid items', () => {
    const list = v.arrayList(v.text(4096), 100);
    check(list, [[], ['email'], Array(100).fill('x')], [Array(101).fill('x'), [''], ['a', 1], ['a'.repeat(4097)], 'email', {}, null]);
    expect(list.description).toBe('Value must a valid array and Value must be a valid string and at least 1 chars and no longer than 4096 chars');
  });
});

describe('queries', () => {
  const logs = queriesValidator({ methods: ['limit', 'offset'], attributes: {} });

  it('accepts arrays of valid query strings for the schema', () => {
    check(logs, [[], ['limit(1)'], ['limit(25)', 'offset(10)']], ['limit(1)', null, {}, [1], ['limit(0)'], ['equal("a", ["b"])']]);
  });

  it('describes a failure by the query at fault', () => {
    expect(logs.description).toBe('Queries must be an array');
    expect(logs.describe!('limit(1)')).toBe('Queries must be an array');
    expect(logs.describe!(['limit(0)'])).toBe('Invalid query: Invalid limit: Value must be a valid range between 1 and 9,223,372,036,854,775,808');
    expect(logs.describe!(['equal("a", ["b"])'])).toBe('Invalid query method: equal');
  });
});
