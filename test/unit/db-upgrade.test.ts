/** The Dexie schema's versions (src/storage/db.ts): a database made by an older release opens and keeps its rows. */
import { Dexie } from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { EmulatorDb } from '../../src/storage/db.js';

describe('EmulatorDb versions', () => {
  it('upgrades a version-2 database (before MFA) to version 3, keeping users and sessions and adding the MFA tables', async () => {
    const factory = new IDBFactory();
    // What the previous release declared, verbatim.
    const old = new Dexie('upgrade-test', { indexedDB: factory, IDBKeyRange });
    old.version(1).stores({
      users: '$id, &emailKey, &phoneKey', sessions: '$id, userId, secret', tokens: '$id, userId',
      identities: '$id, userId, [provider+providerUid], providerEmail', logs: '++seq, userId', rateLimits: 'key',
      inbox: 'id, createdAt', meta: 'key',
    });
    old.version(2).stores({ rateLimits: 'key, windowStart' });
    await old.table('users').add({ $id: 'u1', emailKey: 'ada@example.com', name: 'Ada' });
    await old.table('sessions').add({ $id: 's1', userId: 'u1', secret: 'h' });
    old.close();

    const db = new EmulatorDb('upgrade-test', factory, IDBKeyRange);
    await db.open();
    expect(db.verno).toBe(3);
    expect(await db.users.get('u1')).toMatchObject({ name: 'Ada' });
    expect(await db.sessions.where('userId').equals('u1').count()).toBe(1);
    expect(await db.authenticators.count()).toBe(0);
    await db.authenticators.add({ $id: 'a1', $createdAt: 1, $updatedAt: 1, userId: 'u1', type: 'totp', verified: false, secret: 'JBSWY3DP' });
    await db.challenges.add({ $id: 'c1', $createdAt: 1, userId: 'u1', type: 'totp', code: 'x', expire: 2 });
    expect(await db.authenticators.where('userId').equals('u1').count()).toBe(1);
    expect(await db.challenges.where('userId').equals('u1').count()).toBe(1);
    expect(db.tables.map((t) => t.name)).toEqual(expect.arrayContaining(['authenticators', 'challenges']));
    db.close();
  });
});
