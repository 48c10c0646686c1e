/**
 * MFA through SDK 14 (format 1.5.0): the old method spellings (`createMfaAuthenticator`, `listMfaFactors`, …), the
 * old challenge path `/account/mfa/challenge`, and `otp` on deleteMfaAuthenticator, which the server ignores
 * (Appwrite's V18 request filter drops it; 1.9 spec §1.1).
 */
import { Account, AuthenticationFactor, AuthenticatorType, Client, ID } from 'appwrite-14';
import { describe, expect, it } from 'vitest';
import { ENDPOINT, PROJECT, error, useEmulator } from '../helpers.js';
import { forgetSession, trackResponses } from './modern-sdk-helpers.js';
import { NOW, PASSWORD, iso, triple } from './session-helpers.js';
import { INVALID_TOKEN } from './sdk19-helpers.js';
import { CHALLENGE_REQUIRED, MORE_FACTORS } from './mfa-helpers.js';

const { emulator, server } = useEmulator();
const seen = trackResponses(server);

function client14() {
  const client = new Client().setEndpoint(ENDPOINT).setProject(PROJECT);
  return new Account(client);
}

async function signUp14() {
  forgetSession();
  const account = client14();
  const user = await account.create(ID.unique(), 'ada@example.com', PASSWORD, 'Ada');
  await account.createEmailPasswordSession('ada@example.com', PASSWORD);
  return { account, userId: user.$id };
}

describe('MFA through SDK 14 (old spellings and paths)', () => {
  it('createMfaAuthenticator / updateMfaAuthenticator / listMfaFactors: the same routes; MfaFactors carries recoveryCode too', async () => {
    const { account, userId } = await signUp14();
    const type = await account.createMfaAuthenticator(AuthenticatorType.Totp);
    expect(Object.keys(type)).toEqual(['secret', 'uri']);
    const user = await account.updateMfaAuthenticator(AuthenticatorType.Totp, await emulator.mfa.totpCode(userId));
    expect(user).toMatchObject({ $id: userId, mfa: false });
    // Format 1.5.0 is before 1.9.0: the User comes without the impersonation keys.
    expect(user).not.toHaveProperty('impersonator');
    expect(await account.listMfaFactors()).toEqual({ totp: true, phone: false, email: false, recoveryCode: false });
  });

  it('createMfaChallenge / updateMfaChallenge call /account/mfa/challenge and complete sign-in', async () => {
    const first = await signUp14();
    await first.account.createMfaAuthenticator(AuthenticatorType.Totp);
    await first.account.updateMfaAuthenticator(AuthenticatorType.Totp, await emulator.mfa.totpCode(first.userId));
    await first.account.updateMFA(true);
    await first.account.deleteSession('current');
    const account = client14();
    await account.createEmailPasswordSession('ada@example.com', PASSWORD);
    expect(triple(await error(() => account.get()))).toEqual(MORE_FACTORS);
    const challenge = await account.createMfaChallenge(AuthenticationFactor.Totp);
    expect(seen.at(-1)).toMatchObject({ url: `${ENDPOINT}/account/mfa/challenge`, status: 201 });
    expect(challenge).toEqual({ $id: expect.any(String), $createdAt: iso(NOW), userId: first.userId, expire: iso(NOW + 3600_000) });
    expect(triple(await error(() => account.updateMfaChallenge(challenge.$id, '000000')))).toEqual(INVALID_TOKEN);
    const session = await account.updateMfaChallenge(challenge.$id, await emulator.mfa.totpCode(first.userId)) as { factors: string[] };
    expect(seen.at(-1)).toMatchObject({ url: `${ENDPOINT}/account/mfa/challenge`, status: 200 });
    expect(session.factors).toEqual(['password', 'totp']);
    expect((await account.get()).$id).toBe(first.userId);
  });

  it('deleteMfaAuthenticator(type, otp): the otp is ignored (even a wrong one); the recent-challenge rule applies', async () => {
    const { account, userId } = await signUp14();
    await account.createMfaAuthenticator(AuthenticatorType.Totp);
    await account.updateMfaAuthenticator(AuthenticatorType.Totp, await emulator.mfa.totpCode(userId));
    const code = await emulator.mfa.totpCode(userId);
    expect(triple(await error(() => account.deleteMfaAuthenticator(AuthenticatorType.Totp, code)))).toEqual(CHALLENGE_REQUIRED);
    const challenge = await account.createMfaChallenge(AuthenticationFactor.Totp);
    await account.updateMfaChallenge(challenge.$id, await emulator.mfa.totpCode(userId));
    await account.deleteMfaAuthenticator(AuthenticatorType.Totp, 'not-a-code');
    expect(seen.at(-1)).toMatchObject({ url: `${ENDPOINT}/account/mfa/authenticators/totp`, status: 204 });
    expect(await emulator.mfa.authenticators()).toEqual([]);
  });

  it('createMfaRecoveryCodes / getMfaRecoveryCodes / updateMfaRecoveryCodes', async () => {
    const { account, userId } = await signUp14();
    const { recoveryCodes } = await account.createMfaRecoveryCodes();
    expect(recoveryCodes).toHaveLength(6);
    expect(triple(await error(() => account.getMfaRecoveryCodes()))).toEqual(CHALLENGE_REQUIRED);
    const challenge = await account.createMfaChallenge('recoveryCode' as AuthenticationFactor);
    await account.updateMfaChallenge(challenge.$id, recoveryCodes[5]!);
    expect((await account.getMfaRecoveryCodes()).recoveryCodes).toEqual(recoveryCodes.slice(0, 5));
    expect((await account.updateMfaRecoveryCodes()).recoveryCodes).toEqual(await emulator.mfa.recoveryCodes(userId));
  });
});
