/**
 * Cloud 2.x routes that only SDK 27/28 call (1.9 spec §7; not in 1.9.6), through the real SDK 28: recovery and
 * e-mail verification by 6-digit code, ID-token sessions with tokens from `emulator.idToken()`, and the empty
 * OAuth2 consent lists. Older formats (SDK 26's 1.9.5, SDK 13's 1.4.0) get the 404 of a real 1.9.6 / 1.4 server.
 */
import { Client, Account, ID, IdTokenProvider } from 'appwrite-28';
import { describe, expect, it } from 'vitest';
import { ENDPOINT, PROJECT, error, raw, useEmulator } from '../helpers.js';
import { NOW, PASSWORD, iso, triple } from './session-helpers.js';
import { INVALID_TOKEN, expectAccount19, expectSession19, expectToken19, invalidParam } from './sdk19-helpers.js';
import { guestScope } from './modern-sdk-helpers.js';
import { onlyMessage, trackStatuses } from './token-helpers.js';
import { PHRASE_ADJECTIVES, PHRASE_NOUNS } from '../../src/services/phrase.js';

const { emulator, server } = useEmulator();
const statuses = trackStatuses(server);
const MINUTE = 60_000;
const NEW_PASSWORD = 'another-password-456';

const ROUTE_NOT_FOUND_19 = [404, 'general_route_not_found', 'Route not found. Please ensure the endpoint is configured correctly and that the API route is valid for this SDK version. Refer to the API docs for more details.'];
const ROUTE_NOT_FOUND_14 = [404, 'general_route_not_found', 'The requested route was not found. Please refer to the API docs and try again.'];
const TOKEN_INVALID = [401, 'user_oauth2_token_invalid', 'The OAuth2 ID token is invalid.'];

function account28() {
  const client = new Client().setEndpoint(ENDPOINT).setProject(PROJECT);
  return new Account(client);
}

async function signUp(email = 'ada@example.com', name = 'Ada') {
  const account = account28();
  const user = await account.create({ userId: ID.unique(), email, password: PASSWORD, name });
  await account.createEmailPasswordSession({ email, password: PASSWORD });
  return { account, user };
}

const expectPhrase = (phrase: string) => {
  const [adjective, ...noun] = phrase.split(' ');
  expect(PHRASE_ADJECTIVES).toContain(adjective);
  expect(PHRASE_NOUNS).toContain(noun.join(' '));
};

describe('createRecoveryOTP / updateRecoveryOTP', () => {
  it('answers 201 with a Token of every key: no secret, 15 minutes, no phrase; mails a 6-digit code without a link', async () => {
    const { user } = await signUp();
    const token = await account28().createRecoveryOTP({ email: 'ADA@example.com' });
    expect(statuses.at(-1)).toBe(201);
    expectToken19(token, { userId: user.$id, $createdAt: iso(NOW), expire: iso(NOW + 15 * MINUTE), phrase: '' });
    const mail = await onlyMessage(emulator, { kind: 'recovery' });
    expect(mail).toMatchObject({ channel: 'email', to: 'ada@example.com', userId: user.$id, subject: 'Password Reset for test-project' });
    expect(mail.secret).toMatch(/^\d{6}$/);
    expect(mail.url).toBeUndefined();
    expect(mail.text.split('\n')).toEqual([
      'Hello Ada,',
      'Enter the following code when prompted to reset your test-project password. This code will expire in 15 minutes.',
      mail.secret,
      "If you didn't ask to reset your password, you can ignore this message.",
      'Thanks,',
      'test-project team',
    ]);
  });

  it('returns and mails a security phrase when asked', async () => {
    await signUp();
    const token = await account28().createRecoveryOTP({ email: 'ada@example.com', phrase: true });
    expectPhrase(token.phrase);
    const mail = await onlyMessage(emulator, { kind: 'recovery' });
    expect(mail.phrase).toBe(token.phrase);
    expect(mail.text).toContain(token.phrase);
  });

  it('refuses an unknown e-mail (404), a blocked user (403) and a bad phrase (400)', async () => {
    expect(triple(await error(() => account28().createRecoveryOTP({ email: 'nobody@example.com' }))))
      .toEqual([404, 'user_not_found', 'User with the requested ID could not be found.']);
    const { user } = await signUp();
    expect(triple(await error(() => account28().createRecoveryOTP({ email: 'ada@example.com', phrase: 'yes' as never }))))
      .toEqual(invalidParam('phrase', 'Value must be a valid boolean'));
    await (await emulator.db()).users.update(user.$id, { status: false });
    globalThis.localStorage.removeItem('cookieFallback');
    expect(triple(await error(() => account28().createRecoveryOTP({ email: 'ada@example.com' }))))
      .toEqual([403, 'user_blocked', 'The current user has been blocked.']);
  });

  it('sets the new password with the code (200 Token), once', async () => {
    const { user } = await signUp();
    await account28().createRecoveryOTP({ email: 'ada@example.com' });
    const { secret } = await onlyMessage(emulator, { kind: 'recovery' });
    const token = await account28().updateRecoveryOTP({ userId: user.$id, secret, password: NEW_PASSWORD });
    expect(statuses.at(-1)).toBe(200);
    expectToken19(token, { userId: user.$id, expire: iso(NOW + 15 * MINUTE), phrase: '' });
    globalThis.localStorage.removeItem('cookieFallback');
    await account28().createEmailPasswordSession({ email: 'ada@example.com', password: NEW_PASSWORD });
    expect(statuses.at(-1)).toBe(201);
    expect(triple(await error(() => account28().updateRecoveryOTP({ userId: user.$id, secret, password: 'third-password-789' }))))
      .toEqual(INVALID_TOKEN);
  });

  it('refuses an expired code (401), a wrong one (401), an unknown user (404) and a short password (400)', async () => {
    const { user } = await signUp();
    await account28().createRecoveryOTP({ email: 'ada@example.com' });
    const { secret } = await onlyMessage(emulator, { kind: 'recovery' });
    expect(triple(await error(() => account28().updateRecoveryOTP({ userId: 'nobody', secret, password: NEW_PASSWORD }))))
      .toEqual([404, 'user_not_found', 'User with the requested ID could not be found.']);
    expect(triple(await error(() => account28().updateRecoveryOTP({ userId: user.$id, secret: '000000', password: NEW_PASSWORD }))))
      .toEqual(INVALID_TOKEN);
    expect((await error(() => account28().updateRecoveryOTP({ userId: user.$id, secret, password: 'short' }))).code).toBe(400);
    emulator.clock.advance(15 * MINUTE + 1000);
    expect(triple(await error(() => account28().updateRecoveryOTP({ userId: user.$id, secret, password: NEW_PASSWORD }))))
      .toEqual(INVALID_TOKEN);
  });
});

describe('createEmailVerificationOTP / updateEmailVerificationOTP', () => {
  it('answers 201 with a Token of every key and mails a 6-digit code (verification, no link)', async () => {
    const { account, user } = await signUp();
    const token = await account.createEmailVerificationOTP();
    expect(statuses.at(-1)).toBe(201);
    expectToken19(token, { userId: user.$id, expire: iso(NOW + 15 * MINUTE), phrase: '' });
    const mail = await onlyMessage(emulator, { kind: 'verification' });
    expect(mail).toMatchObject({ channel: 'email', to: 'ada@example.com', subject: 'Account Verification for test-project' });
    expect(mail.secret).toMatch(/^\d{6}$/);
    expect(mail.url).toBeUndefined();
    expect(mail.text.split('\n')).toEqual([
      'Verify your email to start using test-project',
      'Hello Ada,',
      'Enter the following code when prompted to verify your email address for your test-project account. This code will expire in 15 minutes.',
      mail.secret,
      'If you didn’t ask to verify this address, you can ignore this message.',
      'Thanks,',
      'test-project team',
    ]);
  });

  it('returns the security phrase when asked', async () => {
    const { account } = await signUp();
    const token = await account.createEmailVerificationOTP({ phrase: true });
    expectPhrase(token.phrase);
    expect((await onlyMessage(emulator, { kind: 'verification' })).phrase).toBe(token.phrase);
  });

  it('needs a session (401) and an unverified e-mail (409)', async () => {
    expect(triple(await error(() => account28().createEmailVerificationOTP()))).toEqual(guestScope('account'));
    const { account, user } = await signUp();
    await (await emulator.db()).users.update(user.$id, { emailVerification: true });
    expect(triple(await error(() => account.createEmailVerificationOTP())))
      .toEqual([409, 'user_email_already_verified', 'User email is already verified']);
  });

  it('verifies the e-mail with the code, without a session (200 Token), once; expired codes fail', async () => {
    const { account, user } = await signUp();
    await account.createEmailVerificationOTP();
    const { secret } = await onlyMessage(emulator, { kind: 'verification' });
    globalThis.localStorage.removeItem('cookieFallback');
    const token = await account28().updateEmailVerificationOTP({ userId: user.$id, secret });
    expect(statuses.at(-1)).toBe(200);
    expectToken19(token, { userId: user.$id, expire: iso(NOW + 15 * MINUTE) });
    expect((await (await emulator.db()).users.get(user.$id))!.emailVerification).toBe(true);
    expect(triple(await error(() => account28().updateEmailVerificationOTP({ userId: user.$id, secret })))).toEqual(INVALID_TOKEN);
  });

  it('refuses a code after 15 minutes (401) and an unknown user (404)', async () => {
    const { account, user } = await signUp();
    await account.createEmailVerificationOTP();
    const { secret } = await onlyMessage(emulator, { kind: 'verification' });
    expect(triple(await error(() => account28().updateEmailVerificationOTP({ userId: 'nobody', secret }))))
      .toEqual([404, 'user_not_found', 'User with the requested ID could not be found.']);
    emulator.clock.advance(15 * MINUTE + 1000);
    expect(triple(await error(() => account28().updateEmailVerificationOTP({ userId: user.$id, secret })))).toEqual(INVALID_TOKEN);
  });
});

describe('createIdTokenSession', () => {
  it('signs a new user up with a minted Google ID token: 201 Session of every key, verified e-mail, identity', async () => {
    const idToken = await emulator.idToken({ provider: 'google', sub: 'g-123', email: 'Grace@Example.com', name: 'Grace' });
    const session = await account28().createIdTokenSession({ provider: IdTokenProvider.Google, idToken, accessToken: 'at-1' });
    expect(statuses.at(-1)).toBe(201);
    expectSession19(session, { provider: 'google', providerUid: 'g-123', providerAccessToken: 'at-1', factors: ['email', 'oauth2'], providerAccessTokenExpiry: iso(NOW) });
    const me = await account28().get();
    expectAccount19(me, { $id: session.userId, email: 'Grace@Example.com', name: 'Grace', emailVerification: true });
    const identities = await account28().listIdentities();
    expect(identities.identities).toEqual([expect.objectContaining({ provider: 'google', providerUid: 'g-123', providerEmail: 'Grace@Example.com' })]);
  });

  it('without an access token the session has none and no expiry; the same sub signs the same user in again', async () => {
    const idToken = await emulator.idToken({ provider: 'apple', sub: 'a-1', email: 'ada@example.com', nonce: 'n-1' });
    const first = await account28().createIdTokenSession({ provider: IdTokenProvider.Apple, idToken, nonce: 'n-1' });
    expectSession19(first, { provider: 'apple', providerUid: 'a-1', providerAccessToken: '', providerAccessTokenExpiry: '' });
    globalThis.localStorage.removeItem('cookieFallback');
    const second = await account28().createIdTokenSession({ provider: IdTokenProvider.Apple, idToken, nonce: 'n-1' });
    expect(second.userId).toBe(first.userId);
    expect(second.$id).not.toBe(first.$id);
  });

  it('links an existing account by verified e-mail, and refuses an unverified one (400)', async () => {
    const { user } = await signUp();
    globalThis.localStorage.removeItem('cookieFallback');
    const unverified = await emulator.idToken({ provider: 'google', sub: 'g-2', email: 'ada@example.com', emailVerified: false });
    expect(triple(await error(() => account28().createIdTokenSession({ provider: IdTokenProvider.Google, idToken: unverified }))))
      .toEqual([400, 'general_bad_request', 'There was an error processing your request. Please check the inputs and try again.']);
    const verified = await emulator.idToken({ provider: 'google', sub: 'g-2', email: 'ada@example.com' });
    const session = await account28().createIdTokenSession({ provider: IdTokenProvider.Google, idToken: verified });
    expect(session.userId).toBe(user.$id);
  });

  it('while signed in, links the provider account to the caller and replaces the current session', async () => {
    const { account, user } = await signUp();
    const [old] = (await account.listSessions()).sessions;
    const idToken = await emulator.idToken({ provider: 'google', sub: 'g-3', email: 'ada.other@example.com' });
    const session = await account28().createIdTokenSession({ provider: IdTokenProvider.Google, idToken });
    expect(session.userId).toBe(user.$id);
    const ids = (await account28().listSessions()).sessions.map((s) => s.$id);
    expect(ids).toEqual([session.$id]);
    expect(ids).not.toContain(old!.$id);
  });

  it('refuses a provider without ID-token sign-in (400) and an unknown provider (400 argument)', async () => {
    const idToken = await emulator.idToken({ provider: 'google', sub: 'g-4', email: 'x@example.com' });
    expect(triple(await error(() => account28().createIdTokenSession({ provider: 'github' as IdTokenProvider, idToken }))))
      .toEqual([400, 'project_provider_unsupported', 'This provider does not support ID token sign-in.']);
    expect((await error(() => account28().createIdTokenSession({ provider: 'nope' as IdTokenProvider, idToken }))).type)
      .toBe('general_argument_invalid');
  });

  it('refuses foreign, expired, other-audience, other-provider and nonce-mismatched tokens (401), storing nothing', async () => {
    const forged = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
    const bad = [
      forged,
      await emulator.idToken({ provider: 'google', sub: 'g', email: 'x@example.com', audience: 'another-app' }),
      await emulator.idToken({ provider: 'apple', sub: 'g', email: 'x@example.com' }),
      await emulator.idToken({ provider: 'google', sub: 'g', email: 'x@example.com', nonce: 'expected' }),
    ];
    for (const idToken of bad) {
      expect(triple(await error(() => account28().createIdTokenSession({ provider: IdTokenProvider.Google, idToken })))).toEqual(TOKEN_INVALID);
    }
    const withoutNonce = await emulator.idToken({ provider: 'google', sub: 'g', email: 'x@example.com' });
    expect(triple(await error(() => account28().createIdTokenSession({ provider: IdTokenProvider.Google, idToken: withoutNonce, nonce: 'sent' }))))
      .toEqual(TOKEN_INVALID);
    const short = await emulator.idToken({ provider: 'google', sub: 'g', email: 'x@example.com', expiresIn: 60 });
    emulator.clock.advance(61_000);
    expect(triple(await error(() => account28().createIdTokenSession({ provider: IdTokenProvider.Google, idToken: short })))).toEqual(TOKEN_INVALID);
    expect(await (await emulator.db()).users.count()).toBe(0);
  });

  it('is not a JWT for the JWT header, nor is a JWT an ID token', async () => {
    await signUp();
    const { jwt } = await account28().createJWT();
    expect(triple(await error(() => account28().createIdTokenSession({ provider: IdTokenProvider.Google, idToken: jwt })))).toEqual(TOKEN_INVALID);
  });
});

describe('consents', () => {
  it('lists no consents and no consent tokens; any id is a 404', async () => {
    const { account } = await signUp();
    expect(await account.listConsents()).toEqual({ total: 0, consents: [] });
    expect(await account.listConsentTokens({ consentId: 'c1' })).toEqual({ total: 0, tokens: [] });
    for (const call of [
      () => account.getConsent({ consentId: 'c1' }),
      () => account.deleteConsent({ consentId: 'c1' }),
      () => account.getConsentToken({ consentId: 'c1', tokenId: 't1' }),
      () => account.deleteConsentToken({ consentId: 'c1', tokenId: 't1' }),
    ]) expect(triple(await error(call))).toEqual(ROUTE_NOT_FOUND_19);
  });

  it('needs a session', async () => {
    expect(triple(await error(() => account28().listConsents()))).toEqual(guestScope('account'));
  });
});

describe('older formats', () => {
  const PATHS = [
    ['POST', '/account/recovery/otp', { email: 'ada@example.com' }],
    ['PUT', '/account/recovery/otp', { userId: 'ada', secret: '123456', password: NEW_PASSWORD }],
    ['POST', '/account/verifications/email/otp', {}],
    ['PUT', '/account/verifications/email/otp', { userId: 'ada', secret: '123456' }],
    ['POST', '/account/sessions/id-token', { provider: 'google', idToken: 'x' }],
    ['GET', '/account/consents', undefined],
    ['GET', '/account/consents/c1/tokens', undefined],
  ] as const;
  const triple = (r: { status: number; body: any }) => [r.status, r.body.type, r.body.message];

  it.each(PATHS)("answer SDK 26's format (1.9.5) with 1.9.6's 404: %s %s", async (method, path, body) => {
    const response = await raw(method, path, { body, headers: { 'x-appwrite-response-format': '1.9.5' } });
    expect(triple(response)).toEqual(ROUTE_NOT_FOUND_19);
  });

  it.each(PATHS)("answer SDK 13's format (1.4.0) with 1.4's 404: %s %s", async (method, path, body) => {
    expect(triple(await raw(method, path, { body }))).toEqual(ROUTE_NOT_FOUND_14);
  });

  it("serve SDK 27's format (2.0.0) and requests without a format", async () => {
    await signUp();
    expect((await raw('POST', '/account/recovery/otp', { body: { email: 'ada@example.com' }, headers: { 'x-appwrite-response-format': '2.0.0' } })).status).toBe(201);
    const response = await fetch(`${ENDPOINT}/account/recovery/otp`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-appwrite-project': PROJECT }, body: JSON.stringify({ email: 'ada@example.com' }),
    });
    expect(response.status).toBe(201);
  });
});
