import { Client as Client16 } from 'appwrite-16';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ENDPOINT, PROJECT, error, raw, useEmulator } from '../helpers.js';
import { HOUR, NOW, PASSWORD, iso, triple } from './session-helpers.js';
import { encodedDate } from './token-helpers.js';
import { MODERN_SDKS, expectToken19, forgetSession, guestScope, modernClient, signUp19, storedSessionValue, trackResponses } from './modern-sdk-helpers.js';

const { emulator, server } = useEmulator({ projectName: 'Demo App' });
const seen = trackResponses(server);

const TARGET_KEYS = ['$id', '$createdAt', '$updatedAt', 'name', 'userId', 'providerId', 'providerType', 'identifier', 'expired'];
const TARGET_NOT_FOUND = [404, 'user_target_not_found', 'The target could not be found.'];

afterEach(() => vi.restoreAllMocks());

describe.each(MODERN_SDKS)('push targets through %s', (_, sdk19) => {
  it('create (201 Target on the account), update (200), delete (204), with 1.9.6 errors', async () => {
    const { account, userId } = await signUp19(sdk19);
    const target = await account.createPushTarget({ targetId: 'device-1', identifier: 'fcm-token' });
    expect(seen.at(-1)!.status).toBe(201);
    expect(Object.keys(target)).toEqual(TARGET_KEYS);
    expect(target).toMatchObject({ $id: 'device-1', $createdAt: iso(NOW), userId, providerId: null, providerType: 'push', identifier: 'fcm-token', expired: false, name: ' ' });
    expect((await account.get()).targets.find((t) => t.$id === 'device-1')).toEqual(target);
    expect(triple(await error(() => account.createPushTarget({ targetId: 'device-1', identifier: 'x' }))))
      .toEqual([409, 'user_target_already_exists', 'A target with the same ID already exists.']);
    emulator.clock.advance(1000);
    const updated = await account.updatePushTarget({ targetId: 'device-1', identifier: 'fcm-2' });
    expect(seen.at(-1)!.status).toBe(200);
    expect(updated).toMatchObject({ identifier: 'fcm-2', $updatedAt: iso(NOW + 1000), expired: false });
    expect(triple(await error(() => account.updatePushTarget({ targetId: 'nope', identifier: 'x' })))).toEqual(TARGET_NOT_FOUND);
    await account.deletePushTarget({ targetId: 'device-1' });
    expect(seen.at(-1)!.status).toBe(204);
    expect(triple(await error(() => account.deletePushTarget({ targetId: 'device-1' })))).toEqual(TARGET_NOT_FOUND);
  });

  it('refuses guests (missing scopes ["targets.write"]) and another user\'s target (404)', async () => {
    expect(triple(await error(() => modernClient(sdk19).account.createPushTarget({ targetId: 't', identifier: 'x' })))).toEqual(guestScope('targets.write'));
    const ada = await signUp19(sdk19);
    await ada.account.createPushTarget({ targetId: 'ada-device', identifier: 'x' });
    const bob = await signUp19(sdk19, 'bob@example.com', 'Bob');
    expect(triple(await error(() => bob.account.deletePushTarget({ targetId: 'ada-device' })))).toEqual(TARGET_NOT_FOUND);
    expect(triple(await error(() => bob.account.createPushTarget({ targetId: 'ada-device', identifier: 'y' }))))
      .toEqual([409, 'user_target_already_exists', 'A target with the same ID already exists.']);
  });

  it('deleting a session drops its push targets', async () => {
    const { account } = await signUp19(sdk19);
    await account.createPushTarget({ targetId: 'device-1', identifier: 'fcm' });
    await account.deleteSession({ sessionId: 'current' });
    await account.createEmailPasswordSession({ email: 'ada@example.com', password: PASSWORD });
    expect((await account.get()).targets.some((t) => t.$id === 'device-1')).toBe(false);
  });
});

describe('GET /v1/ping', () => {
  it.each(MODERN_SDKS)('answers 200 text/plain Pong! to %s (the SDK wraps a text body as {message})', async (_, sdk19) => {
    expect(await modernClient(sdk19).client.ping()).toEqual({ message: 'Pong!' });
    expect(seen.at(-1)!.status).toBe(200);
    expect(seen.at(-1)!.headers.get('content-type')).toBe('text/plain; charset=UTF-8');
  });

  it('answers SDK 16 too, and 404 project_not_found for an unknown or missing project', async () => {
    expect(await new Client16().setEndpoint(ENDPOINT).setProject(PROJECT).ping()).toEqual({ message: 'Pong!' });
    expect(triple(await error(() => new Client16().setEndpoint(ENDPOINT).setProject('nope').ping()))).toEqual([404, 'project_not_found', 'Project with the requested ID could not be found. Please check the value of the X-Appwrite-Project header to ensure the correct project ID is being used.']);
    const bare = await fetch(`${ENDPOINT}/ping`);
    expect(bare.status).toBe(404);
  });
});

describe('1.9.6 headers and credentials', () => {
  it('SDK 28 (format 2.3.0) gets X-Appwrite-Warning and console.warns it; SDK 26 (1.9.5) gets none', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await modernClient(MODERN_SDKS[1]![1]).client.ping();
    const text = 'The current SDK is built for Appwrite 2.3.0. However, the current Appwrite server version is 1.9.6. Please downgrade your SDK to match the Appwrite version: https://appwrite.io/docs/sdks';
    expect(seen.at(-1)!.headers.get('x-appwrite-warning')).toBe(text);
    expect(warn).toHaveBeenCalledWith(`Warning: ${text}`);
    await modernClient(MODERN_SDKS[0]![1]).client.ping();
    expect(seen.at(-1)!.headers.get('x-appwrite-warning')).toBeNull();
  });

  it.each(MODERN_SDKS)('%s: setSession(cookie value) signs in, a raw secret does not; a JWT beside a session is 403', async (_, sdk19) => {
    const { account, userId } = await signUp19(sdk19);
    const { jwt } = await account.createJWT();
    const value = storedSessionValue();
    forgetSession();
    const bySession = modernClient(sdk19);
    bySession.client.setSession(value);
    expect((await bySession.account.get()).$id).toBe(userId);
    const rawSecret = modernClient(sdk19);
    rawSecret.client.setSession((JSON.parse(atob(value)) as { secret: string }).secret);
    expect(triple(await error(() => rawSecret.account.get()))).toEqual(guestScope('account'));
    bySession.client.setJWT(jwt);
    expect(triple(await error(() => bySession.account.get()))).toEqual([403, 'user_jwt_and_cookie_set', 'JWT and cookie used in the same request. Use either `setJWT` or `setCookie`. Learn about which authentication method to use in the SSR docs: https://appwrite.io/docs/products/auth/server-side-rendering']);
  });

  it('DELETE /account/sessions/:id parses X-Appwrite-Timestamp but never answers 409; a bad value is 400', async () => {
    const sdk19 = MODERN_SDKS[1]![1];
    const { client, account } = await signUp19(sdk19);
    client.headers['X-Appwrite-Timestamp'] = 'yesterday-ish';
    expect(triple(await error(() => account.deleteSession({ sessionId: 'nope' })))).toEqual([400, 'general_argument_invalid', 'Invalid X-Appwrite-Timestamp header value']);
    client.headers['X-Appwrite-Timestamp'] = '2020-01-01T00:00:00.000Z';
    await account.deleteSession({ sessionId: 'current' });
    expect(seen.at(-1)!.status).toBe(204);
  });

  it('DELETE /account/sessions sends one X-Fallback-Cookies: [] per deleted session', async () => {
    const sdk19 = MODERN_SDKS[0]![1];
    const { account } = await signUp19(sdk19);
    await account.createEmailPasswordSession({ email: 'ada@example.com', password: PASSWORD }).catch(() => undefined);
    await modernClient(sdk19).account.createEmailPasswordSession({ email: 'ada@example.com', password: PASSWORD }).catch(() => undefined);
    const count = await (await emulator.db()).sessions.count();
    await account.deleteSessions();
    expect(seen.at(-1)!.headers.get('x-fallback-cookies')).toBe(Array(count).fill('[]').join(', '));
  });
});

describe.each(MODERN_SDKS)('recovery through %s', (_, sdk19) => {
  it('POST: 201 Token, one hour, ISO link date, 1.9.6 mail; PUT without passwordAgain: 200 Token, secret empty', async () => {
    const { userId } = await signUp19(sdk19);
    forgetSession();
    const { account } = modernClient(sdk19);
    const token = await account.createRecovery({ email: 'ada@example.com', url: 'http://localhost/reset' });
    expect(seen.at(-1)!.status).toBe(201);
    expectToken19(token);
    expect(token).toMatchObject({ userId, secret: '', expire: iso(NOW + HOUR) });
    const mail = (await emulator.inbox.latest({ kind: 'recovery' }))!;
    expect(mail.subject).toBe('Password Reset for Demo App');
    expect(mail.url).toBe(`http://localhost/reset?userId=${userId}&secret=${mail.secret}&expire=${encodedDate(iso(NOW + HOUR))}`);
    expect(mail.text.split('\n').slice(0, 3)).toEqual(['Hello Ada,', 'Follow this link to reset your Demo App password.', 'Reset password']);
    expect(triple(await error(() => account.updateRecovery({ userId, secret: mail.secret, password: 'short' }))))
      .toEqual([400, 'general_argument_invalid', 'Invalid `password` param: Password must be between 8 and 256 characters long.']);
    const done = await account.updateRecovery({ userId, secret: mail.secret, password: 'brand-new-pass' });
    expect(seen.at(-1)!.status).toBe(200);
    expect(done).toMatchObject({ userId, secret: '', phrase: '' });
    await account.createEmailPasswordSession({ email: 'ada@example.com', password: 'brand-new-pass' });
    expect((await account.get()).emailVerification).toBe(true);
    expect(triple(await error(() => account.updateRecovery({ userId, secret: mail.secret, password: 'brand-new-pass' }))))
      .toEqual([401, 'user_invalid_token', 'Invalid token passed in the request.']);
  });

  it('POST errors: 404 unknown e-mail, 403 blocked user, 400 Redirect, 10 per route and IP an hour', async () => {
    const { account } = modernClient(sdk19);
    expect(triple(await error(() => account.createRecovery({ email: 'nobody@example.com', url: 'http://localhost/reset' }))))
      .toEqual([404, 'user_not_found', 'User with the requested ID could not be found.']);
    const ada = await signUp19(sdk19);
    await ada.account.updateStatus();
    forgetSession();
    expect(triple(await error(() => account.createRecovery({ email: 'ada@example.com', url: 'http://localhost/reset' }))))
      .toEqual([403, 'user_blocked', 'The current user has been blocked.']);
    expect(triple(await error(() => account.createRecovery({ email: 'x@example.com', url: 'https://evil.example/' }))))
      .toEqual([400, 'general_argument_invalid', 'Invalid `url` param: Invalid URI. Register your new client (evil.example) as a new Web platform on your project console dashboard']);
    for (let i = 0; i < 7; i++) await error(() => account.createRecovery({ email: `u${i}@example.com`, url: 'http://localhost/reset' }));
    expect(triple(await error(() => account.createRecovery({ email: 'late@example.com', url: 'http://localhost/reset' })))[0]).toBe(429);
  });
});

describe('SDK 13 keeps Appwrite 1.4', () => {
  it('PUT /account/recovery still needs passwordAgain; /account/targets/push and /ping do not exist', async () => {
    expect((await raw('PUT', '/account/recovery', { body: { userId: 'u', secret: 's', password: 'password123' } })).body.message).toBe('Param "passwordAgain" is not optional.');
    expect((await raw('POST', '/account/targets/push', { body: { targetId: 't', identifier: 'x' } })).body.type).toBe('general_route_not_found');
    expect((await raw('GET', '/ping')).body.type).toBe('general_route_not_found');
  });
});
