/**
 * Requests that 1.9.6 answers with the document it changed in memory rather than the stored one
 * (asUnsaved in src/models/models.ts): the dates it set are in the database format (`2026-01-15 10:01:00.000`, no `T`, no
 * offset) and `$updatedAt` is the one from before; the next read is ISO again. Through SDK 26 and 28.
 */
import { describe, expect, it } from 'vitest';
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
