import * as sdk26 from 'appwrite-26';
import * as sdk28 from 'appwrite-28';
import type { SetupServer } from 'msw/node';
import { expect } from 'vitest';
import { ENDPOINT, PROJECT } from '../helpers.js';
import { PASSWORD } from './session-helpers.js';

/**
 * Helpers for tests of the 1.9.6 behaviour through the real SDKs 26 (format 1.9.5) and 28 (format 2.3.0). Both
 * are driven through the same calls (object-style params), typed as SDK 28.
 */
export type ModernSdk = Pick<typeof sdk28, 'Client' | 'Account' | 'ID' | 'AppwriteException'>;

/** `describe.each(MODERN_SDKS)('%s', (_, sdk) => …)` runs a block once per SDK. */
export const MODERN_SDKS: Array<[name: string, sdk: ModernSdk]> = [
  ['appwrite-26', sdk26 as unknown as ModernSdk],
  ['appwrite-28', sdk28],
];

/** A fresh client and Account of `sdk`, like a new page (the stored cookieFallback is shared, as in a browser). */
export function modernClient(sdk: ModernSdk) {
  const client = new sdk.Client().setEndpoint(ENDPOINT).setProject(PROJECT);
  return { client, account: new sdk.Account(client) };
}

/**
 * Signs a new user up and in through `sdk` (the session lands in localStorage.cookieFallback, replacing any
 * earlier one: 1.9.6 refuses a sign-in while a session is active, so this is a new user on a fresh page).
 */
export async function signUp19(sdk: ModernSdk, email = 'ada@example.com', name = 'Ada') {
  forgetSession();
  const { client, account } = modernClient(sdk);
  const user = await account.create({ userId: sdk.ID.unique(), email, password: PASSWORD, name });
  const session = await account.createEmailPasswordSession({ email, password: PASSWORD });
  return { client, account, user, session, userId: user.$id };
}

/** The scope error of 1.9.6 for a guest (`missing scopes (["<scope>"])`). */
export const guestScope = (scope: string) => [401, 'general_unauthorized_scope', `User (role: guests) missing scopes (${JSON.stringify([scope])})`];

/** 1.9.6's Token model keys, in order (1.9 spec §5.3). */
export const TOKEN_KEYS_1_9 = ['$id', '$createdAt', 'userId', 'secret', 'expire', 'phrase'];

export function expectToken19(token: object): void {
  expect(Object.keys(token)).toEqual(TOKEN_KEYS_1_9);
  for (const [key, value] of Object.entries(token)) expect(typeof value, key).toBe('string');
}

export interface SeenResponse {
  url: string;
  status: number;
  headers: Headers;
}

/** Every answer the emulator gives (URL, status, headers): the SDK hides statuses and headers of successes. */
export function trackResponses(server: SetupServer): SeenResponse[] {
  const seen: SeenResponse[] = [];
  server.events.on('response:mocked', ({ request, response }) => {
    seen.push({ url: request.url, status: response.status, headers: response.headers });
  });
  return seen;
}

/** The session value the SDK stored (the base64 cookie value inside cookieFallback). */
export function storedSessionValue(): string {
  const stored = JSON.parse(globalThis.localStorage.getItem('cookieFallback') ?? '{}') as Record<string, string>;
  return stored[`a_session_${PROJECT}`]!;
}

/** Forgets the stored session, so the next request carries only what the test sets. */
export const forgetSession = () => globalThis.localStorage.removeItem('cookieFallback');
