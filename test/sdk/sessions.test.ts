import { describe, expect, it } from 'vitest';
import { ID } from 'appwrite-13';
import { error, PROJECT, useEmulator } from '../helpers.js';
import {
  CHROME_FIELDS, CHROME_UA, INVALID_CREDENTIALS, NOW, PASSWORD, UNAUTHORIZED_GUEST, YEAR, client, decodeFallback,
  expectSessionShape, fallback, iso, raw, signUp, triple, useAltEmulator,
} from './session-helpers.js';

const { emulator, server } = useEmulator();
const noEmailLogin = useAltEmulator(server, { auth: { methods: { emailPassword: false } } }, 'no-email');
const noAnonymous = useAltEmulator(server, { auth: { methods: { anonymous: false } } }, 'no-anon');
const oneUser = useAltEmulator(server, { auth: { limit: 1 } }, 'one-user');

const invalidParam = (name: string, description: string) =>
  [400, 'general_argument_invalid', `Invalid \`${name}\` param: ${description}`];
const notOptional = (name: string) => [400, 'general_argument_invalid', `Param "${name}" is not optional.`];
const INVALID_EMAIL = invalidParam('email', 'Value must be a valid email address');
const SHORT_PASSWORD = invalidParam('password', 'Password must be at least 8 characters');

describe('createEmailSession', () => {
  it('returns the new Session with every key, typed and in order, marked current, expiring in one year', async () => {
    const { account } = client();
    const user = await account.create(ID.unique(), 'ada@example.com', PASSWORD, 'Ada');
    const session = await account.createEmailSession('ada@example.com', PASSWORD);
    expectSessionShape(session);
    expect(session).toMatchObject({
      $createdAt: iso(NOW), userId: user.$id, expire: iso(NOW + YEAR), provider: 'email', providerUid: 'ada@example.com',
      providerAccessToken: '', providerAccessTokenExpiry: '', providerRefreshToken: '', ip: '127.0.0.1',
      countryCode: '--', countryName: 'Unknown', current: true,
    });
    expect(session.$id).toMatch(/^[0-9a-f]{20}$/);
  });

  it('stores base64 {id: userId, secret: 256 hex} as the fallback cookie, which then signs the SDK in', async () => {
    const { account } = client();
    const user = await account.create(ID.unique(), 'ada@example.com', PASSWORD);
    await account.createEmailSession('ada@example.com', PASSWORD);
    const { id, secret } = decodeFallback(fallback());
    expect(id).toBe(user.$id);
    expect(secret).toMatch(/^[0-9a-f]{256}$/);
    expect((await account.get()).$id).toBe(user.$id);
  });

  it('answers 201 and derives os, client and device fields from a browser user agent', async () => {
    await client().account.create(ID.unique(), 'ada@example.com', PASSWORD);
    const res = await raw('POST', '/account/sessions/email', {
      body: { email: 'ada@example.com', password: PASSWORD }, headers: { 'user-agent': CHROME_UA },
    });
    expect(res.status).toBe(201);
    expectSessionShape(res.body);
    expect(res.body).toMatchObject({ ...CHROME_FIELDS, countryCode: '--', countryName: 'Unknown', current: true });
    expect(res.body.clientEngineVersion).toEqual(expect.any(String));
    expect(JSON.parse(res.headers.get('x-fallback-cookies')!)).toEqual({ [`a_session_${PROJECT}`]: expect.any(String) });
  });

  it('finds the user whatever the case of the e-mail, and reports the lower-cased e-mail as providerUid', async () => {
    const { account } = client();
    const user = await account.create(ID.unique(), 'Ada@Example.com', PASSWORD);
    expect((await account.createEmailSession('ADA@example.COM', PASSWORD)).providerUid).toBe('ada@example.com');
    // Magic-URL sign-ups keep the e-mail as typed; the session still names the lower-cased one.
    await (await emulator.db()).users.update(user.$id, { email: 'Ada@Example.com' });
    expect((await account.createEmailSession('ADA@example.COM', PASSWORD)).providerUid).toBe('ada@example.com');
  });

  it('creates another session when already signed in, replacing the stored one', async () => {
    const { account, session: first, value } = await signUp();
    const second = await account.createEmailSession('ada@example.com', PASSWORD);
    expect(second.$id).not.toBe(first.$id);
    expect(fallback()).not.toBe(value);
    expect((await account.getSession('current')).$id).toBe(second.$id);
    expect((await account.listSessions()).total).toBe(2);
  });

  it('refuses a wrong password, an unknown e-mail and a user without a password alike (401)', async () => {
    const { account } = client();
    await account.create(ID.unique(), 'ada@example.com', PASSWORD);
    expect(triple(await error(() => account.createEmailSession('ada@example.com', 'wrong-password')))).toEqual(INVALID_CREDENTIALS);
    expect(triple(await error(() => account.createEmailSession('nobody@example.com', PASSWORD)))).toEqual(INVALID_CREDENTIALS);
    const db = await emulator.db();
    await db.users.add({
      $id: 'passwordless', $createdAt: NOW, $updatedAt: NOW, name: '', email: 'magic@example.com', emailKey: 'magic@example.com',
      phone: null, password: null, passwordUpdate: null, passwordHistory: [], registration: NOW, status: true, labels: [],
      emailVerification: false, phoneVerification: false, prefs: {}, accessedAt: NOW,
    });
    expect(triple(await error(() => account.createEmailSession('magic@example.com', PASSWORD)))).toEqual(INVALID_CREDENTIALS);
    expect(fallback()).toBeNull();
  });

  it('validates email, then password, with Appwrite\'s messages', async () => {
    const { account } = client();
    expect(triple(await error(() => account.createEmailSession('not-an-email', 'short')))).toEqual(INVALID_EMAIL);
    expect(triple(await error(() => account.createEmailSession('ada@example.com', 'short')))).toEqual(SHORT_PASSWORD);
    expect(triple(await error(() => account.createEmailSession('', PASSWORD)))).toEqual(INVALID_EMAIL);
  });

  it.each([
    ['a missing email', { password: PASSWORD }, notOptional('email')],
    ['a missing password', { email: 'ada@example.com' }, notOptional('password')],
    ['an empty body', {}, notOptional('email')],
    ['a number as email', { email: 42, password: PASSWORD }, INVALID_EMAIL],
    ['null as email', { email: null, password: PASSWORD }, INVALID_EMAIL],
    ['an array as email', { email: ['ada@example.com'], password: PASSWORD }, INVALID_EMAIL],
    ['a number as password', { email: 'ada@example.com', password: 12345678 }, SHORT_PASSWORD],
    ['null as password', { email: 'ada@example.com', password: null }, SHORT_PASSWORD],
    ['malformed JSON', '{"email": "ada@example.com", ', notOptional('email')],
    ['a JSON list', '["ada@example.com"]', notOptional('email')],
  ])('answers 400 for %s', async (_, body, expected) => {
    const res = await raw('POST', '/account/sessions/email', { body });
    expect(triple(res.body)).toEqual(expected);
    expect(res.status).toBe(400);
  });

  it('is refused with 501 when e-mail/password sign-in is disabled', async () => {
    const { account } = client(noEmailLogin.config.endpoint);
    const e = await error(() => account.createEmailSession('ada@example.com', PASSWORD));
    expect(triple(e)).toEqual([501, 'user_auth_method_unsupported', 'Email / Password authentication is disabled for this project']);
  });
});

describe('POST /account/sessions (alias of createEmailSession, not in the SDK)', () => {
  it('signs in like /account/sessions/email and its session works', async () => {
    const user = await client().account.create(ID.unique(), 'ada@example.com', PASSWORD);
    const res = await raw('POST', '/account/sessions', { body: { email: 'ada@example.com', password: PASSWORD } });
    expect(res.status).toBe(201);
    expectSessionShape(res.body);
    expect(res.body).toMatchObject({ userId: user.$id, provider: 'email', providerUid: 'ada@example.com', current: true });
    const me = await raw('GET', '/account', { session: res.headers.get('x-fallback-cookies') });
    expect([me.status, me.body.$id]).toEqual([200, user.$id]);
  });

  it('gives the same errors', async () => {
    await client().account.create(ID.unique(), 'ada@example.com', PASSWORD);
    const wrong = await raw('POST', '/account/sessions', { body: { email: 'ada@example.com', password: 'wrong-password' } });
    expect([wrong.status, ...triple(wrong.body).slice(1)]).toEqual(INVALID_CREDENTIALS);
    const missing = await raw('POST', '/account/sessions', { body: { email: 'ada@example.com' } });
    expect(triple(missing.body)).toEqual(notOptional('password'));
  });
});

describe('createAnonymousSession', () => {
  it('creates an anonymous user and a current session with every Session key', async () => {
    const { account } = client();
    const session = await account.createAnonymousSession();
    expectSessionShape(session);
    expect(session).toMatchObject({
      $createdAt: iso(NOW), expire: iso(NOW + YEAR), provider: 'anonymous', providerUid: '', current: true,
      countryCode: '--', countryName: 'Unknown',
    });
    const me = await account.get();
    expect(me).toMatchObject({ $id: session.userId, email: '', phone: '', name: '', passwordUpdate: '', status: true });
    expect(decodeFallback(fallback()).id).toBe(session.userId);
  });

  it('answers 201 with the browser fields for a browser user agent', async () => {
    const res = await raw('POST', '/account/sessions/anonymous', { headers: { 'user-agent': CHROME_UA } });
    expect(res.status).toBe(201);
    expectSessionShape(res.body);
    expect(res.body).toMatchObject(CHROME_FIELDS);
  });

  it('is refused with 401 while signed in, by session or by JWT', async () => {
    const { account } = await signUp();
    const expected = [401, 'user_session_already_exists', 'Cannot create an anonymous user when logged in'];
    expect(triple(await error(() => account.createAnonymousSession()))).toEqual(expected);
    const { jwt } = await account.createJWT();
    globalThis.localStorage.clear();
    const { client: jwtClient, account: jwtAccount } = client();
    jwtClient.setJWT(jwt);
    expect(triple(await error(() => jwtAccount.createAnonymousSession()))).toEqual(expected);
  });

  it.each([['malformed JSON', '{"oops'], ['a JSON list', '[1, 2]'], ['unknown params', { userId: 'mine', email: 'x@example.com' }]])(
    'ignores a body of %s (the route takes no params)', async (_, body) => {
      const res = await raw('POST', '/account/sessions/anonymous', { body });
      expect([res.status, res.body.provider]).toEqual([201, 'anonymous']);
      expect(res.body.userId).not.toBe('mine');
    });

  it('is refused while signed in anonymously', async () => {
    const { account } = client();
    await account.createAnonymousSession();
    const e = await error(() => account.createAnonymousSession());
    expect([e.code, e.type]).toEqual([401, 'user_session_already_exists']);
  });

  it('is refused with 501 when anonymous sign-in is disabled', async () => {
    const e = await error(() => client(noAnonymous.config.endpoint).account.createAnonymousSession());
    expect(triple(e)).toEqual([501, 'user_auth_method_unsupported', 'Anonymous authentication is disabled for this project']);
  });

  it('is refused with 501 once the user limit is reached', async () => {
    await client(oneUser.config.endpoint).account.createAnonymousSession();
    globalThis.localStorage.clear();
    const e = await error(() => client(oneUser.config.endpoint).account.createAnonymousSession());
    expect(triple(e)).toEqual([501, 'user_count_exceeded', 'The current project has exceeded the maximum number of users. Please check your user limit in the Appwrite console.']);
  });
});

describe('guests', () => {
  it('cannot use the session routes of scope account', async () => {
    const { account } = client();
    for (const call of [
      () => account.listSessions(), () => account.deleteSessions(), () => account.getSession('current'),
      () => account.updateSession('current'), () => account.deleteSession('current'), () => account.createJWT(),
    ]) {
      expect(triple(await error(call))).toEqual(UNAUTHORIZED_GUEST);
    }
  });
});
