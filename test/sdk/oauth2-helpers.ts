/**
 * OAuth2 test helpers. `account.createOAuth2Session()` is a page navigation (`window.location.href = …`), so the
 * tests capture the URL the SDK builds and then walk the flow through the emulator's own routes, as the page
 * does in the browser (src/browser/oauth2-flow.ts), or hop by hop with `emulator.handle`.
 */
import type { Account } from 'appwrite-13';
import { expect, vi } from 'vitest';
import type { Emulator } from 'appwrite-emulator';
import {
  decideOAuth2Consent, startOAuth2Flow, type ConsentDecision, type FlowStep,
} from '../../src/browser/oauth2-flow.js';

export const APP = 'http://localhost/app';
export const SUCCESS = `${APP}/success`;
export const FAILURE = `${APP}/failure`;
export const UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.77 Safari/537.36';

/** Calls `account.createOAuth2Session(...)` and returns the URL it navigates to (instead of navigating). */
export function oauth2Url(account: Account, ...args: Parameters<Account['createOAuth2Session']>): string {
  const fake = { location: { href: '' } };
  vi.stubGlobal('window', fake);
  try {
    const returned = account.createOAuth2Session(...args);
    expect(returned).toBeUndefined(); // in a browser the SDK navigates and returns nothing
  } finally {
    vi.unstubAllGlobals();
  }
  expect(fake.location.href).not.toBe('');
  return fake.location.href;
}

/** The browser's side: the SDK's stored session goes along to Appwrite's routes, as cookies would. */
export const browser = () => ({ cookieFallback: localStorage.getItem('cookieFallback'), userAgent: UA });

/**
 * Runs the whole sign-in as the page does: start, consent (`decide`), back to the app. On success the session
 * header is stored where the SDK keeps it, so later SDK calls are signed in.
 */
export async function signIn(emulator: Emulator, url: string, decision: ConsentDecision): Promise<FlowStep> {
  const consent = await startOAuth2Flow(emulator, url, browser());
  if (consent.kind !== 'consent') throw new Error(`expected the consent page, got ${JSON.stringify(consent)}`);
  const done = await decideOAuth2Consent(emulator, consent.authorizeUrl, decision, browser());
  if (done.kind === 'navigate' && done.cookieFallback) localStorage.setItem('cookieFallback', done.cookieFallback);
  return done;
}

export const approve = (email: string, name = '', providerUid?: string): ConsentDecision =>
  ({ decision: 'approve', email, name, ...(providerUid ? { providerUid } : {}) });

/** The `error` param Appwrite puts on the failure URL, parsed. */
export function failureError(step: FlowStep): unknown {
  if (step.kind !== 'navigate') throw new Error(`expected a redirect to the app, got ${JSON.stringify(step)}`);
  const url = new URL(step.url);
  expect(`${url.origin}${url.pathname}`).toBe(FAILURE);
  return JSON.parse(url.searchParams.get('error') ?? 'null');
}

/** One raw hop through the emulator (what the browser's navigation would get). */
export function hop(emulator: Emulator, url: string, init: RequestInit & { cookieFallback?: string | null } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('user-agent', UA);
  if (init.cookieFallback) headers.set('x-fallback-cookies', init.cookieFallback);
  return emulator.handle(new Request(url, { ...init, headers }));
}
