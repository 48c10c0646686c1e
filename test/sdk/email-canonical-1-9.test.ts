/**
 * 1.9.6's e-mail parser (utopia-php/emails, `new Email($email)`) reads the address trimmed and lower-cased, and
 * account.php compares `get()` (that form) with the canonical one: an address that differs from its canonical form
 * only by case is canonical. The token routes keep the address's case (account create lower-cases it first).
 */
import { Account, Client, ID } from 'appwrite-28';
import { describe, expect, it } from 'vitest';
import { ENDPOINT, PROJECT, useEmulator } from '../helpers.js';
import { onlyMessage } from './token-helpers.js';

const { emulator } = useEmulator();

describe('the e-mail parser (SDK 28): emailIsCanonical compares the lower-cased, trimmed address', () => {
  it('marks Ada@Example.com canonical on the users the token routes create (they keep the case)', async () => {
    localStorage.clear();
    const guest = new Account(new Client().setEndpoint(ENDPOINT).setProject(PROJECT));
    const magic = await guest.createMagicURLToken({ userId: ID.unique(), email: 'Grace@Example.com' });
    const otp = await guest.createEmailToken({ userId: ID.unique(), email: 'Ada.Lovelace@Example.org' });
    const db = await emulator.db();
    for (const [userId, canonical] of [[magic.userId, 'grace@example.com'], [otp.userId, 'ada.lovelace@example.org']] as const) {
      expect(await db.users.get(userId)).toMatchObject({ emailCanonical: canonical, emailIsCanonical: true });
    }
    const gmail = await guest.createEmailToken({ userId: ID.unique(), email: 'Grace.Hopper@Gmail.com' });
    expect(await db.users.get(gmail.userId)).toMatchObject({ email: 'Grace.Hopper@Gmail.com', emailCanonical: 'gracehopper@gmail.com', emailIsCanonical: false });
    // Signed in, the account reports it so.
    await guest.createSession({ userId: otp.userId, secret: (await onlyMessage(emulator, { kind: 'email-otp', to: 'Ada.Lovelace@Example.org' })).secret! });
    expect(await guest.get()).toMatchObject({ email: 'Ada.Lovelace@Example.org', emailCanonical: 'ada.lovelace@example.org', emailIsCanonical: true });
  });
});
