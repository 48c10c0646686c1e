import type { Clock } from './clock.js';
import type { ResolvedConfig } from './config.js';
import type { Random } from './crypto/random.js';
import type { EmulatorDb } from './storage/db.js';
import type { InboxRecord } from './storage/records.js';

/** What every layer below the public API shares: options, clock, randomness, the store and the inbox's signal. */
export interface EmulatorCore {
  config: ResolvedConfig;
  clock: Clock;
  random: Random;
  db(): Promise<EmulatorDb>;
  /** Called after a message is stored, so waiting tests and the panel see it at once. */
  onInboxMessage(message: InboxRecord): void;
  /** The HS256 key for JWTs, created once per database. */
  jwtKey(): Promise<Uint8Array>;
}
