import { hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';
import type { Random } from './random.js';

/**
 * TOTP as Appwrite 1.9.6 computes it (spomky-labs/otphp defaults, 1.9 spec §9.4): RFC 6238 over HMAC-SHA1, 6
 * digits, 30-second steps from the Unix epoch; the secret is RFC 4648 base32, upper-case, without `=` padding.
 * decisions/009-totp.md says why it is written here on @noble/hashes rather than taken from a TOTP library.
 */
export const TOTP_PERIOD = 30;
export const TOTP_DIGITS = 6;

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32, upper-case, padding trimmed (otphp's `trim(Base32::encodeUpper(...), '=')`). */
export function base32Encode(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/** Base32 back to bytes; `=` padding is ignored. Anything outside the upper-case alphabet throws (otphp's `decodeUpper`). */
export function base32Decode(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '');
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of clean) {
    const index = ALPHABET.indexOf(char);
    if (index < 0) throw new TypeError(`appwrite-emulator: not a base32 secret (unexpected "${char}")`);
    value = ((value << 5) | index) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Uint8Array.from(out);
}

/** HOTP (RFC 4226): HMAC-SHA1 over the 8-byte big-endian counter, dynamic truncation, mod 10^digits, zero-padded. */
export function hotp(key: Uint8Array, counter: number, digits = TOTP_DIGITS): string {
  const message = new Uint8Array(8);
  // Counters stay far below 2^53: split into two 32-bit halves.
  const high = Math.floor(counter / 2 ** 32);
  new DataView(message.buffer).setUint32(0, high);
  new DataView(message.buffer).setUint32(4, counter - high * 2 ** 32);
  const mac = hmac(sha1, key, message);
  const offset = mac[mac.length - 1]! & 0x0f;
  const code = ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!;
  return String(code % 10 ** digits).padStart(digits, '0');
}

/** The TOTP code of a base32 secret at `atMs` (epoch milliseconds): the 30-second step that contains it. */
export function totpCode(secretBase32: string, atMs: number): string {
  return hotp(base32Decode(secretBase32), Math.floor(atMs / 1000 / TOTP_PERIOD));
}

/** Whole seconds until the code at `atMs` changes (1 … 30). */
export function totpSecondsLeft(atMs: number): number {
  return TOTP_PERIOD - (Math.floor(atMs / 1000) % TOTP_PERIOD);
}

/**
 * Appwrite's check: the code of the current step only, no drift window (otphp `now() === otp`), compared in
 * constant time.
 */
export function totpMatches(secretBase32: string, atMs: number, otp: string): boolean {
  const expected = totpCode(secretBase32, atMs);
  if (otp.length !== expected.length) return false;
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ otp.charCodeAt(i);
  return diff === 0;
}

/** otphp's `TOTP::create()` secret: 64 random bytes in base32 (103 characters). */
export function newTotpSecret(random: Random): string {
  return base32Encode(random.bytes(64));
}

/** PHP's `urlencode` (spaces as `+`) as `http_build_query` applies it, then otphp's `+` -> `%20`, `%7E` -> `~`. */
const queryEncode = (value: string) =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** PHP's `rawurlencode`: RFC 3986 unreserved characters kept, everything else percent-encoded. */
const rawUrlEncode = queryEncode;

/**
 * otphp's provisioning URI: `otpauth://totp/<rawurlencode(issuer:label)>?issuer=<issuer>&secret=<secret>` (defaults
 * for algorithm, digits and period left out; parameters sorted by name). Appwrite's label is the user's e-mail
 * and its issuer the project's name. otphp refuses a label or issuer containing `:` (null when so here).
 */
export function totpUri(issuer: string, label: string, secret: string): string | null {
  if (!label || label.includes(':') || issuer.includes(':')) return null;
  return `otpauth://totp/${rawUrlEncode(`${issuer}:${label}`)}?issuer=${queryEncode(issuer)}&secret=${secret}`;
}
