import { SignJWT, jwtVerify, errors } from 'jose';

/** Appwrite's JWT: HS256, payload {userId, sessionId, exp}, 900 s, verified with 10 s leeway (spec §3.7). */
export const JWT_LIFETIME_SECONDS = 900;
const LEEWAY_SECONDS = 10;

export async function signJwt(key: Uint8Array, payload: { userId: string; sessionId: string }, now: Date): Promise<string> {
  return new SignJWT(payload)
    .setProtectedHeader({ typ: 'JWT', alg: 'HS256' })
    .setExpirationTime(Math.floor(now.getTime() / 1000) + JWT_LIFETIME_SECONDS)
    .sign(key);
}

export type JwtResult = { ok: true; userId?: string; sessionId?: string } | { ok: false; reason: string };

/** Verifies a JWT; on failure returns the reason in Appwrite's words ("Invalid token: Expired", ...). */
export async function verifyJwt(key: Uint8Array, token: string, now: Date): Promise<JwtResult> {
  if (token.split('.').length !== 3) return { ok: false, reason: 'Invalid token: Incomplete segments' };
  try {
    const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'], clockTolerance: LEEWAY_SECONDS, currentDate: now });
    return {
      ok: true,
      userId: typeof payload.userId === 'string' ? payload.userId : undefined,
      sessionId: typeof payload.sessionId === 'string' ? payload.sessionId : undefined,
    };
  } catch (error) {
    if (error instanceof errors.JWTExpired) return { ok: false, reason: 'Invalid token: Expired' };
    if (error instanceof errors.JWSSignatureVerificationFailed) return { ok: false, reason: 'Invalid token: Signature failed' };
    if (error instanceof errors.JOSEAlgNotAllowed) return { ok: false, reason: 'Invalid token: Unsupported header algo' };
    if (error instanceof errors.JWSInvalid && /alg/.test(error.message)) return { ok: false, reason: 'Invalid token: Missing header algo' };
    return { ok: false, reason: `Invalid token: ${error instanceof Error ? error.message : 'Malformed'}` };
  }
}
