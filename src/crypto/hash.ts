import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** SHA-256 hex: how session and token secrets are stored (Appwrite stores only this digest). */
export function sha256Hex(value: string): string {
  return bytesToHex(sha256(utf8ToBytes(value)));
}

/**
 * SHA-256 hex of possibly huge input (rate-limit keys built from raw params): the platform's native digest where
 * there is one (Node, secure browser contexts), ~4x faster on megabytes; @noble/hashes elsewhere (plain-http pages).
 */
export async function sha256HexLarge(value: string): Promise<string> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return sha256Hex(value);
  return bytesToHex(new Uint8Array(await subtle.digest('SHA-256', utf8ToBytes(value))));
}

/** Constant-time comparison of two equal-length strings (digests). */
export function timingSafeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
