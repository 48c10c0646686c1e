/** RFC 6238 TOTP as Appwrite 1.9.6 computes it (src/crypto/totp.ts; 1.9 spec §6.30, §9.4). */
import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, newTotpSecret, totpCode, totpMatches, totpSecondsLeft, totpUri } from '../../src/crypto/totp.js';
import { createRandom } from '../../src/crypto/random.js';

/** RFC 6238 appendix B's SHA-1 seed, the ASCII string "12345678901234567890". */
const SEED = new TextEncoder().encode('12345678901234567890');
const SEED_BASE32 = base32Encode(SEED);

/** RFC 6238 appendix B, SHA-1 column: Unix time (s) -> 8-digit TOTP. */
const VECTORS: Array<[number, string]> = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('hotp / totpCode', () => {
  it.each(VECTORS)('at %i s gives RFC 6238\'s %s (8 digits) and its last 6 digits as Appwrite\'s code', (seconds, code) => {
    expect(hotp(SEED, Math.floor(seconds / 30), 8)).toBe(code);
    expect(totpCode(SEED_BASE32, seconds * 1000)).toBe(code.slice(-6));
  });

  it('gives RFC 4226 appendix D\'s HOTP values for counters 0 to 9', () => {
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    expect(expected.map((_, counter) => hotp(SEED, counter))).toEqual(expected);
  });

  it('keeps the code for the whole 30-second step and changes it at the next one', () => {
    const start = 1_700_000_010_000; // a step boundary (divisible by 30 s)
    expect(totpCode(SEED_BASE32, start)).toBe(totpCode(SEED_BASE32, start + 29_999));
    expect(totpCode(SEED_BASE32, start)).not.toBe(totpCode(SEED_BASE32, start + 30_000));
  });
});

describe('totpSecondsLeft', () => {
  it('counts down from 30 to 1 within a step', () => {
    expect(totpSecondsLeft(1_700_000_010_000)).toBe(30);
    expect(totpSecondsLeft(1_700_000_010_999)).toBe(30);
    expect(totpSecondsLeft(1_700_000_039_000)).toBe(1);
    expect(totpSecondsLeft(1_700_000_040_000)).toBe(30);
  });
});

describe('totpMatches', () => {
  it('accepts the current step\'s code only: no window before or after (otphp now() === otp)', () => {
    const at = 1_700_000_025_000;
    expect(totpMatches(SEED_BASE32, at, totpCode(SEED_BASE32, at))).toBe(true);
    expect(totpMatches(SEED_BASE32, at, totpCode(SEED_BASE32, at - 30_000))).toBe(false);
    expect(totpMatches(SEED_BASE32, at, totpCode(SEED_BASE32, at + 30_000))).toBe(false);
    expect(totpMatches(SEED_BASE32, at, '')).toBe(false);
    expect(totpMatches(SEED_BASE32, at, `${totpCode(SEED_BASE32, at)} `)).toBe(false);
  });
});

describe('base32', () => {
  it('encodes RFC 4648 test vectors upper-case without padding, and decodes them back', () => {
    const cases: Array<[string, string]> = [['', ''], ['f', 'MY'], ['fo', 'MZXQ'], ['foo', 'MZXW6'], ['foob', 'MZXW6YQ'], ['fooba', 'MZXW6YTB'], ['foobar', 'MZXW6YTBOI']];
    for (const [plain, encoded] of cases) {
      expect(base32Encode(new TextEncoder().encode(plain))).toBe(encoded);
      expect(new TextDecoder().decode(base32Decode(encoded))).toBe(plain);
      expect(new TextDecoder().decode(base32Decode(`${encoded}======`.slice(0, Math.ceil(encoded.length / 8) * 8 || 0)))).toBe(plain);
    }
  });

  it('refuses lower-case and foreign characters, as otphp\'s decodeUpper', () => {
    expect(() => base32Decode('mzxw6')).toThrow(TypeError);
    expect(() => base32Decode('MZXW1')).toThrow(TypeError);
  });
});

describe('newTotpSecret', () => {
  it('is 64 random bytes in base32: 103 upper-case characters', () => {
    const secret = newTotpSecret(createRandom(7));
    expect(secret).toMatch(/^[A-Z2-7]{103}$/);
    expect(base32Decode(secret)).toHaveLength(64);
    expect(newTotpSecret(createRandom(7))).toBe(secret);
  });
});

describe('totpUri', () => {
  it('is otphp\'s provisioning URI: issuer:label raw-url-encoded, then issuer and secret sorted, defaults left out', () => {
    expect(totpUri('My App', 'ada@example.com', 'JBSWY3DPEHPK3PXP'))
      .toBe('otpauth://totp/My%20App%3Aada%40example.com?issuer=My%20App&secret=JBSWY3DPEHPK3PXP');
    expect(totpUri("Ada's (test) app!*~", 'a+b@example.com', 'AB'))
      .toBe("otpauth://totp/Ada%27s%20%28test%29%20app%21%2A~%3Aa%2Bb%40example.com?issuer=Ada%27s%20%28test%29%20app%21%2A~&secret=AB");
  });

  it('is null where otphp throws: no label, or a colon in the label or issuer', () => {
    expect(totpUri('App', '', 'AB')).toBeNull();
    expect(totpUri('A:pp', 'ada@example.com', 'AB')).toBeNull();
    expect(totpUri('App', 'a:b@example.com', 'AB')).toBeNull();
  });
});
