import { APPWRITE_VERSION } from '../config.js';
import { AppwriteError } from '../errors/appwrite-error.js';
import { toHttpStatus } from '../errors/error-types.js';
import { SERVER_VERSION_1_9, compareVersions, type Behaviour } from './behaviour.js';

/** Appwrite 1.4's CORS request-header list. */
const ALLOW_HEADERS = 'Origin, Cookie, Set-Cookie, X-Requested-With, Content-Type, Access-Control-Allow-Origin, Access-Control-Request-Headers, Accept, X-Appwrite-Project, X-Appwrite-Key, X-Appwrite-Locale, X-Appwrite-Mode, X-Appwrite-JWT, X-Appwrite-Response-Format, X-Appwrite-Timeout, X-SDK-Version, X-SDK-Name, X-SDK-Language, X-SDK-Platform, X-SDK-GraphQL, X-Appwrite-ID, X-Appwrite-Timestamp, Content-Range, Range, Cache-Control, Expires, Pragma';

/** Appwrite 1.9.6's list (`app/config/cors.php`; 1.9 spec §1.4): X-Fallback-Cookies included, preflight or not. */
const ALLOW_HEADERS_1_9 = 'Accept, Origin, Cookie, Set-Cookie, Content-Type, Content-Range, X-Appwrite-Project, X-Appwrite-Key, X-Appwrite-Dev-Key, X-Appwrite-Locale, X-Appwrite-Mode, X-Appwrite-JWT, X-Appwrite-Organization, X-Appwrite-Response-Format, X-Appwrite-Timeout, X-Appwrite-ID, X-Appwrite-Timestamp, X-Appwrite-Session, X-Appwrite-Platform, X-Appwrite-Impersonate-User-Id, X-Appwrite-Impersonate-User-Email, X-Appwrite-Impersonate-User-Phone, X-SDK-Version, X-SDK-Name, X-SDK-Language, X-SDK-Platform, X-SDK-GraphQL, X-SDK-Profile, Range, Cache-Control, Expires, Pragma, X-Fallback-Cookies, X-Requested-With, X-Forwarded-For, X-Forwarded-User-Agent';

/**
 * `Access-Control-Allow-Origin` as Appwrite computes it: scheme and port of the Origin (else Referer), with its
 * host only if that host is an allowed platform, else `localhost` (spec §2.4).
 */
function allowOrigin(request: Request, url: URL, isAllowedHost: (host: string) => boolean): string {
  let scheme = url.protocol.slice(0, -1);
  let host = 'localhost';
  let port = '';
  const source = request.headers.get('origin') || request.headers.get('referer');
  if (source) {
    try {
      const parsed = new URL(source);
      scheme = parsed.protocol.slice(0, -1) || scheme;
      port = parsed.port;
      if (parsed.hostname && isAllowedHost(parsed.hostname.toLowerCase())) host = parsed.hostname;
    } catch {
      // `null` or garbage: Appwrite's parse_url finds no host either.
    }
  }
  return `${scheme}://${host}${port ? `:${port}` : ''}`;
}

/**
 * The CORS headers of each server. 1.4 (1.4 spec §2.4): its header list, Expose X-Fallback-Cookies, and an
 * Allow-Origin that falls back to localhost. 1.9.6 (1.9 spec §1.4): the longer list, Expose X-Appwrite-Session
 * too, Max-Age 86400, and Allow-Origin (the Origin, lower-cased) only when the Origin's host is allowed.
 */
export function corsHeaders(request: Request, url: URL, isAllowedHost: (host: string) => boolean, behaviour: Behaviour): Record<string, string> {
  const common = { 'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE' };
  if (behaviour === '1.4') {
    return {
      ...common,
      'Access-Control-Allow-Headers': ALLOW_HEADERS,
      'Access-Control-Expose-Headers': 'X-Fallback-Cookies',
      'Access-Control-Allow-Credentials': 'true',
      'Access-Control-Allow-Origin': allowOrigin(request, url, isAllowedHost),
    };
  }
  const origin = allowedOrigin19(request, isAllowedHost);
  return {
    ...common,
    'Access-Control-Allow-Headers': ALLOW_HEADERS_1_9,
    'Access-Control-Expose-Headers': 'X-Appwrite-Session, X-Fallback-Cookies',
    'Access-Control-Allow-Credentials': 'true',
    'Access-Control-Max-Age': '86400',
    ...(origin ? { 'Access-Control-Allow-Origin': origin } : {}),
  };
}

/** 1.9.6's Allow-Origin: the lower-cased Origin when its host is allowed, else none (no Referer fallback). */
function allowedOrigin19(request: Request, isAllowedHost: (host: string) => boolean): string | null {
  const origin = request.headers.get('origin');
  if (!origin) return null;
  try {
    const host = new URL(origin).hostname.toLowerCase();
    return host && isAllowedHost(host) ? origin.toLowerCase() : null;
  } catch {
    return null;
  }
}

/** Headers every Appwrite API response carries (1.4 spec §2.4, 1.9 spec §1.4), for the request's server. */
export function baseHeaders(request: Request, isAllowedHost: (host: string) => boolean, behaviour: Behaviour = '1.4'): Record<string, string> {
  const url = new URL(request.url);
  const headers: Record<string, string> = {
    Server: 'Appwrite',
    'X-Content-Type-Options': 'nosniff',
    ...corsHeaders(request, url, isAllowedHost, behaviour),
  };
  if (url.protocol === 'https:') headers['Strict-Transport-Security'] = 'max-age=10886400';
  return headers;
}

/**
 * An OPTIONS preflight. 1.4 also allows X-Fallback-Cookies and echoes the Origin unconditionally; 1.9.6 allows the
 * Origin's host for preflights, so it echoes the Origin (lower-cased) too. A preflight carries no format header,
 * so under the `auto` behaviour it gets 1.9.6's answer, whichever SDK sends the request that follows. 1.9.6's
 * options handler adds only the CORS headers and `Server` (general.php:1166-1172): utopia runs no init hook for
 * OPTIONS, so there is no `X-Content-Type-Options` or `Strict-Transport-Security`.
 */
export function preflightHeaders(request: Request, isAllowedHost: (host: string) => boolean, behaviour: Behaviour = '1.4'): Record<string, string> {
  if (behaviour === '1.9') {
    const origin = request.headers.get('origin');
    return { Server: 'Appwrite', ...corsHeaders(request, new URL(request.url), (host) => isAllowedHost(host) || isOriginHost(origin, host), behaviour) };
  }
  return {
    ...baseHeaders(request, isAllowedHost, behaviour),
    'Access-Control-Allow-Headers': `${ALLOW_HEADERS}, X-Fallback-Cookies`,
    'Access-Control-Allow-Origin': request.headers.get('origin') ?? '',
  };
}

function isOriginHost(origin: string | null, host: string): boolean {
  try {
    return origin !== null && new URL(origin).hostname.toLowerCase() === host;
  } catch {
    return false;
  }
}

/**
 * 1.9.6 warns a client built for a newer server (SDK 27: 2.0.0, SDK 28: 2.3.0; 1.9 spec §1.1); SDK 16+ print it
 * with console.warn. Null when the format is not newer than 1.9.6.
 */
export function formatWarning(behaviour: Behaviour, format: string): string | null {
  if (behaviour !== '1.9' || format === '' || compareVersions(format, SERVER_VERSION_1_9) <= 0) return null;
  return `The current SDK is built for Appwrite ${format}. However, the current Appwrite server version is ${SERVER_VERSION_1_9}. Please downgrade your SDK to match the Appwrite version: https://appwrite.io/docs/sdks`;
}

export function json(status: number, body: unknown, headers: Record<string, string>): Response {
  if (status === 204) return new Response(null, { status, headers });
  return new Response(JSON.stringify(body), {
    status,
    headers: { ...headers, 'Content-Type': 'application/json; charset=UTF-8' },
  });
}

/**
 * The one place errors become HTTP: Appwrite's body and no-cache headers, `{message, code, type, version}` with the
 * request's server version. 1.9.6 builds `[message, code, version, type]` (general.php:1469-1483) but outputs it
 * through the Error model, whose rules give the order (Model/Error.php, Response::output), so the keys come out as
 * 1.4's did; spec 1.9 §3.1 has version before type. Error bodies are never filtered by format.
 */
export function errorResponse(error: unknown, headers: Record<string, string>, behaviour: Behaviour): Response {
  let appwriteError: AppwriteError;
  if (error instanceof AppwriteError) {
    appwriteError = error;
  } else {
    // Anything unexpected is a bug in the emulator: report it, answer like Appwrite does for a 500.
    console.error('[appwrite-emulator] unexpected error', error);
    appwriteError = new AppwriteError('general_unknown');
  }
  const resolved = appwriteError.resolve(behaviour);
  const status = toHttpStatus(resolved.code, behaviour);
  const message = status === 500 ? 'Server Error' : resolved.message;
  const extra = (appwriteError as AppwriteError & { headers?: Record<string, string> }).headers ?? {};
  const body = { message, code: status, type: appwriteError.type, version: behaviour === '1.4' ? APPWRITE_VERSION : SERVER_VERSION_1_9 };
  return json(status, body, { ...headers, ...extra, 'Cache-Control': 'no-cache, no-store, must-revalidate', Expires: '0', Pragma: 'no-cache' });
}
