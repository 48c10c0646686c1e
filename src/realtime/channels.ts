import type { Behaviour } from '../http/behaviour.js';

/** The channels whose events the emulator sends; every other channel can be subscribed to and stays silent. */
const ACTIONS = new Set(['create', 'update', 'upsert', 'delete']);

/**
 * Appwrite's `Realtime::convertChannels` (spec 1.9 §8.1): `account` stays and, for a signed-in user, adds
 * `account.<userId>`; 1.9.6 turns `account.create|update|upsert|delete` into `account.<userId>.<action>` (kept
 * literally for a guest) and drops any other `account.*`, such as another user's `account.<id>`. Appwrite 1.4
 * drops every `account.*`.
 */
export function convertChannels(channels: readonly string[], userId: string | null, behaviour: Behaviour): string[] {
  const out = new Set<string>();
  for (const channel of channels) {
    if (channel === 'account') {
      out.add(channel);
      if (userId) out.add(`account.${userId}`);
    } else if (channel.startsWith('account.')) {
      const action = channel.slice('account.'.length);
      if (behaviour === '1.9' && ACTIONS.has(action)) out.add(userId ? `account.${userId}.${action}` : channel);
    } else {
      out.add(channel);
    }
  }
  return [...out];
}

/**
 * The channels of a `users.<U>.…` event (spec 1.9 §8.4): `account` and `account.<U>`; 1.9.6 adds
 * `account.<action>` and `account.<U>.<action>` to the top-level user events (`users.U.update.prefs`), whose
 * third segment is the action. Nested events (sessions, tokens, targets…) get no action channels.
 */
export function eventChannels(template: string, userId: string, behaviour: Behaviour): string[] {
  const channels = ['account', `account.${userId}`];
  const action = template.split('.')[2]!;
  if (behaviour === '1.9' && ACTIONS.has(action)) channels.push(`account.${action}`, `account.${userId}.${action}`);
  return channels;
}
