/**
 * The URLs of the OAuth2 flow and the PHP encodings Appwrite builds them with. Pure functions: no store, no clock.
 */
import type { ResolvedConfig } from '../config.js';
import { phpUrlencode } from '../inbox/links.js';

/** Appwrite's callback the provider sends the browser back to: `/account/sessions/oauth2/callback/<provider>/<projectId>`. */
export function callbackUrl(config: ResolvedConfig, provider: string): string {
  return `${config.endpoint}/account/sessions/oauth2/callback/${provider}/${config.projectId}`;
}

/** Appwrite's redirect route, where the callback forwards to and the session is made. */
export function redirectRouteUrl(config: ResolvedConfig, provider: string): string {
  return `${config.endpoint}/account/sessions/oauth2/${provider}/redirect`;
}

/**
 * The emulated provider's authorization page (emulator-only; the real flow would leave for github.com etc.).
 * It lives under `<endpoint>/account/` so the same handlers (msw or `emulator.handle`) answer it.
 */
export function authorizeUrl(config: ResolvedConfig, provider: string): string {
  return `${config.endpoint}/account/sessions/oauth2/emulator/${provider}/authorize`;
}

/** PHP `http_build_query` over string values, keys in the given order (empty values kept as `key=`). */
export function httpBuildQuery(params: Record<string, string>): string {
  return Object.entries(params).map(([key, value]) => `${phpUrlencode(key)}=${phpUrlencode(value)}`).join('&');
}

/**
 * PHP `json_encode` with default flags: like JSON.stringify, but `/` is escaped as `\/` and every non-ASCII
 * character as a lower-case `\uXXXX`. Appwrite builds the `state` and the failure `error` param this way.
 */
export function phpJsonEncode(value: unknown): string {
  return JSON.stringify(value)
    .replace(/\//g, '\\/')
    .replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The cookie domain Appwrite reports in the default success URL: none for `localhost` and IP addresses,
 * else `.<api hostname>` (spec §3.2).
 */
export function cookieDomain(config: ResolvedConfig): string {
  const host = config.endpointUrl.hostname;
  if (host === 'localhost' || /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.startsWith('[')) return '';
  return `.${host}`;
}

