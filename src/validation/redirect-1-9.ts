import type { EmulatorCore } from '../core.js';
import { phpParseUrl } from './php-parse-url.js';
import type { Validator } from './validators.js';

/*
 * Appwrite 1.9.6's Redirect validator (params `url`, `success`, `failure`; 1.9 spec §6.0): its Origin rules
 * (src/Appwrite/Network/Validator/Origin.php@1.9.6) with Redirect.php's description. Line numbers are at tag 1.9.6.
 * Like Appwrite it reads only the scheme and host, through PHP's parse_url() (php-parse-url.ts), not WHATWG URL:
 * `HTTP://localhost` stays `HTTP` and is refused, `http:localhost` has no host, `http://a\@localhost` has the host
 * `localhost`. What the page may navigate to is checked where it navigates.
 */

/** Origin.php:65-73: the schemes whose host must be an allowed host name (compared strictly, so lower case only). */
const WEB_SCHEMES = ['http', 'https', 'chrome-extension', 'moz-extension', 'safari-web-extension', 'ms-browser-extension', 'tauri'];

/** Platform.php:33-48, read by getNameByScheme() (Platform.php:86-89): '' for any other scheme, `HTTP` included. */
const PLATFORM_NAMES = new Map([
  ['http', 'Web'], ['https', 'Web'], ['appwrite-ios', 'iOS'], ['appwrite-macos', 'macOS'], ['appwrite-watchos', 'watchOS'],
  ['appwrite-tvos', 'tvOS'], ['appwrite-android', 'Android'], ['appwrite-windows', 'Windows'], ['appwrite-linux', 'Linux'],
  ['chrome-extension', 'Web (Chrome Extension)'], ['moz-extension', 'Web (Firefox Extension)'],
  ['safari-web-extension', 'Web (Safari Extension)'], ['ms-browser-extension', 'Web (Edge Extension)'], ['tauri', 'Web (Tauri)'],
]);

/** PHP's empty() of a string: '' and '0'. */
const phpEmpty = (s: string | null) => s === null || s === '' || s === '0';

/** PHP 8.2+'s strtolower(): ASCII only. */
const asciiLower = (s: string) => s.replace(/[A-Z]+/g, (m) => m.toLowerCase());

/** Origin::parseScheme() (Origin.php:131-148): parse_url()'s scheme of the trimmed URI, or a regex where it fails. */
function parseScheme(uri: string): string | null {
  const trimmed = uri.replace(/^[ \t\n\r\0\x0B]+|[ \t\n\r\0\x0B]+$/g, '');
  if (trimmed === '') return null;
  const parsed = phpParseUrl(trimmed);
  if (parsed === null) return /^([a-z][a-z0-9+.-]*):/i.exec(trimmed)?.[1] ?? null;
  return parsed.scheme ?? null;
}

/**
 * The host rule comes from the caller (allowed-hosts.ts's isAllowedHost: exact, or a sub-domain of `*.example.com`):
 * this lazy chunk imports no code of the start bundle's hub, which would make the bundler split the start bundle.
 */
export function redirect(core: EmulatorCore, isAllowedHost: (core: EmulatorCore, host: string) => boolean): Validator {
  // utopia-php/validators 0.2.6 Hostname.php:62-113 (no host, over 253 chars, a `/` or a `:` fail), then the list.
  const allowedHostname = (host: string) =>
    !phpEmpty(host) && [...host].length <= 253 && !/[/:]/.test(host) && isAllowedHost(core, host);
  // app/init/resources/request.php:209-224: `exp` and the project's callback scheme; the emulator's platforms are
  // web platforms, which add only http/https, checked above them.
  const allowedSchemes = ['exp', `appwrite-callback-${core.config.projectId}`];

  const check = (v: unknown): string | null => {
    // Origin.php:54-56: refused before scheme and host are read, so Redirect.php:18-19 says only `Invalid URI.`.
    if (typeof v !== 'string' || phpEmpty(v)) return 'Invalid URI.';
    const scheme = parseScheme(v); // Origin.php:62
    // Origin.php:63: `strtolower(parse_url(…) ?? '')`, '' also where parse_url() fails (false).
    const host = asciiLower(phpParseUrl(v)?.host ?? '');
    if (scheme !== null && WEB_SCHEMES.includes(scheme)) {
      if (allowedHostname(host)) return null; // Origin.php:74-77
    } else if (!phpEmpty(scheme) && allowedSchemes.includes(scheme!)) {
      return null; // Origin.php:79-81
    }
    // Redirect.php:15-23: no parentheses without a host, an empty platform name for an unnamed scheme.
    if (phpEmpty(host) && phpEmpty(scheme)) return 'Invalid URI.';
    const client = phpEmpty(host) ? '' : `(${host})`;
    return `Invalid URI. Register your new client ${client} as a new ${PLATFORM_NAMES.get(scheme ?? '') ?? ''} platform on your project console dashboard`;
  };
  return { description: 'Invalid URI.', isValid: (v) => check(v) === null, describe: (v) => check(v) ?? '' };
}
