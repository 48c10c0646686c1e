/**
 * The MFA routes' events on the realtime `account` channel (spec 1.9 §8.4, §6.30-6.35) through SDK 26 and 28:
 * `users.<id>.update.mfa` with each route's answer as payload (the MFAType carries the TOTP secret, as Appwrite's
 * does), `users.<id>.challenges.<id>.create`, the challenge's completion as `sessions.<id>.create`, and
 * `users.<id>.delete.mfa` with an empty payload.
 */
import { describe, expect, it } from 'vitest';
import { PROJECT, useEmulator } from '../helpers.js';
import { quietSdkNotice } from './account-helpers.js';
import { factor, mfaUserSignedIn, TOTP } from './mfa-helpers.js';
import type { ModernSdk } from './modern-sdk-helpers.js';
import * as sdk26 from 'appwrite-26';
import { authenticated, REALTIME_SDKS, REALTIME_URL, spyOnSockets, subscribed } from './realtime-helpers.js';

const { emulator } = useEmulator();
const spy = spyOnSockets();
quietSdkNotice();

const plain = (value: unknown) => JSON.parse(JSON.stringify(value));
/** An Account as 1.9.6's events carry it: decoded and re-encoded by the realtime worker, `prefs: {}` is `[]` (app/realtime.php:638, 753-758). */
const eventAccount = (value: unknown) => ({ ...plain(value), prefs: [] });
const topLevel = (u: string, action: string) =>
  [`users.${u}.${action}`, `users.*.${action}`, `users.${u}.${action}.mfa`, `users.*.${action}.mfa`, `users.${u}`, 'users.*'];

describe.each(REALTIME_SDKS.filter((rt) => rt.version >= 26).map((rt) => [rt.name, rt] as const))('%s: MFA on the account channel', (_, rt) => {
  it('sends update.mfa, challenges.create, the completed challenge as sessions.create, and delete.mfa', async () => {
    const { client, account } = rt.client();
    const { userId: u } = await rt.signUp(account, 'ada@example.com');
    const events: any[] = [];
    const from = spy.sockets.length;
    await rt.subscribe(client, 'account', (e) => events.push(e));
    await spy.received(authenticated, from);
    await spy.received(subscribed, from);
    const next = async (n: number) => {
      await expect.poll(() => events.length, { timeout: 5000, interval: 10 }).toBe(n);
      return events[n - 1];
    };
    const channels = (action: string) => ['account', `account.${u}`, `account.${action}`, `account.${u}.${action}`];

    const type = await account.createMFAAuthenticator({ type: TOTP });
    let event = await next(1);
    expect(event.events).toEqual(topLevel(u, 'update'));
    expect(event.channels).toEqual(channels('update'));
    expect(event.payload).toEqual(plain(type));

    const verified = await account.updateMFAAuthenticator({ type: TOTP, otp: await emulator.mfa.totpCode(u) });
    expect((await next(2)).payload).toEqual(eventAccount(verified));
    const codes = await account.createMFARecoveryCodes();
    expect((await next(3)).payload).toEqual(plain(codes));
    const enabled = await account.updateMFA({ mfa: true });
    event = await next(4);
    expect(event.events).toEqual(topLevel(u, 'update'));
    expect(event.payload).toEqual(eventAccount(enabled));

    const challenge = await account.createMFAChallenge({ factor: factor('totp') });
    event = await next(5);
    expect(event.events[0]).toBe(`users.${u}.challenges.${challenge.$id}.create`);
    expect(event.channels).toEqual(['account', `account.${u}`]);
    expect(event.payload).toEqual(plain(challenge));
    const session = await account.updateMFAChallenge({ challengeId: challenge.$id, otp: await emulator.mfa.totpCode(u) });
    event = await next(6);
    expect(event.events[0]).toBe(`users.${u}.sessions.${session.$id}.create`);
    expect(event.payload).toEqual(plain(session));

    await account.deleteMFAAuthenticator({ type: TOTP });
    event = await next(7);
    expect(event.events).toEqual(topLevel(u, 'delete'));
    expect(event.channels).toEqual(channels('delete'));
    // The empty payload (MFA/Authenticators/Delete.php:105-107), re-encoded by the realtime worker as a PHP array.
    expect(event.payload).toEqual([]);
  });
});

describe('a session short of an MFA factor', () => {
  it('cannot sign a socket in (GET /account refuses it: user_more_factors_required)', async () => {
    await mfaUserSignedIn(emulator, sdk26 as unknown as ModernSdk);
    const session = JSON.parse(globalThis.localStorage.getItem('cookieFallback')!)[`a_session_${PROJECT}`];
    const from = spy.sockets.length;
    const socket = new WebSocket(`${REALTIME_URL}?project=${PROJECT}`);
    const opened = await spy.received((m) => m.type === 'connected', from);
    socket.send(JSON.stringify({ type: 'authentication', data: { session } }));
    await expect.poll(() => opened.received.length).toBe(2);
    expect(opened.received[1]).toEqual({ type: 'error', data: { code: 1003, message: 'Session is not valid.' } });
    socket.close();
  });
});
