/**
 * The one place where the emulator's page code navigates to a URL that came from a request or a stored record:
 * the end of an OAuth2 flow (the app's `success`/`failure` URL) and the inbox panel's "Open link".
 *
 * @note Appwrite's redirect-host check reads only the hostname, so `javascript://localhost/%0Aalert(1)//` passes as
 * a magic-URL/recovery/verification `url` and as OAuth2 `success`/`failure`, and the emulator's validators accept
 * it too (faithfully). The real server only ever puts such a URL in a `Location` header or in an e-mail, and
 * browsers never run a redirect or a mail link to `javascript:`. The emulator navigates the page itself
 * (`location.replace`/`location.assign` would run the script), so it follows only `http:` and `https:` URLs and
 * shows any other one as text instead.
 */

/** Where a refused link came from; it picks the explanation shown with the URL. */
export type LinkSource = 'oauth2' | 'inbox';

/** The first sentence of the notice shown instead of following a refused link. */
export const REFUSED_LINK_MESSAGE = 'The emulator refused to open this link: only http: and https: URLs are followed.';

/** The same for a web URL whose host, as the browser reads it, is not one the app may land on. */
export const OFF_HOST_LINK_MESSAGE = 'The emulator refused to open this link: the browser reads its host as one that is not the project\'s.';

/**
 * The URL to navigate to when `url` is an absolute `http:` or `https:` URL, read by the browser's own URL parser
 * (so case, surrounding spaces and tabs or newlines inside the scheme count exactly as a navigation would count
 * them); `null` for any other scheme, for relative URLs and for what does not parse. The result is the parsed
 * `href`: what was checked is what is followed.
 */
export function webUrl(url: unknown): string | null {
  if (typeof url !== 'string') return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
}

export interface FollowLinkOptions {
  /** `location.replace` instead of `location.assign` (no history entry for the page being left). */
  replace?: boolean;
  /** What the link is, for the notice's explanation. */
  source: LinkSource;
  /** The notice offers a "Back to the app" link to this same-origin URL instead of a Close button. */
  backTo?: string;
  /**
   * The hosts the link may lead to, as the browser's parser reads its host. Appwrite 1.9.6's redirect check reads
   * the host as PHP's parse_url() does, and the two disagree: `https://evil.example\@localhost/` passes its check as
   * localhost, and a browser goes to evil.example. The server only sends such a URL in a Location header; the
   * emulator navigates itself, so it checks again the way the navigation will read it.
   */
  host?: (hostname: string) => boolean;
}

/**
 * Navigates to `url` if it is a web URL (see webUrl) on an allowed host (`options.host`) and returns true. Otherwise it does not navigate: it shows the
 * URL, as text, with an explanation over the page, and returns false.
 */
export function followLink(url: string, options: FollowLinkOptions): boolean {
  const target = webUrl(url);
  const offHost = target !== null && options.host !== undefined && !options.host(new URL(target).hostname);
  if (target !== null && !offHost) {
    if (options.replace) location.replace(target);
    else location.assign(target);
    return true;
  }
  const message = offHost ? OFF_HOST_LINK_MESSAGE : REFUSED_LINK_MESSAGE;
  console.warn(`[appwrite-emulator] ${message} Not followed: ${JSON.stringify(url)}`);
  // The notice shares the overlays' code, which loads only when one is shown.
  void import('./oauth2-consent.js').then(({ showRefusedLink }) => showRefusedLink(String(url), options, message));
  return false;
}
