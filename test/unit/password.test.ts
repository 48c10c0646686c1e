/** Password hashing (src/crypto/password.ts): argon2id in PHP's PHC format, verification, malformed hashes. */
import { argon2idAsync } from '@noble/hashes/argon2.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../src/crypto/random.js';
import { hashPassword, verifyPassword } from '../../src/crypto/password.js';

const CHEAP = { memoryCost: 64, timeCost: 1, threads: 1 };
const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/=+$/, '');

describe('hashPassword', () => {
  it('writes a PHC string like PHP\'s password_hash: $argon2id$v=19$m=..,t=..,p=..$salt$hash', async () => {
    const phc = await hashPassword('password123', createRandom(1), CHEAP);
    expect(phc).toMatch(/^\$argon2id\$v=19\$m=64,t=1,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    const other = await hashPassword('password123', createRandom(1), { memoryCost: 128, timeCost: 2, threads: 2 });
    expect(other).toMatch(/^\$argon2id\$v=19\$m=128,t=2,p=2\$/);
  });

  it('encodes a 16-byte salt and the 32-byte argon2id digest in unpadded standard base64', async () => {
    const phc = await hashPassword('pässwörd 🔑', createRandom(7), CHEAP);
    const salt = createRandom(7).bytes(16); // the same stream the hash drew its salt from
    const digest = await argon2idAsync(utf8ToBytes('pässwörd 🔑'), salt, { m: 64, t: 1, p: 1, dkLen: 32 });
    expect(phc).toBe(`$argon2id$v=19$m=64,t=1,p=1$${b64(salt)}$${b64(digest)}`);
  });

  it('salts: the same password hashes differently each time', async () => {
    const random = createRandom(3);
    expect(await hashPassword('password123', random, CHEAP)).not.toBe(await hashPassword('password123', random, CHEAP));
  });
});

describe('verifyPassword', () => {
  it('accepts the right password and refuses a wrong one', async () => {
    const phc = await hashPassword('password123', createRandom(1), CHEAP);
    expect(await verifyPassword('password123', phc)).toBe(true);
    expect(await verifyPassword('password124', phc)).toBe(false);
    expect(await verifyPassword('Password123', phc)).toBe(false);
    expect(await verifyPassword('', phc)).toBe(false);
  });

  it('uses the parameters stored in the hash, and handles multibyte passwords', async () => {
    const phc = await hashPassword('pässwörd 🔑', createRandom(2), { memoryCost: 128, timeCost: 2, threads: 2 });
    expect(await verifyPassword('pässwörd 🔑', phc)).toBe(true);
    expect(await verifyPassword('passwörd 🔑', phc)).toBe(false);
  });

  it('returns false, never throws, for missing or malformed hashes', async () => {
    const good = await hashPassword('password123', createRandom(1), CHEAP);
    const [, , , , salt, digest] = good.split('$');
    const malformed = [
      null, undefined, '', 'password123', '$2y$10$abcdefghijklmnopqrstuuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ01',
      good.replace('argon2id', 'argon2i'), good.replace('v=19', 'v=16'), good.replace('m=64', 'm=0'),
      good.replace('t=1', 't=0'), good.replace('p=1', 'p=0'), good.replace('m=64', 'm=99999999999'),
      `$argon2id$v=19$m=64,t=1,p=1$c2FsdA$${digest}`, // a 4-byte salt
      `$argon2id$v=19$m=64,t=1,p=1$${salt}$A`, // not base64
      `$argon2id$v=19$m=64,t=1,p=1$${salt}$`, `$argon2id$v=19$m=64,t=1,p=1$${salt}`, `${good}$extra`, `${good}=`,
    ];
    for (const phc of malformed) await expect(verifyPassword('password123', phc), String(phc)).resolves.toBe(false);
  });
});
