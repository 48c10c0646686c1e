/**
 * MFA end to end through SDK 26 and 28 (1.9 spec §2 steps 5.7 and 10, §6.32-6.35): enable MFA, sign in, blocked by
 * user_more_factors_required everywhere outside the `mfa` group, complete each factor, then allowed; JWT rules.
 */
import { describe, expect, it } from 'vitest';
import { ENDPOINT, error, useEmulator } from '../helpers.js';
import { MODERN_SDKS, forgetSession, modernClient, signUp19, storedSessionValue, trackResponses } from './modern-sdk-helpers.js';
import { PASSWORD, RATE_LIMITED, SECOND, triple } from './session-helpers.js';
import { expectSession19, INVALID_TOKEN } from './sdk19-helpers.js';
import { MORE_FACTORS, TOTP, addAuthenticator, factor, mfaUserSignedIn, passTotp, verify } from './mfa-helpers.js';

const { emulator, server } = useEmulator();
const seen = trackResponses(server);

describe.each(MODERN_SDKS)('signing in with MFA through %s', (_, sdk) => {
  it('TOTP: password alone leaves the session blocked (401 user_more_factors_required); the TOTP challenge completes it', async () => {
    const { account, session, userId } = await mfaUserSignedIn(emulator, sdk);
    expect(session.factors).toEqual(['password']);
    expect(triple(await error(() => account.get()))).toEqual(MORE_FACTORS);
    // The `mfa` group answers: the factors and the challenge routes.
    expect(await account.listMFAFactors()).toEqual({ totp: true, phone: false, email: false, recoveryCode: false });
    const challenge = await account.createMFAChallenge({ factor: factor('totp') });
    expect(challenge.userId).toBe(userId);
    expect(triple(await error(() => account.updateMFAChallenge({ challengeId: challenge.$id, otp: '000000' })))).toEqual(INVALID_TOKEN);
    const done = await account.updateMFAChallenge({ challengeId: challenge.$id, otp: await emulator.mfa.totpCode(userId) });
    expect(seen.at(-1)).toMatchObject({ url: `${ENDPOINT}/account/mfa/challenges`, status: 200 });
    // mfaUpdatedAt in the database format: 1.9.6 answers its in-memory session (MFA/Challenges/Update.php:150-162).
    expectSession19(done, { $id: session.$id, factors: ['password', 'totp'], mfaUpdatedAt: '2026-01-15 10:00:00.000', current: false, countryName: '' });
    expect((await account.get()).$id).toBe(userId);
    expect((await account.getSession({ sessionId: 'current' })).current).toBe(true);
  });

  it('every route outside the mfa group is blocked until then, DELETE /account/sessions and createJWT included', async () => {
    const { account } = await mfaUserSignedIn(emulator, sdk);
    const blocked: Array<() => Promise<unknown>> = [
      () => account.get(), () => account.listSessions(), () => account.getSession({ sessionId: 'current' }),
      () => account.deleteSessions(), () => account.createJWT(), () => account.getPrefs(), () => account.updateName({ name: 'X' }),
      () => account.updateMFA({ mfa: false }), () => account.createMFAAuthenticator({ type: TOTP }),
      () => account.createMFARecoveryCodes(), () => account.getMFARecoveryCodes(), () => account.listIdentities(),
      () => account.createEmailVerification({ url: 'http://localhost/verify' }),
      () => account.createMagicURLToken({ userId: 'unique()', email: 'someone@example.com' }),
    ];
    for (const call of blocked) expect(triple(await error(call))).toEqual(MORE_FACTORS);
    expect(await emulator.inbox.list()).toEqual([]);
  });

  it('a session waiting for its second factor can still sign out (DELETE /account/sessions/current is in the mfa group)', async () => {
    const { account } = await mfaUserSignedIn(emulator, sdk);
    await account.deleteSession({ sessionId: 'current' });
    expect(seen.at(-1)).toMatchObject({ status: 204 });
  });

  it('e-mail: a user with MFA on and a verified e-mail completes sign-in with the mailed code', async () => {
    const first = await signUp19(sdk);
    await verify(emulator, first.userId, { email: true });
    await first.account.updateMFA({ mfa: true });
    await first.account.deleteSession({ sessionId: 'current' });
    const { account } = modernClient(sdk);
    await account.createEmailPasswordSession({ email: 'ada@example.com', password: PASSWORD });
    expect(triple(await error(() => account.get()))).toEqual(MORE_FACTORS);
    const wait = emulator.inbox.waitFor({ kind: 'mfa-challenge' });
    const challenge = await account.createMFAChallenge({ factor: factor('email') });
    const mail = await wait;
    expect(mail).toMatchObject({ channel: 'email', to: 'ada@example.com' });
    expect((await account.updateMFAChallenge({ challengeId: challenge.$id, otp: mail.secret })).factors).toEqual(['password', 'email']);
    expect((await account.get()).emailVerification).toBe(true);
  });

  it('phone: a verified phone counts as a factor; the texted code completes sign-in', async () => {
    const first = await signUp19(sdk);
    await verify(emulator, first.userId, { phone: '+14155550100' });
    await first.account.updateMFA({ mfa: true });
    await first.account.deleteSession({ sessionId: 'current' });
    const { account } = modernClient(sdk);
    await account.createEmailPasswordSession({ email: 'ada@example.com', password: PASSWORD });
    expect(triple(await error(() => account.get()))).toEqual(MORE_FACTORS);
    const challenge = await account.createMFAChallenge({ factor: factor('phone') });
    const sms = (await emulator.inbox.latest({ channel: 'sms', kind: 'mfa-challenge' }))!;
    expect(sms.text).toBe(sms.secret);
    await account.updateMFAChallenge({ challengeId: challenge.$id, otp: sms.secret });
    expect((await account.get()).phone).toBe('+14155550100');
  });

  it('recovery code: completes sign-in once per code (the code is used up), with the authenticator lost', async () => {
    const first = await signUp19(sdk);
    await addAuthenticator(emulator, first.account, first.userId);
    const { recoveryCodes } = await first.account.createMFARecoveryCodes();
    await first.account.updateMFA({ mfa: true });
    await first.account.deleteSession({ sessionId: 'current' });

    const { account } = modernClient(sdk);
    await account.createEmailPasswordSession({ email: 'ada@example.com', password: PASSWORD });
    const challenge = await account.createMFAChallenge({ factor: factor('recoveryCode') });
    const done = await account.updateMFAChallenge({ challengeId: challenge.$id, otp: recoveryCodes[0]! });
    expect(done.factors).toEqual(['password', 'recoveryCode']);
    expect((await account.get()).$id).toBe(first.userId);
    expect(await emulator.mfa.recoveryCodes(first.userId)).toEqual(recoveryCodes.slice(1));
    // The challenge was recent: the lost authenticator can be removed and the codes read again.
    await account.deleteMFAAuthenticator({ type: TOTP });
    expect((await account.getMFARecoveryCodes()).recoveryCodes).toEqual(recoveryCodes.slice(1));

    // The used code does not work a second time, on a new sign-in.
    await account.deleteSession({ sessionId: 'current' });
    const again = modernClient(sdk);
    await again.account.createEmailPasswordSession({ email: 'ada@example.com', password: PASSWORD });
    // No verified factor is left but the recovery codes, which do not count: one factor is enough now.
    expect((await again.account.get()).$id).toBe(first.userId);
  });

  it('updateMFA(true) keeps the caller signed in (its session gains the verified factors); other sessions need a second factor', async () => {
    const { userId, session } = await signUp19(sdk);
    const a = modernClient(sdk);
    await addAuthenticator(emulator, a.account, userId);
    const sessionA = storedSessionValue();
    forgetSession();
    const b = modernClient(sdk);
    await b.account.createEmailPasswordSession({ email: 'ada@example.com', password: PASSWORD });
    // Session A (X-Appwrite-Session wins over the stored fallback, which is now B's) turns MFA on.
    a.client.setSession(sessionA);
    expect((await a.account.updateMFA({ mfa: true })).mfa).toBe(true);
    expect((await a.account.getSession({ sessionId: 'current' })).$id).toBe(session.$id);
    expect((await a.account.get()).$id).toBe(userId);
    expect(triple(await error(() => b.account.get()))).toEqual(MORE_FACTORS);
  });

  it('a user with MFA on but no verified factor needs one factor only', async () => {
    const first = await signUp19(sdk);
    await first.account.updateMFA({ mfa: true });
    await first.account.deleteSession({ sessionId: 'current' });
    const { account } = modernClient(sdk);
    await account.createEmailPasswordSession({ email: 'ada@example.com', password: PASSWORD });
    expect((await account.get()).mfa).toBe(true);
  });

  it('an unverified authenticator does not count as a factor for sign-in', async () => {
    const first = await signUp19(sdk);
    await first.account.createMFAAuthenticator({ type: TOTP });
    await first.account.updateMFA({ mfa: true });
    await first.account.deleteSession({ sessionId: 'current' });
    const { account } = modernClient(sdk);
    await account.createEmailPasswordSession({ email: 'ada@example.com', password: PASSWORD });
    expect((await account.get()).mfa).toBe(true);
  });
});

describe.each(MODERN_SDKS)('JWTs and MFA through %s', (_, sdk) => {
  it('a one-factor session cannot create a JWT; a completed one can, and a JWT-only request is never checked', async () => {
    const { account, userId } = await mfaUserSignedIn(emulator, sdk);
    expect(triple(await error(() => account.createJWT()))).toEqual(MORE_FACTORS);
    await passTotp(emulator, account, userId);
    const { jwt } = await account.createJWT();
    forgetSession();
    const viaJwt = modernClient(sdk);
    viaJwt.client.setJWT(jwt);
    expect((await viaJwt.account.get()).$id).toBe(userId);
  });

  it('a JWT made before MFA was turned on keeps working while its own session is blocked (no session, no check)', async () => {
    const { account, userId } = await signUp19(sdk);
    await verify(emulator, userId, { email: true });
    const { jwt } = await account.createJWT();
    // MFA turned on elsewhere (another device): this session has one factor and the user now needs two.
    const db = await emulator.db();
    await db.users.update(userId, { mfa: true });
    expect(triple(await error(() => account.get()))).toEqual(MORE_FACTORS);
    forgetSession();
    const viaJwt = modernClient(sdk);
    viaJwt.client.setJWT(jwt);
    expect((await viaJwt.account.get()).mfa).toBe(true);
  });
});

describe('rate limits of the challenge routes (10 per hour)', () => {
  const [, sdk] = MODERN_SDKS[1]!;

  it('POST: 10 per user an hour, /challenge (an alias in 1.9.6) sharing the counter of /challenges', async () => {
    const { account, client } = await signUp19(sdk);
    for (let i = 0; i < 10; i++) await account.createMFAChallenge({ factor: factor('totp') });
    expect(triple(await error(() => account.createMFAChallenge({ factor: factor('totp') })))).toEqual(RATE_LIMITED);
    // The old path (SDK 14 to 21.4) is an alias: `{url}` names the main path, so it is limited too.
    const old = () => fetch(`${ENDPOINT}/account/mfa/challenge`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-appwrite-project': client.config.project, 'x-fallback-cookies': localStorage.getItem('cookieFallback')! },
      body: JSON.stringify({ factor: 'totp' }),
    });
    expect((await old()).status).toBe(429);
    emulator.clock.advance(3600 * SECOND);
    expect((await old()).status).toBe(201);
    await account.createMFAChallenge({ factor: factor('totp') });
  });

  it('PUT: 10 attempts per challenge id an hour, then 429 even with the right code', async () => {
    const { account, userId } = await signUp19(sdk);
    await account.createMFAAuthenticator({ type: TOTP });
    const challenge = await account.createMFAChallenge({ factor: factor('totp') });
    for (let i = 0; i < 10; i++) {
      expect(triple(await error(() => account.updateMFAChallenge({ challengeId: challenge.$id, otp: 'wrong' })))).toEqual(INVALID_TOKEN);
    }
    const otp = await emulator.mfa.totpCode(userId);
    expect(triple(await error(() => account.updateMFAChallenge({ challengeId: challenge.$id, otp })))).toEqual(RATE_LIMITED);
  });
});

describe.each(MODERN_SDKS)('the second-factor rule on every route through %s', (_, sdk) => {
  it('also holds for client.ping() and for unknown paths (the wildcard route runs the checks before its 404)', async () => {
    const { client } = await mfaUserSignedIn(emulator, sdk);
    expect(triple(await error(() => client.ping()))).toEqual(MORE_FACTORS);
    const response = await fetch(`${ENDPOINT}/account/nothing-here`, {
      headers: { 'x-appwrite-project': client.config.project, 'x-appwrite-response-format': '1.9.5', 'x-fallback-cookies': localStorage.getItem('cookieFallback')! },
    });
    expect(triple(await response.json())).toEqual(MORE_FACTORS);
  });

  it('PATCH /account/mfa parses X-Appwrite-Timestamp (400 for a bad one) and compares nothing', async () => {
    await signUp19(sdk);
    const send = (timestamp: string) => fetch(`${ENDPOINT}/account/mfa`, {
      method: 'PATCH',
      headers: {
        'content-type': 'application/json', 'x-appwrite-project': 'test-project', 'x-appwrite-response-format': '1.9.5',
        'x-fallback-cookies': localStorage.getItem('cookieFallback')!, 'x-appwrite-timestamp': timestamp,
      },
      body: JSON.stringify({ mfa: true }),
    });
    expect(triple(await (await send('not a date')).json())).toEqual([400, 'general_argument_invalid', 'Invalid X-Appwrite-Timestamp header value']);
    expect((await send('2000-01-01T00:00:00Z')).status).toBe(200);
  });

  it('JWT-only calls: the recent-challenge routes answer 401 user_challenge_required, updateMFAChallenge 404 (no session)', async () => {
    const { account, userId } = await signUp19(sdk);
    await addAuthenticator(emulator, account, userId);
    await passTotp(emulator, account, userId);
    const { jwt } = await account.createJWT();
    forgetSession();
    const viaJwt = modernClient(sdk);
    viaJwt.client.setJWT(jwt);
    expect(triple(await error(() => viaJwt.account.deleteMFAAuthenticator({ type: TOTP })))).toEqual([401, 'user_challenge_required', expect.any(String)]);
    const challenge = await viaJwt.account.createMFAChallenge({ factor: factor('totp') });
    expect(triple(await error(async () => viaJwt.account.updateMFAChallenge({ challengeId: challenge.$id, otp: await emulator.mfa.totpCode(userId) }))))
      .toEqual([404, 'user_session_not_found', 'The current user session could not be found.']);
    expect((await viaJwt.account.updateMFA({ mfa: true })).mfa).toBe(true);
  });

  it('deleting the account takes its authenticator and challenges with it', async () => {
    const { account, userId } = await signUp19(sdk);
    await addAuthenticator(emulator, account, userId);
    await account.createMFAChallenge({ factor: factor('totp') });
    const raw = await fetch(`${ENDPOINT}/account`, {
      method: 'DELETE',
      headers: { 'x-appwrite-project': 'test-project', 'x-appwrite-response-format': '1.9.5', 'x-fallback-cookies': localStorage.getItem('cookieFallback')! },
    });
    expect(raw.status).toBe(204);
    expect(await emulator.mfa.authenticators()).toEqual([]);
    expect(await (await emulator.db()).challenges.count()).toBe(0);
  });
});
