/**
 * GET/PATCH /account/prefs (account.getPrefs/updatePrefs) and PATCH /account/status (account.updateStatus)
 * through the real SDK (spec §8.11, §8.12, §8.27).
 */
import { describe, expect, it } from 'vitest';
import { error, PROJECT, sdk, useEmulator } from '../helpers.js';
import {
  DESCRIPTION, expectAccountShape, freshPage, GUEST, INVALID_CREDENTIALS, invalid, iso, MINUTE, missing, NOW, PASSWORD,
  quietSdkNotice, raw, rawTriple, signUp, storedSession, triple, USER_BLOCKED,
} from './account-helpers.js';

const { emulator } = useEmulator();
quietSdkNotice();

/** `{"a":"<n x's>"}` is exactly `n + 8` bytes of JSON. */
const prefsOfSize = (bytes: number, char = 'x', charBytes = 1) => ({ a: char.repeat((bytes - 8) / charBytes) });

describe('account.getPrefs', () => {
  it('returns {} (an object, not a list) for a new account', async () => {
    const { account } = sdk();
    await signUp(account);
    const prefs = await account.getPrefs();
    expect(prefs).toEqual({});
    expect(Array.isArray(prefs)).toBe(false);
    const response = await raw('GET', '/account/prefs', { session: storedSession() });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({});
  });

  it('returns the stored object itself, without a wrapper', async () => {
    const { account } = sdk();
    await signUp(account);
    await account.updatePrefs({ theme: 'dark', size: 3, nested: { list: [1, 'two', null], on: true } });
    expect(await account.getPrefs()).toEqual({ theme: 'dark', size: 3, nested: { list: [1, 'two', null], on: true } });
  });

  it('refuses a guest with 401 general_unauthorized_scope', async () => {
    const { account } = sdk();
    expect(triple(await error(() => account.getPrefs()))).toEqual(GUEST);
  });
});

describe('account.updatePrefs', () => {
  it('replaces the whole object (no merge) and returns the full Account model', async () => {
    const { account } = sdk();
    const user = await signUp(account);
    await account.updatePrefs({ theme: 'dark', lang: 'en' });
    emulator.clock.advance(MINUTE);
    const updated = await account.updatePrefs({ theme: 'light' });
    expectAccountShape(updated);
    expect(updated).toMatchObject({ $id: user.$id, prefs: { theme: 'light' }, $updatedAt: iso(NOW + MINUTE) });
    expect(await account.getPrefs()).toEqual({ theme: 'light' });
  });

  it('clears with {} and takes an empty list as {}', async () => {
    const { account } = sdk();
    await signUp(account);
    await account.updatePrefs({ theme: 'dark' });
    expect((await account.updatePrefs({})).prefs).toEqual({});
    await account.updatePrefs({ theme: 'dark' });
    expect((await account.updatePrefs([] as unknown as object)).prefs).toEqual({});
    expect(await account.getPrefs()).toEqual({});
  });

  it('accepts 65 535 bytes of JSON and refuses 65 536', async () => {
    const { account } = sdk();
    await signUp(account);
    const largest = prefsOfSize(65_535);
    expect(JSON.stringify(largest)).toHaveLength(65_535);
    expect((await account.updatePrefs(largest)).prefs).toEqual(largest);
    expect(triple(await error(() => account.updatePrefs(prefsOfSize(65_536))))).toEqual(invalid('prefs', DESCRIPTION.assoc));
    expect(await account.getPrefs()).toEqual(largest);
  });

  it('measures the size as PHP\'s json_encode: "/" as 2 bytes, each non-ASCII char as a 6-byte \\u escape', async () => {
    const { account } = sdk();
    await signUp(account);
    await account.updatePrefs(prefsOfSize(65_534, '/', 2));
    await error(() => account.updatePrefs(prefsOfSize(65_536, '/', 2))).then((e) => expect(e.code).toBe(400));
    await account.updatePrefs(prefsOfSize(65_534, 'é', 6)); // only 10 921 chars
    const e = await error(() => account.updatePrefs(prefsOfSize(65_540, 'é', 6)));
    expect(triple(e)).toEqual(invalid('prefs', DESCRIPTION.assoc));
  });

  it.each([
    ['a non-empty list', ['dark']],
    ['an object PHP reads as a list', { 0: 'dark' }],
    ['a JSON string holding an object', '{"theme":"dark"}'],
    ['a number', 42],
    ['a boolean', true],
    ['null', null],
  ])('refuses %s', async (_, prefs) => {
    const { account } = sdk();
    await signUp(account);
    await account.updatePrefs({ theme: 'dark' });
    expect(triple(await error(() => account.updatePrefs(prefs as object)))).toEqual(invalid('prefs', DESCRIPTION.assoc));
    expect(await account.getPrefs()).toEqual({ theme: 'dark' });
  });

  it('accepts keys that are numbers but not a 0..n-1 list', async () => {
    const { account } = sdk();
    await signUp(account);
    expect((await account.updatePrefs({ 1: 'one', 2: 'two' })).prefs).toEqual({ 1: 'one', 2: 'two' });
  });

  it('keeps keys like __proto__ as plain data', async () => {
    const { account } = sdk();
    await signUp(account);
    const response = await raw('PATCH', '/account/prefs', { session: storedSession(), body: '{"prefs":{"__proto__":{"polluted":1},"a":1}}' });
    expect(response.status).toBe(200);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(JSON.stringify(await account.getPrefs())).toBe('{"__proto__":{"polluted":1},"a":1}');
  });

  it('takes prefs from a form-encoded body (prefs[key]=value)', async () => {
    const { account } = sdk();
    await signUp(account);
    const response = await raw('PATCH', '/account/prefs', {
      session: storedSession(), body: 'prefs[theme]=dark&prefs[lang]=en', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.status).toBe(200);
    expect(await account.getPrefs()).toEqual({ theme: 'dark', lang: 'en' });
  });

  it('refuses a guest with 401 general_unauthorized_scope', async () => {
    const { account } = sdk();
    expect(triple(await error(() => account.updatePrefs({ theme: 'dark' })))).toEqual(GUEST);
  });

  it('reports absent prefs, and a malformed body as absent prefs', async () => {
    const { account } = sdk();
    await signUp(account);
    const session = storedSession();
    expect(rawTriple(await raw('PATCH', '/account/prefs', { session, body: {} }))).toEqual(missing('prefs'));
    expect(rawTriple(await raw('PATCH', '/account/prefs', { session, body: '{"prefs": {"theme": "dark"}' }))).toEqual(missing('prefs'));
  });
});

describe('account.updateStatus', () => {
  it('blocks the account: Account with status false, and the SDK\'s stored session becomes "[]"', async () => {
    const { account } = sdk();
    const user = await signUp(account);
    expect(storedSession()).toContain(`a_session_${PROJECT}`);
    emulator.clock.advance(MINUTE);
    const blocked = await account.updateStatus();
    expectAccountShape(blocked);
    expect(blocked).toMatchObject({ $id: user.$id, status: false, $updatedAt: iso(NOW + MINUTE) });
    expect(storedSession()).toBe('[]');
    expect(triple(await error(() => account.get()))).toEqual(GUEST);
  });

  it('answers 200 with X-Fallback-Cookies: []', async () => {
    const { account } = sdk();
    await signUp(account);
    const response = await raw('PATCH', '/account/status', { session: storedSession(), body: {} });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-fallback-cookies')).toBe('[]');
    expect(response.body.status).toBe(false);
  });

  it('keeps the sessions, which then fail every route with 401 user_blocked', async () => {
    const { account } = sdk();
    await signUp(account);
    const session = storedSession()!;
    await account.updateStatus();
    expect(await (await emulator.db()).sessions.count()).toBe(1);
    globalThis.localStorage.setItem('cookieFallback', session); // e.g. another tab still holding the session
    expect(triple(await error(() => account.get()))).toEqual(USER_BLOCKED);
    expect(triple(await error(() => account.updateName('Ada')))).toEqual(USER_BLOCKED);
    // Even public routes: a blocked user's session makes sign-up and sign-in fail.
    expect(triple(await error(() => account.create('unique()', 'bob@example.com', PASSWORD)))).toEqual(USER_BLOCKED);
    expect(triple(await error(() => account.createEmailSession('ada@example.com', PASSWORD)))).toEqual(USER_BLOCKED);
  });

  it('refuses the blocked user\'s e-mail sign-in with 401 user_blocked, but only with the right password', async () => {
    const { account } = sdk();
    await signUp(account);
    await account.updateStatus();
    const other = freshPage().account;
    expect(triple(await error(() => other.createEmailSession('ada@example.com', 'wrong-password')))).toEqual(INVALID_CREDENTIALS);
    expect(triple(await error(() => other.createEmailSession('ada@example.com', PASSWORD)))).toEqual(USER_BLOCKED);
  });

  it('refuses a guest with 401 general_unauthorized_scope', async () => {
    const { account } = sdk();
    expect(triple(await error(() => account.updateStatus()))).toEqual(GUEST);
  });

  it('blocks an anonymous account too', async () => {
    const { account } = sdk();
    await account.createAnonymousSession();
    const session = storedSession()!;
    expect((await account.updateStatus()).status).toBe(false);
    expect(rawTriple(await raw('GET', '/account', { session }))).toEqual(USER_BLOCKED);
  });
});
