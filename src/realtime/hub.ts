import type { EmulatorCore } from '../core.js';
import type { Behaviour } from '../http/behaviour.js';
import { filterModels } from '../models/formats/index.js';
import { modelName, tagModel } from '../models/formats/model-name.js';
import { openConnection, type Connection } from './connection.js';
import type { RealtimeEventRecord } from './event-record.js';
import { eventTemplate, generateEvents } from './event-names.js';
import { ROUTE_EVENTS } from './route-events.js';
import { TOO_MANY_MESSAGES, type SocketClient } from './socket.js';

/** 128 connects per 60 s per url+ip (spec 1.9 §4). */
const CONNECTS_PER_MINUTE = 128;

/**
 * The emulator's own HTTP handler: a socket's session is checked by asking it for `GET /account` with that
 * session, in the socket's format. (Importing the caller and model code here instead made the bundler split
 * them out of the start chunk, ~1.6 kB gzipped more at start, `npm run bench`; handing them over by name cost
 * ~0.5 kB.)
 */
export type Handle = (request: Request) => Promise<Response>;

/** An event ready for the sockets: its names once, its payload per response format (cached). */
export interface PreparedEvent {
  userId: string;
  /** Appwrite's template, e.g. `users.[userId].update.prefs`. */
  template: string;
  events: string[];
  /** Appwrite's format: `2026-01-15T10:00:00.000+00:00`. */
  timestamp: string;
  payload(format: string, behaviour: Behaviour): unknown;
}

export interface RealtimeHub {
  /** Serves a new socket. */
  connect(client: SocketClient): void;
  /** A change in this page: to its sockets, and to the origin's other tabs. */
  publish(record: RealtimeEventRecord): void;
  /** Stops delivering (emulator.close()); the sockets stay open but silent, so SDKs do not reconnect. */
  close(): void;
}

/**
 * The realtime server of one emulator: its sockets, and the events of this page's requests and of the other
 * tabs of the origin. Tabs share the IndexedDB database as clients share a server, so a BroadcastChannel named
 * after the database carries each change to the emulators of the other tabs, which deliver it to their sockets.
 */
export function createHub(core: EmulatorCore, handle: Handle): RealtimeHub {
  const connections = new Set<Connection>();
  const connects: number[] = [];
  let stopped = false;
  const tabs = core.sharedDatabase && typeof BroadcastChannel === 'function' ? new BroadcastChannel(`appwrite-emulator:${core.config.databaseName}`) : null;
  (tabs as { unref?: () => void } | null)?.unref?.(); // Node's would keep a test process alive
  tabs?.addEventListener('message', (event: MessageEvent) => deliver(event.data as RealtimeEventRecord));

  // Events go out in order, each once every socket has handled what it received before: an app that subscribes
  // and then changes something gets the event even while its socket's `authentication` is still being checked.
  let delivering = Promise.resolve();
  function deliver(record: RealtimeEventRecord) {
    delivering = delivering
      .then(() => Promise.all([...connections].map((c) => c.idle())))
      .then(() => {
        const prepared = stopped ? null : prepare(record);
        if (prepared) for (const connection of connections) connection.deliver(prepared);
      })
      .catch((error: unknown) => console.error('[appwrite-emulator] a realtime event could not be delivered', error));
  }

  return {
    connect(client) {
      if (stopped) return;
      const now = core.clock.now().getTime();
      while (connects.length && connects[0]! <= now - 60_000) connects.shift();
      if (core.config.rateLimits && connects.length >= CONNECTS_PER_MINUTE) {
        client.send(JSON.stringify({ type: 'error', data: { code: TOO_MANY_MESSAGES, message: 'Too many requests' } }));
        client.close(TOO_MANY_MESSAGES);
        return;
      }
      connects.push(now);
      let connection: Connection | null = null;
      connection = openConnection(core, handle, client, () => connection && connections.delete(connection));
      if (connection) connections.add(connection);
    },
    publish(record) {
      if (stopped || !ROUTE_EVENTS[record.route]) return;
      record.model = modelName(record.payload);
      // A socket that connects later subscribes later: an event with no socket to go to needs no preparing.
      if (connections.size) deliver(record);
      tabs?.postMessage(record);
    },
    close() {
      stopped = true;
      connections.clear();
      tabs?.close();
    },
  };
}

/** The event a record fires, or null (a route without event, a garbled message from another tab). */
function prepare(record: RealtimeEventRecord): PreparedEvent | null {
  const event = typeof record?.route === 'string' ? ROUTE_EVENTS[record.route] : undefined;
  const payload = record?.payload;
  if (!event || !payload || typeof payload !== 'object' || !Number.isFinite(record.at)) return null;
  const userId = typeof payload.userId === 'string' ? payload.userId : record.model === 'account' ? String(payload.$id) : record.user;
  if (!userId) return null;
  const { template, params } = eventTemplate(event, userId, String(payload.$id ?? ''));
  const cache = new Map<string, unknown>();
  return {
    userId,
    template,
    events: generateEvents(template, params),
    timestamp: new Date(record.at).toISOString().replace('Z', '+00:00'),
    payload(format, behaviour) {
      const key = `${behaviour}:${format}`;
      if (!cache.has(key)) cache.set(key, filterModels(eventPayload(record, template, behaviour), format));
      return cache.get(key);
    },
  };
}

/**
 * The payload as the subscriber's server sends it. 1.9.6 removes the keys its routes mark sensitive: a token's
 * `secret` is absent from recovery and verification events, except PUT phone verification's, which is `''`
 * (spec 1.9 §8.4). Appwrite 1.4 sends the response body.
 * @note 1.4 put the token's plaintext secret into its token-create events; the emulator sends the response
 * body's `secret: ''` instead, so no usable secret ever crosses the socket.
 * The model tag is set again here: it does not survive the BroadcastChannel's structured clone.
 */
function eventPayload(record: RealtimeEventRecord, template: string, behaviour: Behaviour): object {
  const payload: Record<string, unknown> = { ...record.payload };
  if (record.model) tagModel(record.model, payload);
  if (record.model === 'account' && Array.isArray(payload.targets)) {
    payload.targets = payload.targets.map((t: object) => (modelName(t) ? t : tagModel('target', { ...t })));
  }
  if (behaviour === '1.9' && record.model === 'token' && /\.(recovery|verification)\./.test(template)) {
    if (record.route.startsWith('PUT ') && record.route.endsWith('/phone')) payload.secret = '';
    else delete payload.secret;
  }
  return payload;
}
