import { utf8ToBytes } from '@noble/hashes/utils.js';
import type { PasswordHashOptions } from '../config.js';
import type { Random } from './random.js';
import { timingSafeEqual } from './hash.js';

/**
 * argon2 (with blake2) is imported on the first hash, not with the module: it is ~5 kB gzipped of the browser
 * bundle that a page only needs once a password is set or checked (`npm run bench`, bundle size table).
 */
const argon2 = () => import('@noble/hashes/argon2.js');

const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/=+$/, '');
const unb64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/** Hashes a password with argon2id into a PHC string, the same format PHP's password_hash() writes. */
export async function hashPassword(password: string, random: Random, options: Required<PasswordHashOptions>): Promise<string> {
  const { memoryCost: m, timeCost: t, threads: p } = options;
  const salt = random.bytes(16);
  const { argon2idAsync } = await argon2();
  const hash = await argon2idAsync(utf8ToBytes(password), salt, { m, t, p, dkLen: 32, asyncTick: 25 });
  return `$argon2id$v=19$m=${m},t=${t},p=${p}$${b64(salt)}$${b64(hash)}`;
}

/**
 * Verifies against a PHC argon2id string, using the parameters stored in it (so old hashes keep working).
 * A malformed string (bad base64, a salt under 8 bytes, parameters argon2 refuses or beyond the emulator's own
 * option limits, which would stall the page) never matches, and never throws.
 */
export async function verifyPassword(password: string, phc: string | null | undefined): Promise<boolean> {
  const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(phc ?? '');
  if (!match) return false;
  const [, m, t, p, salt, expected] = match;
  if (Number(m) > 1_048_576 || Number(t) > 100 || Number(p) > 16) return false;
  const { argon2idAsync } = await argon2(); // outside the try: a chunk that fails to load is an error, not a mismatch
  try {
    const expectedBytes = unb64(expected!);
    const hash = await argon2idAsync(utf8ToBytes(password), unb64(salt!), {
      m: Number(m), t: Number(t), p: Number(p), dkLen: expectedBytes.length, asyncTick: 25,
    });
    return timingSafeEqual(b64(hash), expected!);
  } catch {
    return false;
  }
}
