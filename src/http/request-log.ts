import type { Behaviour } from './behaviour.js';
import type { RouteResult } from './context.js';

/**
 * `emulator.requests`: the last requests the emulator answered, for the dev console's Requests tab and for tests.
 * This part, in the start bundle, only keeps references (the Request, the parsed params, the route's result or
 * error, the Response) in a bounded ring; what is shown is derived when read, and secrets are masked then
 * (request-log-view.ts and request-mask.ts, loaded on first read). In the browser, a tab whose console reads the
 * log asks the other tabs of the app for theirs (BroadcastChannel); they answer and keep sending new ones.
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
  /** The recorded requests, newest first: at most 200 of this tab, and those other tabs relayed. */
  list(): Promise<RequestLogEntry[]>;
  /** Calls `listener` for each request answered from now on (here or, once list() asked them, in other tabs). */
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
  response?: Response;
  duration?: number;
  seq?: number;
}

/** The log's state, shared with the lazily loaded part (request-log-view.ts). */
export interface LogState {
  databaseName: string;
  /** The response body a note's route produced (http/handle.ts's recordedBody). */
  body(note: RequestNote): Promise<unknown>;
  ring: RequestNote[];
  seq: number;
  listeners: Set<(entry: RequestLogEntry) => void>;
  channel?: BroadcastChannel;
  /** Entries relayed from other tabs (request-log-view.ts keeps them). */
  relayed?: unknown[];
  /** True once another tab asked for this tab's requests: new ones are sent to it too. */
  serving?: boolean;
  asked?: boolean;
}

export interface RequestRecorder {
  log: RequestLog;
  /** Starts a note for a request: the handler fills it, then calls end(). */
  begin(request: Request, now: number): RequestNote;
  end(note: RequestNote, response: Response): void;
  close(): void;
}

export const RING_SIZE = 200;

const view = () => import('./request-log-view.js');

export function createRequestRecorder(databaseName: string, relay: boolean, body: LogState['body']): RequestRecorder {
  // Kept small (it is in the start bundle): the rest of the state is set by request-log-view.ts when it loads.
  const state = { databaseName, body, ring: [], seq: 0, listeners: new Set() } as unknown as LogState;
  if (relay && typeof BroadcastChannel == 'function') {
    try {
      state.channel = new BroadcastChannel(`appwrite-emulator-requests-${databaseName}`);
      state.channel.onmessage = (event: MessageEvent) => void view().then((m) => m.receive(state, event.data));
      // A console already open in another tab asks this new tab for its requests in reply.
      state.channel.postMessage({ db: databaseName, join: true });
    } catch { /* no channel: the other tabs' requests are not shown here */ }
  }
  return {
    log: {
      list: async () => (await view()).list(state),
      subscribe(listener) {
        if (typeof listener != 'function') throw new TypeError('appwrite-emulator: requests.subscribe(listener) needs a function');
        state.listeners.add(listener);
        return () => void state.listeners.delete(listener);
      },
      clear: () => void (state.ring = [], state.relayed = []),
    },
    begin: (request, time) => ({ request, time, started: performance.now() }),
    end(note, response) {
      note.response = response;
      note.duration = performance.now() - note.started;
      note.seq = ++state.seq;
      if (state.ring.push(note) > RING_SIZE) state.ring.shift();
      if (state.listeners.size || state.serving) void view().then((m) => m.added(state, note));
    },
    close: () => state.channel?.close(),
  };
}
