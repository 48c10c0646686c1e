/** The emulator's randomness (src/crypto/random.ts): seeded determinism, and the shapes of ids, secrets and codes. */
import { bytesToHex } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { createRandom, digitCode, randomHex, secret, uniqueId } from '../../src/crypto/random.js';

const hex = (bytes: Uint8Array) => bytesToHex(bytes);

describe('createRandom', () => {
  it('gives the same stream for the same seed, however it is read', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    expect(hex(a.bytes(100))).toBe(hex(b.bytes(100)));
    const whole = hex(createRandom(7).bytes(64));
    const parts = createRandom(7);
    expect(hex(parts.bytes(10)) + hex(parts.bytes(1)) + hex(parts.bytes(53))).toBe(whole);
  });

  it('gives different streams for different seeds, and never repeats within one', () => {
    expect(hex(createRandom(1).bytes(32))).not.toBe(hex(createRandom(2).bytes(32)));
    expect(hex(createRandom(0).bytes(32))).not.toBe(hex(createRandom(-0.5).bytes(32)));
    const r = createRandom(3);
    expect(hex(r.bytes(32))).not.toBe(hex(r.bytes(32)));
  });

  it('is unpredictable without a seed', () => {
    expect(hex(createRandom().bytes(32))).not.toBe(hex(createRandom().bytes(32)));
    expect(createRandom().bytes(0)).toHaveLength(0);
  });
});

describe('secret', () => {
  it('is 256 lowercase hex chars (128 bytes), like Appwrite\'s session secrets', () => {
    const value = secret(createRandom(1));
    expect(value).toMatch(/^[0-9a-f]{256}$/);
    expect(secret(createRandom(1))).toBe(value);
  });
});

describe('randomHex', () => {
  it('gives exactly the requested number of hex chars, odd counts included', () => {
    const r = createRandom(5);
    for (const n of [1, 7, 8, 63]) expect(randomHex(r, n)).toMatch(new RegExp(`^[0-9a-f]{${n}}$`));
  });
});

describe('digitCode', () => {
  it('is 6 digits, leading zeros included', () => {
    const codes = Array.from({ length: 300 }, (_, seed) => digitCode(createRandom(seed)));
    for (const code of codes) expect(code).toMatch(/^\d{6}$/);
    // Seeded, so this is deterministic: some of 300 codes start with 0 (about 30 expected).
    expect(codes.some((code) => code.startsWith('0'))).toBe(true);
    expect(new Set(codes).size).toBeGreaterThan(290);
  });

  it('uses every digit in every position over many codes', () => {
    const r = createRandom(9);
    const seen = Array.from({ length: 6 }, () => new Set<string>());
    for (let i = 0; i < 500; i++) [...digitCode(r)].forEach((d, pos) => seen[pos]!.add(d));
    for (const digits of seen) expect(digits.size).toBe(10);
  });

  it('takes another length', () => {
    expect(digitCode(createRandom(1), 4)).toMatch(/^\d{4}$/);
  });
});

describe('uniqueId (ID.unique())', () => {
  const at = new Date(1_700_000_000_123);

  it('is 20 lowercase hex chars: 8 of seconds, 5 of microseconds, 7 random', () => {
    const id = uniqueId(createRandom(1), at);
    expect(id).toMatch(/^[0-9a-f]{20}$/);
    expect(id.slice(0, 8)).toBe((1_700_000_000).toString(16));
    expect(id.slice(8, 13)).toBe((123_000).toString(16).padStart(5, '0'));
  });

  it('differs within the same millisecond, and sorts by time', () => {
    const r = createRandom(1);
    expect(uniqueId(r, at)).not.toBe(uniqueId(r, at));
    expect(uniqueId(r, new Date(at.getTime() + 1)) > uniqueId(r, at)).toBe(true);
    expect(uniqueId(r, new Date(0))).toMatch(/^0000000000000[0-9a-f]{7}$/);
  });

  it('is deterministic for a seed and a time', () => {
    expect(uniqueId(createRandom(4), at)).toBe(uniqueId(createRandom(4), at));
  });
});
