import { Dexie, type Table } from 'dexie';
import type {
  AuthenticatorRecord, ChallengeRecord, IdentityRecord, InboxRecord, LogRecord, MetaRecord, RateLimitRecord, SessionRecord,
  TokenRecord, UserRecord,
} from './records.js';

/**
 * The Dexie schema, versioned here and nowhere else. Add a new `this.version(n)` block for every change; never
 * edit a released one.
 */
export class EmulatorDb extends Dexie {
  users!: Table<UserRecord, string>;
  sessions!: Table<SessionRecord, string>;
  tokens!: Table<TokenRecord, string>;
  identities!: Table<IdentityRecord, string>;
  logs!: Table<LogRecord, number>;
  rateLimits!: Table<RateLimitRecord, string>;
  inbox!: Table<InboxRecord, string>;
  meta!: Table<MetaRecord, string>;
  authenticators!: Table<AuthenticatorRecord, string>;
  challenges!: Table<ChallengeRecord, string>;

  constructor(name: string, indexedDB: IDBFactory, keyRange: typeof IDBKeyRange) {
    super(name, { indexedDB, IDBKeyRange: keyRange });
    this.version(1).stores({
      users: '$id, &emailKey, &phoneKey',
      sessions: '$id, userId, secret',
      tokens: '$id, userId',
      identities: '$id, userId, [provider+providerUid], providerEmail',
      logs: '++seq, userId',
      rateLimits: 'key',
      inbox: 'id, createdAt',
      meta: 'key',
    });
    // Rate-limit counters indexed by window, so past windows' rows can be deleted cheaply.
    this.version(2).stores({ rateLimits: 'key, windowStart' });
    // 1.9.6's MFA: TOTP authenticators and open challenges, by user (recovery codes live on the user).
    this.version(3).stores({ authenticators: '$id, userId', challenges: '$id, userId' });
  }
}

/**
 * fake-indexeddb, the Node fallback, imported only when there is no IndexedDB. The specifier is a variable (and the
 * comments tell Vite and webpack to leave it alone) so bundlers don't emit its ~57 kB as a chunk of every browser
 * build, where it could never load anyway (`npm run bench`, bundle size table). Node resolves it at run time.
 */
const FAKE_INDEXEDDB = 'fake-indexeddb';
const importFakeIndexedDb = () =>
  import(/* @vite-ignore */ /* webpackIgnore: true */ FAKE_INDEXEDDB) as Promise<typeof import('fake-indexeddb')>;

const hasPageIndexedDb = () => {
  const g = globalThis as { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange };
  return !!(g.indexedDB && g.IDBKeyRange);
};

/**
 * Whether openDb() will use an IndexedDB that other emulators may open too (the given one, or the page's), rather
 * than a private in-memory one.
 */
export const sharesDatabase = (indexedDB?: IDBFactory) => indexedDB !== undefined || hasPageIndexedDb();

/**
 * Opens the database on the given IndexedDB, else the page's, else (Node) a private in-memory fake-indexeddb
 * factory so two emulators in one process never share state.
 */
export async function openDb(name: string, indexedDB?: IDBFactory): Promise<EmulatorDb> {
  const g = globalThis as { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange };
  if (indexedDB) return new EmulatorDb(name, indexedDB, g.IDBKeyRange ?? (await importFakeIndexedDb()).IDBKeyRange);
  if (hasPageIndexedDb()) return new EmulatorDb(name, g.indexedDB!, g.IDBKeyRange!);
  const fake = await importFakeIndexedDb();
  return new EmulatorDb(name, new fake.IDBFactory(), fake.IDBKeyRange);
}
