import * as sdk28 from 'appwrite';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createEmulator, type Snapshot } from 'appwrite-emulator';
import { ENDPOINT, FAST_HASH, PROJECT, useEmulator } from '../helpers.js';
import { PASSWORD, setFallback } from './session-helpers.js';

const { emulator, server } = useEmulator();

const account = () => new sdk28.Account(new sdk28.Client().setEndpoint(ENDPOINT).setProject(PROJECT));

/** Every table's rows, for deep comparison. */
async function tables(e = emulator) {
  const db = await e.db();
  return Object.fromEntries(await Promise.all(db.tables.map(async (t) => [t.name, await t.toArray()] as const)));
}

/** A state with something in every table: users, sessions, a token, the inbox, logs, rate-limit counters, the JWT key. */
async function busyState() {
  await emulator.users.create({ userId: 'ada', email: 'ada@example.com', password: PASSWORD, prefs: { theme: 'dark' } });
  const a = account();
  await a.createEmailPasswordSession({ email: 'ada@example.com', password: PASSWORD });
  await a.createJWT();
  await a.createVerification({ url: 'http://localhost/verify' });
  return a;
}

describe('emulator.export / import', () => {
  it('export -> reset -> import gives back deep-equal tables and sessions that still work', async () => {
    const a = await busyState();
    const before = await tables();
    expect(before.sessions!.length).toBe(1);
    expect(before.inbox!.length).toBe(1);
    expect(before.logs!.length).toBeGreaterThan(0);
    expect(before.rateLimits!.length).toBeGreaterThan(0);
    const snapshot = JSON.parse(JSON.stringify(await emulator.export())) as Snapshot;
    expect(snapshot).toMatchObject({ format: 'appwrite-emulator-snapshot', version: 1, projectId: PROJECT });
    expect(snapshot.tables.users![0]!.password).toMatch(/^\$argon2id\$/);

    await emulator.reset();
    await expect(a.get()).rejects.toMatchObject({ type: 'general_unauthorized_scope' });
    await emulator.import(snapshot);
    expect(await tables()).toEqual(before);
    expect((await a.get()).prefs).toEqual({ theme: 'dark' });
    expect((await emulator.inbox.latest())!.kind).toBe('verification');
  });

  it('loads into another emulator (another database), where the page\'s session works too', async () => {
    await busyState();
    const snapshot = await emulator.export();
    const other = createEmulator({ projectId: PROJECT, endpoint: 'https://copy.test/v1', auth: { passwordHash: FAST_HASH } });
    server.use(...other.handlers);
    try {
      await other.import(snapshot);
      const copy = new sdk28.Account(new sdk28.Client().setEndpoint('https://copy.test/v1').setProject(PROJECT));
      expect((await copy.get()).$id).toBe('ada');
      expect((await other.users.get('ada'))!.email).toBe('ada@example.com');
    } finally {
      server.resetHandlers();
      await other.close();
    }
  });

  const malformed: Array<[string, unknown, string]> = [
    ['not an object', 'nope', 'this is not an appwrite-emulator snapshot'],
    ['another format', { format: 'firebase-export' }, 'this is not an appwrite-emulator snapshot'],
    ['a newer version', { format: 'appwrite-emulator-snapshot', version: 2, schema: 1, tables: {} }, 'it was made by a newer appwrite-emulator (snapshot version 2; this one reads version 1)'],
    ['a newer schema', { format: 'appwrite-emulator-snapshot', version: 1, schema: 999, tables: {} }, 'its database schema (999) is newer'],
    ['no tables', { format: 'appwrite-emulator-snapshot', version: 1, schema: 1 }, '"tables" must be an object'],
    ['an unknown table', { format: 'appwrite-emulator-snapshot', version: 1, schema: 1, tables: { projects: [] } }, 'unknown table "projects"'],
    ['a row without its key', { format: 'appwrite-emulator-snapshot', version: 1, schema: 1, tables: { users: [{ name: 'x' }] } }, 'users[0] has no "$id"'],
    ['a row of the wrong shape', { format: 'appwrite-emulator-snapshot', version: 1, schema: 1, tables: { sessions: [{ $id: 's', userId: 5 }] } }, 'sessions[0].$createdAt is missing or of the wrong type'],
  ];
  it.each(malformed)('refuses %s with a TypeError and changes nothing', async (_, snapshot, message) => {
    await busyState();
    const before = await tables();
    const e = await emulator.import(snapshot as Snapshot).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(TypeError);
    expect((e as Error).message).toContain(message);
    expect((e as Error).message).toContain('Nothing was changed.');
    expect(await tables()).toEqual(before);
  });

  it('refuses rows that clash (two users with one e-mail) and rolls the whole import back', async () => {
    await busyState();
    const before = await tables();
    const snapshot = await emulator.export();
    const ada = snapshot.tables.users![0]!;
    snapshot.tables.users!.push({ ...ada, $id: 'twin' });
    const e = await emulator.import(snapshot).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(TypeError);
    expect((e as Error).message).toContain('do not fit the database');
    expect(await tables()).toEqual(before);
  });
});

describe('the snapshot option', () => {
  it('loads into an empty database only, once, and never over later changes; reset() returns to it', async () => {
    await emulator.users.create({ userId: 'demo', email: 'demo@example.com', password: PASSWORD });
    const seed = await emulator.export();
    const indexedDB = new IDBFactory();
    const open = () => createEmulator({ projectId: PROJECT, endpoint: 'https://seeded.test/v1', indexedDB, snapshot: seed, auth: { passwordHash: FAST_HASH } });
    const first = open();
    expect((await first.users.list()).map((u) => u.$id)).toEqual(['demo']);
    await first.users.update('demo', { name: 'Changed' });
    await first.users.create({ userId: 'later', email: 'later@example.com' });
    await first.close();

    const second = open(); // a reload: the database holds data, the snapshot is not loaded again
    expect((await second.users.list()).map((u) => [u.$id, u.name])).toEqual([['demo', 'Changed'], ['later', '']]);
    await second.reset();
    expect((await second.users.list()).map((u) => [u.$id, u.name])).toEqual([['demo', '']]);
    await second.close();
  });

  it('fetches a snapshot URL; a URL that fails names itself in the error', async () => {
    await emulator.users.create({ userId: 'demo', email: 'demo@example.com' });
    const seed = await emulator.export();
    const { http, HttpResponse } = await import('msw');
    server.use(
      http.get('https://static.test/seed.json', () => HttpResponse.json(seed)),
      http.get('https://static.test/missing.json', () => new HttpResponse(null, { status: 404 })),
    );
    try {
      const fromUrl = createEmulator({ projectId: PROJECT, endpoint: 'https://url.test/v1', snapshot: 'https://static.test/seed.json' });
      expect((await fromUrl.users.get('demo'))!.email).toBe('demo@example.com');
      await fromUrl.close();
      const missing = createEmulator({ projectId: PROJECT, endpoint: 'https://url2.test/v1', snapshot: 'https://static.test/missing.json' });
      await expect(missing.users.list()).rejects.toThrow('appwrite-emulator: option snapshot: could not load https://static.test/missing.json (HTTP 404)');
      await missing.close();
    } finally {
      server.resetHandlers();
    }
  });

  it('is a snapshot object or a URL string, else a TypeError', () => {
    expect(() => createEmulator({ projectId: PROJECT, snapshot: 42 as never })).toThrow(new TypeError('appwrite-emulator: option snapshot must be a snapshot object (from emulator.export()) or the URL of one'));
  });
});

describe('clock offset', () => {
  it('survives reopening the database, and travels in the snapshot', async () => {
    const indexedDB = new IDBFactory();
    const now = () => new Date('2026-01-15T10:00:00.000Z');
    const open = () => createEmulator({ projectId: PROJECT, endpoint: 'https://clock.test/v1', indexedDB, now });
    const first = open();
    await first.db();
    await first.clock.advance(3_600_000);
    expect(first.clock.now().toISOString()).toBe('2026-01-15T11:00:00.000Z');
    const snapshot = await first.export();
    await first.close();

    const second = open();
    await second.db();
    expect(second.clock.now().toISOString()).toBe('2026-01-15T11:00:00.000Z');
    await second.clock.advance(60_000); // advances stack
    await second.close();
    const third = open();
    await third.users.list();
    expect(third.clock.now().toISOString()).toBe('2026-01-15T11:01:00.000Z');
    await third.reset();
    expect(third.clock.now().toISOString()).toBe('2026-01-15T10:00:00.000Z');
    await third.import(snapshot);
    expect(third.clock.now().toISOString()).toBe('2026-01-15T11:00:00.000Z');
    await third.close();
  });

  it('clock.reset() is stored too: a reload does not bring the old offset back', async () => {
    const indexedDB = new IDBFactory();
    const now = () => new Date('2026-01-15T10:00:00.000Z');
    const first = createEmulator({ projectId: PROJECT, endpoint: 'https://clock3.test/v1', indexedDB, now });
    await first.db();
    await first.clock.advance(3_600_000);
    first.clock.reset();
    await new Promise((resolve) => setTimeout(resolve, 50)); // reset() stores without a promise to await
    await first.close();
    const second = createEmulator({ projectId: PROJECT, endpoint: 'https://clock3.test/v1', indexedDB, now });
    await second.db();
    expect(second.clock.now().toISOString()).toBe('2026-01-15T10:00:00.000Z');
    await second.close();
  });

  it('a first request after a reload already sees the stored offset (token expiry)', async () => {
    const indexedDB = new IDBFactory();
    const now = () => new Date('2026-01-15T10:00:00.000Z');
    const first = createEmulator({ projectId: PROJECT, endpoint: 'https://clock2.test/v1', indexedDB, now });
    await first.db();
    await first.clock.advance(7 * 24 * 3_600_000);
    await first.close();
    const second = createEmulator({ projectId: PROJECT, endpoint: 'https://clock2.test/v1', indexedDB, now, auth: { passwordHash: FAST_HASH } });
    server.use(...second.handlers);
    try {
      setFallback(null);
      const a = new sdk28.Account(new sdk28.Client().setEndpoint('https://clock2.test/v1').setProject(PROJECT));
      const user = await a.create({ userId: 'ada', email: 'ada@example.com', password: PASSWORD });
      expect(user.$createdAt).toBe('2026-01-22T10:00:00.000+00:00');
    } finally {
      server.resetHandlers();
      await second.close();
    }
  });
});
