/**
 * The page's side of an OAuth2 sign-in. `account.createOAuth2Session()` navigates the page to
 * `<endpoint>/account/sessions/oauth2/<provider>?…`; the service worker answers that navigation with a redirect
 * back to the app carrying `#appwrite-emulator-oauth2=<nonce>:<original URL>` (worker-prelude.js). The app boots,
 * `startEmulator()` calls `resumeOAuth2()`, checks the nonce (oauth2-handoff.ts), and the flow continues here, in
 * the page, through the emulator's own routes (oauth2-flow.ts), with the consent screen in an overlay
 * (oauth2-consent.ts). startEmulator() loads this module only when the marker is there.
 */
import type { Emulator } from '../emulator.js';
import { showConsent, showOAuth2Error } from './oauth2-consent.js';
import { decideOAuth2Consent, startOAuth2Flow, type FlowClient, type FlowStep } from './oauth2-flow.js';
import { takeOAuth2Handoff } from './oauth2-handoff.js';
import { isAllowedHost } from '../http/allowed-hosts.js';
import { followLink } from './safe-navigation.js';

/** The hash marker the service worker puts on the app URL when it answers an OAuth2 navigation. */
export const OAUTH2_MARKER = 'appwrite-emulator-oauth2';

/** The key the Appwrite Web SDK keeps its session header in. */
const COOKIE_FALLBACK = 'cookieFallback';

/** The hand-off in `#appwrite-emulator-oauth2=<nonce>:<original URL>`; `nonce` is '' when the marker has none. */
export interface OAuth2Marker {
  nonce: string;
  /** The original `/account/sessions/oauth2/<provider>?…` URL, as the marker states it. */
  url: string;
}

/** Reads the marker from a location hash; null when the hash is not one (a malformed marker is still one). */
export function readOAuth2Marker(hash: string): OAuth2Marker | null {
  const prefix = `#${OAUTH2_MARKER}=`;
  if (!hash.startsWith(prefix)) return null;
  const value = hash.slice(prefix.length);
  const colon = value.indexOf(':');
  let url = '';
  try {
    url = decodeURIComponent(colon === -1 ? value : value.slice(colon + 1));
  } catch {
    // malformed escapes: no usable URL; the nonce check below fails the marker anyway
  }
  return { nonce: colon === -1 ? '' : value.slice(0, colon), url };
}

/** What the browser would send along: the SDK's session (as cookies to the API host) and its user agent. */
const client = (): FlowClient => ({ cookieFallback: localStorage.getItem(COOKIE_FALLBACK), userAgent: navigator.userAgent });

/**
 * Resumes an OAuth2 sign-in the service worker handed back to the page. Resolves `false` at once when the page
 * was not opened by one (no marker). Otherwise it removes the marker and checks that the worker made it: the
 * nonce must be one the worker stored, unused and fresh, for the same URL (oauth2-handoff.ts). A marker that fails
 * is ignored (a console warning, `false`): a link carrying the hash starts nothing. A genuine one shows the
 * emulated provider's consent screen and, once the flow is back at the app's success or failure URL, stores the
 * session header exactly as the SDK does with `X-Fallback-Cookies` and navigates there (`location.replace`),
 * resolving `true`.
 *
 * When a hop answers an error (say, a success URL on a host that is not allowed), or the URL to land on is not
 * http(s) (safe-navigation.ts), the page shows that instead, as the browser's page would be, and the promise
 * never settles, so the app does not boot over it.
 */
export async function resumeOAuth2(emulator: Emulator): Promise<boolean> {
  const marker = readOAuth2Marker(location.hash);
  if (marker === null) return false;
  // The page's own URL, absolute: a path like `//host/` must never be read as another origin.
  const here = new URL(location.href);
  here.hash = '';
  const appUrl = here.href;
  history.replaceState(history.state, '', appUrl);

  let stored: string | null = null;
  try {
    stored = await takeOAuth2Handoff(marker.nonce);
  } catch (error) {
    console.error('[appwrite-emulator] could not read the OAuth2 hand-off from IndexedDB', error);
  }
  if (stored === null || stored !== marker.url) {
    console.warn('[appwrite-emulator] ignored an #appwrite-emulator-oauth2 marker the service worker did not make '
      + '(forged, already used or expired): no OAuth2 sign-in started.');
    return false;
  }

  let step: FlowStep = await startOAuth2Flow(emulator, stored, client());
  while (step.kind === 'consent') {
    const decision = await showConsent(step.consent);
    step = await decideOAuth2Consent(emulator, step.authorizeUrl, decision, client());
  }
  if (step.kind === 'error') {
    console.error(`[appwrite-emulator] OAuth2 sign-in stopped: HTTP ${step.status} at ${step.url}\n${step.body}`);
    showOAuth2Error(step, appUrl);
    return new Promise<boolean>(() => undefined);
  }
  // Stored even when the URL is refused below: Appwrite's redirect response sets the session cookie either way.
  if (step.cookieFallback) localStorage.setItem(COOKIE_FALLBACK, step.cookieFallback);
  const host = (hostname: string) => isAllowedHost(emulator, hostname.toLowerCase());
  if (!followLink(step.url, { replace: true, source: 'oauth2', backTo: appUrl, host })) return new Promise<boolean>(() => undefined);
  return true;
}
