/**
 * X-Appwrite-Timestamp (optimistic concurrency, spec §1) on the account's update routes, sent by the real SDK
 * through its public `client.headers`: unparsable -> 400, the account changed after it -> 409.
 */
import type { Account, Client } from 'appwrite-13';
import { describe, expect, it } from 'vitest';
import { error, sdk, useEmulator } from '../helpers.js';
import {
  BAD_TIMESTAMP, CONFLICT, INVALID_CREDENTIALS, iso, MINUTE, missing, NOW, PASSWORD, quietSdkNotice, raw, rawTriple,
  setTimestamp, signUp, storedSession, triple,
} from './account-helpers.js';

const { emulator } = useEmulator();
quietSdkNotice();

/** Every route that honours the header, as an SDK call with valid params. */
const UPDATES: Array<[string, (account: Account) => Promise<unknown>]> = [
  ['updateName', (a) => a.updateName('Ada King')],
  ['updateEmail', (a) => a.updateEmail('ada.king@example.com', PASSWORD)],
  ['updatePassword', (a) => a.updatePassword('new-password', PASSWORD)],
  ['updatePhone', (a) => a.updatePhone('+4930901820', PASSWORD)],
  ['updatePrefs', (a) => a.updatePrefs({ theme: 'dark' })],
  ['updateStatus', (a) => a.updateStatus()],
];

/** A signed-in account last changed one minute after NOW (so earlier and later stamps both exist). */
async function changedAccount(): Promise<{ client: Client; account: Account }> {
  const page = sdk();
  await signUp(page.account);
  emulator.clock.advance(MINUTE);
  await page.account.updatePrefs({ theme: 'light' });
  emulator.clock.advance(MINUTE);
  return page;
}

describe.each(UPDATES)('account.%s with X-Appwrite-Timestamp', (_, call) => {
  it('refuses an unparsable value with 400 and changes nothing', async () => {
    const { client, account } = await changedAccount();
    const before = await account.get();
    setTimestamp(client, 'not-a-date');
    expect(triple(await error(() => call(account)))).toEqual(BAD_TIMESTAMP);
    setTimestamp(client, null);
    expect(await account.get()).toEqual(before);
  });

  it('refuses a time before the account\'s last change with 409 document_update_conflict', async () => {
    const { client, account } = await changedAccount();
    const before = await account.get();
    setTimestamp(client, iso(NOW + MINUTE - 1));
    expect(triple(await error(() => call(account)))).toEqual(CONFLICT);
    setTimestamp(client, null);
    expect(await account.get()).toEqual(before);
  });

  it('accepts the time of the last change itself, and later ones', async () => {
    const { client, account } = await changedAccount();
    setTimestamp(client, iso(NOW + MINUTE));
    await call(account);
  });
});

describe('X-Appwrite-Timestamp details', () => {
  it('accepts a later time, then refuses the same time once the account changed again', async () => {
    const { client, account } = await changedAccount();
    setTimestamp(client, iso(NOW + 2 * MINUTE));
    await account.updateName('First');
    emulator.clock.advance(MINUTE);
    await account.updateName('Second');
    expect(triple(await error(() => account.updateName('Third')))).toEqual(CONFLICT);
  });

  it('ignores a header PHP finds empty: "" and "0"', async () => {
    const { client, account } = await changedAccount();
    setTimestamp(client, '');
    expect((await account.updateName('Ada King')).name).toBe('Ada King');
    setTimestamp(client, '0');
    expect((await account.updateName('Ada Byron')).name).toBe('Ada Byron');
  });

  it('reads a date without a zone as UTC (Appwrite\'s database format)', async () => {
    const { client, account } = await changedAccount();
    setTimestamp(client, '2026-01-15 10:00:59.999');
    expect(triple(await error(() => account.updateName('Ada King')))).toEqual(CONFLICT);
    setTimestamp(client, '2026-01-15 10:01:00.000');
    expect((await account.updateName('Ada King')).name).toBe('Ada King');
  });

  it('accepts other zones and RFC 2822 dates', async () => {
    const { client, account } = await changedAccount();
    setTimestamp(client, '2026-01-15T11:01:00.000+01:00');
    await account.updateName('One'); // now changed at 10:02 (the clock)
    setTimestamp(client, 'Thu, 15 Jan 2026 10:02:00 GMT');
    await account.updateName('Two');
    setTimestamp(client, 'Thu, 15 Jan 2026 10:01:59 GMT');
    expect(triple(await error(() => account.updateName('Three')))).toEqual(CONFLICT);
  });

  it('is checked after the params: an absent param is reported first', async () => {
    const { account } = await changedAccount();
    const response = await raw('PATCH', '/account/name', {
      session: storedSession(), body: {}, headers: { 'x-appwrite-timestamp': 'not-a-date' },
    });
    expect(rawTriple(response)).toEqual(missing('name'));
    expect((await account.get()).name).toBe('Ada');
  });

  it('is parsed before the password is checked, and compared after it', async () => {
    const { client, account } = await changedAccount();
    setTimestamp(client, 'not-a-date');
    expect(triple(await error(() => account.updateEmail('new@example.com', 'wrong-password')))).toEqual(BAD_TIMESTAMP);
    setTimestamp(client, iso(NOW));
    expect(triple(await error(() => account.updateEmail('new@example.com', 'wrong-password')))).toEqual(INVALID_CREDENTIALS);
    expect(triple(await error(() => account.updatePassword('new-password', 'wrong-password')))).toEqual(INVALID_CREDENTIALS);
    expect(triple(await error(() => account.updateEmail('new@example.com', PASSWORD)))).toEqual(CONFLICT);
  });

  it('is ignored by routes that do not honour it', async () => {
    const { client, account } = await changedAccount();
    setTimestamp(client, 'not-a-date');
    expect((await account.get()).name).toBe('Ada');
    expect(await account.getPrefs()).toEqual({ theme: 'light' });
  });
});
