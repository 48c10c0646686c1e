import { describe, expect, it } from 'vitest';
import { error, sdk, useEmulator } from '../helpers.js';
import {
  HOUR, INVALID_CREDENTIALS, NOW, PASSWORD, RATE_LIMITED, USER_BLOCKED, client, iso, raw, sha256, signUp, triple, useAltEmulator,
} from './session-helpers.js';
import { encodedDate, expectTokenShape, htmlLink, onlyMessage, storedTokens, trackStatuses } from './token-helpers.js';

const { emulator, server } = useEmulator({ projectName: 'Demo App' });
const statuses = trackStatuses(server);
const withHistory = useAltEmulator(server, { auth: { passwordHistory: 3 } }, 'history');

const NEW_PASSWORD = 'new-password-456';
const INVALID_TOKEN = [401, 'user_invalid_token', 'Invalid token passed in the request.'];
const MISMATCH = [400, 'user_password_mismatch', 'Passwords do not match. Please check the password and confirm password.'];
const NOT_FOUND = [404, 'user_not_found', 'User with the requested ID could not be found.'];

/** Signs Ada up, requests a reset as a guest and returns her id and the plain secret from the inbox. */
async function requestReset(url = 'http://localhost/reset') {
  const { user } = await signUp('ada@example.com', 'Ada');
  globalThis.localStorage.clear();
  const token = await sdk().account.createRecovery('ada@example.com', url);
  const message = (await emulator.inbox.latest({ kind: 'recovery' }))!;
  return { user, token, message, userId: user.$id, secret: message.secret };
}

describe('account.createRecovery', () => {
  it('answers 201 with a one-hour Token whose secret is empty', async () => {
    const { user, token } = await requestReset();
    expect(statuses.at(-1)).toBe(201);
    expectTokenShape(token);
    expect(token).toMatchObject({ $createdAt: iso(NOW), userId: user.$id, secret: '', expire: iso(NOW + HOUR) });
  });

  it('e-mails the reset link with userId, secret and a DB-format expire, greeting the user by name', async () => {
    const { userId, message } = await requestReset('http://localhost/reset?lang=en#top');
    expect(message.secret).toMatch(/^[0-9a-f]{256}$/);
    const url = `http://localhost/reset?lang=en&userId=${userId}&secret=${message.secret}&expire=${encodedDate('2026-01-15 11:00:00.000')}#top`;
    expect(url).toContain('&expire=2026-01-15+11%3A00%3A00.000#top');
    expect(message).toMatchObject({ channel: 'email', kind: 'recovery', to: 'ada@example.com', subject: 'Password Reset', url, userId });
    expect(message.text).toBe([
      'Hello Ada',
      '',
      'Follow this link to reset your Demo App password.',
      url,
      'If you didn’t ask to reset your password, you can ignore this message.',
      '',
      'Thanks',
      'Demo App team',
    ].join('\n'));
    expect(message.html).toContain(`<a href="${htmlLink(url)}" target="_blank">${htmlLink(url)}</a>`);
    expect(message.html).toContain('<p>Hello Ada</p>');
  });

  it('finds the account by the lower-cased e-mail', async () => {
    const { user } = await signUp('ada@example.com');
    const token = await sdk().account.createRecovery('ADA@Example.com', 'http://localhost/reset');
    expect(token.userId).toBe(user.$id);
    expect((await onlyMessage(emulator, { kind: 'recovery' })).to).toBe('ada@example.com');
  });

  it('answers 404 for an unknown e-mail', async () => {
    expect(triple(await error(() => sdk().account.createRecovery('nobody@example.com', 'http://localhost/reset')))).toEqual(NOT_FOUND);
  });

  it('answers 401 user_blocked for a blocked account', async () => {
    const { account } = await signUp('ada@example.com');
    await account.updateStatus();
    globalThis.localStorage.clear();
    expect(triple(await error(() => sdk().account.createRecovery('ada@example.com', 'http://localhost/reset')))).toEqual(USER_BLOCKED);
    expect(await emulator.inbox.list()).toEqual([]);
  });

  it('validates email, then url (required, allowed host)', async () => {
    expect(triple(await error(() => sdk().account.createRecovery('nope', 'https://evil.example/')))).toEqual([400, 'general_argument_invalid', 'Invalid `email` param: Value must be a valid email address']);
    expect(triple(await error(() => sdk().account.createRecovery('ada@example.com', 'https://evil.example/')))).toEqual([400, 'general_argument_invalid', 'Invalid `url` param: URL host must be one of: localhost, cloud.appwrite.io']);
    expect(triple(await error(() => sdk().account.createRecovery('ada@example.com', 'not a url')))).toEqual([400, 'general_argument_invalid', 'Invalid `url` param: URL host must be one of: localhost, cloud.appwrite.io']);
  });

  it('writes a recovery.create audit entry for the account', async () => {
    const { account } = await signUp('ada@example.com');
    await account.createRecovery('ada@example.com', 'http://localhost/reset');
    expect((await account.listLogs()).logs.map((l) => l.event)).toEqual(['recovery.create', 'session.create', 'user.create']);
  });

  it('allows 10 requests per e-mail an hour, from any IP; the 11th is 429', async () => {
    await signUp('ada@example.com');
    // Each from another client IP (a header the SDK cannot set), so only the e-mail bucket fills up.
    const request = (i: number) => raw('POST', '/account/recovery', {
      body: { email: 'ada@example.com', url: 'http://localhost/reset' }, headers: { 'x-forwarded-for': `10.0.0.${i}` },
    });
    for (let i = 0; i < 10; i++) expect((await request(i)).status).toBe(201);
    const refused = await request(10);
    expect(triple(refused.body)).toEqual(RATE_LIMITED);
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
  });

  it('also allows only 10 requests per IP an hour, whatever the e-mail', async () => {
    for (let i = 0; i < 10; i++) await error(() => sdk().account.createRecovery(`user${i}@example.com`, 'http://localhost/reset'));
    expect(triple(await error(() => sdk().account.createRecovery('other@example.com', 'http://localhost/reset')))).toEqual(RATE_LIMITED);
  });
});

describe('account.updateRecovery', () => {
  it('sets the new password, verifies the e-mail, consumes the token and answers 200 with its stored hash', async () => {
    const { userId, secret, token: created } = await requestReset();
    const token = await sdk().account.updateRecovery(userId, secret, NEW_PASSWORD, NEW_PASSWORD);
    expect(statuses.at(-1)).toBe(200);
    expectTokenShape(token);
    expect(token).toEqual({ $id: created.$id, $createdAt: iso(NOW), userId, secret: sha256(secret), expire: iso(NOW + HOUR) });
    expect(await storedTokens(emulator)).toBe('[]');
    const { account } = sdk();
    expect(triple(await error(() => account.createEmailSession('ada@example.com', PASSWORD)))).toEqual(INVALID_CREDENTIALS);
    await account.createEmailSession('ada@example.com', NEW_PASSWORD);
    expect(await account.get()).toMatchObject({ emailVerification: true, passwordUpdate: iso(NOW) });
  });

  it('checks that the passwords match before anything else (400)', async () => {
    expect(triple(await error(() => sdk().account.updateRecovery('nobody', 'bad', NEW_PASSWORD, `${NEW_PASSWORD}!`)))).toEqual(MISMATCH);
  });

  it('refuses a secret used once already (401)', async () => {
    const { userId, secret } = await requestReset();
    await sdk().account.updateRecovery(userId, secret, NEW_PASSWORD, NEW_PASSWORD);
    expect(triple(await error(() => sdk().account.updateRecovery(userId, secret, 'another-pass-789', 'another-pass-789')))).toEqual(INVALID_TOKEN);
  });

  it('accepts the link for one hour, then answers 401', async () => {
    const { userId, secret } = await requestReset();
    emulator.clock.advance(HOUR + 1);
    expect(triple(await error(() => sdk().account.updateRecovery(userId, secret, NEW_PASSWORD, NEW_PASSWORD)))).toEqual(INVALID_TOKEN);
    emulator.clock.reset();
    emulator.clock.advance(HOUR);
    await sdk().account.updateRecovery(userId, secret, NEW_PASSWORD, NEW_PASSWORD);
  });

  it('answers 404 for an unknown user and 401 for a wrong secret', async () => {
    const { userId, secret } = await requestReset();
    expect(triple(await error(() => sdk().account.updateRecovery('nobody', secret, NEW_PASSWORD, NEW_PASSWORD)))).toEqual(NOT_FOUND);
    expect(triple(await error(() => sdk().account.updateRecovery(userId, 'f'.repeat(256), NEW_PASSWORD, NEW_PASSWORD)))).toEqual(INVALID_TOKEN);
  });

  it('validates userId (UID), secret, password, passwordAgain in that order', async () => {
    const uid = 'Invalid `userId` param: UID must contain at most 36 chars. Valid chars are a-z, A-Z, 0-9, and underscore. Can\'t start with a leading underscore';
    expect(triple(await error(() => sdk().account.updateRecovery('unique()', '', 'short', 'short')))).toEqual([400, 'general_argument_invalid', uid]);
    expect(triple(await error(() => sdk().account.updateRecovery('ada', '', 'short', 'short')))).toEqual([400, 'general_argument_invalid', 'Invalid `secret` param: Value must be a valid string and at least 1 chars and no longer than 256 chars']);
    expect(triple(await error(() => sdk().account.updateRecovery('ada', 'x', 'short', 'short')))).toEqual([400, 'general_argument_invalid', 'Invalid `password` param: Password must be at least 8 characters']);
    expect(triple(await error(() => sdk().account.updateRecovery('ada', 'x', NEW_PASSWORD, 'short')))).toEqual([400, 'general_argument_invalid', 'Invalid `passwordAgain` param: Password must be at least 8 characters']);
  });

  it('keeps existing sessions signed in', async () => {
    const { account, user } = await signUp('ada@example.com');
    await account.createRecovery('ada@example.com', 'http://localhost/reset');
    const { secret } = (await emulator.inbox.latest({ kind: 'recovery' }))!;
    await account.updateRecovery(user.$id, secret, NEW_PASSWORD, NEW_PASSWORD);
    expect((await account.get()).$id).toBe(user.$id);
    expect((await account.listLogs()).logs.map((l) => l.event).slice(0, 2)).toEqual(['recovery.update', 'recovery.create']);
  });

  it('refuses a password from the history when the project keeps one (400)', async () => {
    const endpoint = withHistory.config.endpoint;
    const { user } = await signUp('ada@example.com', 'Ada', endpoint);
    await client(endpoint).account.createRecovery('ada@example.com', 'http://localhost/reset');
    const { secret } = (await withHistory.inbox.latest({ kind: 'recovery' }))!;
    expect(triple(await error(() => client(endpoint).account.updateRecovery(user.$id, secret, PASSWORD, PASSWORD))))
      .toEqual([400, 'password_recently_used', 'The password you are trying to use is similar to your previous password. For your security, please choose a different password and try again.']);
    // The refusal did not consume the token.
    await client(endpoint).account.updateRecovery(user.$id, secret, NEW_PASSWORD, NEW_PASSWORD);
  });

  it('allows 10 attempts per userId an hour; the 11th is 429', async () => {
    const { userId, secret } = await requestReset();
    for (let i = 0; i < 10; i++) await error(() => sdk().account.updateRecovery(userId, 'wrong', NEW_PASSWORD, NEW_PASSWORD));
    expect(triple(await error(() => sdk().account.updateRecovery(userId, secret, NEW_PASSWORD, NEW_PASSWORD)))).toEqual(RATE_LIMITED);
  });
});
