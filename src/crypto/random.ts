import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/** The emulator's injected randomness: cryptographic by default, a deterministic stream when seeded. */
export interface Random {
  bytes(length: number): Uint8Array;
}

export function createRandom(seed?: number): Random {
  if (seed === undefined) {
    return { bytes: (length) => globalThis.crypto.getRandomValues(new Uint8Array(length)) };
  }
  // A SHA-256 counter stream: deterministic for a seed, and still unpredictable without it.
  let counter = 0;
  let pool = new Uint8Array(0);
  const seedBytes = new TextEncoder().encode(`appwrite-emulator:${seed}:`);
  return {
    bytes(length) {
      while (pool.length < length) {
        const block = sha256(new Uint8Array([...seedBytes, ...new TextEncoder().encode(String(counter++))]));
        const next = new Uint8Array(pool.length + block.length);
        next.set(pool);
        next.set(block, pool.length);
        pool = next;
      }
      const out = pool.slice(0, length);
      pool = pool.slice(length);
      return out;
    },
  };
}

export function randomHex(random: Random, chars: number): string {
  return bytesToHex(random.bytes(Math.ceil(chars / 2))).slice(0, chars);
}

/** A 256-lowercase-hex secret (128 random bytes), as Appwrite's session and token secrets. */
export function secret(random: Random): string {
  return randomHex(random, 256);
}

/** A 6-digit phone code; leading zeros possible. Rejection sampling keeps the digits uniform. */
export function digitCode(random: Random, length = 6): string {
  let code = '';
  while (code.length < length) {
    const [b] = random.bytes(1);
    if (b! < 250) code += String(b! % 10);
  }
  return code;
}

/**
 * Appwrite's `ID.unique()`: 13 hex chars of PHP uniqid() (seconds + microseconds) then 7 random hex chars.
 */
export function uniqueId(random: Random, now: Date): string {
  const ms = now.getTime();
  const seconds = Math.floor(ms / 1000).toString(16).padStart(8, '0');
  const micros = ((ms % 1000) * 1000).toString(16).padStart(5, '0');
  return seconds + micros + randomHex(random, 7);
}
