/**
 * The page's side of an OAuth2 sign-in. `account.createOAuth2Session()` navigates the page to
 * `<endpoint>/account/sessions/oauth2/<provider>?…`; the service worker answers that navigation with a redirect
 * back to the app carrying `#appwrite-emulator-oauth2=<original URL>` (worker-prelude.js). The app boots,
 * `startEmulator()` calls `resumeOAuth2()`, and the flow continues here, in the page, through the emulator's own
 * routes (oauth2-flow.ts), with the consent screen in an overlay (oauth2-consent.ts).
 */
import type { Emulator } from '../emulator.js';
import type { FlowClient, FlowStep } from './oauth2-flow.js';

/** The hash marker the service worker puts on the app URL when it answers an OAuth2 navigation. */
export const OAUTH2_MARKER = 'appwrite-emulator-oauth2';

/** The key the Appwrite Web SDK keeps its session header in. */
const COOKIE_FALLBACK = 'cookieFallback';

/** Reads the original `/account/sessions/oauth2/<provider>?…` URL from `#appwrite-emulator-oauth2=…`, if any. */
export function readOAuth2Marker(hash: string): string | null {
  const prefix = `#${OAUTH2_MARKER}=`;
  if (!hash.startsWith(prefix)) return null;
  try {
    return decodeURIComponent(hash.slice(prefix.length));
  } catch {
    return null;
  }
}

/** What the browser would send along: the SDK's session (as cookies to the API host) and its user agent. */
const client = (): FlowClient => ({ cookieFallback: localStorage.getItem(COOKIE_FALLBACK), userAgent: navigator.userAgent });

/**
 * Resumes an OAuth2 sign-in the service worker handed back to the page. Resolves `false` at once when the page
 * was not opened by one (no marker). Otherwise it removes the marker, shows the emulated provider's consent
 * screen and, once the flow is back at the app's success or failure URL, stores the session header exactly as
 * the SDK does with `X-Fallback-Cookies` and navigates there (`location.replace`), resolving `true`.
 *
 * When a hop answers an error (say, a success URL on a host that is not allowed), the page shows that response
 * as the browser would and the promise never settles, so the app does not boot over it.
 */
export async function resumeOAuth2(emulator: Emulator): Promise<boolean> {
  const original = readOAuth2Marker(location.hash);
  if (original === null) return false;
  const appUrl = location.pathname + location.search;
  history.replaceState(history.state, '', appUrl);

  // The flow and its consent screen load only when a sign-in is under way: most page loads never need them.
  const [{ decideOAuth2Consent, startOAuth2Flow }, { showConsent, showOAuth2Error }] = await Promise.all([
    import('./oauth2-flow.js'), import('./oauth2-consent.js'),
  ]);
  let step: FlowStep = await startOAuth2Flow(emulator, original, client());
  while (step.kind === 'consent') {
    const decision = await showConsent(step.consent);
    step = await decideOAuth2Consent(emulator, step.authorizeUrl, decision, client());
  }
  if (step.kind === 'error') {
    console.error(`[appwrite-emulator] OAuth2 sign-in stopped: HTTP ${step.status} at ${step.url}\n${step.body}`);
    showOAuth2Error(step, appUrl);
    return new Promise<boolean>(() => undefined);
  }
  if (step.cookieFallback) localStorage.setItem(COOKIE_FALLBACK, step.cookieFallback);
  location.replace(step.url);
  return true;
}
