import { Dexie } from 'dexie';
import type { SessionRecord, UserRecord } from '../storage/records.js';

export interface CachedCaller {
  user: UserRecord;
  session: SessionRecord;
}

const MAX_ENTRIES = 256;

/**
 * Resolved sessions by the session value a client sends, so a signed-in request costs no IndexedDB transaction
 * (the caller is resolved on every request; `npm run bench`, account.get()). Any committed write to the users or
 * sessions table of this database, in this tab or another (Dexie's `storagemutated` event, which Dexie relays
 * between tabs over BroadcastChannel), empties it. A lookup that raced such a write is not stored: the
 * generation it started with must still be current when it ends. Expiry is checked on every request anyway.
 */
export function createCallerCache(databaseName: string) {
  const entries = new Map<string, CachedCaller>();
  let generation = 0;
  const prefixes = [`idb://${databaseName}/users/`, `idb://${databaseName}/sessions/`];
  const listener = (parts: Record<string, unknown>) => {
    if ('all' in parts || Object.keys(parts).some((key) => prefixes.some((p) => key.startsWith(p)))) {
      generation++;
      entries.clear();
    }
  };
  Dexie.on('storagemutated', listener);
  let closed = false;
  return {
    get: (value: string) => entries.get(value),
    /** The generation to pass to `set`: take it before reading the database. */
    generation: () => generation,
    set(value: string, caller: CachedCaller, startedAt: number) {
      // After close() nothing tells this cache about writes any more: it stays empty.
      if (closed || startedAt !== generation) return;
      if (entries.size >= MAX_ENTRIES) entries.clear();
      entries.set(value, caller);
    },
    clear() {
      generation++;
      entries.clear();
    },
    close() {
      closed = true;
      generation++;
      entries.clear();
      Dexie.on('storagemutated').unsubscribe(listener);
    },
  };
}

export type CallerCache = ReturnType<typeof createCallerCache>;
