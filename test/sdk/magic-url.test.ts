import { ID } from 'appwrite-13';
import { describe, expect, it } from 'vitest';
import { error, sdk, useEmulator } from '../helpers.js';
import {
  DAY, NOW, RATE_LIMITED, YEAR, client, expectSessionShape, iso, sha256, signUp, triple, useAltEmulator,
} from './session-helpers.js';
import {
  encodedDate, expectAccountShape, expectTokenShape, htmlLink, onlyMessage, storedTokens, trackStatuses,
} from './token-helpers.js';

const { emulator, server } = useEmulator({ projectName: 'Demo App' });
const statuses = trackStatuses(server);
const disabled = useAltEmulator(server, { auth: { methods: { magicURL: false } } }, 'no-magic');

const INVALID_TOKEN = [401, 'user_invalid_token', 'Invalid token passed in the request.'];
const BAD_HOST = [400, 'general_argument_invalid', 'Invalid `url` param: URL host must be one of: localhost, cloud.appwrite.io'];

/** Sends a magic link and returns the user id and plain secret from the inbox. */
async function sendLink(email = 'ada@example.com', url = 'http://localhost/finish') {
  const token = await sdk().account.createMagicURLSession(ID.unique(), email, url);
  const message = (await emulator.inbox.latest({ kind: 'magic-url' }))!;
  return { token, message, userId: message.userId, secret: message.secret };
}

describe('account.createMagicURLSession', () => {
  it('creates the user on first use and answers 201 with a Token whose secret is empty', async () => {
    const token = await sdk().account.createMagicURLSession('ada', 'Ada@Example.com', 'http://localhost/finish');
    expect(statuses.at(-1)).toBe(201);
    expectTokenShape(token);
    expect(token).toMatchObject({ $createdAt: iso(NOW), userId: 'ada', secret: '', expire: iso(NOW + 7 * DAY) });
    // Spec §6: e-mail kept as given (not lower-cased), no name, no password, nothing verified.
    const user = await (await emulator.db()).users.get('ada');
    expect(user).toMatchObject({ email: 'Ada@Example.com', name: '', password: null, passwordUpdate: null, emailVerification: false, phoneVerification: false, status: true });
  });

  it('e-mails the login link with userId, secret, ISO expire and project merged into the given URL', async () => {
    const { token, message } = await sendLink('ada@example.com', 'http://localhost/finish');
    expect(message.secret).toMatch(/^[0-9a-f]{256}$/);
    const url = `http://localhost/finish?userId=${token.userId}&secret=${message.secret}&expire=${encodedDate(iso(NOW + 7 * DAY))}&project=test-project`;
    expect(message).toMatchObject({ channel: 'email', kind: 'magic-url', to: 'ada@example.com', subject: 'Login', url, userId: token.userId, createdAt: iso(NOW) });
    expect(message.text).toBe([
      'Hey,',
      '',
      'Follow this link to login.',
      url,
      'If you didn’t ask to login using this email, you can ignore this message.',
      '',
      'Thanks',
      'Demo App team',
    ].join('\n'));
    expect(message.html).toContain(`<a href="${htmlLink(url)}" target="_blank">${htmlLink(url)}</a>`);
    expect(message.html).toContain('<p>Hey,</p>\n<br>\n<p>Follow this link to login.</p>');
    expect(message.html).toContain('<p>Thanks</p>\n<p>Demo App team</p>');
    expect(message.html).toMatch(/^<!doctype html>/);
  });

  it('keeps the URL\'s own query params and fragment, overwriting same-named ones', async () => {
    const { token, message } = await sendLink('ada@example.com', 'http://localhost/cb?next=%2Fhome&userId=old&q=a+b#/done');
    expect(message.url).toBe(`http://localhost/cb?next=%2Fhome&userId=${token.userId}&q=a+b&secret=${message.secret}`
      + `&expire=${encodedDate(iso(NOW + 7 * DAY))}&project=test-project#/done`);
  });

  it('links to https://<endpoint host>/auth/magic-url when no url is given', async () => {
    const token = await sdk().account.createMagicURLSession(ID.unique(), 'ada@example.com');
    const message = await onlyMessage(emulator, { kind: 'magic-url' });
    expect(message.url).toBe(`https://cloud.appwrite.io/auth/magic-url?userId=${token.userId}&secret=${message.secret}&expire=${encodedDate(iso(NOW + 7 * DAY))}&project=test-project`);
  });

  it('uses an existing account found by e-mail in any case, ignoring userId and keeping its e-mail', async () => {
    const { user } = await signUp('ada@example.com');
    const token = await sdk().account.createMagicURLSession('someone-else', 'ADA@Example.COM', 'http://localhost/');
    expect(token.userId).toBe(user.$id);
    expect((await onlyMessage(emulator, { kind: 'magic-url' })).to).toBe('ada@example.com');
    expect(await (await emulator.db()).users.count()).toBe(1);
  });

  it('still sends a link to a blocked user (201)', async () => {
    const { account, user } = await signUp('ada@example.com');
    await account.updateStatus();
    const token = await client().account.createMagicURLSession(ID.unique(), 'ada@example.com', 'http://localhost/');
    expect(statuses.at(-1)).toBe(201);
    expect(token.userId).toBe(user.$id);
  });

  it('refuses a URL whose host is not localhost, the endpoint host or a platform (400)', async () => {
    const e = await error(() => sdk().account.createMagicURLSession(ID.unique(), 'ada@example.com', 'https://evil.example/login'));
    expect(triple(e)).toEqual(BAD_HOST);
    expect(await emulator.inbox.list()).toEqual([]);
  });

  it('validates userId before email', async () => {
    const e = await error(() => sdk().account.createMagicURLSession('_bad', 'not-an-email'));
    expect(triple(e)).toEqual([400, 'general_argument_invalid', 'Invalid `userId` param: Parameter must contain at most 36 chars. Valid chars are a-z, A-Z, 0-9, period, hyphen, and underscore. Can\'t start with a special char']);
    const e2 = await error(() => sdk().account.createMagicURLSession(ID.unique(), 'not-an-email'));
    expect(triple(e2)).toEqual([400, 'general_argument_invalid', 'Invalid `email` param: Value must be a valid email address']);
  });

  it('answers 409 user_already_exists when a new e-mail comes with a taken userId', async () => {
    await signUp('ada@example.com');
    const taken = (await (await emulator.db()).users.toArray())[0]!.$id;
    const e = await error(() => sdk().account.createMagicURLSession(taken, 'bob@example.com'));
    expect(triple(e)).toEqual([409, 'user_already_exists', 'A user with the same id, email, or phone already exists in this project.']);
    expect(await emulator.inbox.list()).toEqual([]);
    expect(await storedTokens(emulator)).toBe('[]');
  });

  it('writes a session.create audit entry for the user', async () => {
    const { userId, secret } = await sendLink();
    const { account } = sdk();
    await account.updateMagicURLSession(userId, secret);
    const logs = await account.listLogs();
    expect(logs.logs.map((l) => l.event)).toEqual(['session.update', 'session.create']);
  });

  it('allows 10 requests per e-mail an hour; the 11th is 429', async () => {
    for (let i = 0; i < 10; i++) await sdk().account.createMagicURLSession(ID.unique(), 'ada@example.com');
    expect(triple(await error(() => sdk().account.createMagicURLSession(ID.unique(), 'ada@example.com')))).toEqual(RATE_LIMITED);
    await sdk().account.createMagicURLSession(ID.unique(), 'bob@example.com');
  });

  it('is 501 when the emulator option auth.methods.magicURL is false (an emulator-only switch)', async () => {
    const e = await error(() => client(disabled.config.endpoint).account.createMagicURLSession(ID.unique(), 'ada@example.com'));
    expect(triple(e)).toEqual([501, 'user_auth_method_unsupported', 'Magic URL authentication is disabled for this project']);
  });
});

describe('account.updateMagicURLSession', () => {
  it('trades the secret for a session (201), verifies the e-mail and consumes the token', async () => {
    const { userId, secret } = await sendLink();
    const { account } = sdk();
    const session = await account.updateMagicURLSession(userId, secret);
    expect(statuses.at(-1)).toBe(201);
    expectSessionShape(session);
    expect(session).toMatchObject({
      $createdAt: iso(NOW), userId, expire: iso(NOW + YEAR), provider: 'magic-url', providerUid: '',
      providerAccessToken: '', providerAccessTokenExpiry: '', providerRefreshToken: '', countryCode: '--',
      countryName: 'Unknown', current: true,
    });
    const me = await account.get();
    expectAccountShape(me);
    expect(me).toMatchObject({ $id: userId, email: 'ada@example.com', emailVerification: true, phoneVerification: false, passwordUpdate: '' });
    expect(await storedTokens(emulator)).toBe('[]');
  });

  it('refuses a secret used once already (401)', async () => {
    const { userId, secret } = await sendLink();
    await sdk().account.updateMagicURLSession(userId, secret);
    expect(triple(await error(() => sdk().account.updateMagicURLSession(userId, secret)))).toEqual(INVALID_TOKEN);
  });

  it('accepts the link until its 7 days are over, then answers 401', async () => {
    const first = await sendLink();
    emulator.clock.advance(7 * DAY);
    await sdk().account.updateMagicURLSession(first.userId, first.secret);
    const second = await sendLink();
    emulator.clock.advance(7 * DAY + 1);
    expect(triple(await error(() => sdk().account.updateMagicURLSession(second.userId, second.secret)))).toEqual(INVALID_TOKEN);
  });

  it('answers 404 for an unknown user and 401 for a wrong secret', async () => {
    const { userId, secret } = await sendLink();
    expect(triple(await error(() => sdk().account.updateMagicURLSession('nobody', secret))))
      .toEqual([404, 'user_not_found', 'User with the requested ID could not be found.']);
    expect(triple(await error(() => sdk().account.updateMagicURLSession(userId, 'f'.repeat(256))))).toEqual(INVALID_TOKEN);
    // The refused attempts consumed nothing.
    await sdk().account.updateMagicURLSession(userId, secret);
  });

  it('does not accept another user\'s secret', async () => {
    const ada = await sendLink('ada@example.com');
    const bob = await sendLink('bob@example.com');
    expect(triple(await error(() => sdk().account.updateMagicURLSession(ada.userId, bob.secret)))).toEqual(INVALID_TOKEN);
  });

  it('stores only the SHA-256 of the secret', async () => {
    const { secret } = await sendLink();
    const tokens = await (await emulator.db()).tokens.toArray();
    expect(tokens).toHaveLength(1);
    expect(tokens[0]).toMatchObject({ type: 5, secret: sha256(secret) });
    expect(await storedTokens(emulator)).not.toContain(secret);
  });

  it('validates secret as Text(256)', async () => {
    const e = await error(() => sdk().account.updateMagicURLSession('ada', 'f'.repeat(257)));
    expect(triple(e)).toEqual([400, 'general_argument_invalid', 'Invalid `secret` param: Value must be a valid string and at least 1 chars and no longer than 256 chars']);
  });

  it('allows 10 attempts per userId an hour; the 11th is 429', async () => {
    const { userId, secret } = await sendLink();
    for (let i = 0; i < 10; i++) await error(() => sdk().account.updateMagicURLSession(userId, 'wrong'));
    expect(triple(await error(() => sdk().account.updateMagicURLSession(userId, secret)))).toEqual(RATE_LIMITED);
  });

  it('is not gated by auth.methods.magicURL', async () => {
    // Appwrite 1.4 has no gate on the confirm route; only the POST is switched off by our option.
    const e = await error(() => client(disabled.config.endpoint).account.updateMagicURLSession('nobody', 'x'));
    expect(e.type).toBe('user_not_found');
  });

  it('signs a blocked user in, but the session then fails with user_blocked', async () => {
    const { account } = await signUp('ada@example.com');
    await account.updateStatus();
    globalThis.localStorage.clear();
    const { userId, secret } = await sendLink('ada@example.com');
    const fresh = sdk().account;
    await fresh.updateMagicURLSession(userId, secret);
    expect((await error(() => fresh.get())).type).toBe('user_blocked');
  });

  it('reuses the account for a second link, which adds a second session', async () => {
    const first = await sendLink();
    await sdk().account.updateMagicURLSession(first.userId, first.secret);
    const second = await sendLink();
    expect(second.userId).toBe(first.userId);
    const { account } = sdk();
    await account.updateMagicURLSession(second.userId, second.secret);
    const list = await account.listSessions();
    expect(list.sessions.map((s) => [s.provider, s.current])).toEqual([['magic-url', false], ['magic-url', true]]);
  });
});
