/**
 * Requests that 1.9.6 answers with the document it changed in memory rather than the stored one
 * (asUnsaved in src/models/models.ts): the dates it set are in the database format (`2026-01-15 10:01:00.000`, no `T`, no
 * offset) and `$updatedAt` is the one from before; the next read is ISO again. Through SDK 26 and 28.
 */
import * as sdk28 from 'appwrite-28';
import { describe, expect, it, vi } from 'vitest';
import { ENDPOINT, PROJECT } from '../helpers.js';
import { FAILURE, SUCCESS, approve, signIn } from './oauth2-helpers.js';
import { useEmulator } from '../helpers.js';
import { DAY, HOUR, NOW, PASSWORD, YEAR, iso } from './session-helpers.js';
import { SDKS, account19, expectAccount19, expectSession19 } from './sdk19-helpers.js';

const { emulator } = useEmulator();
const MINUTE = 60_000;
const dbDate = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

describe.each(SDKS)('1.9.6 in-memory answers ($name)', (sdk) => {
  it('updateSession answers expire in the database format and the old $updatedAt; getSession is ISO', async () => {
    const { account } = account19(sdk);
    await account.create({ userId: 'ada', email: 'ada@example.com', password: PASSWORD });
    await account.createEmailPasswordSession({ email: 'ada@example.com', password: PASSWORD });
    await emulator.clock.advance(MINUTE);
    const updated = await account.updateSession({ sessionId: 'current' });
    expectSession19(updated, { current: false, countryName: '', $updatedAt: iso(NOW), expire: dbDate(NOW + MINUTE + YEAR) });
    const read = await account.getSession({ sessionId: 'current' });
    expect(read).toMatchObject({ $updatedAt: iso(NOW + MINUTE), expire: iso(NOW + MINUTE + YEAR) });
  });

  it('get() after a day idle answers accessedAt in the database format and the old $updatedAt, once', async () => {
    const { account } = account19(sdk);
    await account.create({ userId: 'ada', email: 'ada@example.com', password: PASSWORD });
    await account.createEmailPasswordSession({ email: 'ada@example.com', password: PASSWORD });
    await emulator.clock.advance(DAY + HOUR);
    const first = await account.get();
    expectAccount19(first, { $updatedAt: iso(NOW), accessedAt: dbDate(NOW + DAY + HOUR) });
    expect(await account.get()).toMatchObject({ $updatedAt: iso(NOW + DAY + HOUR), accessedAt: iso(NOW + DAY + HOUR) });
  });
});

describe('updateSession of an OAuth2 session (SDK 28)', () => {
  it('answers the refreshed providerAccessTokenExpiry in the database format too', async () => {
    const account = new sdk28.Account(new sdk28.Client().setEndpoint(ENDPOINT).setProject(PROJECT));
    // createOAuth2Session navigates: catch the URL it would open and run the flow as the page does.
    const fake = { location: { href: '' } };
    vi.stubGlobal('window', fake);
    try {
      account.createOAuth2Session({ provider: sdk28.OAuthProvider.Github, success: SUCCESS, failure: FAILURE });
    } finally {
      vi.unstubAllGlobals();
    }
    await signIn(emulator, fake.location.href, approve('octo@example.com', 'Octo'));
    const before = await account.getSession({ sessionId: 'current' });
    await emulator.clock.advance(HOUR);
    const updated = await account.updateSession({ sessionId: 'current' });
    // The emulated provider's tokens last 14 400 s from the refresh.
    expect(updated).toMatchObject({
      $updatedAt: before.$updatedAt, expire: dbDate(NOW + HOUR + YEAR), providerAccessTokenExpiry: dbDate(NOW + 5 * HOUR),
    });
    expect(await account.getSession({ sessionId: 'current' })).toMatchObject({
      $updatedAt: iso(NOW + HOUR), expire: iso(NOW + HOUR + YEAR), providerAccessTokenExpiry: iso(NOW + 5 * HOUR),
    });
  });
});
