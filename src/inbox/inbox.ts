import type { EmulatorCore } from '../core.js';
import { formatDate } from '../clock.js';
import type { InboxRecord } from '../storage/records.js';

/** A message the emulator would have sent: e-mails and SMS land here instead. */
export interface InboxMessage {
  id: string;
  channel: 'email' | 'sms';
  kind: 'magic-url' | 'recovery' | 'verification' | 'phone-session' | 'phone-verification';
  to: string;
  subject?: string;
  text: string;
  html?: string;
  /** The link in the e-mail. */
  url?: string;
  userId: string;
  /** The token's secret or the 6-digit code. */
  secret: string;
  createdAt: string;
}

export interface InboxFilter {
  to?: string;
  kind?: InboxMessage['kind'];
  channel?: InboxMessage['channel'];
}

export interface Inbox {
  /** Messages, newest first. */
  list(filter?: InboxFilter): Promise<InboxMessage[]>;
  /** The newest matching message, or undefined. */
  latest(filter?: InboxFilter): Promise<InboxMessage | undefined>;
  /** Resolves with the first matching message that arrives after the call, or rejects after `timeout` ms (default 5000). */
  waitFor(filter?: InboxFilter & { timeout?: number }): Promise<InboxMessage>;
  /** Subscribes to new messages; returns the unsubscribe function. */
  subscribe(listener: (message: InboxMessage) => void): () => void;
  /** Deletes every message. */
  clear(): Promise<void>;
}

export function toInboxMessage(record: InboxRecord): InboxMessage {
  const { read: _read, createdAt, ...rest } = record;
  return { ...rest, createdAt: formatDate(createdAt) };
}

const matches = (m: InboxMessage, f: InboxFilter) =>
  (f.to === undefined || m.to.toLowerCase() === f.to.toLowerCase()) && (f.kind === undefined || m.kind === f.kind)
  && (f.channel === undefined || m.channel === f.channel);

/** The inbox over the store; `listeners` are told of each stored message by the core. */
export function createInbox(core: EmulatorCore, listeners: Set<(message: InboxMessage) => void>): Inbox {
  const list = async (filter: InboxFilter = {}) => {
    const db = await core.db();
    const records = await db.inbox.orderBy('createdAt').reverse().toArray();
    return records.map(toInboxMessage).filter((m) => matches(m, filter));
  };
  const subscribe = (listener: (message: InboxMessage) => void) => {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  };
  return {
    list,
    latest: async (filter) => (await list(filter))[0],
    subscribe,
    waitFor({ timeout = 5000, ...filter } = {}) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          unsubscribe();
          reject(new Error(`appwrite-emulator: no inbox message matching ${JSON.stringify(filter)} arrived within ${timeout} ms`));
        }, timeout);
        const unsubscribe = subscribe((message) => {
          if (!matches(message, filter)) return;
          clearTimeout(timer);
          unsubscribe();
          resolve(message);
        });
      });
    },
    clear: async () => {
      await (await core.db()).inbox.clear();
    },
  };
}
