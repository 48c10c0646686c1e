import { createHash } from 'node:crypto';
import { Account, Client, ID } from 'appwrite-13';
import type { SetupServer } from 'msw/node';
import { expect } from 'vitest';
import type { Emulator, EmulatorOptions } from 'appwrite-emulator';
import { ENDPOINT, PROJECT, useSecondEmulator } from '../helpers.js';

/** The fixed clock of useEmulator(). */
export const NOW = Date.parse('2026-01-15T10:00:00.000Z');
export const SECOND = 1000;
export const HOUR = 3600 * SECOND;
export const DAY = 24 * HOUR;
export const YEAR = 365 * DAY;
/** `X-RateLimit-Reset` for requests at NOW: the top of the next clock hour, in unix seconds. */
export const NEXT_HOUR = String(NOW / 1000 + 3600);
/** Appwrite's response date format. */
export const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');

/** The user agent of Appwrite's e2e tests (spec §3.1). */
export const CHROME_UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.77 Safari/537.36';

export const PASSWORD = 'password123';
export const UNAUTHORIZED_GUEST = [401, 'general_unauthorized_scope', 'User (role: guests) missing scope (account)'];
export const SESSION_NOT_FOUND = [404, 'user_session_not_found', 'The current user session could not be found.'];
export const USER_BLOCKED = [401, 'user_blocked', 'The current user has been blocked. You can unblock the user by making a request to the User API\'s "Update User Status" endpoint or in the Appwrite Console\'s Auth section.'];
export const INVALID_CREDENTIALS = [401, 'user_invalid_credentials', 'Invalid credentials. Please check the email and password.'];
export const RATE_LIMITED = [429, 'general_rate_limit_exceeded', 'Rate limit for the current endpoint has been exceeded. Please try again after some time.'];

/** [code, type, message] of an AppwriteException or of a raw error body, for one-line assertions. */
export const triple = (e: { code: number; type: string; message: string }) => [e.code, e.type, e.message];

const SESSION_KEYS = ['$id', '$createdAt', 'userId', 'expire', 'provider', 'providerUid', 'providerAccessToken',
  'providerAccessTokenExpiry', 'providerRefreshToken', 'ip', 'osCode', 'osName', 'osVersion', 'clientType', 'clientCode',
  'clientName', 'clientVersion', 'clientEngine', 'clientEngineVersion', 'deviceName', 'deviceBrand', 'deviceModel',
  'countryCode', 'countryName', 'current'];

/** Session model (spec §7.2): every key, in Appwrite's order, strings except `current`. */
export function expectSessionShape(session: object): void {
  expect(Object.keys(session)).toEqual(SESSION_KEYS);
  for (const [key, value] of Object.entries(session)) {
    expect(typeof value, key).toBe(key === 'current' ? 'boolean' : 'string');
  }
}

/** The UA-derived Session/Log fields Appwrite reports for CHROME_UA (spec §3.1). */
export const CHROME_FIELDS = {
  osCode: 'WIN', osName: 'Windows', osVersion: '10', clientType: 'browser', clientCode: 'CH', clientName: 'Chrome',
  clientVersion: '70.0', clientEngine: 'Blink', deviceName: 'desktop', deviceBrand: '', deviceModel: '',
};

/** What the SDK keeps in localStorage after a session-creating call (the X-Fallback-Cookies header). */
export const fallback = () => globalThis.localStorage.getItem('cookieFallback');
export const setFallback = (value: string | null) => {
  if (value === null) globalThis.localStorage.removeItem('cookieFallback');
  else globalThis.localStorage.setItem('cookieFallback', value);
};

/** Decodes the stored fallback value: base64 of {"id": userId, "secret": 256 hex}. */
export function decodeFallback(value: string | null): { id: string; secret: string } {
  const parsed = JSON.parse(value ?? 'null') as Record<string, string>;
  expect(Object.keys(parsed)).toEqual([`a_session_${PROJECT}`]);
  return JSON.parse(atob(parsed[`a_session_${PROJECT}`]!));
}

/** The fallback value for a session secret we minted ourselves (sessions inserted straight into the store). */
export const encodeFallback = (userId: string, secret: string) =>
  JSON.stringify({ [`a_session_${PROJECT}`]: btoa(JSON.stringify({ id: userId, secret })) });

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** A fresh SDK client, optionally against another endpoint (a second emulator with other options). */
export function client(endpoint = ENDPOINT) {
  const c = new Client().setEndpoint(endpoint).setProject(PROJECT);
  return { client: c, account: new Account(c) };
}

/** Signs up and signs in through the SDK; the session is then in localStorage. */
export async function signUp(email = 'ada@example.com', name = 'Ada', endpoint = ENDPOINT) {
  const { account } = client(endpoint);
  const user = await account.create(ID.unique(), email, PASSWORD, name);
  const session = await account.createEmailSession(email, PASSWORD);
  return { account, user, session, value: fallback() };
}

export { raw, type RawResponse } from '../helpers.js';

/** A second emulator with other options behind the same msw server (see useSecondEmulator in ../helpers). */
export const useAltEmulator = (server: SetupServer, options: Partial<EmulatorOptions>, name: string): Emulator =>
  useSecondEmulator(server, name, options);
