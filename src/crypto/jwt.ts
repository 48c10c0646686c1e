import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { timingSafeEqual } from './hash.js';

/** Appwrite's JWT: HS256, payload {userId, sessionId, exp}, 900 s, verified with 10 s leeway (spec §3.7). */
export const JWT_LIFETIME_SECONDS = 900;
/** Appwrite 1.4's verification leeway; 1.9.6 verifies with none (the caller passes its server's). */
/** 1.4's leeway; callers pass the request's server's (http/caller.ts jwtLeeway). */
const JWT_LEEWAY_SECONDS_1_4 = 10;

export async function signJwt(
  key: Uint8Array, payload: { userId: string; sessionId: string }, now: Date, lifetime: number = JWT_LIFETIME_SECONDS,
): Promise<string> {
  // jose is imported on the first createJWT(), not with the module: ~4 kB gzipped of the browser bundle that most
  // pages never use (`npm run bench`, bundle size table).
  const { SignJWT } = await import('jose');
  return new SignJWT(payload)
    .setProtectedHeader({ typ: 'JWT', alg: 'HS256' })
    .setExpirationTime(Math.floor(now.getTime() / 1000) + lifetime)
    .sign(key);
}

export type JwtResult = { ok: true; userId?: string; sessionId?: string } | { ok: false; reason: string };

// Algorithms adhocore/jwt accepts in a header; it then verifies with its own configured one (HS256) regardless.
const HEADER_ALGOS = new Set(['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512']);

class JwtError extends Error {}

/** PHP's lenient base64_decode of a base64url segment (characters outside the alphabet are skipped), then json_decode. */
function decodeSegment(segment: string): unknown {
  let clean = segment.replace(/-/g, '+').replace(/_/g, '/').replace(/[^A-Za-z0-9+/]/g, '');
  if (clean.length % 4 === 1) clean = clean.slice(0, -1);
  const bytes = Uint8Array.from(atob(clean), (c) => c.charCodeAt(0));
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new JwtError('JSON failed: Malformed UTF-8 characters, possibly incorrectly encoded');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new JwtError('JSON failed: Syntax error');
  }
}

/** PHP's `(array)` cast: objects keep their keys, anything else has no `alg`/`exp` key. */
const asArray = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

const base64url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/**
 * Verifies a JWT the way Appwrite's library (adhocore/jwt 1.1) parses it, so failures carry its messages:
 * fewer than two dots, then the header (JSON, `alg` present and known), then the HS256 signature compared as
 * text against everything after the second dot, then `exp` with the leeway, in whole seconds. A null `key` (none
 * issued yet) fails every signature.
 */
export async function verifyJwt(key: Uint8Array | null, token: string, now: Date, leeway = JWT_LEEWAY_SECONDS_1_4): Promise<JwtResult> {
  try {
    if ((token.match(/\./g) ?? []).length < 2) throw new JwtError('Invalid token: Incomplete segments');
    const first = token.indexOf('.');
    const second = token.indexOf('.', first + 1);
    const [head, body, signature] = [token.slice(0, first), token.slice(first + 1, second), token.slice(second + 1)];
    const alg = asArray(decodeSegment(head)).alg;
    if (alg === undefined || alg === null || alg === '' || alg === '0' || alg === 0 || alg === false) {
      throw new JwtError('Invalid token: Missing header algo');
    }
    if (typeof alg !== 'string' || !HEADER_ALGOS.has(alg)) throw new JwtError('Invalid token: Unsupported header algo');
    // No key yet (no JWT was ever issued by this database): no signature can match.
    const expected = key && base64url(hmac(sha256, key, new TextEncoder().encode(`${head}.${body}`)));
    if (!expected || !timingSafeEqual(expected, signature)) throw new JwtError('Invalid token: Signature failed');
    const payload = asArray(decodeSegment(body));
    const nowSeconds = Math.floor(now.getTime() / 1000);
    if (payload.exp !== undefined && payload.exp !== null && nowSeconds >= Number(payload.exp) + leeway) {
      throw new JwtError('Invalid token: Expired');
    }
    return {
      ok: true,
      userId: typeof payload.userId === 'string' ? payload.userId : undefined,
      sessionId: typeof payload.sessionId === 'string' ? payload.sessionId : undefined,
    };
  } catch (error) {
    if (error instanceof JwtError) return { ok: false, reason: error.message };
    throw error;
  }
}
