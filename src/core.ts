import type { Clock } from './clock.js';
import type { CallerCache } from './http/caller-cache.js';
import type { ResolvedConfig } from './config.js';
import type { Random } from './crypto/random.js';
import type { RequestBehaviour } from './http/behaviour.js';
import type { RealtimeEventRecord } from './realtime/event-record.js';
import type { EmulatorDb } from './storage/db.js';
import type { RequestRecorder } from './http/request-log.js';
import type { InboxRecord } from './storage/records.js';

/** What every layer below the public API shares: options, clock, randomness, the store and the inbox's signal. */
export interface EmulatorCore {
  config: ResolvedConfig;
  clock: Clock;
  random: Random;
  db(): Promise<EmulatorDb>;
  /** Resolved sessions by session value, emptied by any write to users or sessions (http/caller-cache.ts). */
  callers: CallerCache;
  /** Records every answered request for `emulator.requests` (http/request-log.ts). */
  requests: RequestRecorder;
  /** Called after a message is stored, so waiting tests and the panel see it at once. */
  onInboxMessage(message: InboxRecord): void;
  /**
   * The HS256 key for JWTs, one per database. `create: true` (signing) makes it on first use; verification only
   * reads it, so a request with a forged JWT never writes anything, and null means no JWT can be valid yet.
   */
  jwtKey(create: true): Promise<Uint8Array>;
  jwtKey(create: false): Promise<Uint8Array | null>;
  /**
   * Whether other emulators may share this database (a page's IndexedDB, or one passed in): then realtime events
   * go to them too, as to the other tabs of an origin. Not for Node's private in-memory database, whose emulators
   * share nothing (two of one project in a test process must not hear each other).
   */
  sharedDatabase: boolean;
  /** Sends a route's event to the realtime `account` subscribers of this page and of the other tabs (realtime/). */
  publish(event: RealtimeEventRecord): void;
  /**
   * The server and response format of the latest request. A WebSocket carries no format header, so the realtime
   * socket answers in the format of the SDK that talks to this emulator (see realtime/connection.ts).
   */
  lastRequest?: RequestBehaviour;
}
