import type { RequestDetails, RequestNote } from './request-log.js';

// No value imports from the start bundle's modules: a lazy chunk that imports them makes the bundler split them
// out of the start chunk into start-up chunks of their own. The response body comes from handle.ts's recordedBody.

/**
 * The details of a recorded request (request-log.ts), derived and masked when they are read, never on the hot
 * path. Masked: passwords, secrets, codes, JWTs and session values in params and bodies; the session and JWT
 * headers and cookies; `secret=` in URLs. What stays is what a developer needs to see which call failed and why.
 */
export const MASK = '***';

/** Keys whose values are credentials, wherever they appear (params, response bodies, nested objects). */
const SECRET_KEYS = new Set(['password', 'oldpassword', 'secret', 'otp', 'jwt', 'session', 'providertoken',
  'provideraccesstoken', 'providerrefreshtoken', 'code', 'idtoken', 'token', 'recoverycodes']);

/** Headers whose values are credentials. */
const SECRET_HEADERS = new Set(['x-fallback-cookies', 'x-appwrite-session', 'x-appwrite-jwt', 'cookie', 'set-cookie', 'x-appwrite-key']);

export function maskUrl(url: string): string {
  return url.replace(/([?&#]secret=)[^&#]*/gi, `$1${MASK}`);
}

export function maskValue(value: unknown, depth = 0): unknown {
  if (depth > 20) return MASK;
  if (Array.isArray(value)) return value.map((item) => maskValue(item, depth + 1));
  if (!value || typeof value !== 'object') return typeof value === 'string' && /[?&#]secret=/i.test(value) ? maskUrl(value) : value;
  // Only string values (and lists of them) are masked: an error body's numeric `code` is its HTTP status.
  const hide = (item: unknown): unknown => (typeof item === 'string' ? (item === '' ? item : MASK) : Array.isArray(item) ? item.map(hide) : maskValue(item, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, SECRET_KEYS.has(key.toLowerCase()) ? hide(item) : maskValue(item, depth + 1)]));
}

export function maskHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name.toLowerCase()] = SECRET_HEADERS.has(name.toLowerCase()) ? MASK : maskUrl(value);
  });
  return out;
}

export async function requestDetails(note: RequestNote, response: Response, body: unknown): Promise<RequestDetails> {
  return {
    request: { url: maskUrl(note.request.url), headers: maskHeaders(note.request.headers), params: maskValue(note.params ?? {}) as Record<string, unknown> },
    response: { headers: maskHeaders(response.headers), body: maskValue(body) },
  };
}
