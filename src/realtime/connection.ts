import type { EmulatorCore } from '../core.js';
import type { Behaviour } from '../http/behaviour.js';
import { convertChannels, eventChannels } from './channels.js';
import type { Handle, PreparedEvent } from './hub.js';
import { connectedMessage, urlSubscriptions } from './legacy-protocol.js';
import { phpJsonRoundTrip } from './php-values.js';
import { matches } from './runtime-query.js';
import {
  MESSAGE_FORMAT_INVALID, POLICY_VIOLATION, RealtimeError, TOO_MANY_MESSAGES, type SocketClient, type SocketState,
} from './socket.js';
import { subscribe, unsubscribe } from './subscribe-protocol.js';

/**
 * Frames longer than this are refused unread.
 * @note Appwrite's Swoole server drops frames over its `package_max_length` (64,000 bytes) and the connection
 * with them; the emulator answers `Message format is not valid.` and keeps the socket, so the page keeps working.
 */
export const MAX_FRAME = 64_000;
/** 32 messages per 60 s per connection (spec 1.9 §4). */
const MESSAGES_PER_MINUTE = 32;

export interface Connection {
  deliver(event: PreparedEvent): void;
  /** Resolves once the messages received so far are handled (a pending `authentication` included). */
  idle(): Promise<void>;
}

/**
 * One realtime socket (spec 1.9 §8, 1.4 §11): the handshake, the messages of both client protocols, and the
 * events it is owed. It speaks the server of the SDK talking to this emulator (core.lastRequest): a WebSocket
 * carries no format header, and one page runs one SDK.
 * @note Under the `auto` behaviour a page that mixes SDK 13 with a newer SDK gets one format on its sockets:
 * that of the latest request that carried one (refreshed on every `authentication` message).
 *
 * Messages are handled one at a time, in order: SDK 25+ send `authentication` and `subscribe` back to back, and
 * the subscribe must see the signed-in user. Any failure becomes the protocol's error message; nothing throws
 * into the page, and the socket keeps its other subscriptions.
 */
export function openConnection(core: EmulatorCore, http: Handle, client: SocketClient, onClose: () => void): Connection | null {
  let user: { $id: string } | null = null;
  let closed = false;
  const sent: number[] = [];
  const state: SocketState = {
    ...serverOf(core),
    userId: null,
    subscriptions: new Map(),
    newId: () => uniqueId(core),
    send: (message) => {
      if (!closed) client.send(JSON.stringify(message));
    },
  };
  const fail = (error: unknown) => {
    const known = error instanceof RealtimeError;
    if (!known) console.error('[appwrite-emulator] unexpected realtime error', error);
    // Anything unexpected is the emulator's bug: Appwrite answers a server error (spec 1.9 §8.3).
    const code = known ? error.code : 500;
    state.send({ type: 'error', data: { code, message: known ? error.message : 'Error: Server Error' } });
    if (code === POLICY_VIOLATION) close(code);
  };
  /**
   * A handshake error: the message, then the socket closes, whatever the code (app/realtime.php:1025-1064).
   * @note Appwrite closes a code-0 error's socket with code 0, which is no WebSocket close code; the emulator
   * closes it as a dropped connection (1006), and the SDKs reconnect as they would.
   */
  const refuse = (error: unknown) => {
    fail(error);
    close(error instanceof RealtimeError && error.code ? error.code : 1006);
  };
  const close = (code: number) => {
    if (closed) return;
    closed = true;
    onClose();
    // After the error message is out: a socket still opening would drop it with the close.
    setTimeout(() => client.close(code), 0);
  };

  // The handshake (spec 1.9 §8.1). The project comes from the URL; the socket carries no cookie or header the
  // emulator could read, so everyone starts as a guest and signs in with the `authentication` message, which
  // every SDK sends after `connected` when it holds a session.
  if (client.url.searchParams.get('project') !== core.config.projectId) {
    refuse(new RealtimeError(POLICY_VIOLATION, 'Missing or unknown project ID'));
    return null;
  }
  let slots: ReturnType<typeof urlSubscriptions>;
  try {
    slots = urlSubscriptions(client.url, state);
  } catch (error) {
    refuse(error);
    return null;
  }
  if (state.behaviour === '1.4' && slots.length === 0) {
    refuse(new RealtimeError(POLICY_VIOLATION, 'Missing channels'));
    return null;
  }
  for (const [, s] of slots) state.subscriptions.set(s.id, s);
  state.send(connectedMessage(state, slots, null));

  async function authenticate(data: unknown) {
    if (!data || typeof data !== 'object' || !('session' in data)) throw new RealtimeError(MESSAGE_FORMAT_INVALID, 'Payload is not valid.');
    const session = (data as { session: unknown }).session;
    const cookie = typeof session === 'string' ? JSON.stringify({ [`a_session_${core.config.projectId}`]: session }) : '';
    Object.assign(state, serverOf(core));
    const response = await http(new Request(`${core.config.endpoint}/account`, {
      headers: {
        'x-appwrite-project': core.config.projectId,
        'x-fallback-cookies': cookie,
        ...(state.format ? { 'x-appwrite-response-format': state.format } : {}),
      },
    }));
    if (response.status !== 200) throw new RealtimeError(MESSAGE_FORMAT_INVALID, 'Session is not valid.');
    const account = (await response.json()) as { $id: string };
    user = account;
    state.userId = account.$id;
    state.send({ type: 'response', data: { to: 'authentication', success: true, user: account } });
  }

  async function handle(frame: unknown) {
    if (closed) return;
    const now = core.clock.now().getTime();
    while (sent.length && sent[0]! <= now - 60_000) sent.shift();
    if (core.config.rateLimits && sent.length >= MESSAGES_PER_MINUTE) throw new RealtimeError(TOO_MANY_MESSAGES, 'Too many messages.');
    sent.push(now);
    const message = parse(frame);
    switch (state.behaviour === '1.4' && message.type !== 'authentication' ? '' : message.type) {
      case 'authentication': return authenticate(message.data);
      case 'ping': return state.send({ type: 'pong' });
      case 'subscribe': return state.send(subscribe(state, message.data));
      case 'unsubscribe': return state.send(unsubscribe(state, message.data));
      default: throw new RealtimeError(MESSAGE_FORMAT_INVALID, 'Message type is not valid.');
    }
  }

  let queue = Promise.resolve();
  const receive = (frame: unknown) => {
    queue = queue.then(() => handle(frame)).catch(fail);
  };
  client.addEventListener('message', (event) => receive(event.data));
  client.addEventListener('close', () => {
    closed = true;
    onClose();
  });

  return {
    idle: () => queue,
    deliver(event) {
      if (closed || !user || user.$id !== event.userId) return;
      const channels = eventChannels(event.template, user.$id, state.behaviour);
      const { events, timestamp } = event;
      const payload = event.payload(state.format, state.behaviour);
      if (state.behaviour === '1.4') {
        const subscribed = [...state.subscriptions.values()].some((s) => convertChannels(s.channels, user!.$id, '1.4').some((c) => channels.includes(c)));
        if (subscribed) state.send({ type: 'event', data: { events, channels, timestamp, payload } });
        return;
      }
      const data = pubSubRoundTrip({ events, channels, timestamp, payload });
      // Each subscription on one of the event's channels whose queries the payload (as decoded) matches
      // (Adapter/Realtime.php:459-501, RuntimeQuery::filter).
      const ids = [...state.subscriptions.values()]
        .filter((s) => convertChannels(s.channels, user!.$id, '1.9').some((c) => channels.includes(c)) && matches(s.queries, data.payload))
        .map((s) => s.id);
      if (ids.length) state.send({ type: 'event', data: { ...data, subscriptions: ids } });
    },
  };
}

/**
 * 1.9.6 hands each event to its realtime workers through pub/sub as JSON (Adapter/Realtime.php:434-445), and the
 * worker decodes it into PHP arrays (`json_decode($payload, true)`, app/realtime.php:638) and encodes the event's
 * `data` again for the sockets (app/realtime.php:753-758): every empty object in it arrives as `[]` (an Account's
 * `prefs: {}`, the empty payload of `users.<id>.delete.mfa`), and an object keyed 0…n-1 as a list. Only the
 * payload can hold objects (events, channels and subscriptions are lists of strings). The filters see it so too.
 * Appwrite 1.4's events are not re-encoded here (unchanged).
 */
function pubSubRoundTrip(data: { events: string[]; channels: string[]; timestamp: string; payload: unknown }) {
  return phpJsonRoundTrip(data) as typeof data;
}

/** Appwrite's ID.unique(): 13 hex chars of time (seconds + microseconds), 7 random ones (crypto/random.ts). */
function uniqueId(core: EmulatorCore): string {
  const ms = core.clock.now().getTime();
  const hex = [...core.random.bytes(4)].map((b) => b.toString(16).padStart(2, '0')).join('').slice(0, 7);
  return Math.floor(ms / 1000).toString(16).padStart(8, '0') + ((ms % 1000) * 1000).toString(16).padStart(5, '0') + hex;
}

/** The server and format of the latest request with a format; before any, the `behaviour` option's default. */
function serverOf(core: EmulatorCore): { behaviour: Behaviour; format: string } {
  const pinned = core.config.behaviour;
  return core.lastRequest ?? (pinned === '1.4' ? { behaviour: '1.4', format: '1.4.0' } : { behaviour: '1.9', format: '' });
}

/**
 * A client frame as Appwrite reads it: JSON with a `type` or a `data` key, else `Message format is not valid.`
 * Binary frames and frames over MAX_FRAME are refused unread.
 */
function parse(frame: unknown): { type?: unknown; data?: unknown } {
  const bad = new RealtimeError(MESSAGE_FORMAT_INVALID, 'Message format is not valid.');
  if (typeof frame !== 'string' || frame.length > MAX_FRAME) throw bad;
  let message: unknown;
  try {
    message = JSON.parse(frame);
  } catch {
    throw bad;
  }
  if (!message || typeof message !== 'object' || Array.isArray(message) || !('type' in message || 'data' in message)) throw bad;
  return message as { type?: unknown; data?: unknown };
}
