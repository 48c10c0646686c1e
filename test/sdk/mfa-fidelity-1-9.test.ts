/**
 * 1.9.6 details of the MFA routes, through the real SDKs 26 and 28 (the audit log through SDK 26, as SDK 28 has no
 * listLogs): the factor order of updateMFA, which routes write an audit entry, the authenticator `type` in another
 * case, and the in-memory session updateMFAChallenge answers.
 */
import { Account as Account26, Client as Client26 } from 'appwrite-26';
import { describe, expect, it } from 'vitest';
import { ENDPOINT, PROJECT, error, useEmulator } from '../helpers.js';
import { AUTHENTICATOR_NOT_FOUND, TOTP, addAuthenticator, factor, passTotp, verify } from './mfa-helpers.js';
import { MODERN_SDKS, signUp19, trackResponses } from './modern-sdk-helpers.js';
import { NOW, SECOND, iso, triple } from './session-helpers.js';
import { expectSession19 } from './sdk19-helpers.js';

const { emulator, server } = useEmulator();
const seen = trackResponses(server);

/** The signed-in user's audit entries, newest first, through SDK 26 (the page's stored session). */
async function logEvents(): Promise<string[]> {
  const account = new Account26(new Client26().setEndpoint(ENDPOINT).setProject(PROJECT));
  return (await account.listLogs()).logs.map((l) => l.event);
}

/** Runs `step` and returns the audit entries it added, newest first. */
async function entriesOf(step: () => Promise<unknown>): Promise<string[]> {
  const before = (await logEvents()).length;
  await step();
  const after = await logEvents();
  return after.slice(0, after.length - before);
}

describe.each(MODERN_SDKS)('MFA fidelity (1.9.6) through %s', (_, sdk) => {
  it('updateMFA({mfa: true}) appends the verified factors as totp, email, phone (MFA/Update.php:80-89)', async () => {
    const { account, userId } = await signUp19(sdk);
    await verify(emulator, userId, { email: true, phone: '+14155550100' });
    await addAuthenticator(emulator, account, userId);
    expect((await account.getSession({ sessionId: 'current' })).factors).toEqual(['password', 'totp']);
    expect((await account.updateMFA({ mfa: true })).mfa).toBe(true);
    expect((await account.getSession({ sessionId: 'current' })).factors).toEqual(['password', 'totp', 'email', 'phone']);
    // The factors model keeps its own key order (phone before email).
    expect(Object.keys(await account.listMFAFactors())).toEqual(['totp', 'phone', 'email', 'recoveryCode']);
  });

  it('writes no audit entry where 1.9.6\'s label stays unresolved (MFAType, MFARecoveryCodes have no $id)', async () => {
    const { account, userId } = await signUp19(sdk);
    expect(await logEvents()).toEqual(['session.create', 'user.create']);
    expect(await entriesOf(() => account.createMFAAuthenticator({ type: TOTP }))).toEqual([]);
    expect(await entriesOf(async () => account.updateMFAAuthenticator({ type: TOTP, otp: await emulator.mfa.totpCode(userId) })))
      .toEqual(['user.update']);
    expect(await entriesOf(() => account.createMFARecoveryCodes())).toEqual([]);
    expect(await entriesOf(() => account.updateMFA({ mfa: true }))).toEqual(['user.update']);
    expect(await entriesOf(() => passTotp(emulator, account, userId))).toEqual(['challenges.update', 'challenge.create']);
    expect(await entriesOf(() => account.updateMFARecoveryCodes())).toEqual([]);
    expect(await entriesOf(() => account.deleteMFAAuthenticator({ type: TOTP }))).toEqual(['user.update']);
    expect(await logEvents()).toEqual(['user.update', 'challenges.update', 'challenge.create', 'user.update', 'user.update', 'session.create', 'user.create']);
  });

  it('type TOTP passes the case-insensitive list, then POST answers 400 Unknown type. and stores nothing', async () => {
    const { account } = await signUp19(sdk);
    for (const spelling of ['TOTP', 'Totp']) {
      expect(triple(await error(() => account.createMFAAuthenticator({ type: spelling as never }))))
        .toEqual([400, 'general_argument_invalid', 'Unknown type.']);
      expect(seen.at(-1)).toMatchObject({ url: `${ENDPOINT}/account/mfa/authenticators/${spelling}`, status: 400 });
    }
    expect(await emulator.mfa.authenticators()).toEqual([]);
    expect(await logEvents()).toEqual(['session.create', 'user.create']);
  });

  it('type TOTP finds no authenticator: PUT and DELETE answer 404, the authenticator is untouched', async () => {
    const { account, userId } = await signUp19(sdk);
    await account.createMFAAuthenticator({ type: TOTP });
    const otp = await emulator.mfa.totpCode(userId);
    expect(triple(await error(() => account.updateMFAAuthenticator({ type: 'TOTP' as never, otp })))).toEqual(AUTHENTICATOR_NOT_FOUND);
    expect(seen.at(-1)).toMatchObject({ url: `${ENDPOINT}/account/mfa/authenticators/TOTP`, status: 404 });
    expect(await emulator.mfa.authenticators()).toEqual([expect.objectContaining({ userId, verified: false })]);
    expect((await account.getSession({ sessionId: 'current' })).factors).toEqual(['password']);
    await account.updateMFAAuthenticator({ type: TOTP, otp });
    await passTotp(emulator, account, userId);
    expect(triple(await error(() => account.deleteMFAAuthenticator({ type: 'TOTP' as never })))).toEqual(AUTHENTICATOR_NOT_FOUND);
    expect(seen.at(-1)).toMatchObject({ url: `${ENDPOINT}/account/mfa/authenticators/TOTP`, status: 404 });
    expect(await emulator.mfa.authenticators()).toEqual([expect.objectContaining({ userId, verified: true })]);
    expect((await account.listMFAFactors()).totp).toBe(true);
  });

  it('updateMFAChallenge answers the session as loaded: mfaUpdatedAt in the database format, the old $updatedAt', async () => {
    const { account, userId, session } = await signUp19(sdk);
    await addAuthenticator(emulator, account, userId);
    emulator.clock.advance(5 * SECOND);
    const first = await passTotp(emulator, account, userId);
    expectSession19(first, {
      $id: session.$id, $createdAt: iso(NOW), $updatedAt: iso(NOW), factors: ['password', 'totp'],
      mfaUpdatedAt: '2026-01-15 10:00:05.000', current: false, countryName: '',
    });
    expectSession19(await account.getSession({ sessionId: 'current' }), {
      $id: session.$id, $updatedAt: iso(NOW + 5 * SECOND), factors: ['password', 'totp'], mfaUpdatedAt: iso(NOW + 5 * SECOND),
    });
    emulator.clock.advance(60 * SECOND);
    await verify(emulator, userId, { email: true });
    const challenge = await account.createMFAChallenge({ factor: factor('email') });
    const mail = (await emulator.inbox.latest({ kind: 'mfa-challenge' }))!;
    const second = await account.updateMFAChallenge({ challengeId: challenge.$id, otp: mail.secret });
    expect([second.$updatedAt, second.mfaUpdatedAt, second.factors]).toEqual([iso(NOW + 5 * SECOND), '2026-01-15 10:01:05.000', ['password', 'totp', 'email']]);
    expect(await account.getSession({ sessionId: 'current' })).toMatchObject({
      $updatedAt: iso(NOW + 65 * SECOND), mfaUpdatedAt: iso(NOW + 65 * SECOND), factors: ['password', 'totp', 'email'],
    });
    expect((await account.listSessions()).sessions[0]).toMatchObject({ $updatedAt: iso(NOW + 65 * SECOND), mfaUpdatedAt: iso(NOW + 65 * SECOND) });
  });
});
