import type { SetupServer } from 'msw/node';
import { expect } from 'vitest';
import type { Emulator, InboxMessage } from 'appwrite-emulator';

export const MINUTE = 60_000;

/** Token model (spec §7.4): every key, in Appwrite's order, all strings. */
export function expectTokenShape(token: object): void {
  expect(Object.keys(token)).toEqual(['$id', '$createdAt', 'userId', 'secret', 'expire']);
  for (const [key, value] of Object.entries(token)) expect(typeof value, key).toBe('string');
  expect((token as { $id: string }).$id).toMatch(/^[0-9a-f]{20}$/);
}

const ACCOUNT_TYPES: Record<string, string> = {
  $id: 'string', $createdAt: 'string', $updatedAt: 'string', name: 'string', registration: 'string', status: 'boolean',
  labels: 'object', passwordUpdate: 'string', email: 'string', phone: 'string', emailVerification: 'boolean',
  phoneVerification: 'boolean', prefs: 'object', accessedAt: 'string',
};

/** Account model (spec §7.1): every key, in Appwrite's order, with its type. */
export function expectAccountShape(account: object): void {
  expect(Object.keys(account)).toEqual(Object.keys(ACCOUNT_TYPES));
  for (const [key, value] of Object.entries(account)) expect(typeof value, key).toBe(ACCOUNT_TYPES[key]);
}

/**
 * The HTTP status of each answer the emulator gives (the SDK hides success statuses). Read it right after the
 * SDK call: `statuses.at(-1)`.
 */
export function trackStatuses(server: SetupServer): number[] {
  const statuses: number[] = [];
  server.events.on('response:mocked', ({ response }) => void statuses.push(response.status));
  return statuses;
}

/**
 * A `fail(fn)` for a file that tracks statuses: runs `fn` and returns the SDK's AppwriteException as
 * `{status, code, type, message}`, status being what the emulator last answered; throws when `fn` does not fail.
 */
export function failureOf(statuses: number[]) {
  return async (fn: () => Promise<unknown>) => {
    try {
      await fn();
    } catch (e) {
      const { code, type, message } = e as { code: number; type: string; message: string };
      return { status: statuses.at(-1), code, type, message };
    }
    throw new Error('expected the call to fail');
  };
}

/** The only message in the inbox matching the filter (fails if there are none or several). */
export async function onlyMessage(emulator: Emulator, filter: Parameters<Emulator['inbox']['list']>[0]): Promise<InboxMessage> {
  const messages = await emulator.inbox.list(filter);
  expect(messages).toHaveLength(1);
  return messages[0]!;
}

/** PHP urlencode of an ISO or DB date as it appears in links (`:` -> %3A, `+` -> %2B, space -> +). */
export const encodedDate = (date: string) => date.replace(/:/g, '%3A').replace(/\+/g, '%2B').replace(/ /g, '+');

/** HTML-escaped link, as it sits in the e-mail's href and anchor text. */
export const htmlLink = (url: string) => url.replace(/&/g, '&amp;');

/** Every stored token row, serialised: for asserting that no plain secret ever reaches the tokens table. */
export async function storedTokens(emulator: Emulator): Promise<string> {
  return JSON.stringify(await (await emulator.db()).tokens.toArray());
}
