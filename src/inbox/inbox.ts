import type { EmulatorCore } from '../core.js';
import { formatDate } from '../clock.js';
import type { InboxRecord } from '../storage/records.js';

/**
 * The dev inbox: every e-mail and SMS the emulated server would have sent lands here instead (the emulator has
 * no SMTP or SMS provider to be "disabled"). It is the developer's mailbox, so it holds what a real mailbox
 * would: the plain link and secret or code. The tokens table itself holds only SHA-256 digests.
 */
export interface InboxMessage {
  id: string;
  channel: 'email' | 'sms';
  /**
   * `email-otp`: the 6-digit sign-in code of 1.9.6's createEmailToken; `session-alert`: 1.9.6's new-session mail
   * (`auth.sessionAlerts`), which carries no secret (`secret: ''`); `mfa-challenge`: the code of an `email` or
   * `phone` MFA challenge (`channel` says which: `email` or `sms`).
   */
  kind: 'magic-url' | 'recovery' | 'verification' | 'phone-session' | 'phone-verification' | 'email-otp' | 'session-alert' | 'mfa-challenge';
  /** The e-mail address or phone number the message went to. */
  to: string;
  /** E-mails only. */
  subject?: string;
  /** 1.9.6 e-mails only: the preview line (preheader) a mail app shows next to the subject. */
  preview?: string;
  /** The plain-text part of an e-mail (the HTML with tags stripped), or the SMS text (just the code). */
  text: string;
  /** E-mails only. */
  html?: string;
  /** The link in the e-mail. */
  url?: string;
  userId: string;
  /** The token's plain secret or the 6-digit code. */
  secret: string;
  /** The security phrase shown in the mail (1.9.6 sign-ins with `phrase: true`); absent otherwise. */
  phrase?: string;
  createdAt: string;
}

export interface InboxFilter {
  /** Recipient address or phone number (case-insensitive). */
  to?: string;
  kind?: InboxMessage['kind'];
  channel?: InboxMessage['channel'];
}

export interface Inbox {
  /** Messages, newest first. */
  list(filter?: InboxFilter): Promise<InboxMessage[]>;
  /** The newest matching message, or undefined. */
  latest(filter?: InboxFilter): Promise<InboxMessage | undefined>;
  /**
   * Resolves with the first matching message delivered *after* the call (messages already in the inbox are
   * ignored: use `latest()` for those), or rejects after `timeout` ms (default 5000).
   */
  waitFor(filter?: InboxFilter & { timeout?: number }): Promise<InboxMessage>;
  /** Calls `listener` for each new message, from this emulator or another tab on the same database. */
  subscribe(listener: (message: InboxMessage) => void): () => void;
  /** Deletes one message (the dev console's "Delete"); an unknown id is no error. */
  delete(id: string): Promise<void>;
  /** Deletes every message. */
  reset(): Promise<void>;
  /** Same as reset(). */
  clear(): Promise<void>;
}

/** What the emulator keeps besides the public Inbox: the core's delivery hook and the tab channel's shutdown. */
export interface InboxController {
  inbox: Inbox;
  /** Called after a message's transaction committed: tells subscribers here and in other tabs. */
  deliver(record: InboxRecord): void;
  close(): void;
}

/** A stored record as the API shows it: documented key order, e-mail-only keys absent on SMS. */
export function toInboxMessage(record: InboxRecord): InboxMessage {
  return {
    id: record.id,
    channel: record.channel,
    kind: record.kind,
    to: record.to,
    ...(record.subject !== undefined ? { subject: record.subject } : {}),
    ...(record.preview !== undefined ? { preview: record.preview } : {}),
    text: record.text,
    ...(record.html !== undefined ? { html: record.html } : {}),
    ...(record.url !== undefined ? { url: record.url } : {}),
    userId: record.userId,
    secret: record.secret,
    ...(record.phrase !== undefined ? { phrase: record.phrase } : {}),
    createdAt: formatDate(record.createdAt),
  };
}

const matches = (m: InboxMessage, f: InboxFilter) =>
  (f.to === undefined || m.to.toLowerCase() === f.to.toLowerCase()) && (f.kind === undefined || m.kind === f.kind)
  && (f.channel === undefined || m.channel === f.channel);

/** Newest first; messages stored in the same millisecond (a frozen test clock) by their sequence number. */
const newestFirst = (a: InboxRecord, b: InboxRecord) => b.createdAt - a.createdAt || (b.seq ?? 0) - (a.seq ?? 0);

const SEEN_LIMIT = 1000;

export function createInbox(core: EmulatorCore): InboxController {
  const listeners = new Set<(message: InboxMessage) => void>();
  // Ids already announced, so a message is never reported twice (local delivery plus its echo from a tab).
  const seen = new Set<string>();
  let channel: BroadcastChannel | null = null;

  const remember = (id: string) => {
    seen.add(id);
    if (seen.size > SEEN_LIMIT) seen.delete(seen.values().next().value as string);
  };

  const emit = (message: InboxMessage) => {
    for (const listener of [...listeners]) {
      // A failing listener must not fail the request that sent the message.
      try {
        listener(message);
      } catch (error) {
        console.error('[appwrite-emulator] inbox listener failed', error);
      }
    }
  };

  /**
   * Messages posted by other tabs. Only those stored in *our* database count: tabs of one app share it, while
   * another emulator that happens to use the same project id (another test worker, another database name) does
   * not. The stored record, not the posted data, is what subscribers get.
   */
  const receive = async (data: unknown) => {
    const id = (data as { id?: unknown } | null)?.id;
    if (typeof id !== 'string' || seen.has(id)) return;
    let record: InboxRecord | undefined;
    try {
      record = await (await core.db()).inbox.get(id);
    } catch {
      return;
    }
    if (!record || seen.has(id)) return;
    remember(id);
    emit(toInboxMessage(record));
  };

  const openChannel = (): BroadcastChannel | null => {
    if (channel || typeof BroadcastChannel !== 'function') return channel;
    try {
      channel = new BroadcastChannel(`appwrite-emulator-inbox-${core.config.projectId}`);
    } catch {
      return null;
    }
    // Node: an open channel would keep the process alive.
    (channel as BroadcastChannel & { unref?: () => void }).unref?.();
    channel.onmessage = (event: MessageEvent) => void receive(event.data);
    return channel;
  };

  const list = async (filter: InboxFilter = {}) => {
    const db = await core.db();
    const records = await db.inbox.toArray();
    return records.sort(newestFirst).map(toInboxMessage).filter((m) => matches(m, filter));
  };

  const subscribe = (listener: (message: InboxMessage) => void) => {
    if (typeof listener !== 'function') throw new TypeError('appwrite-emulator: inbox.subscribe(listener) needs a function');
    listeners.add(listener);
    openChannel();
    return () => void listeners.delete(listener);
  };

  const reset = async () => {
    await (await core.db()).inbox.clear();
  };

  const inbox: Inbox = {
    list,
    latest: async (filter) => (await list(filter))[0],
    subscribe,
    waitFor(options = {}) {
      const { timeout = 5000, ...filter } = options;
      if (typeof timeout !== 'number' || !Number.isFinite(timeout) || timeout < 0) {
        return Promise.reject(new TypeError('appwrite-emulator: inbox.waitFor({timeout}) needs a non-negative number of milliseconds'));
      }
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
    async delete(id) {
      if (typeof id !== 'string') throw new TypeError('appwrite-emulator: inbox.delete(id) needs the message id');
      await (await core.db()).inbox.delete(id);
    },
    reset,
    clear: reset,
  };

  return {
    inbox,
    deliver(record) {
      const message = toInboxMessage(record);
      remember(message.id);
      emit(message);
      try {
        openChannel()?.postMessage(message);
      } catch {
        // A closed or unusable channel only costs other tabs the live update; the message is stored.
      }
    },
    close() {
      channel?.close();
      channel = null;
    },
  };
}
