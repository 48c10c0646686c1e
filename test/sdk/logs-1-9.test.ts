/**
 * 1.9.6's log entries through SDK 26 (SDK 28 has no listLogs): the audits worker stores whole seconds
 * (Workers/Audits.php:106).
 */
import { Account as Account13, Client as Client13 } from 'appwrite-13';
import { describe, expect, it } from 'vitest';
import { ENDPOINT, PROJECT, useEmulator } from '../helpers.js';
import { NOW, PASSWORD, iso } from './session-helpers.js';
import * as sdk26 from 'appwrite-26';

const { emulator } = useEmulator();

describe('listLogs (SDK 26)', () => {
  it('gives each entry\'s time in whole seconds', async () => {
    await emulator.clock.advance(1_345);
    const account = new sdk26.Account(new sdk26.Client().setEndpoint(ENDPOINT).setProject(PROJECT));
    await account.create({ userId: 'ada', email: 'ada@example.com', password: PASSWORD });
    await account.createEmailPasswordSession({ email: 'ada@example.com', password: PASSWORD });
    const { logs } = await account.listLogs();
    expect(logs.map((l) => [l.event, l.time])).toEqual([['session.create', iso(NOW + 1_000)], ['user.create', iso(NOW + 1_000)]]);
  });
});

describe('SDK 13 keeps Appwrite 1.4', () => {
  it('keeps the milliseconds', async () => {
    await emulator.clock.advance(1_345);
    const account = new Account13(new Client13().setEndpoint(ENDPOINT).setProject(PROJECT));
    await account.create('ada', 'ada@example.com', PASSWORD);
    await account.createEmailSession('ada@example.com', PASSWORD);
    expect((await account.listLogs()).logs.map((l) => l.time)).toEqual([iso(NOW + 1_345), iso(NOW + 1_345)]);
  });
});
