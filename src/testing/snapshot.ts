import type { EmulatorDb } from '../storage/db.js';

/** The snapshot format's version: bump it when a snapshot's meaning changes (not when a table is added). */
export const SNAPSHOT_VERSION = 1;
export const SNAPSHOT_FORMAT = 'appwrite-emulator-snapshot';

/**
 * The emulator's whole state as JSON: every table's rows as stored (users with their argon2id hashes, sessions
 * and tokens with the SHA-256 of their secrets, identities, targets, the inbox, logs, rate-limit counters, and the
 * meta rows: the JWT key and the clock offset). Plain data, so `JSON.stringify` round-trips it.
 */
export interface Snapshot {
  format: typeof SNAPSHOT_FORMAT;
  /** The snapshot format version (1). */
  version: number;
  /** The database schema version the rows are in. */
  schema: number;
  projectId: string;
  /** When it was taken, on the emulator's clock. */
  exportedAt: string;
  tables: Record<string, Array<Record<string, unknown>>>;
}

type Kind = 's' | 'n' | 'b' | 'a' | 'o' | 's?' | 'n?';
/**
 * What each known table's rows must hold for the emulator to serve them: the keys it indexes and reads without
 * a fallback. Tables added by later schema versions need only their primary key.
 */
const ROWS: Record<string, Record<string, Kind>> = {
  users: { $id: 's', $createdAt: 'n', $updatedAt: 'n', name: 's', email: 's?', phone: 's?', password: 's?', registration: 'n', status: 'b', labels: 'a', prefs: 'o', passwordHistory: 'a', emailVerification: 'b', phoneVerification: 'b', accessedAt: 'n' },
  sessions: { $id: 's', $createdAt: 'n', userId: 's', provider: 's', secret: 's' },
  tokens: { $id: 's', $createdAt: 'n', userId: 's', type: 'n', secret: 's', expire: 'n' },
  identities: { $id: 's', userId: 's', provider: 's', providerUid: 's' },
  logs: { event: 's', userId: 's', time: 'n' },
  rateLimits: { key: 's', count: 'n', windowStart: 'n' },
  inbox: { id: 's', channel: 's', kind: 's', createdAt: 'n', userId: 's' },
  meta: { key: 's', value: 's' },
};

function isKind(value: unknown, kind: Kind): boolean {
  switch (kind) {
    case 's': return typeof value === 'string';
    case 'n': return typeof value === 'number' && Number.isFinite(value);
    case 'b': return typeof value === 'boolean';
    case 'a': return Array.isArray(value);
    case 'o': return value !== null && typeof value === 'object' && !Array.isArray(value);
    case 's?': return value === null || value === undefined || typeof value === 'string';
    case 'n?': return value === null || value === undefined || (typeof value === 'number' && Number.isFinite(value));
  }
}

const refuse = (why: string) => new TypeError(`appwrite-emulator: import(snapshot) refused: ${why}. Nothing was changed.`);
const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Checks a snapshot against this database before anything is written; throws a TypeError saying what is wrong. */
export function checkSnapshot(snapshot: unknown, db: EmulatorDb): asserts snapshot is Snapshot {
  if (!isPlainObject(snapshot) || snapshot.format !== SNAPSHOT_FORMAT) throw refuse(`this is not an appwrite-emulator snapshot (its "format" must be "${SNAPSHOT_FORMAT}")`);
  const { version, schema, tables } = snapshot;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) throw refuse('"version" must be a positive integer');
  if (version > SNAPSHOT_VERSION) throw refuse(`it was made by a newer appwrite-emulator (snapshot version ${version}; this one reads version ${SNAPSHOT_VERSION}). Upgrade appwrite-emulator`);
  if (typeof schema !== 'number' || !Number.isInteger(schema) || schema < 1) throw refuse('"schema" must be a positive integer');
  if (schema > db.verno) throw refuse(`its database schema (${schema}) is newer than this appwrite-emulator's (${db.verno}). Upgrade appwrite-emulator`);
  if (!isPlainObject(tables)) throw refuse('"tables" must be an object of arrays');
  const names = new Set(db.tables.map((t) => t.name));
  for (const [name, rows] of Object.entries(tables)) {
    if (!names.has(name)) throw refuse(`unknown table "${name}"`);
    if (!Array.isArray(rows)) throw refuse(`table "${name}" must be an array`);
    const table = db.table(name);
    const key = table.schema.primKey;
    const shape = ROWS[name] ?? {};
    rows.forEach((row, index) => {
      if (!isPlainObject(row)) throw refuse(`${name}[${index}] is not an object`);
      // Auto-incremented keys (logs) may be absent; others must be there.
      if (!key.auto && typeof key.keyPath === 'string' && !(typeof row[key.keyPath] === 'string' || typeof row[key.keyPath] === 'number')) {
        throw refuse(`${name}[${index}] has no "${key.keyPath}"`);
      }
      for (const [field, kind] of Object.entries(shape)) {
        if (!isKind(row[field], kind)) throw refuse(`${name}[${index}].${field} is missing or of the wrong type`);
      }
    });
  }
}

export async function exportSnapshot(db: EmulatorDb, projectId: string, now: Date, clockOffset: number): Promise<Snapshot> {
  const tables: Snapshot['tables'] = {};
  await db.transaction('r', db.tables, async () => {
    for (const table of db.tables) tables[table.name] = await table.toArray();
  });
  // The live offset, which advance() may not have written yet.
  const meta = (tables.meta ?? []).filter((row) => row.key !== 'clockOffset');
  if (clockOffset !== 0) meta.push({ key: 'clockOffset', value: String(clockOffset) });
  tables.meta = meta;
  return { format: SNAPSHOT_FORMAT, version: SNAPSHOT_VERSION, schema: db.verno, projectId, exportedAt: now.toISOString(), tables: structuredClone(tables) };
}

/**
 * Replaces every table with the snapshot's rows in one transaction (any failure, e.g. two users with one
 * e-mail, rolls all of it back). With `onlyIfEmpty`, does nothing unless every table is empty, checked in the
 * same transaction: an initial snapshot never overwrites what a user did. Returns whether it wrote.
 */
export async function importSnapshot(db: EmulatorDb, snapshot: unknown, onlyIfEmpty = false): Promise<boolean> {
  checkSnapshot(snapshot, db);
  const rows = structuredClone(snapshot.tables);
  try {
    return await db.transaction('rw', db.tables, async () => {
      if (onlyIfEmpty) {
        for (const table of db.tables) if ((await table.count()) > 0) return false;
      }
      for (const table of db.tables) {
        await table.clear();
        const tableRows = rows[table.name];
        if (tableRows?.length) await table.bulkAdd(tableRows);
      }
      return true;
    });
  } catch (error) {
    const e = error as { name?: string; message?: string };
    throw refuse(`its rows do not fit the database (${e.name ?? 'Error'}: ${e.message ?? String(error)}), e.g. two users with one e-mail`);
  }
}

/** The clock offset a snapshot's (or the database's) meta rows hold, in ms. */
export function storedClockOffset(meta: Array<{ key: string; value: string }> | undefined): number {
  const value = Number(meta?.find((row) => row.key === 'clockOffset')?.value ?? 0);
  return Number.isFinite(value) && value >= 0 ? value : 0;
}

/** The `snapshot` option: an object, or the URL of its JSON (fetched), loaded only into an empty database. */
export async function loadSnapshotOption(db: EmulatorDb, source: unknown): Promise<void> {
  let snapshot = source;
  if (typeof source === 'string') {
    try {
      const response = await fetch(source);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      snapshot = await response.json();
    } catch (error) {
      throw new TypeError(`appwrite-emulator: option snapshot: could not load ${source} (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  await importSnapshot(db, snapshot, true);
}
