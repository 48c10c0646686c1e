/**
 * Details of 1.9.6's realtime server, through the real SDKs' Realtime clients: SDK 24 (channels in the socket
 * URL), SDK 26 (Client.subscribe, subscribe messages) and SDK 28 (its Realtime service).
 *
 * - Each event goes through pub/sub and is decoded into PHP arrays and encoded again (app/realtime.php:638,
 *   753-758): an empty object in the payload arrives as `[]`, an object keyed 0…n-1 as a list.
 */
import { describe, expect, it } from 'vitest';
import * as sdk28 from 'appwrite-28';
import { useEmulator } from '../helpers.js';
import { quietSdkNotice } from './account-helpers.js';
import { authenticated, REALTIME_SDKS, spyOnSockets, subscribed, type RealtimeSdk, type SpiedSocket } from './realtime-helpers.js';

useEmulator();
const spy = spyOnSockets();
quietSdkNotice();

const plain = (value: unknown) => JSON.parse(JSON.stringify(value));

const SDKS = REALTIME_SDKS.filter((rt) => [24, 26, 28].includes(rt.version));

/** Subscribes with queries the way that SDK's apps do; resolves to its unsubscribe. */
async function subscribe(rt: RealtimeSdk, client: any, channels: string | string[], callback: (e: any) => void, queries: string[]) {
  if (rt.version === 28) {
    client.realtimeService ??= new sdk28.Realtime(client);
    const subscription = await client.realtimeService.subscribe(channels, callback, queries);
    return () => subscription.close();
  }
  const unsubscribe = client.subscribe(channels, callback, queries);
  return async () => unsubscribe();
}

/** Waits for the socket opened from `from` on that signed in (and, with subscribe messages, subscribed `count` times). */
async function ready(rt: RealtimeSdk, from: number, count = 1): Promise<SpiedSocket> {
  const socket = await spy.received(authenticated, from);
  if (rt.subscribeMessages) {
    const confirmed = () => socket.received.filter(subscribed).reduce((n, m) => n + m.data.subscriptions.length, 0);
    await expect.poll(confirmed, { timeout: 5000, interval: 10 }).toBe(count);
  }
  return socket;
}

describe.each(SDKS.map((rt) => [rt.name, rt] as const))('%s: an event as the realtime worker re-encodes it', (_, rt) => {
  it('sends an empty object as [] and an object keyed 0…n-1 as a list; the authentication reply keeps {}', async () => {
    const { client, account } = rt.client();
    await rt.signUp(account, 'ada@example.com');
    const events: any[] = [];
    const from = spy.sockets.length;
    await subscribe(rt, client, 'account', (e) => events.push(e), []);
    const socket = await ready(rt, from);
    // Not through pub/sub: the Account of the `authentication` reply is as GET /account answers it.
    expect(plain(socket.received.find(authenticated).data.user.prefs)).toStrictEqual({});

    const named = await rt.updateName(account, 'Ada');
    await expect.poll(() => events.length, { timeout: 5000, interval: 10 }).toBe(1);
    expect(plain(named).prefs).toStrictEqual({});
    // (The SDKs parse messages into null-prototype objects: compared as JSON.)
    expect(plain(events[0].payload)).toStrictEqual({ ...plain(named), prefs: [] });

    await rt.updatePrefs(account, { theme: {}, list: { 0: 'a', 1: 'b' }, keyed: { 1: 'x' }, nested: { deeper: {} } });
    await expect.poll(() => events.length, { timeout: 5000, interval: 10 }).toBe(2);
    expect(plain(events[1].payload.prefs)).toStrictEqual({ theme: [], list: ['a', 'b'], keyed: { 1: 'x' }, nested: { deeper: [] } });
  });
});
