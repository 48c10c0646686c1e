import { convertChannels } from './channels.js';
import { convertQueries, QueryException, SELECT_ALL, type RuntimeQuery } from './runtime-query.js';
import { phpArray, POLICY_VIOLATION, RealtimeError, type SocketState, type Subscription } from './socket.js';

/**
 * The URL-channel protocol of SDK 13…24 (spec 1.9 §8.2; Appwrite 1.4's only one): the channels come in the
 * socket URL (`project=<id>&channels[]=account…`) and the server answers `connected`. SDK 24 also sends each
 * subscription's queries as `<channel>[<slot>][]=<query>`, one slot per `subscribe()` call (`select("*")` when it
 * has none); 1.9.6 makes one subscription per slot and lists their ids in `connected`, keyed by slot
 * (Realtime::constructSubscriptions, src/Appwrite/Messaging/Adapter/Realtime.php:612-675). A query it refuses
 * refuses the socket: 1008 with the query's message, or a server error (app/realtime.php:973-981, 1025-1064).
 * Appwrite 1.4 has no subscriptions: one set of channels per socket.
 */
export function urlSubscriptions(url: URL, state: Pick<SocketState, 'behaviour' | 'newId'>): Array<[slot: string, Subscription]> {
  const channels = [...new Set(url.searchParams.getAll('channels[]'))];
  if (state.behaviour === '1.4') return channels.length ? [['0', { id: '', channels, queries: [] }]] : [];
  // The handshake's user is always a guest here (the session comes in the `authentication` message).
  const names = convertChannels(channels, null, state.behaviour);
  const query = phpQuery(url);
  const slots = new Map<string, { channels: string[]; queries: RuntimeQuery[] }>();
  const slot = (index: string) => slots.get(index) ?? slots.set(index, { channels: [], queries: [] }).get(index)!;
  try {
    for (const channel of names) {
      // PHP reads `account.update[0][]` as `account_update`; `project` is the project id, not a channel's queries.
      const key = channel.replaceAll('.', '_');
      const params = key === 'project' && typeof query.get(key) === 'string' ? undefined : query.get(key);
      if (params === undefined) {
        const s = slot('0');
        s.channels.push(channel);
        if (!s.queries.length) s.queries = [SELECT_ALL];
        continue;
      }
      // A slot's queries come from the first of its channels that names them.
      for (const [index, value] of typeof params === 'string' ? new Map([['0', params]]) : params) {
        const s = slot(index);
        if (!s.channels.includes(channel)) s.channels.push(channel);
        if (!s.queries.length) s.queries = convertQueries(typeof value === 'string' ? [value] : [...value.values()]);
      }
    }
  } catch (error) {
    throw error instanceof QueryException ? new RealtimeError(POLICY_VIOLATION, error.message) : error;
  }
  return [...slots].map(([index, s]) => [index, { id: state.newId(), channels: s.channels, queries: s.queries }]);
}

/** A query-string value as PHP reads it: a string, or an array of them (ordered keys, as strings). */
type PhpParam = string | PhpParams;
type PhpParams = Map<string, PhpParam>;

/**
 * The URL's query as PHP's `$_GET` (php_register_variable_ex): `.` and ` ` in a name become `_` (up to its first
 * `[`), `a[x][]=v` nests, `[]` appends at the next integer key, a later value replaces an earlier one.
 * @note An unclosed `[` is not read as PHP does (which turns it into `_`); the SDKs never send one.
 */
function phpQuery(url: URL): PhpParams {
  const top: PhpParams = new Map();
  for (const [raw, value] of url.searchParams) {
    const name = raw.replace(/^ +/, '');
    const open = name.indexOf('[');
    const base = (open < 0 ? name : name.slice(0, open)).replace(/[. ]/g, '_');
    if (!base) continue;
    const path: Array<string | null> = [];
    for (const match of open < 0 ? [] : name.slice(open).matchAll(/\[([^\]]*)\]/gy)) path.push(match[1] || null);
    let container = top;
    let key: string = base;
    for (const segment of path) {
      let child = container.get(key);
      if (!(child instanceof Map)) container.set(key, (child = new Map()));
      container = child;
      key = segment ?? nextIndex(container);
    }
    container.set(key, value);
  }
  return top;
}

/** The key `[]` appends at: one past the largest integer key, or 0. */
function nextIndex(array: PhpParams): string {
  let next = 0;
  for (const key of array.keys()) if (/^(0|[1-9]\d*)$/.test(key) && Number(key) >= next) next = Number(key) + 1;
  return String(next);
}

/** The `connected` message: 1.4 `{channels, user}`, 1.9.6 `{channels, subscriptions, user}`. */
export function connectedMessage(state: SocketState, slots: Array<[string, Subscription]>, user: object | null): object {
  const channels = convertChannels([...new Set(slots.flatMap(([, s]) => s.channels))], state.userId, state.behaviour);
  if (state.behaviour === '1.4') return { type: 'connected', data: { channels, user } };
  return { type: 'connected', data: { channels, subscriptions: phpArray(slots.map(([slot, s]) => [slot, s.id])), user } };
}
