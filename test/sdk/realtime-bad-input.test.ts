/**
 * Bad input on the realtime socket (spec 1.9 §8.1, §8.3; 1.4's app/realtime.php): each gets the protocol's
 * `{type:'error', data:{code, message}}`, nothing throws into the page, the socket stays open (but for the
 * handshake's 1008 policy violations, which close it as Appwrite does) and its other subscriptions keep working.
 */
import { describe, expect, it } from 'vitest';
import * as sdk26 from 'appwrite-26';
import { ENDPOINT, PROJECT, raw, useEmulator } from '../helpers.js';
import { forgetSession, REALTIME_URL, spyOnSockets, type SpiedSocket } from './realtime-helpers.js';
import { quietSdkNotice } from './account-helpers.js';

const { emulator } = useEmulator();
const spy = spyOnSockets();
quietSdkNotice();

const error = (code: number, message: string) => ({ type: 'error', data: { code, message } });
const FORMAT_INVALID = error(1003, 'Message format is not valid.');

/** Opens a raw socket and waits for its first message. */
async function open(query = `project=${PROJECT}`): Promise<SpiedSocket> {
  const from = spy.sockets.length;
  new WebSocket(`${REALTIME_URL}?${query}`);
  return spy.received(() => true, from);
}

/** Sends `frame` and resolves to the next message the socket receives. */
async function reply(socket: SpiedSocket, frame: string | ArrayBuffer): Promise<any> {
  const count = socket.received.length;
  socket.socket.send(frame);
  await expect.poll(() => socket.received.length, { timeout: 5000, interval: 5 }).toBe(count + 1);
  return socket.received[count];
}

/** A user signed in through SDK 26 (format 1.9.5): the session value the SDK stored. */
async function signedIn(email = 'ada@example.com') {
  forgetSession();
  const client = new sdk26.Client().setEndpoint(ENDPOINT).setProject(PROJECT);
  const account = new sdk26.Account(client);
  const user = await account.create({ userId: sdk26.ID.unique(), email, password: 'password123' });
  await account.createEmailPasswordSession({ email, password: 'password123' });
  const session = JSON.parse(globalThis.localStorage.getItem('cookieFallback')!)[`a_session_${PROJECT}`] as string;
  return { account, user, session };
}

describe('the realtime handshake', () => {
  it('refuses an unknown or missing project with 1008 and closes the socket', async () => {
    for (const query of ['project=nope&channels[]=account', 'channels[]=account']) {
      const socket = await open(query);
      expect(socket.received).toEqual([error(1008, 'Missing or unknown project ID')]);
      await expect.poll(() => socket.socket.readyState).toBe(WebSocket.CLOSED);
    }
  });

  it("refuses a socket without channels on Appwrite 1.4 (SDK 13's server), with 1008", async () => {
    await raw('GET', '/account'); // a request in SDK 13's format: the emulator's sockets speak 1.4
    const socket = await open();
    expect(socket.received).toEqual([error(1008, 'Missing channels')]);
    await expect.poll(() => socket.socket.readyState).toBe(WebSocket.CLOSED);
  });
});

describe('bad frames on an open socket (1.9.6)', () => {
  it('answers each with the error message and keeps the socket and its subscription working', async () => {
    const { account, user, session } = await signedIn();
    const socket = await open();
    expect(socket.received[0]).toEqual({ type: 'connected', data: { channels: [], subscriptions: [], user: null } });

    expect(await reply(socket, 'not json')).toEqual(FORMAT_INVALID);
    expect(await reply(socket, '{"type":')).toEqual(FORMAT_INVALID);
    expect(await reply(socket, '{}')).toEqual(FORMAT_INVALID);
    expect(await reply(socket, '[1,2]')).toEqual(FORMAT_INVALID);
    expect(await reply(socket, '42')).toEqual(FORMAT_INVALID);
    expect(await reply(socket, 'null')).toEqual(FORMAT_INVALID);
    expect(await reply(socket, new TextEncoder().encode('{"type":"ping"}').buffer)).toEqual(FORMAT_INVALID);
    // A huge frame is refused unread.
    expect(await reply(socket, JSON.stringify({ type: 'ping', data: 'x'.repeat(100_000) }))).toEqual(FORMAT_INVALID);
    expect(await reply(socket, '{"type":"dance"}')).toEqual(error(1003, 'Message type is not valid.'));
    expect(await reply(socket, '{"data":{}}')).toEqual(error(1003, 'Message type is not valid.'));
    expect(await reply(socket, '{"type":"presence","data":{"status":"online"}}')).toEqual(error(1003, 'Message type is not valid.'));
    expect(await reply(socket, '{"type":"ping"}')).toEqual({ type: 'pong' });

    // A forged or garbled session signs nobody in.
    const forged = btoa(JSON.stringify({ id: user.$id, secret: 'f'.repeat(256) }));
    const notValid = error(1003, 'Session is not valid.');
    expect(await reply(socket, JSON.stringify({ type: 'authentication', data: { session: forged } }))).toEqual(notValid);
    expect(await reply(socket, JSON.stringify({ type: 'authentication', data: { session: 'garbage' } }))).toEqual(notValid);
    expect(await reply(socket, JSON.stringify({ type: 'authentication', data: { session: 42 } }))).toEqual(notValid);
    expect(await reply(socket, JSON.stringify({ type: 'authentication', data: {} }))).toEqual(error(1003, 'Payload is not valid.'));
    expect(await reply(socket, JSON.stringify({ type: 'authentication' }))).toEqual(error(1003, 'Payload is not valid.'));

    // Bad subscribe and unsubscribe payloads (Message/Validators/*Payload.php), each leaving the subscriptions as they were.
    const subscribeErrors: Array<[unknown, string]> = [
      [{ channels: ['account'] }, 'Payload is not valid.'],
      [['account'], 'Each subscribe payload must be an object.'],
      [[{ subscriptionId: '-bad', channels: ['account'] }], 'subscriptionId is not a valid id.'],
      [[{ subscriptionId: 'x'.repeat(37), channels: ['account'] }], 'subscriptionId is not a valid id.'],
      [[{ subscriptionId: 'ok' }], 'channels is not present in payload.'],
      [[{ channels: 'account' }], 'channels is not a valid array.'],
      [[{ channels: ['account', 5] }], 'channels must contain only strings.'],
      [[{ channels: ['account'], queries: 'x' }], 'queries is not a valid array.'],
      [[{ subscriptionId: 'good', channels: ['account'] }, 'bad'], 'Each subscribe payload must be an object.'],
    ];
    for (const [data, message] of subscribeErrors) {
      expect(await reply(socket, JSON.stringify({ type: 'subscribe', data })), message).toEqual(error(1003, message));
    }
    expect(await reply(socket, JSON.stringify({ type: 'unsubscribe', data: {} }))).toEqual(error(1003, 'Payload is not valid.'));
    expect(await reply(socket, JSON.stringify({ type: 'unsubscribe', data: [{ subscriptionId: '' }] })))
      .toEqual(error(1003, 'Each unsubscribe payload must include a non-empty subscriptionId.'));

    // The socket still signs in and subscribes, and gets its events.
    expect(await reply(socket, JSON.stringify({ type: 'authentication', data: { session } })))
      .toMatchObject({ type: 'response', data: { to: 'authentication', success: true, user: { $id: user.$id } } });
    expect(await reply(socket, JSON.stringify({ type: 'subscribe', data: [{ subscriptionId: 'mine', channels: ['account'] }] }))).toEqual({
      type: 'response',
      data: { to: 'subscribe', success: true, subscriptions: [{ subscriptionId: 'mine', channels: ['account', `account.${user.$id}`], queries: [] }] },
    });
    // Not a subscription of 'good' from the refused batch above.
    expect(await reply(socket, JSON.stringify({ type: 'unsubscribe', data: [{ subscriptionId: 'good' }] })))
      .toEqual({ type: 'response', data: { to: 'unsubscribe', success: true, subscriptions: [{ subscriptionId: 'good', removed: false }] } });
    const count = socket.received.length;
    await account.updatePrefs({ prefs: { still: 'working' } });
    await expect.poll(() => socket.received.length).toBe(count + 1);
    expect(socket.received[count]).toMatchObject({ type: 'event', data: { subscriptions: ['mine'], payload: { prefs: { still: 'working' } } } });
  });

  it('leaves the other sockets alone', async () => {
    const { account, session } = await signedIn();
    const good = await open();
    await reply(good, JSON.stringify({ type: 'authentication', data: { session } }));
    await reply(good, JSON.stringify({ type: 'subscribe', data: [{ subscriptionId: 'a', channels: ['account'] }] }));
    const bad = await open();
    for (const frame of ['x', '{}', '{"type":"nope"}', JSON.stringify({ type: 'subscribe', data: 5 })]) await reply(bad, frame);
    bad.socket.close();
    const count = good.received.length;
    await account.updatePrefs({ prefs: { n: 1 } });
    await expect.poll(() => good.received.length).toBe(count + 1);
    expect(good.received[count].type).toBe('event');
  });

  it('answers the 33rd message in a minute with 1013 Too many messages., and serves the socket again a minute later', async () => {
    const socket = await open();
    for (let i = 0; i < 32; i++) expect(await reply(socket, '{"type":"ping"}')).toEqual({ type: 'pong' });
    expect(await reply(socket, '{"type":"ping"}')).toEqual(error(1013, 'Too many messages.'));
    emulator.clock.advance(60_000);
    expect(await reply(socket, '{"type":"ping"}')).toEqual({ type: 'pong' });
    expect(socket.socket.readyState).toBe(WebSocket.OPEN);
  });
});

describe('bad frames on Appwrite 1.4 (SDK 13)', () => {
  it('knows only the authentication message: ping and subscribe are not valid types', async () => {
    await raw('GET', '/account');
    const socket = await open(`project=${PROJECT}&channels[]=account`);
    expect(socket.received[0]).toEqual({ type: 'connected', data: { channels: ['account'], user: null } });
    expect(await reply(socket, '{"type":"ping"}')).toEqual(error(1003, 'Message type is not valid.'));
    expect(await reply(socket, JSON.stringify({ type: 'subscribe', data: [{ channels: ['account'] }] }))).toEqual(error(1003, 'Message type is not valid.'));
    expect(await reply(socket, 'garbage')).toEqual(FORMAT_INVALID);
    expect(await reply(socket, JSON.stringify({ type: 'authentication', data: { session: 'x' } }))).toEqual(error(1003, 'Session is not valid.'));
  });
});
