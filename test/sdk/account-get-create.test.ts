/** GET /account (account.get) and POST /account (account.create) through the real SDK (spec §8.1, §8.2). */
import { ID } from 'appwrite-13';
import { describe, expect, it } from 'vitest';
import { error, PROJECT, sdk, useEmulator } from '../helpers.js';
import {
  DESCRIPTION, EMAIL_ALREADY_EXISTS, expectAccountShape, GUEST, invalid, iso, missing, NOW, PASSWORD, quietSdkNotice,
  RATE_LIMITED, raw, rawTriple, signUp, storedSession, triple, UNIQUE_ID, USER_ALREADY_EXISTS,
} from './account-helpers.js';

const { emulator } = useEmulator();
quietSdkNotice();

/** An OAuth identity of another user carrying `email` (identities are only created by OAuth logins). */
async function addIdentity(userId: string, email: string) {
  const db = await emulator.db();
  await db.identities.add({
    $id: `identity-${userId}`, $createdAt: NOW, $updatedAt: NOW, userId, provider: 'github', providerUid: `gh-${userId}`,
    providerEmail: email, providerAccessToken: 'token', providerRefreshToken: '', providerAccessTokenExpiry: null,
  });
}

describe('account.get', () => {
  it('refuses a guest with 401 general_unauthorized_scope', async () => {
    const { account } = sdk();
    expect(triple(await error(() => account.get()))).toEqual(GUEST);
  });

  it('returns the Account model with every key, typed, and nothing secret', async () => {
    const { account } = sdk();
    const created = await signUp(account, 'Ada@Example.com', PASSWORD, 'Ada Lovelace');
    const me = await account.get();
    expectAccountShape(me);
    expect(me).toEqual({
      $id: created.$id, $createdAt: iso(NOW), $updatedAt: iso(NOW), name: 'Ada Lovelace', registration: iso(NOW),
      status: true, labels: [], passwordUpdate: iso(NOW), email: 'ada@example.com', phone: '', emailVerification: false,
      phoneVerification: false, prefs: {}, accessedAt: iso(NOW),
    });
  });

  it('shows a password-less anonymous user with empty strings, not nulls', async () => {
    const { account } = sdk();
    await account.createAnonymousSession();
    const me = await account.get();
    expectAccountShape(me);
    expect(me).toMatchObject({ name: '', email: '', phone: '', passwordUpdate: '', status: true, prefs: {} });
    expect(me.$id).toMatch(UNIQUE_ID);
  });

  it('answers 200 with JSON, and treats an undecodable session as a guest', async () => {
    const { account } = sdk();
    await signUp(account);
    const ok = await raw('GET', '/account', { session: storedSession() });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toContain('application/json');
    expectAccountShape(ok.body);
    const garbage = await raw('GET', '/account', { session: JSON.stringify({ [`a_session_${PROJECT}`]: 'not base64!' }) });
    expect(rawTriple(garbage)).toEqual(GUEST);
  });

  it('stops accepting a session once its secret no longer matches (another secret for the same user)', async () => {
    const { account } = sdk();
    const user = await signUp(account);
    const forged = btoa(JSON.stringify({ id: user.$id, secret: 'f'.repeat(256) }));
    const response = await raw('GET', '/account', { session: JSON.stringify({ [`a_session_${PROJECT}`]: forged }) });
    expect(rawTriple(response)).toEqual(GUEST);
  });
});

describe('account.create', () => {
  it('creates the user with ID.unique() as a 20-hex id and answers 201 with the Account model', async () => {
    const { account } = sdk();
    const user = await account.create(ID.unique(), 'Ada@Example.COM', PASSWORD, 'Ada');
    expectAccountShape(user);
    expect(user.$id).toMatch(UNIQUE_ID);
    expect(user).toMatchObject({
      $createdAt: iso(NOW), $updatedAt: iso(NOW), name: 'Ada', registration: iso(NOW), status: true, labels: [],
      passwordUpdate: iso(NOW), email: 'ada@example.com', phone: '', emailVerification: false, phoneVerification: false,
      prefs: {}, accessedAt: iso(NOW),
    });
    const response = await raw('POST', '/account', { body: { userId: 'unique()', email: 'bob@example.com', password: PASSWORD } });
    expect(response.status).toBe(201);
    expectAccountShape(response.body);
  });

  it('gives every ID.unique() user a different id', async () => {
    const { account } = sdk();
    const ids = new Set<string>();
    for (const name of ['a', 'b', 'c', 'd', 'e']) ids.add((await account.create(ID.unique(), `${name}@example.com`, PASSWORD)).$id);
    expect(ids.size).toBe(5);
  });

  it('keeps a custom id, defaults the name to "" and creates no session', async () => {
    const { account } = sdk();
    const user = await account.create(ID.custom('ada.lovelace-1_x'), 'ada@example.com', PASSWORD);
    expect(user.$id).toBe('ada.lovelace-1_x');
    expect(user.name).toBe('');
    expect(storedSession()).toBeNull();
    expect(triple(await error(() => account.get()))).toEqual(GUEST);
    const db = await emulator.db();
    expect(await db.sessions.count()).toBe(0);
  });

  it('stores only an argon2id hash of the password', async () => {
    const { account } = sdk();
    const user = await account.create(ID.unique(), 'ada@example.com', PASSWORD);
    const stored = await (await emulator.db()).users.get(user.$id);
    expect(stored?.password).toMatch(/^\$argon2id\$v=19\$/);
    expect(stored?.password).not.toContain(PASSWORD);
  });

  it('takes an empty userId as "generate one" (the empty string passes the Key rules)', async () => {
    const { account } = sdk();
    const user = await account.create('', 'ada@example.com', PASSWORD);
    expect(user.$id).toMatch(UNIQUE_ID);
  });

  it('refuses a taken custom id with 409 user_already_exists', async () => {
    const { account } = sdk();
    await account.create('ada', 'ada@example.com', PASSWORD);
    expect(triple(await error(() => account.create('ada', 'other@example.com', PASSWORD)))).toEqual(USER_ALREADY_EXISTS);
  });

  it('refuses a taken e-mail, whatever its case, with 409 user_already_exists', async () => {
    const { account } = sdk();
    await account.create(ID.unique(), 'ada@example.com', PASSWORD);
    expect(triple(await error(() => account.create(ID.unique(), 'ADA@Example.com', PASSWORD)))).toEqual(USER_ALREADY_EXISTS);
    const db = await emulator.db();
    expect(await db.users.count()).toBe(1);
  });

  it('refuses an e-mail used by an OAuth identity with 409 user_email_already_exists', async () => {
    const { account } = sdk();
    const other = await account.create(ID.unique(), 'grace@example.com', PASSWORD);
    await addIdentity(other.$id, 'ada@example.com');
    expect(triple(await error(() => account.create(ID.unique(), 'Ada@example.com', PASSWORD)))).toEqual(EMAIL_ALREADY_EXISTS);
  });

  it('lets a signed-in caller create another user and leaves the caller signed in', async () => {
    const { account } = sdk();
    const ada = await signUp(account);
    const bob = await account.create(ID.unique(), 'bob@example.com', PASSWORD, 'Bob');
    expect(bob.$id).not.toBe(ada.$id);
    expect((await account.get()).$id).toBe(ada.$id);
  });

  it.each([
    ['starting with an underscore', '_ada'],
    ['starting with a period', '.ada'],
    ['starting with a hyphen', '-ada'],
    ['longer than 36 chars', 'a'.repeat(37)],
    ['with a space', 'ada lovelace'],
    ['with a non-ASCII letter', 'adé'],
    ['null', null],
    ['a number', 12345],
    ['a list', ['ada']],
  ])('refuses a userId %s', async (_, userId) => {
    const { account } = sdk();
    const e = await error(() => account.create(userId as string, 'ada@example.com', PASSWORD));
    expect(triple(e)).toEqual(invalid('userId', DESCRIPTION.customId));
  });

  it('accepts a userId of exactly 36 allowed chars', async () => {
    const { account } = sdk();
    const id = `a${'b.c-d_'.repeat(5)}e0123`;
    expect(id).toHaveLength(36);
    expect((await account.create(id, 'ada@example.com', PASSWORD)).$id).toBe(id);
  });

  it.each([
    ['without @', 'ada.example.com'],
    ['with a dot-less domain', 'ada@localhost'],
    ['with a numeric top-level domain', 'ada@example.123'],
    ['with a hyphen ending a label', 'ada@example-.com'],
    ['with two @', 'ada@lovelace@example.com'],
    ['with a non-ASCII local part', 'adé@example.com'],
    ['with a space', 'ada lovelace@example.com'],
    ['with a space inside quotes (PHP wants it escaped)', '"ada lovelace"@example.com'],
    ['with a local part of 65 chars', `${'a'.repeat(65)}@example.com`],
    ['of 255 chars', `${'a'.repeat(60)}@${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.${'e'.repeat(11)}`],
    ['with a label of 64 chars', `ada@${'b'.repeat(64)}.com`],
    ['empty', ''],
    ['null', null],
    ['a number', 42],
    ['a list', ['ada@example.com']],
  ])('refuses an e-mail %s', async (_, email) => {
    const { account } = sdk();
    expect(triple(await error(() => account.create(ID.unique(), email as string, PASSWORD)))).toEqual(invalid('email', DESCRIPTION.email));
  });

  it.each([
    ['with a plus tag and subdomains', "o'brien+tag@mail.example.co.uk"],
    ['with a local part of 64 chars', `${'a'.repeat(64)}@example.com`],
    ['with an IP literal', 'ada@[192.168.0.1]'],
    ['with a quoted local part holding an @', '"ada@lovelace"@example.com'],
    ['with double hyphens (punycode)', 'ada@xn--bcher-kva.example'],
    ['of 254 chars', `${'a'.repeat(60)}@${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.${'e'.repeat(10)}`],
  ])('accepts an e-mail %s', async (_, email) => {
    const { account } = sdk();
    expect((await account.create(ID.unique(), email, PASSWORD)).email).toBe(email.toLowerCase());
  });

  it.each([
    ['of 7 chars', '1234567'],
    ['empty', ''],
    ['null', null],
    ['a number', 12345678],
  ])('refuses a password %s with the dictionary description (even when the dictionary is off)', async (_, password) => {
    const { account } = sdk();
    const e = await error(() => account.create(ID.unique(), 'ada@example.com', password as string));
    expect(triple(e)).toEqual(invalid('password', DESCRIPTION.dictionary));
  });

  it('measures the password in bytes and sets no maximum', async () => {
    const { account } = sdk();
    await account.create(ID.unique(), 'ada@example.com', 'éééé'); // 4 chars, 8 bytes
    await account.create(ID.unique(), 'bob@example.com', 'x'.repeat(10_000));
    await account.createEmailSession('bob@example.com', 'x'.repeat(10_000));
    expect((await account.get()).email).toBe('bob@example.com');
  });

  it.each([
    ['empty', ''],
    ['longer than 128 chars', 'x'.repeat(129)],
    ['null', null],
    ['a number', 7],
  ])('refuses a name %s', async (_, name) => {
    const { account } = sdk();
    const e = await error(() => account.create(ID.unique(), 'ada@example.com', PASSWORD, name as string));
    expect(triple(e)).toEqual(invalid('name', DESCRIPTION.name));
  });

  it('counts the name in characters: 128 emoji pass', async () => {
    const { account } = sdk();
    const name = '😀'.repeat(128);
    expect((await account.create(ID.unique(), 'ada@example.com', PASSWORD, name)).name).toBe(name);
  });

  it('reports absent params in declaration order: userId, email, password', async () => {
    expect(rawTriple(await raw('POST', '/account', { body: {} }))).toEqual(missing('userId'));
    expect(rawTriple(await raw('POST', '/account', { body: { userId: 'unique()' } }))).toEqual(missing('email'));
    const noPassword = await raw('POST', '/account', { body: { userId: 'unique()', email: 'ada@example.com' } });
    expect(rawTriple(noPassword)).toEqual(missing('password'));
  });

  it('validates in declaration order: a bad userId is reported before a bad e-mail', async () => {
    const { account } = sdk();
    const e = await error(() => account.create('_bad', 'not-an-email', 'short', ''));
    expect(triple(e)).toEqual(invalid('userId', DESCRIPTION.customId));
  });

  it('treats a malformed JSON body as no body (first param missing)', async () => {
    const response = await raw('POST', '/account', { body: '{"userId": "unique()", "email": ' });
    expect(rawTriple(response)).toEqual(missing('userId'));
    expect(await (await emulator.db()).users.count()).toBe(0);
  });

  it('takes the params from a form-encoded body too', async () => {
    const response = await raw('POST', '/account', {
      body: `userId=unique()&email=${encodeURIComponent('ada@example.com')}&password=${PASSWORD}&name=Ada`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ email: 'ada@example.com', name: 'Ada' });
  });

  it('allows 10 sign-ups per hour and IP, counting failed ones, then answers 429', async () => {
    const { account } = sdk();
    for (let i = 0; i < 5; i++) await error(() => account.create('_bad', 'ada@example.com', PASSWORD));
    for (let i = 0; i < 5; i++) await account.create(ID.unique(), `user${i}@example.com`, PASSWORD);
    const e = await error(() => account.create(ID.unique(), 'late@example.com', PASSWORD));
    expect(triple(e)).toEqual(RATE_LIMITED);
    const headers = (await raw('POST', '/account', { body: {} })).headers;
    expect([headers.get('x-ratelimit-limit'), headers.get('x-ratelimit-remaining')]).toEqual(['10', '0']);
    emulator.clock.advance(3600_000);
    expect((await account.create(ID.unique(), 'late@example.com', PASSWORD)).email).toBe('late@example.com');
  });
});
