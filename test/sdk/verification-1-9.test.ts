import { Account as Account14, Client as Client14 } from 'appwrite-14';
import { describe, expect, it } from 'vitest';
import { ENDPOINT, PROJECT, error, raw, useEmulator, useSecondEmulator } from '../helpers.js';
import { DAY, HOUR, NOW, PASSWORD, RATE_LIMITED, iso, signUp, triple } from './session-helpers.js';
import { encodedDate, htmlLink, onlyMessage, storedTokens } from './token-helpers.js';
import { MODERN_SDKS, expectToken19, forgetSession, guestScope, modernClient, signUp19, trackResponses, type ModernSdk } from './modern-sdk-helpers.js';

const { emulator, server } = useEmulator({ projectName: 'Demo App' });
const seen = trackResponses(server);

const PHONE = '+14155550100';
const URL_OK = 'http://localhost/verify';
const INVALID_TOKEN = [401, 'user_invalid_token', 'Invalid token passed in the request.'];
const NOT_FOUND = [404, 'user_not_found', 'User with the requested ID could not be found.'];

describe.each(MODERN_SDKS)('e-mail verification through %s', (_, sdk19) => {
  async function send(email = 'ada@example.com') {
    const signed = await signUp19(sdk19, email);
    const token = await signed.account.createEmailVerification({ url: URL_OK });
    const message = (await emulator.inbox.latest({ kind: 'verification', to: email }))!;
    return { ...signed, token, message, secret: message.secret };
  }

  it('POST /account/verifications/email: 201 Token (secret and phrase empty) valid one hour', async () => {
    const { token, userId } = await send();
    expect(seen.at(-1)).toMatchObject({ url: `${ENDPOINT}/account/verifications/email`, status: 201 });
    expectToken19(token);
    expect(token).toMatchObject({ $createdAt: iso(NOW), userId, secret: '', expire: iso(NOW + HOUR), phrase: '' });
  });

  it('e-mails 1.9.6\'s text with a link whose expire is an ISO date', async () => {
    const { message, userId } = await send();
    expect(message.secret).toMatch(/^[0-9a-f]{256}$/);
    const url = `${URL_OK}?userId=${userId}&secret=${message.secret}&expire=${encodedDate(iso(NOW + HOUR))}`;
    expect(message).toMatchObject({ channel: 'email', kind: 'verification', to: 'ada@example.com', subject: 'Account Verification for Demo App', url, userId });
    expect(message.text).toBe([
      'Verify your email to start using Demo App',
      'Hello Ada,',
      'Follow this link to verify your email address to your Demo App account.',
      'Confirm email address',
      'If you didn’t ask to verify this address, you can ignore this message.',
      'Thanks,',
      'Demo App team',
    ].join('\n'));
    expect(message.html).toContain(`<p><a href="${htmlLink(url)}" target="_blank" class="button">Confirm email address</a></p>`);
    expect(message.html).toContain('<p>Follow this link to verify your email address to your <strong>Demo App</strong> account.</p>');
  });

  it('answers 409 user_email_already_verified (1.9.6 fixed the type\'s typo)', async () => {
    const { account, userId, secret } = await send();
    await account.updateEmailVerification({ userId, secret });
    expect(triple(await error(() => account.createEmailVerification({ url: URL_OK })))).toEqual([409, 'user_email_already_verified', 'User email is already verified']);
  });

  it('answers 400 user_email_not_found to a user without an e-mail', async () => {
    const { account } = modernClient(sdk19);
    await account.createAnonymousSession();
    expect(triple(await error(() => account.createEmailVerification({ url: URL_OK })))).toEqual([400, 'user_email_not_found', 'User email could not be found.']);
    expect(await storedTokens(emulator)).toBe('[]');
  });

  it('refuses guests (401) and a url whose host is no platform (400 Redirect)', async () => {
    expect(triple(await error(() => modernClient(sdk19).account.createEmailVerification({ url: URL_OK })))).toEqual(guestScope('account'));
    const { account } = await signUp19(sdk19);
    expect(triple(await error(() => account.createEmailVerification({ url: 'https://evil.example/verify' }))))
      .toEqual([400, 'general_argument_invalid', 'Invalid `url` param: Invalid URI. Register your new client (evil.example) as a new Web platform on your project console dashboard']);
  });

  it('allows 10 requests per user an hour; the 11th is 429', async () => {
    const { account } = await signUp19(sdk19);
    for (let i = 0; i < 10; i++) await account.createEmailVerification({ url: URL_OK });
    expect(triple(await error(() => account.createEmailVerification({ url: URL_OK })))).toEqual(RATE_LIMITED);
  });

  it('PUT /account/verifications/email: 200 Token with an empty secret, no session needed, e-mail verified', async () => {
    const { account, userId, secret, token: created } = await send();
    forgetSession();
    const token = await modernClient(sdk19).account.updateEmailVerification({ userId, secret });
    expect(seen.at(-1)).toMatchObject({ url: `${ENDPOINT}/account/verifications/email`, status: 200 });
    expectToken19(token);
    expect(token).toEqual({ $id: created.$id, $createdAt: iso(NOW), userId, secret: '', expire: iso(NOW + HOUR), phrase: '' });
    expect(await storedTokens(emulator)).toBe('[]');
    await account.createEmailPasswordSession({ email: 'ada@example.com', password: PASSWORD });
    expect((await account.get()).emailVerification).toBe(true);
  });

  it('accepts the link for one hour, then 401; 404 for an unknown user; a used secret is 401', async () => {
    const { account, userId, secret } = await send();
    await account.createEmailVerification({ url: URL_OK });
    const second = (await emulator.inbox.latest({ kind: 'verification' }))!.secret;
    emulator.clock.advance(HOUR);
    await account.updateEmailVerification({ userId, secret });
    expect(triple(await error(() => account.updateEmailVerification({ userId, secret })))).toEqual(INVALID_TOKEN);
    emulator.clock.advance(1);
    expect(triple(await error(() => account.updateEmailVerification({ userId, secret: second })))).toEqual(INVALID_TOKEN);
    expect(triple(await error(() => account.updateEmailVerification({ userId: 'nobody', secret: second })))).toEqual(NOT_FOUND);
  });

  it('allows 10 confirmations per userId an hour; the 11th is 429', async () => {
    const { account, userId, secret } = await send();
    for (let i = 0; i < 10; i++) await error(() => account.updateEmailVerification({ userId, secret: 'wrong' }));
    expect(triple(await error(() => account.updateEmailVerification({ userId, secret })))).toEqual(RATE_LIMITED);
  });
});

describe.each(MODERN_SDKS)('phone verification through %s', (_, sdk19) => {
  async function sendCode(sdk: ModernSdk = sdk19, email = 'ada@example.com') {
    const signed = await signUp19(sdk, email);
    await signed.account.updatePhone({ phone: PHONE, password: PASSWORD });
    const token = await signed.account.createPhoneVerification();
    const message = (await emulator.inbox.latest({ kind: 'phone-verification' }))!;
    return { ...signed, token, code: message.secret };
  }

  it('POST /account/verifications/phone: texts a 6-digit code, 201 Token valid one hour', async () => {
    const { token, userId, code } = await sendCode();
    expect(seen.at(-1)).toMatchObject({ url: `${ENDPOINT}/account/verifications/phone`, status: 201 });
    expectToken19(token);
    expect(token).toMatchObject({ $createdAt: iso(NOW), userId, secret: '', expire: iso(NOW + HOUR), phrase: '' });
    const sms = await onlyMessage(emulator, { channel: 'sms' });
    expect(sms).toMatchObject({ kind: 'phone-verification', to: PHONE, userId, text: code });
    expect(code).toMatch(/^\d{6}$/);
  });

  it('answers 400 user_phone_not_found, 409 user_phone_already_verified, 401 for guests', async () => {
    const { account } = await signUp19(sdk19);
    expect(triple(await error(() => account.createPhoneVerification())))
      .toEqual([400, 'user_phone_not_found', 'The current user does not have a phone number associated with their account.']);
    await account.deleteSession({ sessionId: 'current' });
    expect(triple(await error(() => account.createPhoneVerification()))).toEqual(guestScope('account'));
    const other = await sendCode(sdk19, 'carol@example.com');
    await other.account.updatePhoneVerification({ userId: other.userId, secret: other.code });
    expect(triple(await error(() => other.account.createPhoneVerification()))).toEqual([409, 'user_phone_already_verified', 'User phone is already verified']);
  });

  it('PUT /account/verifications/phone: a guest may confirm userId\'s own code (1.9.6); 200 Token, secret empty', async () => {
    const { account, userId, code, token: created } = await sendCode();
    forgetSession();
    const token = await modernClient(sdk19).account.updatePhoneVerification({ userId, secret: code });
    expect(seen.at(-1)).toMatchObject({ url: `${ENDPOINT}/account/verifications/phone`, status: 200 });
    expect(token).toEqual({ $id: created.$id, $createdAt: iso(NOW), userId, secret: '', expire: iso(NOW + HOUR), phrase: '' });
    await account.createEmailPasswordSession({ email: 'ada@example.com', password: PASSWORD });
    expect(await account.get()).toMatchObject({ phone: PHONE, phoneVerification: true });
  });

  it('a code of another user is 401; the code lives one hour; unknown user 404', async () => {
    const ada = await sendCode();
    const { account: bob } = await signUp19(sdk19, 'bob@example.com', 'Bob');
    const bobUser = await bob.get();
    expect(triple(await error(() => bob.updatePhoneVerification({ userId: bobUser.$id, secret: ada.code })))).toEqual(INVALID_TOKEN);
    expect(triple(await error(() => bob.updatePhoneVerification({ userId: 'nobody', secret: ada.code })))).toEqual(NOT_FOUND);
    emulator.clock.advance(HOUR + 1);
    expect(triple(await error(() => bob.updatePhoneVerification({ userId: ada.userId, secret: ada.code })))).toEqual(INVALID_TOKEN);
  });

  it('counts creations per user and per IP (10 an hour each)', async () => {
    const { account } = await sendCode();
    for (let i = 0; i < 9; i++) await account.createPhoneVerification();
    expect(seen.at(-1)!.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(triple(await error(() => account.createPhoneVerification()))).toEqual(RATE_LIMITED);
    // Another user from the same IP: the url+ip bucket is spent too.
    const bob = await signUp19(sdk19, 'bob@example.com', 'Bob');
    await bob.account.updatePhone({ phone: '+14155550101', password: PASSWORD });
    expect(triple(await error(() => bob.account.createPhoneVerification()))).toEqual(RATE_LIMITED);
  });
});

describe('phone sign-in disabled', () => {
  const disabled = useSecondEmulator(server, 'verify-phone-off', { auth: { methods: { phone: false } } });

  it('gates POST /account/verifications/phone with 501 (group auth, type phone)', async () => {
    const sdk19 = MODERN_SDKS[1]![1];
    const account = new sdk19.Account(new sdk19.Client().setEndpoint(disabled.config.endpoint).setProject(PROJECT));
    await account.create({ userId: sdk19.ID.unique(), email: 'ada@example.com', password: PASSWORD });
    await account.createEmailPasswordSession({ email: 'ada@example.com', password: PASSWORD });
    expect(triple(await error(() => account.createPhoneVerification()))).toEqual([501, 'user_auth_method_unsupported', 'Phone authentication is disabled for this project']);
  });
});

describe('the old paths SDK 14 calls (/account/verification, /account/verification/phone)', () => {
  it('serve 1.9.6: one hour, ISO link date, 1.9.6 texts and error types, empty confirm secret', async () => {
    const { userId } = await signUp19(MODERN_SDKS[0]![1]);
    const account14 = new Account14(new Client14().setEndpoint(ENDPOINT).setProject(PROJECT));
    const token = await account14.createVerification(URL_OK);
    expect(seen.at(-1)).toMatchObject({ url: `${ENDPOINT}/account/verification`, status: 201 });
    expect(token).toMatchObject({ userId, secret: '', expire: iso(NOW + HOUR), phrase: '' });
    const message = (await emulator.inbox.latest({ kind: 'verification' }))!;
    expect(message.subject).toBe('Account Verification for Demo App');
    expect(message.url).toContain(`&expire=${encodedDate(iso(NOW + HOUR))}`);
    const confirmed = await account14.updateVerification(userId, message.secret);
    expect(confirmed.secret).toBe('');
    expect(triple(await error(() => account14.createVerification(URL_OK)))).toEqual([409, 'user_email_already_verified', 'User email is already verified']);
    expect(triple(await error(() => account14.createPhoneVerification())))
      .toEqual([400, 'user_phone_not_found', 'The current user does not have a phone number associated with their account.']);
  });
});

describe('SDK 13 keeps Appwrite 1.4 on the shared paths', () => {
  it('7-day link with a DB-format date, 1.4 texts, the typo type, the stored hash on confirm', async () => {
    const { account, user } = await signUp('ada@example.com', 'Ada');
    const token = await account.createVerification(URL_OK);
    expect(token.expire).toBe(iso(NOW + 7 * DAY));
    expect(Object.keys(token)).not.toContain('phrase');
    const message = (await emulator.inbox.latest({ kind: 'verification' }))!;
    expect(message.subject).toBe('Account Verification');
    expect(message.url).toContain(`&expire=${encodedDate('2026-01-22 10:00:00.000')}`);
    const confirmed = await account.updateVerification(user.$id, message.secret);
    expect(confirmed.secret).toMatch(/^[0-9a-f]{64}$/);
    expect(triple(await error(() => account.createVerification(URL_OK)))).toEqual([409, 'user_email_alread_verified', 'User email is already verified']);
  });

  it('has no /account/verifications/email (404 general_route_not_found)', async () => {
    const { value } = await signUp();
    const answer = await raw('POST', '/account/verifications/email', { session: value, body: { url: URL_OK } });
    expect([answer.status, answer.body.type]).toEqual([404, 'general_route_not_found']);
  });
});
