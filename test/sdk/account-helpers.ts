/** Shared by the account-*.test.ts files: the Account model's shape, exact errors, raw requests, sign-in. */
import { Account, Client, ID } from 'appwrite-13';
import type { SetupServer } from 'msw/node';
import { beforeEach, expect, vi } from 'vitest';
import type { Emulator, EmulatorOptions } from 'appwrite-emulator';
import { PROJECT, sdk, useSecondEmulator, type RawResponse } from '../helpers.js';

/** The fixed clock of useEmulator(), and Appwrite's rendering of it. */
export const NOW = Date.parse('2026-01-15T10:00:00.000Z');
export const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');
export const MINUTE = 60_000;

export const PASSWORD = 'password123';

/** Account model keys in Appwrite's order (spec §7.1): `User` minus password, hash and hashOptions. */
export const ACCOUNT_KEYS = ['$id', '$createdAt', '$updatedAt', 'name', 'registration', 'status', 'labels',
  'passwordUpdate', 'email', 'phone', 'emailVerification', 'phoneVerification', 'prefs', 'accessedAt'];
const BOOLEAN_KEYS = new Set(['status', 'emailVerification', 'phoneVerification']);

/** Every key present, in order, each of its type; no secret of any kind in the serialised model. */
export function expectAccountShape(account: object): void {
  expect(Object.keys(account)).toEqual(ACCOUNT_KEYS);
  for (const [key, value] of Object.entries(account)) {
    if (key === 'labels') expect(Array.isArray(value) && value.every((l: unknown) => typeof l === 'string'), key).toBe(true);
    else if (key === 'prefs') expect(value !== null && typeof value === 'object' && !Array.isArray(value), key).toBe(true);
    else expect(typeof value, key).toBe(BOOLEAN_KEYS.has(key) ? 'boolean' : 'string');
  }
  expect(JSON.stringify(account)).not.toMatch(/argon2|"password"|"hash"|hashOptions|passwordHistory/);
}

/** A server-generated id (`ID.unique()`): 20 lowercase hex chars. */
export const UNIQUE_ID = /^[0-9a-f]{20}$/;

/** [code, type, message] of an AppwriteException or of a raw error body, for one-line assertions. */
export const triple = (e: { code: number; type: string; message: string }) => [e.code, e.type, e.message];

export const GUEST = [401, 'general_unauthorized_scope', 'User (role: guests) missing scope (account)'];
export const INVALID_CREDENTIALS = [401, 'user_invalid_credentials', 'Invalid credentials. Please check the email and password.'];
export const USER_ALREADY_EXISTS = [409, 'user_already_exists', 'A user with the same id, email, or phone already exists in this project.'];
export const EMAIL_ALREADY_EXISTS = [409, 'user_email_already_exists', 'A user with the same email already exists in the current project.'];
export const PHONE_ALREADY_EXISTS = [409, 'user_phone_already_exists', 'A user with the same phone number already exists in the current project.'];
export const USER_BLOCKED = [401, 'user_blocked', 'The current user has been blocked. You can unblock the user by making a request to the User API\'s "Update User Status" endpoint or in the Appwrite Console\'s Auth section.'];
export const CONFLICT = [409, 'document_update_conflict', 'Remote document is newer than local.'];
export const BAD_TIMESTAMP = [400, 'general_argument_invalid', 'Invalid X-Appwrite-Timestamp header value'];
export const RATE_LIMITED = [429, 'general_rate_limit_exceeded', 'Rate limit for the current endpoint has been exceeded. Please try again after some time.'];
export const COUNT_EXCEEDED = [501, 'user_count_exceeded', 'The current project has exceeded the maximum number of users. Please check your user limit in the Appwrite console.'];
export const RECENTLY_USED = [400, 'password_recently_used', 'The password you are trying to use is similar to your previous password. For your security, please choose a different password and try again.'];
export const PERSONAL_DATA = [400, 'password_personal_data', 'The password you are trying to use contains references to your name, email, phone or userID. For your security, please choose a different password and try again.'];

/** 400 general_argument_invalid for a param that is absent, or present and invalid. */
export const missing = (name: string) => [400, 'general_argument_invalid', `Param "${name}" is not optional.`];
export const invalid = (name: string, description: string) => [400, 'general_argument_invalid', `Invalid \`${name}\` param: ${description}`];

/** Validator descriptions (spec §2.5), verbatim. */
export const DESCRIPTION = {
  customId: 'Parameter must contain at most 36 chars. Valid chars are a-z, A-Z, 0-9, period, hyphen, and underscore. Can\'t start with a special char',
  email: 'Value must be a valid email address',
  password: 'Password must be at least 8 characters',
  dictionary: 'Password must be at least 8 characters and should not be one of the commonly used password.',
  name: 'Value must be a valid string and at least 1 chars and no longer than 128 chars',
  phone: 'Phone number must start with a \'+\' can have a maximum of fifteen digits.',
  assoc: 'Value must be a valid object.',
};

/** What the SDK keeps in localStorage: the session it sends back as X-Fallback-Cookies. */
export const storedSession = () => globalThis.localStorage.getItem('cookieFallback');

export { raw, type RawResponse } from '../helpers.js';

/** [status, type, message] of a raw error response. */
export const rawTriple = (r: RawResponse) => [r.status, r.body?.type, r.body?.message];

/** Signs up and signs in through the SDK; the session then sits in localStorage like in a browser. */
export async function signUp(account: Account, email = 'ada@example.com', password = PASSWORD, name = 'Ada') {
  const user = await account.create(ID.unique(), email, password, name);
  await account.createEmailSession(email, password);
  return user;
}

/** A fresh page: new client, signed-out localStorage. */
export function freshPage() {
  globalThis.localStorage.removeItem('cookieFallback');
  return sdk();
}

/** Sets X-Appwrite-Timestamp on every later request of this SDK client (`client.headers` is public). */
export const setTimestamp = (client: Client, value: string | null) => {
  if (value === null) delete client.headers['X-Appwrite-Timestamp'];
  else client.headers['X-Appwrite-Timestamp'] = value;
};

/** The SDK prints a notice on every response carrying X-Fallback-Cookies; keep test output readable. */
export function quietSdkNotice(): void {
  beforeEach(() => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
}

/** A second emulator with other options (see useSecondEmulator), with an SDK factory for its endpoint. */
export function useSecondEmulatorSdk(server: SetupServer, name: string, options: Partial<EmulatorOptions>): {
  emulator: Emulator; sdk(): { client: Client; account: Account };
} {
  const emulator = useSecondEmulator(server, name, options);
  return {
    emulator,
    sdk() {
      const client = new Client().setEndpoint(emulator.config.endpoint).setProject(PROJECT);
      return { client, account: new Account(client) };
    },
  };
}
