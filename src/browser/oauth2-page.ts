import type { Emulator } from '../emulator.js';

/** The hash marker the service worker puts on the app URL when it answers an OAuth2 navigation. */
export const OAUTH2_MARKER = 'appwrite-emulator-oauth2';

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

/**
 * Resumes an OAuth2 sign-in the service worker handed back to the page. Returns false when the page was not
 * opened by one (no marker); otherwise drives the emulated flow and navigates away (returns true).
 * Work in progress: the flow itself lands in the next commits.
 */
export async function resumeOAuth2(emulator: Emulator): Promise<boolean> {
  const original = readOAuth2Marker(location.hash);
  if (original === null) return false;
  history.replaceState(history.state, '', location.pathname + location.search);
  void emulator;
  return true;
}
