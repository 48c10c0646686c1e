import { describe, expect, it } from 'vitest';
import { error, sdk, useEmulator } from '../helpers.js';
import { DAY, NOW, PASSWORD, RATE_LIMITED, UNAUTHORIZED_GUEST, iso, sha256, signUp, triple } from './session-helpers.js';
import { encodedDate, expectAccountShape, expectTokenShape, htmlLink, onlyMessage, storedTokens, trackStatuses } from './token-helpers.js';

const { emulator, server } = useEmulator({ projectName: 'Demo App' });
const statuses = trackStatuses(server);

const PHONE = '+14155550100';
const INVALID_TOKEN = [401, 'user_invalid_token', 'Invalid token passed in the request.'];
const NOT_FOUND = [404, 'user_not_found', 'User with the requested ID could not be found.'];

/** Signs Ada up and sends her a verification e-mail; returns her client and the plain secret. */
async function sendVerification(email = 'ada@example.com', url = 'http://localhost/verify') {
  const signed = await signUp(email, 'Ada');
  const token = await signed.account.createVerification(url);
  const message = (await emulator.inbox.latest({ kind: 'verification', to: email }))!;
  return { ...signed, token, message, userId: signed.user.$id, secret: message.secret };
}

/** Signs Ada up with a phone and texts her a verification code. */
async function sendPhoneCode() {
  const signed = await signUp('ada@example.com', 'Ada');
  await signed.account.updatePhone(PHONE, PASSWORD);
  const token = await signed.account.createPhoneVerification();
  const message = (await emulator.inbox.latest({ kind: 'phone-verification' }))!;
  return { ...signed, token, message, userId: signed.user.$id, code: message.secret };
}

describe('account.createVerification', () => {
  it('answers 201 with a 7-day Token whose secret is empty', async () => {
    const { token, userId } = await sendVerification();
    expect(statuses.at(-1)).toBe(201);
    expectTokenShape(token);
    expect(token).toMatchObject({ $createdAt: iso(NOW), userId, secret: '', expire: iso(NOW + 7 * DAY) });
  });

  it('e-mails the verification link with userId, secret and a DB-format expire', async () => {
    const { message, userId } = await sendVerification();
    expect(message.secret).toMatch(/^[0-9a-f]{256}$/);
    const url = `http://localhost/verify?userId=${userId}&secret=${message.secret}&expire=${encodedDate('2026-01-22 10:00:00.000')}`;
    expect(message).toMatchObject({ channel: 'email', kind: 'verification', to: 'ada@example.com', subject: 'Account Verification', url, userId });
    expect(message.text).toBe([
      'Hey Ada',
      '',
      'Follow this link to verify your email address.',
      url,
      'If you didn’t ask to verify this address, you can ignore this message.',
      '',
      'Thanks',
      'Demo App team',
    ].join('\n'));
    expect(message.html).toContain(`<a href="${htmlLink(url)}" target="_blank">${htmlLink(url)}</a>`);
  });

  it('escapes the user name in the HTML and decodes it in the text', async () => {
    const { account } = await signUp('ada@example.com', 'Ada <Admin> & Co');
    await account.createVerification('http://localhost/verify');
    const message = await onlyMessage(emulator, { kind: 'verification' });
    expect(message.html).toContain('<p>Hey Ada &lt;Admin&gt; &amp; Co</p>');
    expect(message.text.split('\n')[0]).toBe('Hey Ada <Admin> & Co');
  });

  it('needs a signed-in user (401 for guests)', async () => {
    expect(triple(await error(() => sdk().account.createVerification('http://localhost/verify')))).toEqual(UNAUTHORIZED_GUEST);
  });

  it('answers 409 user_email_alread_verified (sic) once the e-mail is verified', async () => {
    const { account, userId, secret } = await sendVerification();
    await account.updateVerification(userId, secret);
    expect(triple(await error(() => account.createVerification('http://localhost/verify')))).toEqual([409, 'user_email_alread_verified', 'User email is already verified']);
  });

  it('refuses a URL whose host is not allowed (400)', async () => {
    const { account } = await signUp('ada@example.com');
    expect(triple(await error(() => account.createVerification('https://evil.example/verify')))).toEqual([400, 'general_argument_invalid', 'Invalid `url` param: URL host must be one of: localhost, cloud.appwrite.io']);
  });

  it('allows 10 requests per user an hour; the 11th is 429', async () => {
    const { account } = await signUp('ada@example.com');
    for (let i = 0; i < 10; i++) await account.createVerification('http://localhost/verify');
    expect(triple(await error(() => account.createVerification('http://localhost/verify')))).toEqual(RATE_LIMITED);
  });
});

describe('account.updateVerification', () => {
  it('verifies the e-mail without a session, consumes the token and answers 200 with its stored hash', async () => {
    const { userId, secret, token: created, account } = await sendVerification();
    const token = await sdk().account.updateVerification(userId, secret);
    expect(statuses.at(-1)).toBe(200);
    expectTokenShape(token);
    expect(token).toEqual({ $id: created.$id, $createdAt: iso(NOW), userId, secret: sha256(secret), expire: iso(NOW + 7 * DAY) });
    expect(await storedTokens(emulator)).toBe('[]');
    const me = await account.get();
    expectAccountShape(me);
    expect(me.emailVerification).toBe(true);
  });

  it('refuses a secret used once already (401)', async () => {
    const { userId, secret } = await sendVerification();
    await sdk().account.updateVerification(userId, secret);
    expect(triple(await error(() => sdk().account.updateVerification(userId, secret)))).toEqual(INVALID_TOKEN);
  });

  it('accepts the link for 7 days, then answers 401', async () => {
    const { userId, secret, account } = await sendVerification();
    const second = await account.createVerification('http://localhost/verify');
    const secondSecret = (await emulator.inbox.latest({ kind: 'verification' }))!.secret;
    expect(second.userId).toBe(userId);
    emulator.clock.advance(7 * DAY);
    await sdk().account.updateVerification(userId, secret);
    emulator.clock.advance(1);
    expect(triple(await error(() => sdk().account.updateVerification(userId, secondSecret)))).toEqual(INVALID_TOKEN);
  });

  it('answers 404 for an unknown user, 401 for a wrong secret or another user\'s secret', async () => {
    const ada = await sendVerification('ada@example.com');
    const bob = await sendVerification('bob@example.com');
    expect(triple(await error(() => sdk().account.updateVerification('nobody', ada.secret)))).toEqual(NOT_FOUND);
    expect(triple(await error(() => sdk().account.updateVerification(ada.userId, 'f'.repeat(256))))).toEqual(INVALID_TOKEN);
    expect(triple(await error(() => sdk().account.updateVerification(ada.userId, bob.secret)))).toEqual(INVALID_TOKEN);
  });

  it('stores only the SHA-256 of the secret', async () => {
    const { secret } = await sendVerification();
    const tokens = await (await emulator.db()).tokens.toArray();
    expect(tokens).toHaveLength(1);
    expect(tokens[0]).toMatchObject({ type: 2, secret: sha256(secret) });
    expect(await storedTokens(emulator)).not.toContain(secret);
  });

  it('writes verification.create and verification.update audit entries', async () => {
    const { account, userId, secret } = await sendVerification();
    await account.updateVerification(userId, secret);
    expect((await account.listLogs()).logs.map((l) => l.event).slice(0, 2)).toEqual(['verification.update', 'verification.create']);
  });

  it('allows 10 attempts per userId an hour; the 11th is 429', async () => {
    const { userId, secret } = await sendVerification();
    for (let i = 0; i < 10; i++) await error(() => sdk().account.updateVerification(userId, 'wrong'));
    expect(triple(await error(() => sdk().account.updateVerification(userId, secret)))).toEqual(RATE_LIMITED);
  });
});

describe('account.createPhoneVerification', () => {
  it('texts the 6-digit code and answers 201 with a 7-day Token whose secret is empty', async () => {
    const { token, userId } = await sendPhoneCode();
    expect(statuses.at(-1)).toBe(201);
    expectTokenShape(token);
    expect(token).toMatchObject({ $createdAt: iso(NOW), userId, secret: '', expire: iso(NOW + 7 * DAY) });
    const message = await onlyMessage(emulator, { channel: 'sms' });
    expect(Object.keys(message)).toEqual(['id', 'channel', 'kind', 'to', 'text', 'userId', 'secret', 'createdAt']);
    expect(message).toMatchObject({ kind: 'phone-verification', to: PHONE, userId });
    expect(message.text).toMatch(/^\d{6}$/);
    expect(message.secret).toBe(message.text);
  });

  it('answers 400 user_phone_not_found for a user without a phone', async () => {
    const { account } = await signUp('ada@example.com');
    expect(triple(await error(() => account.createPhoneVerification())))
      .toEqual([400, 'user_phone_not_found', 'The current user does not have a phone number associated with their account.']);
  });

  it('answers 409 user_phone_already_verified once the phone is verified', async () => {
    const { account, userId, code } = await sendPhoneCode();
    await account.updatePhoneVerification(userId, code);
    expect(triple(await error(() => account.createPhoneVerification()))).toEqual([409, 'user_phone_already_verified', 'User phone is already verified']);
  });

  it('needs a signed-in user (401 for guests)', async () => {
    expect(triple(await error(() => sdk().account.createPhoneVerification()))).toEqual(UNAUTHORIZED_GUEST);
  });

  it('allows 10 requests per user an hour; the 11th is 429', async () => {
    const { account } = await sendPhoneCode();
    for (let i = 0; i < 9; i++) await account.createPhoneVerification();
    expect(triple(await error(() => account.createPhoneVerification()))).toEqual(RATE_LIMITED);
  });
});

describe('account.updatePhoneVerification', () => {
  it('verifies the phone, consumes the token and answers 200 with its stored hash', async () => {
    const { account, userId, code, token: created } = await sendPhoneCode();
    const token = await account.updatePhoneVerification(userId, code);
    expect(statuses.at(-1)).toBe(200);
    expectTokenShape(token);
    expect(token).toEqual({ $id: created.$id, $createdAt: iso(NOW), userId, secret: sha256(code), expire: iso(NOW + 7 * DAY) });
    expect(await storedTokens(emulator)).toBe('[]');
    expect(await account.get()).toMatchObject({ phone: PHONE, phoneVerification: true, emailVerification: false });
  });

  it('checks the code against the signed-in caller\'s tokens, so a guest always gets 401 (Appwrite 1.4 quirk)', async () => {
    const { userId, code } = await sendPhoneCode();
    globalThis.localStorage.clear();
    expect(triple(await error(() => sdk().account.updatePhoneVerification(userId, code)))).toEqual(INVALID_TOKEN);
    expect(await storedTokens(emulator)).not.toBe('[]');
  });

  it('answers 404 for an unknown userId, even for guests', async () => {
    expect(triple(await error(() => sdk().account.updatePhoneVerification('nobody', '123456')))).toEqual(NOT_FOUND);
  });

  it('refuses a code used once already, and a wrong code (401)', async () => {
    const { account, userId, code } = await sendPhoneCode();
    const wrong = code === '000000' ? '111111' : '000000';
    expect(triple(await error(() => account.updatePhoneVerification(userId, wrong)))).toEqual(INVALID_TOKEN);
    await account.updatePhoneVerification(userId, code);
    expect(triple(await error(() => account.updatePhoneVerification(userId, code)))).toEqual(INVALID_TOKEN);
  });

  it('accepts the code for 7 days, then answers 401', async () => {
    const { account, userId, code } = await sendPhoneCode();
    emulator.clock.advance(7 * DAY + 1);
    expect(triple(await error(() => account.updatePhoneVerification(userId, code)))).toEqual(INVALID_TOKEN);
  });

  it('stores only the SHA-256 of the code', async () => {
    const { code } = await sendPhoneCode();
    const tokens = await (await emulator.db()).tokens.toArray();
    expect(tokens).toHaveLength(1);
    expect(tokens[0]).toMatchObject({ type: 6, secret: sha256(code) });
  });

  it('writes verification.create and verification.update audit entries', async () => {
    const { account, userId, code } = await sendPhoneCode();
    await account.updatePhoneVerification(userId, code);
    expect((await account.listLogs()).logs.map((l) => l.event).slice(0, 2)).toEqual(['verification.update', 'verification.create']);
  });

  it('allows 10 attempts per userId an hour; the 11th is 429', async () => {
    const { account, userId, code } = await sendPhoneCode();
    for (let i = 0; i < 10; i++) await error(() => account.updatePhoneVerification(userId, 'wrong'));
    expect(triple(await error(() => account.updatePhoneVerification(userId, code)))).toEqual(RATE_LIMITED);
  });
});
