import { customId } from '../validation/validators.js';
import { convertChannels } from './channels.js';
import { convertQueries, QueryException, queryString, type RuntimeQuery } from './runtime-query.js';
import { MESSAGE_FORMAT_INVALID, RealtimeError, type SocketState } from './socket.js';

/*
 * The subscribe-message protocol of SDK 25…28 (spec 1.9 §8.3; Appwrite 1.9.6's Message/Handlers/Subscribe.php,
 * Unsubscribe.php and their payload validators): the URL carries only the project, and the client sends
 * `{type:'subscribe', data:[{subscriptionId, channels, queries}]}` with ids it chose, which the server keeps.
 * Subscribing an existing id replaces it (SDK 28's `update()`).
 */

const invalid = (message: string) => new RealtimeError(MESSAGE_FORMAT_INVALID, message);
const isObject = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value);

export function subscribe(state: SocketState, data: unknown): object {
  // SubscribePayload (Message/Validators/SubscribePayload.php) checks every item before the action reads any.
  if (!Array.isArray(data)) throw invalid('Payload is not valid.');
  for (const item of data) {
    if (!isObject(item)) throw invalid('Each subscribe payload must be an object.');
    const { subscriptionId, channels, queries } = item;
    if (subscriptionId !== undefined && (typeof subscriptionId !== 'string' || !customId.isValid(subscriptionId))) {
      throw invalid('subscriptionId is not a valid id.');
    }
    if (channels === undefined) throw invalid('channels is not present in payload.');
    if (!Array.isArray(channels)) throw invalid('channels is not a valid array.');
    if (!channels.every((c) => typeof c === 'string')) throw invalid('channels must contain only strings.');
    if (queries !== undefined && !Array.isArray(queries)) throw invalid('queries is not a valid array.');
  }
  // Then the action (Handlers/Subscribe.php:49-70) converts each item's queries (Realtime::convertQueries): the
  // first it refuses is 1003 `Invalid query: <message>`, or a server error (a select other than `select("*")`).
  const rows = (data as Array<Record<string, unknown>>).map(({ subscriptionId, channels, queries }) => {
    const id = subscriptionId === undefined || subscriptionId === 'unique()' ? state.newId() : (subscriptionId as string);
    let parsed: RuntimeQuery[];
    try {
      parsed = convertQueries((queries ?? []) as unknown[]);
    } catch (error) {
      throw error instanceof QueryException ? invalid(`Invalid query: ${error.message}`) : error;
    }
    return { id, channels: [...new Set(channels as string[])], queries: parsed };
  });
  // Validated as a whole first: a bad row leaves every subscription as it was.
  for (const row of rows) state.subscriptions.set(row.id, row);
  return {
    type: 'response',
    data: {
      to: 'subscribe',
      success: true,
      subscriptions: rows.map((r) => ({
        subscriptionId: r.id,
        channels: convertChannels(r.channels, state.userId, state.behaviour),
        // Query::toString of each parsed query: PHP's json_encode (`\/`, `\u00e9`), `attribute` left out when empty.
        queries: r.queries.map(queryString),
      })),
    },
  };
}

export function unsubscribe(state: SocketState, data: unknown): object {
  if (!Array.isArray(data)) throw invalid('Payload is not valid.');
  for (const item of data) {
    if (!isObject(item) || typeof item.subscriptionId !== 'string' || item.subscriptionId === '') {
      throw invalid('Each unsubscribe payload must include a non-empty subscriptionId.');
    }
  }
  const results = (data as Array<{ subscriptionId: string }>).map(({ subscriptionId }) => ({
    subscriptionId,
    removed: state.subscriptions.delete(subscriptionId),
  }));
  return { type: 'response', data: { to: 'unsubscribe', success: true, subscriptions: results } };
}
