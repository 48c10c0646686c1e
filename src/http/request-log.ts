import type { Behaviour } from './behaviour.js';
import type { RouteResult } from './context.js';

/**
 * `emulator.requests`: the last requests the emulator answered, for the dev console's Requests tab and for tests.
 * The hot path only keeps references (the Request, the parsed params, the route's result or error, the Response)
 * in a bounded ring; everything shown is derived when read, and secrets are masked then (request-mask.ts, loaded on
 * first read), so recording costs a request next to nothing. Tabs of one app relay their entries to each other
 * (BroadcastChannel, browser only), so a console in one tab shows the requests of all.
 */
export interface RequestLogEntry {
  /** Unique per tab and entry. */
  id: string;
  /** When the request arrived, on the emulator's clock (ISO 8601). */
  time: string;
  method: string;
  /** Path and query below the endpoint's origin, with `secret=` values masked. */
  path: string;
  status: number;
  /** The Appwrite error `type` of a failed request, else null. */
  errorType: string | null;
  /** The SDK's `X-SDK-Version` header (e.g. `28.0.0`), or null. */
  sdk: string | null;
  /** The `X-Appwrite-Response-Format` header ('' when absent). */
  format: string;
  /** The server emulated for it: Appwrite 1.4 or 1.9.6. */
  behaviour: Behaviour;
  /** Wall-clock milliseconds the emulator took to answer. */
  durationMs: number;
  /** True for an entry relayed from another tab of the same app. */
  fromOtherTab: boolean;
  /** Headers and bodies of the request and response, with passwords, secrets and session values masked. */
  details(): Promise<RequestDetails>;
}

export interface RequestDetails {
  request: { url: string; headers: Record<string, string>; params: Record<string, unknown> };
  response: { headers: Record<string, string>; body: unknown };
}

export interface RequestLog {
  /** The recorded requests, newest first (at most `RING_SIZE`, from this tab and others). */
  list(): RequestLogEntry[];
  /** Calls `listener` for each request answered from now on (here or in another tab); returns the unsubscribe. */
  subscribe(listener: (entry: RequestLogEntry) => void): () => void;
  /** Forgets every recorded request (in this tab). */
  clear(): void;
}

/** What the request handler fills in while it answers (http/handle.ts); cheap references only. */
export interface RequestNote {
  request: Request;
  started: number;
  time: number;
  params?: Record<string, unknown>;
  behaviour?: Behaviour;
  format?: string;
  result?: RouteResult;
  error?: unknown;
}

export interface RequestRecorder {
  log: RequestLog;
  /** Starts a note for a request: the handler fills it, then calls end(). */
  begin(request: Request, now: number): RequestNote;
  end(note: RequestNote, response: Response): void;
  close(): void;
}

export const RING_SIZE = 200;

interface Raw {
  seq: number;
  note: RequestNote;
  response: Response;
  duration: number;
}

/** An entry as relayed between tabs: already derived and masked. */
type Relayed = Omit<RequestLogEntry, 'details' | 'fromOtherTab'> & { details: RequestDetails; db: string };

const perf = () => (typeof performance === 'object' ? performance.now() : Date.now());
const tabId = Math.random().toString(36).slice(2, 8); // ids only; never part of the emulator's state

const loadMask = () => import('./request-mask.js');

export function createRequestRecorder(databaseName: string, relay: boolean): RequestRecorder {
  let ring: (Raw | Relayed)[] = [];
  let seq = 0;
  const listeners = new Set<(entry: RequestLogEntry) => void>();
  let channel: BroadcastChannel | null = null;
  let outbox: Raw[] = [];

  const push = (item: Raw | Relayed) => {
    ring.push(item);
    if (ring.length > RING_SIZE) ring = ring.slice(-RING_SIZE);
  };

  const entry = (item: Raw | Relayed): RequestLogEntry => {
    if (!('note' in item)) {
      const { db: _db, details, ...rest } = item;
      return { ...rest, fromOtherTab: true, details: async () => details };
    }
    const { note, response } = item;
    const url = new URL(note.request.url);
    const error = note.error as { type?: unknown } | undefined;
    return {
      id: `${tabId}-${item.seq}`,
      time: new Date(note.time).toISOString(),
      method: note.request.method,
      path: (url.pathname + url.search).replace(/([?&]secret=)[^&]*/gi, '$1***'),
      status: response.status,
      errorType: note.error === undefined ? null : typeof error?.type === 'string' ? error.type : 'general_unknown',
      sdk: note.request.headers.get('x-sdk-version'),
      format: note.format ?? '',
      behaviour: note.behaviour ?? '1.9',
      durationMs: Math.round(item.duration * 100) / 100,
      fromOtherTab: false,
      details: async () => (await loadMask()).requestDetails(note, response),
    };
  };

  const emit = (item: Raw | Relayed) => {
    if (!listeners.size) return;
    const value = entry(item);
    for (const listener of [...listeners]) {
      try {
        listener(value);
      } catch (error) {
        console.error('[appwrite-emulator] requests listener failed', error);
      }
    }
  };

  // Relayed in batches after the responses went out, so a request never waits for the other tabs' copy.
  const flush = async () => {
    const batch = outbox;
    outbox = [];
    try {
      const { requestDetails } = await loadMask();
      const posted = await Promise.all(batch.map(async (raw) => {
        const { details: _d, fromOtherTab: _f, ...summary } = entry(raw);
        return { ...summary, details: await requestDetails(raw.note, raw.response), db: databaseName } satisfies Relayed;
      }));
      channel?.postMessage(posted);
    } catch {
      // A closed channel or an unreadable body only costs the other tabs these entries.
    }
  };

  if (relay && typeof BroadcastChannel === 'function') {
    try {
      channel = new BroadcastChannel(`appwrite-emulator-requests-${databaseName}`);
      channel.onmessage = (event: MessageEvent) => {
        if (!Array.isArray(event.data)) return;
        for (const item of event.data as Relayed[]) {
          if (item?.db !== databaseName || typeof item.id !== 'string') continue;
          push(item);
          emit(item);
        }
      };
    } catch {
      channel = null;
    }
  }

  return {
    log: {
      list: () => ring.map(entry).reverse(),
      subscribe(listener) {
        if (typeof listener !== 'function') throw new TypeError('appwrite-emulator: requests.subscribe(listener) needs a function');
        listeners.add(listener);
        return () => void listeners.delete(listener);
      },
      clear() {
        ring = [];
      },
    },
    begin: (request, now) => ({ request, started: perf(), time: now }),
    end(note, response) {
      const raw: Raw = { seq: ++seq, note, response, duration: perf() - note.started };
      push(raw);
      emit(raw);
      if (channel && outbox.push(raw) === 1) setTimeout(() => void flush(), 50);
    },
    close() {
      channel?.close();
      channel = null;
    },
  };
}
