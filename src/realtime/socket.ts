import type { Behaviour } from '../http/behaviour.js';
import type { RuntimeQuery } from './runtime-query.js';

/** What the emulator needs of msw's WebSocket client connection (msw `ws.link` → `connection` → `client`). */
export interface SocketClient {
  url: URL;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  addEventListener(type: 'close', listener: () => void): void;
}

/** A realtime protocol error: sent as `{type:'error', data:{code, message}}`; 1008 also closes the socket. */
export class RealtimeError extends Error {
  constructor(readonly code: number, message: string) {
    super(message);
  }
}

/** Appwrite's realtime error codes (`Exception::REALTIME_*`). */
export const POLICY_VIOLATION = 1008;
export const MESSAGE_FORMAT_INVALID = 1003;
export const TOO_MANY_MESSAGES = 1013;

/** One subscription of a socket: the channels as the client asked for them (converted on use), its queries. */
export interface Subscription {
  /** Server- or client-chosen id; '' on Appwrite 1.4, which has none. */
  id: string;
  channels: string[];
  /** 1.9.6: the parsed queries its events must match (runtime-query.ts); none on 1.4. */
  queries: RuntimeQuery[];
}

/** The state of one socket that the protocol files read and change. */
export interface SocketState {
  behaviour: Behaviour;
  format: string;
  userId: string | null;
  subscriptions: Map<string, Subscription>;
  /** A new server-side id (Appwrite's ID.unique()). */
  newId(): string;
  send(message: object): void;
}

/** PHP's json_encode of a keyed array: a list when the keys are 0…n-1 in order, else an object. */
export function phpArray(entries: Array<[number | string, string]>): string[] | Record<string, string> {
  return entries.every(([key], i) => String(key) === String(i)) ? entries.map(([, v]) => v) : Object.fromEntries(entries.map(([k, v]) => [String(k), v]));
}
