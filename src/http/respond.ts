import { APPWRITE_VERSION } from '../config.js';
import { AppwriteError } from '../errors/appwrite-error.js';
import { toHttpStatus } from '../errors/error-types.js';
import { SERVER_VERSION_1_9, type Behaviour } from './behaviour.js';

const ALLOW_HEADERS = 'Origin, Cookie, Set-Cookie, X-Requested-With, Content-Type, Access-Control-Allow-Origin, Access-Control-Request-Headers, Accept, X-Appwrite-Project, X-Appwrite-Key, X-Appwrite-Locale, X-Appwrite-Mode, X-Appwrite-JWT, X-Appwrite-Response-Format, X-Appwrite-Timeout, X-SDK-Version, X-SDK-Name, X-SDK-Language, X-SDK-Platform, X-SDK-GraphQL, X-Appwrite-ID, X-Appwrite-Timestamp, Content-Range, Range, Cache-Control, Expires, Pragma';

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

/** Headers every Appwrite API response carries (spec §2.4). */
export function baseHeaders(request: Request, isAllowedHost: (host: string) => boolean): Record<string, string> {
  const url = new URL(request.url);
  const headers: Record<string, string> = {
    Server: 'Appwrite',
    'X-Content-Type-Options': 'nosniff',
    'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE',
    'Access-Control-Allow-Headers': ALLOW_HEADERS,
    'Access-Control-Expose-Headers': 'X-Fallback-Cookies',
    'Access-Control-Allow-Credentials': 'true',
    'Access-Control-Allow-Origin': allowOrigin(request, url, isAllowedHost),
  };
  if (url.protocol === 'https:') headers['Strict-Transport-Security'] = 'max-age=10886400';
  return headers;
}

/** An OPTIONS preflight: also allows X-Fallback-Cookies and echoes the Origin unconditionally, as Appwrite does. */
export function preflightHeaders(request: Request, isAllowedHost: (host: string) => boolean): Record<string, string> {
  return {
    ...baseHeaders(request, isAllowedHost),
    'Access-Control-Allow-Headers': `${ALLOW_HEADERS}, X-Fallback-Cookies`,
    'Access-Control-Allow-Origin': request.headers.get('origin') ?? '',
  };
}

export function json(status: number, body: unknown, headers: Record<string, string>): Response {
  if (status === 204) return new Response(null, { status, headers });
  return new Response(JSON.stringify(body), {
    status,
    headers: { ...headers, 'Content-Type': 'application/json; charset=UTF-8' },
  });
}

/**
 * The one place errors become HTTP: Appwrite's body and no-cache headers. 1.4 sends `{message, code, type,
 * version}`; 1.9.6 `{message, code, version, type}` with its own version (spec 1.9 §3.1). Error bodies are never
 * filtered by format.
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
  const body = behaviour === '1.4'
    ? { message, code: status, type: appwriteError.type, version: APPWRITE_VERSION }
    : { message, code: status, version: SERVER_VERSION_1_9, type: appwriteError.type };
  return json(status, body, { ...headers, ...extra, 'Cache-Control': 'no-cache, no-store, must-revalidate', Expires: '0', Pragma: 'no-cache' });
}
