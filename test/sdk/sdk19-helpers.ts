/**
 * Shared pieces of the tests that pin Appwrite 1.9.6 behaviour through the real SDKs 26 (format 1.9.5) and 28
 * (format 2.3.0): clients, the 1.9.6 model key lists, and the error texts they assert.
 */
import * as sdk26 from 'appwrite-26';
import * as sdk28 from 'appwrite-28';
import { expect } from 'vitest';
import { ENDPOINT, PROJECT } from '../helpers.js';

export const SDKS = [
  { name: 'appwrite-26', Client: sdk26.Client, Account: sdk26.Account, ID: sdk26.ID },
  { name: 'appwrite-28', Client: sdk28.Client, Account: sdk28.Account, ID: sdk28.ID },
] as const;

export type Sdk = (typeof SDKS)[number];

/** A fresh page's Account service of `sdk` (the session is shared through localStorage.cookieFallback). */
export function account19(sdk: Sdk, endpoint = ENDPOINT) {
  const client = new sdk.Client().setEndpoint(endpoint).setProject(PROJECT);
  // Both SDKs' Account take their own Client; their declared types differ only in private members.
  const Account = sdk.Account as unknown as new (client: unknown) => InstanceType<typeof sdk28.Account>;
  return { client, account: new Account(client) };
}

export const TOKEN_KEYS_19 = ['$id', '$createdAt', 'userId', 'secret', 'expire', 'phrase'];

export const SESSION_KEYS_19 = ['$id', '$createdAt', '$updatedAt', 'userId', 'expire', 'provider', 'providerUid',
  'providerAccessToken', 'providerAccessTokenExpiry', 'providerRefreshToken', 'ip', 'osCode', 'osName', 'osVersion',
  'clientType', 'clientCode', 'clientName', 'clientVersion', 'clientEngine', 'clientEngineVersion', 'deviceName',
  'deviceBrand', 'deviceModel', 'countryCode', 'countryName', 'current', 'factors', 'secret', 'mfaUpdatedAt'];

export const ACCOUNT_KEYS_19 = ['$id', '$createdAt', '$updatedAt', 'name', 'registration', 'status', 'labels',
  'passwordUpdate', 'email', 'phone', 'emailVerification', 'emailCanonical', 'emailIsFree', 'emailIsDisposable',
  'emailIsCorporate', 'emailIsCanonical', 'phoneVerification', 'mfa', 'prefs', 'targets', 'accessedAt', 'impersonator',
  'impersonatorUserId'];

export const TARGET_KEYS_19 = ['$id', '$createdAt', '$updatedAt', 'name', 'userId', 'providerId', 'providerType',
  'identifier', 'expired'];

/** Every key of the 1.9.6 Token, in order; the secret is never shown to clients. */
export function expectToken19(token: object, fields: Record<string, unknown> = {}): void {
  expect(Object.keys(token)).toEqual(TOKEN_KEYS_19);
  expect(token).toMatchObject({ secret: '', ...fields });
  expect((token as { $id: string }).$id).toMatch(/^[0-9a-f]{20}$/);
}

export function expectSession19(session: object, fields: Record<string, unknown> = {}): void {
  expect(Object.keys(session)).toEqual(SESSION_KEYS_19);
  expect(session).toMatchObject({ secret: '', current: true, mfaUpdatedAt: '', providerAccessTokenExpiry: '', ...fields });
}

export function expectAccount19(account: object, fields: Record<string, unknown> = {}): void {
  expect(Object.keys(account)).toEqual(ACCOUNT_KEYS_19);
  for (const target of (account as { targets: object[] }).targets) expect(Object.keys(target)).toEqual(TARGET_KEYS_19);
  expect(account).toMatchObject({ impersonator: false, impersonatorUserId: null, ...fields });
}

export const INVALID_TOKEN = [401, 'user_invalid_token', 'Invalid token passed in the request.'];
export const SESSION_EXISTS = [401, 'user_session_already_exists', 'Creation of a session is prohibited when a session is active.'];
export const BAD_REQUEST = [400, 'general_bad_request', 'There was an error processing your request. Please check the inputs and try again.'];
export const COUNT_EXCEEDED = [400, 'user_count_exceeded', 'The current project has exceeded the maximum number of users. Please check your user limit in the Appwrite console.'];
export const EMAIL_TAKEN = [409, 'user_email_already_exists', 'A user with the same email already exists in the current project.'];
export const invalidParam = (name: string, description: string) =>
  [400, 'general_argument_invalid', `Invalid \`${name}\` param: ${description}`];
export const disabled = (method: string) =>
  [501, 'user_auth_method_unsupported', `${method} authentication is disabled for this project`];

/** An OAuth identity of some other user carrying `email` (the guard's trigger), stored directly. */
export async function addIdentity(emulator: { db(): Promise<any> }, email: string): Promise<void> {
  const now = Date.parse('2026-01-15T10:00:00.000Z');
  await (await emulator.db()).identities.add({
    $id: 'identity1', $createdAt: now, $updatedAt: now, userId: 'someoneelse', provider: 'github', providerUid: '42',
    providerEmail: email, providerAccessToken: '', providerRefreshToken: '', providerAccessTokenExpiry: null,
  });
}
