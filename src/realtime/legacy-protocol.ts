import { convertChannels } from './channels.js';
import { phpArray, type SocketState, type Subscription } from './socket.js';

/**
 * The URL-channel protocol of SDK 13…24 (spec 1.9 §8.2; Appwrite 1.4's only one): the channels come in the
 * socket URL (`project=<id>&channels[]=account…`) and the server answers `connected`. SDK 24 also sends each
 * subscription's queries as `<channel>[<slot>][]=<query>`, one slot per `subscribe()` call; 1.9.6 makes one
 * subscription per slot (one for all channels when there are no slots) and lists their ids in `connected`,
 * keyed by slot. Appwrite 1.4 has no subscriptions: one set of channels per socket.
 */
export function urlSubscriptions(url: URL, state: Pick<SocketState, 'behaviour' | 'newId'>): Array<[slot: number, Subscription]> {
  const channels = [...new Set(url.searchParams.getAll('channels[]'))];
  if (state.behaviour === '1.4') return channels.length ? [[0, { id: '', channels, queries: [] }]] : [];
  const slots = new Map<number, { channels: Set<string>; queries: string[] }>();
  for (const [key, value] of url.searchParams) {
    const match = /^(.+)\[(\d+)\]\[\]$/.exec(key);
    if (!match || !channels.includes(match[1]!)) continue;
    const slot = slots.get(Number(match[2])) ?? { channels: new Set<string>(), queries: [] };
    slot.channels.add(match[1]!);
    if (!slot.queries.includes(value)) slot.queries.push(value);
    slots.set(Number(match[2]), slot);
  }
  if (slots.size === 0) return channels.length ? [[0, { id: state.newId(), channels, queries: [] }]] : [];
  return [...slots].sort(([a], [b]) => a - b)
    .map(([slot, s]) => [slot, { id: state.newId(), channels: [...s.channels], queries: s.queries }]);
}

/** The `connected` message: 1.4 `{channels, user}`, 1.9.6 `{channels, subscriptions, user}`. */
export function connectedMessage(state: SocketState, slots: Array<[number, Subscription]>, user: object | null): object {
  const channels = convertChannels([...new Set(slots.flatMap(([, s]) => s.channels))], state.userId, state.behaviour);
  if (state.behaviour === '1.4') return { type: 'connected', data: { channels, user } };
  return { type: 'connected', data: { channels, subscriptions: phpArray(slots.map(([slot, s]) => [slot, s.id])), user } };
}
