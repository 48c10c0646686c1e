import { APPWRITE_VERSION } from '../config.js';
import { AppwriteError } from '../errors/appwrite-error.js';
import { toHttpStatus } from '../errors/error-types.js';

/** Headers every Appwrite API response carries (spec §2.4). */
export function baseHeaders(request: Request): Record<string, string> {
  const origin = request.headers.get('origin');
  return {
    Server: 'Appwrite',
    'X-Content-Type-Options': 'nosniff',
    'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE',
    'Access-Control-Allow-Headers': 'Origin, Cookie, Set-Cookie, X-Requested-With, Content-Type, Access-Control-Allow-Origin, Access-Control-Request-Headers, Accept, X-Appwrite-Project, X-Appwrite-Key, X-Appwrite-Locale, X-Appwrite-Mode, X-Appwrite-JWT, X-Appwrite-Response-Format, X-Appwrite-Timeout, X-SDK-Version, X-SDK-Name, X-SDK-Language, X-SDK-Platform, X-SDK-GraphQL, X-Appwrite-ID, X-Appwrite-Timestamp, Content-Range, Range, Cache-Control, Expires, Pragma, X-Fallback-Cookies',
    'Access-Control-Expose-Headers': 'X-Fallback-Cookies',
    'Access-Control-Allow-Credentials': 'true',
    'Access-Control-Allow-Origin': origin ?? 'http://localhost',
  };
}

export function json(status: number, body: unknown, headers: Record<string, string>): Response {
  if (status === 204) return new Response(null, { status, headers });
  return new Response(JSON.stringify(body), {
    status,
    headers: { ...headers, 'Content-Type': 'application/json; charset=UTF-8' },
  });
}

/** The one place errors become HTTP: Appwrite's body {message, code, type, version} and no-cache headers. */
export function errorResponse(error: unknown, headers: Record<string, string>): Response {
  let appwriteError: AppwriteError;
  if (error instanceof AppwriteError) {
    appwriteError = error;
  } else {
    // Anything unexpected is a bug in the emulator: report it, answer like Appwrite does for a 500.
    console.error('[appwrite-emulator] unexpected error', error);
    appwriteError = new AppwriteError('general_unknown');
  }
  const status = toHttpStatus(appwriteError.code);
  const extra = (appwriteError as AppwriteError & { headers?: Record<string, string> }).headers ?? {};
  return json(
    status,
    { message: status === 500 ? 'Server Error' : appwriteError.message, code: status, type: appwriteError.type, version: APPWRITE_VERSION },
    { ...headers, ...extra, 'Cache-Control': 'no-cache, no-store, must-revalidate', Expires: '0', Pragma: 'no-cache' },
  );
}
