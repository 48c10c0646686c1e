import type { EmulatorCore } from '../core.js';
import type { Behaviour } from '../http/behaviour.js';
import { filterModels } from '../models/formats/index.js';
import { modelName, tagModel } from '../models/formats/model-name.js';
import { openConnection, type Connection } from './connection.js';
import type { RealtimeEventRecord } from './event-record.js';
import { generateEvents } from './event-names.js';
import { TOO_MANY_MESSAGES, type SocketClient } from './socket.js';

/** 128 connects per 60 s per url+ip (spec 1.9 §4). */
const CONNECTS_PER_MINUTE = 128;

/** An event ready for the sockets: its names once, its payload per response format (cached). */
export interface PreparedEvent {
  record: RealtimeEventRecord;
  events: string[];
  payload(format: string, behaviour: Behaviour): unknown;
}

export interface RealtimeHub {
  /** Serves a new socket; `early` holds the frames it sent while this code loaded. */
  connect(client: SocketClient, early: unknown[]): void;
  deliver(record: RealtimeEventRecord): void;
  /** Stops delivering (emulator.close()); the sockets stay open but silent, so SDKs do not reconnect. */
  close(): void;
}

/**
 * The realtime server of one emulator: its sockets, the events of this page's requests (core.publish) and of
 * the origin's other tabs (the BroadcastChannel), delivered to every socket owed them.
 */
export function createHub(core: EmulatorCore, tabs: BroadcastChannel | null): RealtimeHub {
  const connections = new Set<Connection>();
  const connects: number[] = [];
  let stopped = false;
  const fromTabs = (event: MessageEvent) => deliver(event.data as RealtimeEventRecord);
  tabs?.addEventListener('message', fromTabs);

  function deliver(record: RealtimeEventRecord) {
    if (stopped || !record || typeof record.template !== 'string') return;
    const prepared = prepare(record);
    for (const connection of connections) connection.deliver(prepared);
  }

  return {
    connect(client, early) {
      if (stopped) return;
      const now = core.clock.now().getTime();
      while (connects.length && connects[0]! <= now - 60_000) connects.shift();
      if (core.config.rateLimits && connects.length >= CONNECTS_PER_MINUTE) {
        client.send(JSON.stringify({ type: 'error', data: { code: TOO_MANY_MESSAGES, message: 'Too many requests' } }));
        client.close(TOO_MANY_MESSAGES);
        return;
      }
      connects.push(now);
      const connection = openConnection(core, client, early, () => connection && connections.delete(connection));
      if (connection) connections.add(connection);
    },
    deliver,
    close() {
      stopped = true;
      connections.clear();
      tabs?.removeEventListener('message', fromTabs);
    },
  };
}

function prepare(record: RealtimeEventRecord): PreparedEvent {
  const [, second] = /\.\[(\w+)\]\./.exec(record.template.slice(record.template.indexOf(']') + 1)) ?? [];
  const params: Array<[string, string]> = [['userId', record.userId], ...(second ? [[second, record.resourceId] as [string, string]] : [])];
  const events = generateEvents(record.template, params);
  const cache = new Map<string, unknown>();
  return {
    record,
    events,
    payload(format, behaviour) {
      const key = `${behaviour}:${format}`;
      if (!cache.has(key)) cache.set(key, filterModels(eventPayload(record, behaviour), format));
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
function eventPayload(record: RealtimeEventRecord, behaviour: Behaviour): object {
  const payload = { ...record.payload };
  if (record.model) tagModel(record.model, payload);
  if (record.model === 'account' && Array.isArray(payload.targets)) {
    payload.targets = payload.targets.map((t: object) => (modelName(t) ? t : tagModel('target', { ...t })));
  }
  if (behaviour === '1.9' && record.model === 'token' && /\.(recovery|verification)\./.test(record.template)) {
    if (record.method === 'PUT' && record.path.endsWith('/phone')) payload.secret = '';
    else delete payload.secret;
  }
  return payload;
}
