/**
 * Drives an OAuth2 sign-in through the emulator's own HTTP routes, hop by hop, the way a browser follows the
 * redirects: Appwrite's start route -> the emulated provider's page -> the callback -> the redirect route -> the
 * app's success or failure URL. No network: every hop is `emulator.handle(new Request(...))`.
 *
 * No DOM in here (the page glue and the consent overlay own it), so Node tests drive the same code.
 */
import type { Emulator } from '../emulator.js';

/** What the browser would carry: the SDK's stored session (as cookies to the API host) and its user agent. */
export interface FlowClient {
  /** `localStorage.cookieFallback`: sent to Appwrite's routes as `X-Fallback-Cookies`, never to the provider. */
  cookieFallback?: string | null;
  userAgent?: string;
}

/** A provider account as the consent page lists it. */
export interface ConsentAccount {
  providerUid: string;
  email: string;
  name: string;
}

/** The emulated provider's consent data (GET of its authorization page). */
export interface ConsentInfo {
  provider: string;
  providerName: string;
  projectId: string;
  projectName: string;
  scopes: string[];
  accounts: ConsentAccount[];
}

export type ConsentDecision =
  | { decision: 'approve'; providerUid?: string; email: string; name: string }
  | { decision: 'deny' };

export type FlowStep =
  /** The provider asks who signs in: show `consent`, then call `decide()`. */
  | { kind: 'consent'; authorizeUrl: string; consent: ConsentInfo }
  /** The flow left the API: go to `url`; store `cookieFallback` first when set (the SDK's own header handling). */
  | { kind: 'navigate'; url: string; cookieFallback: string | null }
  /** A hop answered an error: what the browser would show at `url`. */
  | { kind: 'error'; url: string; status: number; contentType: string; body: string };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_HOPS = 10;

function isProviderPage(emulator: Emulator, url: URL): boolean {
  return url.href.startsWith(`${emulator.config.endpoint}/account/sessions/oauth2/emulator/`)
    && url.pathname.endsWith('/authorize');
}

function isApi(emulator: Emulator, url: URL): boolean {
  return url.href.startsWith(`${emulator.config.endpoint}/`);
}

async function send(emulator: Emulator, url: string, client: FlowClient, init: RequestInit = {}): Promise<Response> {
  const target = new URL(url);
  const headers = new Headers(init.headers);
  if (client.cookieFallback && !isProviderPage(emulator, target)) headers.set('x-fallback-cookies', client.cookieFallback);
  const request = new Request(target, { ...init, headers });
  if (client.userAgent && !request.headers.get('user-agent')) {
    // Browsers drop a User-Agent given to `new Request()` (a forbidden header there), but the session records
    // the browser's; a Headers object of our own keeps it.
    const withAgent = new Headers(request.headers);
    withAgent.set('user-agent', client.userAgent);
    Object.defineProperty(request, 'headers', { value: withAgent });
  }
  return emulator.handle(request);
}

/** Follows redirects inside the API until the provider's page (consent), a page outside the API, or an error. */
async function follow(emulator: Emulator, first: Response, firstUrl: string, client: FlowClient): Promise<FlowStep> {
  let response = first;
  let url = firstUrl;
  let cookieFallback: string | null = null;
  for (let hop = 0; hop <= MAX_HOPS; hop++) {
    cookieFallback = response.headers.get('x-fallback-cookies') || cookieFallback;
    const location = response.headers.get('location');
    if (!REDIRECTS.has(response.status) || location === null) {
      return {
        kind: 'error', url, status: response.status,
        contentType: response.headers.get('content-type') ?? '', body: await response.text(),
      };
    }
    const next = new URL(location, url);
    if (isProviderPage(emulator, next)) {
      const consent = await send(emulator, next.href, client);
      if (!consent.ok) return follow(emulator, consent, next.href, client);
      return { kind: 'consent', authorizeUrl: next.href, consent: (await consent.json()) as ConsentInfo };
    }
    if (!isApi(emulator, next)) return { kind: 'navigate', url: next.href, cookieFallback };
    url = next.href;
    response = await send(emulator, url, client);
  }
  return { kind: 'error', url, status: 508, contentType: 'text/plain', body: 'appwrite-emulator: too many redirects' };
}

/** Opens `<endpoint>/account/sessions/oauth2/<provider>?…` as the SDK's navigation would. */
export async function startOAuth2Flow(emulator: Emulator, url: string, client: FlowClient = {}): Promise<FlowStep> {
  return follow(emulator, await send(emulator, url, client), url, client);
}

/** Sends the consent page's answer to the emulated provider and follows the browser back to the app. */
export async function decideOAuth2Consent(emulator: Emulator, authorizeUrl: string, decision: ConsentDecision, client: FlowClient = {}): Promise<FlowStep> {
  const form = new URLSearchParams({ decision: decision.decision });
  if (decision.decision === 'approve') {
    if (decision.providerUid) form.set('providerUid', decision.providerUid);
    form.set('email', decision.email);
    form.set('name', decision.name);
  }
  const response = await send(emulator, authorizeUrl, client, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
  return follow(emulator, response, authorizeUrl, client);
}
