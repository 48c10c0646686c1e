/** Shared pieces of the MFA tests (1.9 spec §6.30-6.35) through the real SDKs 26 and 28. */
import type { Emulator } from 'appwrite-emulator';
import { expect } from 'vitest';
import { PROJECT } from '../helpers.js';
import { type ModernSdk, modernClient, signUp19 } from './modern-sdk-helpers.js';
import { PASSWORD } from './session-helpers.js';

/** The SDKs' AuthenticatorType.Totp and the factor names, as the plain strings they send. */
export const TOTP = 'totp' as never;
export const factor = (name: string) => name as never;

export const MORE_FACTORS = [401, 'user_more_factors_required', 'More factors are required to complete the sign in process.'];
export const CHALLENGE_REQUIRED = [401, 'user_challenge_required', 'A recently successful challenge is required to complete this action. A challenge is considered recent for 5 minutes.'];
export const ALREADY_VERIFIED = [409, 'user_authenticator_already_verified', 'This authenticator is already verified on the current user.'];
export const AUTHENTICATOR_NOT_FOUND = [404, 'user_authenticator_not_found', 'Authenticator could not be found on the current user.'];
export const CODES_EXIST = [409, 'user_recovery_codes_already_exists', 'The current user already generated recovery codes and they can only be read once for security reasons.'];
export const CODES_NOT_FOUND = [404, 'user_recovery_codes_not_found', 'Recovery codes could not be found on the current user.'];
export const ROUTE_NOT_FOUND_19 = [404, 'general_route_not_found', 'Route not found. Please ensure the endpoint is configured correctly and that the API route is valid for this SDK version. Refer to the API docs for more details.'];

export const MFA_FACTORS_KEYS = ['totp', 'phone', 'email', 'recoveryCode'];
export const MFA_CHALLENGE_KEYS = ['$id', '$createdAt', 'userId', 'expire'];

type Account = ReturnType<typeof modernClient>['account'];

/** Adds and verifies a TOTP authenticator for the signed-in user (the code read through the test API). */
export async function addAuthenticator(emulator: Emulator, account: Account, userId: string) {
  const type = await account.createMFAAuthenticator({ type: TOTP });
  await account.updateMFAAuthenticator({ type: TOTP, otp: await emulator.mfa.totpCode(userId) });
  return type;
}

/** Completes a TOTP challenge in the current session; returns the updated session. */
export async function passTotp(emulator: Emulator, account: Account, userId: string) {
  const challenge = await account.createMFAChallenge({ factor: factor('totp') });
  return account.updateMFAChallenge({ challengeId: challenge.$id, otp: await emulator.mfa.totpCode(userId) });
}

/** A user with a verified TOTP authenticator and MFA on, then signed in again with the password (one factor). */
export async function mfaUserSignedIn(emulator: Emulator, sdk: ModernSdk, email = 'ada@example.com') {
  const first = await signUp19(sdk, email);
  await addAuthenticator(emulator, first.account, first.userId);
  await first.account.updateMFA({ mfa: true });
  await first.account.deleteSession({ sessionId: 'current' });
  const { client, account } = modernClient(sdk);
  const session = await account.createEmailPasswordSession({ email, password: PASSWORD });
  return { client, account, session, userId: first.userId };
}

/** Marks the user's e-mail (and phone) verified in the store, as a finished verification flow would. */
export async function verify(emulator: Emulator, userId: string, fields: { email?: boolean; phone?: string }) {
  const db = await emulator.db();
  const user = (await db.users.get(userId))!;
  await db.users.put({
    ...user,
    ...(fields.email ? { emailVerification: true } : {}),
    ...(fields.phone ? { phone: fields.phone, phoneKey: fields.phone, phoneVerification: true } : {}),
  });
}

/** otphp's provisioning URI for this test project (issuer = project name = project id). */
export const uriFor = (email: string, secret: string) =>
  `otpauth://totp/${encodeURIComponent(`${PROJECT}:${email}`)}?issuer=${PROJECT}&secret=${secret}`;

export function expectMfaType(type: object): void {
  expect(Object.keys(type)).toEqual(['secret', 'uri']);
  expect((type as { secret: string }).secret).toMatch(/^[A-Z2-7]{103}$/);
}
