/**
 * 1.9.6's MFA routes one by one (1.9 spec §6.30-6.34), through the real SDKs 26 and 28: every key of every model,
 * every error the spec lists, codes moving with the emulator's clock. Flows and enforcement: mfa-flows-1-9.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { ENDPOINT, error, raw, useEmulator } from '../helpers.js';
import { MODERN_SDKS, forgetSession, guestScope, modernClient, signUp19, trackResponses } from './modern-sdk-helpers.js';
import { NOW, SECOND, iso, triple } from './session-helpers.js';
import { expectAccount19, expectSession19, INVALID_TOKEN, invalidParam } from './sdk19-helpers.js';
import {
  ALREADY_VERIFIED, AUTHENTICATOR_NOT_FOUND, CHALLENGE_REQUIRED, CODES_EXIST, CODES_NOT_FOUND, MFA_CHALLENGE_KEYS,
  MFA_FACTORS_KEYS, ROUTE_NOT_FOUND_19, TOTP, addAuthenticator, expectMfaType, factor, passTotp, uriFor, verify,
} from './mfa-helpers.js';

const { emulator, server } = useEmulator();
const seen = trackResponses(server);

describe.each(MODERN_SDKS)('TOTP authenticators through %s', (_, sdk) => {
  it('createMFAAuthenticator answers 200 MFAType {secret, uri}: a 103-char base32 secret and otphp\'s URI (issuer = project, label = e-mail)', async () => {
    const { account } = await signUp19(sdk);
    const type = await account.createMFAAuthenticator({ type: TOTP });
    expect(seen.at(-1)).toMatchObject({ url: `${ENDPOINT}/account/mfa/authenticators/totp`, status: 200 });
    expectMfaType(type);
    expect(type.uri).toBe(uriFor('ada@example.com', type.secret));
  });

  it('a second create replaces the unverified authenticator (new secret); once verified it is 409', async () => {
    const { account, userId } = await signUp19(sdk);
    const first = await account.createMFAAuthenticator({ type: TOTP });
    const second = await account.createMFAAuthenticator({ type: TOTP });
    expect(second.secret).not.toBe(first.secret);
    expect(await emulator.mfa.authenticators()).toHaveLength(1);
    await account.updateMFAAuthenticator({ type: TOTP, otp: await emulator.mfa.totpCode(userId) });
    expect(triple(await error(() => account.createMFAAuthenticator({ type: TOTP })))).toEqual(ALREADY_VERIFIED);
  });

  it('updateMFAAuthenticator verifies with the current code: 200 Account, and the session gains the totp factor', async () => {
    const { account, userId, session } = await signUp19(sdk);
    await account.createMFAAuthenticator({ type: TOTP });
    const user = await account.updateMFAAuthenticator({ type: TOTP, otp: await emulator.mfa.totpCode(userId) });
    expectAccount19(user, { $id: userId, mfa: false });
    const current = await account.getSession({ sessionId: 'current' });
    expectSession19(current, { $id: session.$id, factors: ['password', 'totp'], mfaUpdatedAt: '' });
    expect((await account.listMFAFactors()).totp).toBe(true);
    expect(await emulator.mfa.authenticators()).toEqual([expect.objectContaining({ userId, verified: true })]);
  });

  it('accepts only the current 30-second step: the previous code is refused after clock.advance(30 s), no window', async () => {
    const { account, userId } = await signUp19(sdk);
    await account.createMFAAuthenticator({ type: TOTP });
    const code = await emulator.mfa.totpCode(userId);
    emulator.clock.advance(30 * SECOND);
    const next = await emulator.mfa.totpCode(userId);
    expect(next).not.toBe(code);
    expect(triple(await error(() => account.updateMFAAuthenticator({ type: TOTP, otp: code })))).toEqual(INVALID_TOKEN);
    expect(triple(await error(() => account.updateMFAAuthenticator({ type: TOTP, otp: '000000' === next ? '111111' : '000000' })))).toEqual(INVALID_TOKEN);
    await account.updateMFAAuthenticator({ type: TOTP, otp: next });
  });

  it('updateMFAAuthenticator: 404 without an authenticator, 409 once verified', async () => {
    const { account, userId } = await signUp19(sdk);
    expect(triple(await error(() => account.updateMFAAuthenticator({ type: TOTP, otp: '123456' })))).toEqual(AUTHENTICATOR_NOT_FOUND);
    await addAuthenticator(emulator, account, userId);
    expect(triple(await error(() => account.updateMFAAuthenticator({ type: TOTP, otp: '123456' })))).toEqual(ALREADY_VERIFIED);
  });

  it('deleteMFAAuthenticator needs a recent challenge (401), then answers 204; the session keeps its factors; again 404', async () => {
    const { account, userId } = await signUp19(sdk);
    await addAuthenticator(emulator, account, userId);
    expect(triple(await error(() => account.deleteMFAAuthenticator({ type: TOTP })))).toEqual(CHALLENGE_REQUIRED);
    const passed = await passTotp(emulator, account, userId);
    // 1.9.6 answers its in-memory session: mfaUpdatedAt in the database format (MFA/Challenges/Update.php:150-162).
    expect(passed.mfaUpdatedAt).toBe('2026-01-15 10:00:00.000');
    await account.deleteMFAAuthenticator({ type: TOTP });
    expect(seen.at(-1)).toMatchObject({ status: 204 });
    expect(await account.listMFAFactors()).toMatchObject({ totp: false });
    expect((await account.getSession({ sessionId: 'current' })).factors).toEqual(['password', 'totp']);
    expect(triple(await error(() => account.deleteMFAAuthenticator({ type: TOTP })))).toEqual(AUTHENTICATOR_NOT_FOUND);
  });

  it('a challenge is recent for 30 minutes (the message says 5): at 1800 s still, a millisecond later 401', async () => {
    const { account, userId } = await signUp19(sdk);
    await addAuthenticator(emulator, account, userId);
    await passTotp(emulator, account, userId);
    emulator.clock.advance(1800 * SECOND + 1);
    expect(triple(await error(() => account.deleteMFAAuthenticator({ type: TOTP })))).toEqual(CHALLENGE_REQUIRED);
    await passTotp(emulator, account, userId);
    emulator.clock.advance(1800 * SECOND);
    await account.deleteMFAAuthenticator({ type: TOTP });
  });

  it('a user without e-mail (the TOTP label) gets 500 general_server_error, as otphp throws on the server; nothing is stored', async () => {
    forgetSession();
    const { account } = modernClient(sdk);
    await account.createAnonymousSession();
    // Every 500 reads `Server Error` (1.9 spec §3.1).
    expect(triple(await error(() => account.createMFAAuthenticator({ type: TOTP })))).toEqual([500, 'general_server_error', 'Server Error']);
    expect(await emulator.mfa.authenticators()).toEqual([]);
  });

  it('refuses another type: 400 Value must be one of (totp), for each method', async () => {
    const { account } = await signUp19(sdk);
    const bad = invalidParam('type', 'Value must be one of (totp)');
    expect(triple(await error(() => account.createMFAAuthenticator({ type: 'hotp' as never })))).toEqual(bad);
    expect(triple(await error(() => account.updateMFAAuthenticator({ type: 'hotp' as never, otp: '1' })))).toEqual(bad);
    // updateMFAAuthenticator's otp is Text(256).
    expect(triple(await error(() => account.updateMFAAuthenticator({ type: TOTP, otp: 'x'.repeat(257) }))))
      .toEqual(invalidParam('otp', 'Value must be a valid string and at least 1 chars and no longer than 256 chars'));
  });
});

describe.each(MODERN_SDKS)('recovery codes through %s', (_, sdk) => {
  it('createMFARecoveryCodes answers 201 with six 10-hex codes, once: then 409', async () => {
    const { account, userId } = await signUp19(sdk);
    const { recoveryCodes } = await account.createMFARecoveryCodes();
    expect(seen.at(-1)).toMatchObject({ url: `${ENDPOINT}/account/mfa/recovery-codes`, status: 201 });
    expect(recoveryCodes).toHaveLength(6);
    for (const code of recoveryCodes) expect(code).toMatch(/^[0-9a-f]{10}$/);
    expect(new Set(recoveryCodes).size).toBe(6);
    expect(await emulator.mfa.recoveryCodes(userId)).toEqual(recoveryCodes);
    expect(await emulator.mfa.recoveryCodes('ADA@example.com')).toEqual(recoveryCodes);
    expect(triple(await error(() => account.createMFARecoveryCodes()))).toEqual(CODES_EXIST);
  });

  it('getMFARecoveryCodes and updateMFARecoveryCodes need a recent challenge; then they read and regenerate', async () => {
    const { account, userId } = await signUp19(sdk);
    const { recoveryCodes } = await account.createMFARecoveryCodes();
    expect(triple(await error(() => account.getMFARecoveryCodes()))).toEqual(CHALLENGE_REQUIRED);
    expect(triple(await error(() => account.updateMFARecoveryCodes()))).toEqual(CHALLENGE_REQUIRED);
    await addAuthenticator(emulator, account, userId);
    await passTotp(emulator, account, userId);
    expect(await account.getMFARecoveryCodes()).toEqual({ recoveryCodes });
    const renewed = await account.updateMFARecoveryCodes();
    expect(seen.at(-1)).toMatchObject({ status: 200 });
    expect(renewed.recoveryCodes).toHaveLength(6);
    expect(renewed.recoveryCodes).not.toEqual(recoveryCodes);
    expect(await account.getMFARecoveryCodes()).toEqual(renewed);
  });

  it('get and update answer 404 when the user has no codes (after a recent challenge)', async () => {
    const { account, userId } = await signUp19(sdk);
    await addAuthenticator(emulator, account, userId);
    await passTotp(emulator, account, userId);
    expect(triple(await error(() => account.getMFARecoveryCodes()))).toEqual(CODES_NOT_FOUND);
    expect(triple(await error(() => account.updateMFARecoveryCodes()))).toEqual(CODES_NOT_FOUND);
  });
});

describe.each(MODERN_SDKS)('updateMFA and listMFAFactors through %s', (_, sdk) => {
  it('listMFAFactors answers MFAFactors {totp, phone, email, recoveryCode}, each as the user has it', async () => {
    const { account, userId } = await signUp19(sdk);
    const none = await account.listMFAFactors();
    expect(Object.keys(none)).toEqual(MFA_FACTORS_KEYS);
    expect(none).toEqual({ totp: false, phone: false, email: false, recoveryCode: false });
    await addAuthenticator(emulator, account, userId);
    await account.createMFARecoveryCodes();
    await verify(emulator, userId, { email: true, phone: '+14155550100' });
    expect(await account.listMFAFactors()).toEqual({ totp: true, phone: true, email: true, recoveryCode: true });
  });

  it('updateMFA({mfa: true}) answers 200 Account with mfa true and gives the current session every verified factor', async () => {
    const { account, userId, session } = await signUp19(sdk);
    await verify(emulator, userId, { email: true });
    const user = await account.updateMFA({ mfa: true });
    expectAccount19(user, { $id: userId, mfa: true, emailVerification: true });
    // Still fully signed in: password + email (no authenticator yet).
    expectSession19(await account.getSession({ sessionId: 'current' }), { $id: session.$id, factors: ['password', 'email'] });
    expect((await account.updateMFA({ mfa: false })).mfa).toBe(false);
    expect((await account.get()).mfa).toBe(false);
  });

  it('updateMFA refuses a non-boolean (strict) and a missing mfa', async () => {
    await signUp19(sdk);
    const { account } = modernClient(sdk);
    expect(triple(await error(() => account.updateMFA({ mfa: 'true' as never })))).toEqual(invalidParam('mfa', 'Value must be a valid boolean'));
    const missing = await raw('PATCH', '/account/mfa', { body: {}, headers: { 'x-appwrite-response-format': '1.9.5' }, session: localStorage.getItem('cookieFallback') });
    expect(triple(missing.body)).toEqual([400, 'general_argument_invalid', 'Param "mfa" is not optional.']);
  });
});

describe.each(MODERN_SDKS)('createMFAChallenge through %s', (_, sdk) => {
  it('totp: 201 MFAChallenge {$id, $createdAt, userId, expire = now + 1 h}; nothing is sent', async () => {
    const { account, userId } = await signUp19(sdk);
    const challenge = await account.createMFAChallenge({ factor: factor('totp') });
    expect(seen.at(-1)).toMatchObject({ url: `${ENDPOINT}/account/mfa/challenges`, status: 201 });
    expect(Object.keys(challenge)).toEqual(MFA_CHALLENGE_KEYS);
    expect(challenge).toEqual({ $id: expect.stringMatching(/^[0-9a-f]{20}$/), $createdAt: iso(NOW), userId, expire: iso(NOW + 3600 * SECOND) });
    expect(await emulator.inbox.list()).toEqual([]);
  });

  it('email: mails the 6-digit code (kind mfa-challenge, 1.9.6\'s texts); completing it adds email and sets mfaUpdatedAt', async () => {
    const { account, userId } = await signUp19(sdk);
    await verify(emulator, userId, { email: true });
    const challenge = await account.createMFAChallenge({ factor: factor('email') });
    const mail = (await emulator.inbox.latest({ kind: 'mfa-challenge' }))!;
    expect(mail).toMatchObject({ channel: 'email', kind: 'mfa-challenge', to: 'ada@example.com', userId, subject: 'Verification Code for test-project' });
    expect(mail.secret).toMatch(/^\d{6}$/);
    expect(mail.text).toContain('Complete two-step verification to use test-project');
    expect(mail.text).toContain('Hello Ada,');
    expect(mail.text).toContain('Enter the following code to confirm your two-step verification in test-project. This code will expire in 15 minutes.');
    expect(mail.text).toContain(mail.secret);
    expect(mail.text).toContain("If you didn't request the verification code, you can safely ignore this email.");
    expect(mail.html).toContain('<strong>test-project</strong>');
    emulator.clock.advance(5 * SECOND);
    const session = await account.updateMFAChallenge({ challengeId: challenge.$id, otp: mail.secret });
    // The answer is 1.9.6's in-memory session (MFA/Challenges/Update.php:150-162): mfaUpdatedAt in the database
    // format, $updatedAt from before; the stored session reads ISO, updated now.
    expectSession19(session, { factors: ['password', 'email'], mfaUpdatedAt: '2026-01-15 10:00:05.000', current: false, countryName: '' });
    expect(session.$updatedAt).toBe(iso(NOW));
    expect(await account.getSession({ sessionId: 'current' })).toMatchObject({ $updatedAt: iso(NOW + 5 * SECOND), mfaUpdatedAt: iso(NOW + 5 * SECOND) });
  });

  it('email: 400 user_email_not_verified, and user_email_not_found for a user without e-mail; nothing stored', async () => {
    const { account } = await signUp19(sdk);
    expect(triple(await error(() => account.createMFAChallenge({ factor: factor('email') })))).toEqual([400, 'user_email_not_verified', 'User email is not verified']);
    forgetSession();
    const anonymous = modernClient(sdk);
    await anonymous.account.createAnonymousSession();
    expect(triple(await error(() => anonymous.account.createMFAChallenge({ factor: factor('email') })))).toEqual([400, 'user_email_not_found', 'User email could not be found.']);
    expect(await (await emulator.db()).challenges.count()).toBe(0);
    expect(await emulator.inbox.list()).toEqual([]);
  });

  it('phone: texts the bare code (channel sms); 400 user_phone_not_found and user_phone_not_verified before', async () => {
    const { account, userId } = await signUp19(sdk);
    expect(triple(await error(() => account.createMFAChallenge({ factor: factor('phone') }))))
      .toEqual([400, 'user_phone_not_found', 'The current user does not have a phone number associated with their account.']);
    await account.updatePhone({ phone: '+14155550100', password: 'password123' });
    expect(triple(await error(() => account.createMFAChallenge({ factor: factor('phone') })))).toEqual([400, 'user_phone_not_verified', 'User phone is not verified']);
    await verify(emulator, userId, { phone: '+14155550100' });
    const challenge = await account.createMFAChallenge({ factor: factor('phone') });
    const sms = (await emulator.inbox.latest({ kind: 'mfa-challenge' }))!;
    expect(sms).toEqual({ id: expect.any(String), channel: 'sms', kind: 'mfa-challenge', to: '+14155550100', text: sms.secret, userId, secret: expect.stringMatching(/^\d{6}$/), createdAt: iso(NOW) });
    const session = await account.updateMFAChallenge({ challengeId: challenge.$id, otp: sms.secret });
    expect(session.factors).toEqual(['password', 'phone']);
  });

  it('refuses an unknown factor; the list is case-insensitive and reads lower-cased, as utopia\'s non-strict WhiteList', async () => {
    const { account } = await signUp19(sdk);
    expect(triple(await error(() => account.createMFAChallenge({ factor: factor('sms') }))))
      .toEqual(invalidParam('factor', 'Value must be one of (email, phone, totp, recoverycode)'));
    expect((await account.createMFAChallenge({ factor: factor('TOTP') })).$id).toMatch(/^[0-9a-f]{20}$/);
  });

  it('guests get 401 missing scopes (["account"]); every MFA route alike', async () => {
    forgetSession();
    const { account } = modernClient(sdk);
    const guest = guestScope('account');
    expect(triple(await error(() => account.createMFAChallenge({ factor: factor('totp') })))).toEqual(guest);
    expect(triple(await error(() => account.listMFAFactors()))).toEqual(guest);
    expect(triple(await error(() => account.updateMFA({ mfa: true })))).toEqual(guest);
    expect(triple(await error(() => account.createMFAAuthenticator({ type: TOTP })))).toEqual(guest);
    expect(triple(await error(() => account.createMFARecoveryCodes()))).toEqual(guest);
  });
});

describe.each(MODERN_SDKS)('updateMFAChallenge through %s', (_, sdk) => {
  it('a challenge is single use: completing it again is 401 user_invalid_token', async () => {
    const { account, userId } = await signUp19(sdk);
    await account.createMFAAuthenticator({ type: TOTP });
    const challenge = await account.createMFAChallenge({ factor: factor('totp') });
    // An unverified authenticator's code completes a TOTP challenge too (Appwrite reads any authenticator).
    const otp = await emulator.mfa.totpCode(userId);
    expect((await account.updateMFAChallenge({ challengeId: challenge.$id, otp })).factors).toEqual(['password', 'totp']);
    expect(triple(await error(() => account.updateMFAChallenge({ challengeId: challenge.$id, otp })))).toEqual(INVALID_TOKEN);
  });

  it('does not check expiry, as 1.9.6: a challenge completes two hours on (with the code of that moment)', async () => {
    const { account, userId } = await signUp19(sdk);
    await account.createMFAAuthenticator({ type: TOTP });
    const challenge = await account.createMFAChallenge({ factor: factor('totp') });
    emulator.clock.advance(2 * 3600 * SECOND);
    const session = await account.updateMFAChallenge({ challengeId: challenge.$id, otp: await emulator.mfa.totpCode(userId) });
    expect(session.mfaUpdatedAt).toBe('2026-01-15 12:00:00.000');
  });

  it('401 for a wrong code, an unknown challenge, another user\'s challenge, and a TOTP challenge without an authenticator', async () => {
    const other = await signUp19(sdk, 'grace@example.com', 'Grace');
    await verify(emulator, other.userId, { email: true });
    const foreign = await other.account.createMFAChallenge({ factor: factor('email') });
    const { account } = await signUp19(sdk);
    const own = await account.createMFAChallenge({ factor: factor('totp') });
    const code = (await emulator.inbox.latest({ kind: 'mfa-challenge' }))!.secret;
    expect(triple(await error(() => account.updateMFAChallenge({ challengeId: foreign.$id, otp: code })))).toEqual(INVALID_TOKEN);
    expect(triple(await error(() => account.updateMFAChallenge({ challengeId: 'unknown', otp: code })))).toEqual(INVALID_TOKEN);
    expect(triple(await error(() => account.updateMFAChallenge({ challengeId: own.$id, otp: '123456' })))).toEqual(INVALID_TOKEN);
    expect(triple(await error(() => account.updateMFAChallenge({ challengeId: own.$id, otp: '' }))))
      .toEqual(invalidParam('otp', 'Value must be a valid string and at least 1 chars and no longer than 256 chars'));
  });

  it('recoveryCode: a code completes the challenge once and is used up', async () => {
    const { account, userId } = await signUp19(sdk);
    const { recoveryCodes } = await account.createMFARecoveryCodes();
    const first = await account.createMFAChallenge({ factor: factor('recoveryCode') });
    expect(await emulator.inbox.list()).toEqual([]);
    const session = await account.updateMFAChallenge({ challengeId: first.$id, otp: recoveryCodes[2]! });
    expect(session.factors).toEqual(['password', 'recoveryCode']);
    expect(await emulator.mfa.recoveryCodes(userId)).toEqual(recoveryCodes.filter((_, i) => i !== 2));
    const second = await account.createMFAChallenge({ factor: factor('recoveryCode') });
    expect(triple(await error(() => account.updateMFAChallenge({ challengeId: second.$id, otp: recoveryCodes[2]! })))).toEqual(INVALID_TOKEN);
    await account.updateMFAChallenge({ challengeId: second.$id, otp: recoveryCodes[0]! });
    expect(await account.getMFARecoveryCodes()).toEqual({ recoveryCodes: [recoveryCodes[1], ...recoveryCodes.slice(3)] });
  });

  it('the SDK enum spelling `recoverycode` is accepted by the list but can never be completed (as on 1.9.6)', async () => {
    const { account } = await signUp19(sdk);
    const { recoveryCodes } = await account.createMFARecoveryCodes();
    const challenge = await account.createMFAChallenge({ factor: factor('recoverycode') });
    expect(triple(await error(() => account.updateMFAChallenge({ challengeId: challenge.$id, otp: recoveryCodes[0]! })))).toEqual(INVALID_TOKEN);
  });
});

describe('MFA routes under Appwrite 1.4 (SDK 13\'s format)', () => {
  it.each([
    ['PATCH', '/account/mfa'], ['GET', '/account/mfa/factors'], ['POST', '/account/mfa/authenticators/totp'],
    ['PUT', '/account/mfa/authenticators/totp'], ['DELETE', '/account/mfa/authenticators/totp'],
    ['POST', '/account/mfa/recovery-codes'], ['GET', '/account/mfa/recovery-codes'], ['PATCH', '/account/mfa/recovery-codes'],
    ['POST', '/account/mfa/challenge'], ['PUT', '/account/mfa/challenge'], ['POST', '/account/mfa/challenges'],
  ])('%s %s is 404 general_route_not_found in 1.4\'s words', async (method, path) => {
    const response = await raw(method, path, { body: method === 'GET' ? undefined : {} });
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ message: 'The requested route was not found. Please refer to the API docs and try again.', code: 404, type: 'general_route_not_found', version: '1.4.13' });
  });

  it('an unknown path under /account/mfa is 404 in 1.9.6\'s words for SDK 26', async () => {
    const response = await raw('GET', '/account/mfa/nothing', { headers: { 'x-appwrite-response-format': '1.9.5' } });
    expect(triple(response.body)).toEqual(ROUTE_NOT_FOUND_19);
  });
});
