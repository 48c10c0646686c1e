/** 1.9.6 profile rules through SDK 26 and 28: targets, anti-enumeration, timestamps, password limits, delete. */
import { ID as ID13 } from 'appwrite-13';
import { Account, Client, ID } from 'appwrite-28';
import { Account as Account26, Client as Client26 } from 'appwrite-26';
import { beforeEach, describe, expect, it } from 'vitest';
import { ENDPOINT, PROJECT, sdk, useEmulator } from '../helpers.js';
import { failureOf, trackStatuses } from './token-helpers.js';

const { emulator, server } = useEmulator();
const statuses = trackStatuses(server);
let account: Account;
let userId: string;

const fail = failureOf(statuses);

const ACCOUNT_KEYS = ['$id', '$createdAt', '$updatedAt', 'name', 'registration', 'status', 'labels', 'passwordUpdate', 'email',
  'phone', 'emailVerification', 'emailCanonical', 'emailIsFree', 'emailIsDisposable', 'emailIsCorporate', 'emailIsCanonical',
  'phoneVerification', 'mfa', 'prefs', 'targets', 'accessedAt', 'impersonator', 'impersonatorUserId'];
const TARGET_KEYS = ['$id', '$createdAt', '$updatedAt', 'name', 'userId', 'providerId', 'providerType', 'identifier', 'expired'];

/** Gives the stored user an e-mail and an sms target, as 1.9.6's sign-up and phone token do. */
async function addTargets(id: string, email: string, phone?: string) {
  const db = await emulator.db();
  const now = Date.parse('2026-01-15T10:00:00.000Z');
  const target = (n: string, providerType: 'email' | 'sms', identifier: string) =>
    ({ $id: n, $createdAt: now, $updatedAt: now, name: '', userId: id, providerId: null, providerType, identifier, expired: false });
  await db.users.update(id, { targets: [target(`t-${id}`, 'email', email), ...(phone ? [target(`s-${id}`, 'sms', phone)] : [])] });
}

beforeEach(async () => {
  localStorage.clear();
  account = new Account(new Client().setEndpoint(ENDPOINT).setProject(PROJECT));
  userId = (await account.create({ userId: ID.unique(), email: 'ada@example.com', password: 'password123' })).$id;
  await addTargets(userId, 'ada@example.com');
  await account.createEmailPasswordSession({ email: 'ada@example.com', password: 'password123' });
});

describe('account.updateEmail (1.9.6)', () => {
  it('renames the e-mail target and answers the full Account', async () => {
    const updated = await account.updateEmail({ email: 'Ada@New.example', password: 'password123' });
    expect(statuses.at(-1)).toBe(200);
    expect(Object.keys(updated)).toEqual(ACCOUNT_KEYS);
    expect(updated.email).toBe('ada@new.example');
    expect(updated.targets).toHaveLength(1);
    expect(Object.keys(updated.targets[0]!)).toEqual(TARGET_KEYS);
    expect(updated.targets[0]).toMatchObject({ $id: `t-${userId}`, providerType: 'email', identifier: 'ada@new.example', providerId: null, expired: false });
  });

  it('refuses an address that is already a target (even the current one): 409 user_target_already_exists', async () => {
    expect(await fail(() => account.updateEmail({ email: 'ada@example.com', password: 'password123' }))).toEqual({
      status: 409, code: 409, type: 'user_target_already_exists', message: 'A target with the same ID already exists.',
    });
  });

  it('answers another user\'s address (no target) and an identity\'s with 400 general_bad_request', async () => {
    // Created through SDK 13 (Appwrite 1.4 makes no targets), so the address is another user's but no target.
    const grace = await sdk().account.create(ID13.unique(), 'grace@example.com', 'password123');
    const badRequest = { status: 400, code: 400, type: 'general_bad_request', message: 'There was an error processing your request. Please check the inputs and try again.' };
    expect(await fail(() => account.updateEmail({ email: 'grace@example.com', password: 'password123' }))).toEqual(badRequest);
    const db = await emulator.db();
    await db.identities.add({ $id: 'i1', $createdAt: 0, $updatedAt: 0, userId: grace.$id, provider: 'github', providerUid: '1',
      providerEmail: 'octo@example.com', providerAccessToken: '', providerRefreshToken: '', providerAccessTokenExpiry: null });
    expect(await fail(() => account.updateEmail({ email: 'octo@example.com', password: 'password123' }))).toEqual(badRequest);
  });

  it('checks the password with 1.9.6\'s validator (at most 256) and parses X-Appwrite-Timestamp without a conflict check', async () => {
    expect(await fail(() => account.updateEmail({ email: 'x@example.com', password: 'p'.repeat(257) }))).toEqual({
      status: 400, code: 400, type: 'general_argument_invalid', message: 'Invalid `password` param: Password must be between 8 and 256 characters long.',
    });
    const request = (timestamp: string) => emulator.handle(new Request(`${ENDPOINT}/account/email`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'x-appwrite-project': PROJECT, 'x-appwrite-response-format': '1.9.5',
        'x-appwrite-timestamp': timestamp, 'x-fallback-cookies': localStorage.getItem('cookieFallback')! },
      body: JSON.stringify({ email: 'new@example.com', password: 'password123' }),
    }));
    expect(await (await request('garbage')).json()).toEqual({
      message: 'Invalid X-Appwrite-Timestamp header value', code: 400, version: '1.9.6', type: 'general_argument_invalid',
    });
    expect((await request('2000-01-01T00:00:00.000Z')).status).toBe(200);
  });
});

describe('account.updatePhone (1.9.6)', () => {
  it('refuses a phone that is a target, renames the sms target', async () => {
    await addTargets(userId, 'ada@example.com', '+14155550100');
    await (await emulator.db()).users.update(userId, { phone: '+14155550100', phoneKey: '+14155550100' });
    expect(await fail(() => account.updatePhone({ phone: '+14155550100', password: 'password123' }))).toEqual({
      status: 409, code: 409, type: 'user_target_already_exists', message: 'A target with the same ID already exists.',
    });
    const updated = await account.updatePhone({ phone: '+14155550199', password: 'password123' });
    expect(updated.targets.find((t) => t.providerType === 'sms')).toMatchObject({ $id: `s-${userId}`, identifier: '+14155550199' });
  });
});

describe('account.updatePassword (1.9.6)', () => {
  it('validates with 1.9.6\'s texts and is limited to 10 an hour per URL and IP', async () => {
    expect(await fail(() => account.updatePassword({ password: 'short', oldPassword: 'password123' }))).toEqual({
      status: 400, code: 400, type: 'general_argument_invalid', message: 'Invalid `password` param: Password must be between 8 and 256 characters long.',
    });
    expect(await fail(() => account.updatePassword({ password: 'password456', oldPassword: 'o'.repeat(257) }))).toEqual({
      status: 400, code: 400, type: 'general_argument_invalid', message: 'Invalid `oldPassword` param: Value must be a valid string and no longer than 256 chars',
    });
    for (let i = 0; i < 8; i++) await account.updatePassword({ password: `password${i}00`, oldPassword: i === 0 ? 'password123' : `password${i - 1}00` });
    expect(await fail(() => account.updatePassword({ password: 'password999', oldPassword: 'password700' }))).toEqual({
      status: 429, code: 429, type: 'general_rate_limit_exceeded', message: 'Rate limit for the current endpoint has been exceeded. Please try again after some time.',
    });
  });
});

describe('account.updatePrefs / updateName (1.9.6)', () => {
  it('ignores a stale X-Appwrite-Timestamp (no 409)', async () => {
    const headers = { 'content-type': 'application/json', 'x-appwrite-project': PROJECT, 'x-appwrite-response-format': '1.9.5',
      'x-appwrite-timestamp': '2000-01-01T00:00:00.000Z', 'x-fallback-cookies': localStorage.getItem('cookieFallback')! };
    for (const [path, body] of [['/account/prefs', { prefs: { a: 1 } }], ['/account/name', { name: 'Ada' }]] as const) {
      const response = await emulator.handle(new Request(`${ENDPOINT}${path}`, { method: 'PATCH', headers, body: JSON.stringify(body) }));
      expect(response.status, path).toBe(200);
    }
  });
});

describe('DELETE /account (1.9.6 only)', () => {
  it('deletes the user with its sessions, tokens and identities: 204, and the session is gone', async () => {
    const db = await emulator.db();
    await db.identities.add({ $id: 'i1', $createdAt: 0, $updatedAt: 0, userId, provider: 'github', providerUid: '1',
      providerEmail: 'octo@example.com', providerAccessToken: '', providerRefreshToken: '', providerAccessTokenExpiry: null });
    const send = (format: string) => emulator.handle(new Request(`${ENDPOINT}/account`, {
      method: 'DELETE',
      headers: { 'x-appwrite-project': PROJECT, 'x-appwrite-response-format': format, 'x-fallback-cookies': localStorage.getItem('cookieFallback')! },
    }));
    const old = await send('1.4.0');
    expect(old.status).toBe(404);
    expect((await old.json()).type).toBe('general_route_not_found');
    expect((await send('1.9.5')).status).toBe(204);
    expect(await db.users.get(userId)).toBeUndefined();
    expect(await db.sessions.where('userId').equals(userId).count()).toBe(0);
    expect(await db.identities.where('userId').equals(userId).count()).toBe(0);
    expect(await fail(() => account.get())).toMatchObject({ status: 401, type: 'general_unauthorized_scope' });
  });
});

describe('account.deleteIdentity (1.9.6)', () => {
  it('answers another user\'s identity with 401 user_unauthorized and an unknown one with 404', async () => {
    const db = await emulator.db();
    await db.identities.add({ $id: 'theirs', $createdAt: 0, $updatedAt: 0, userId: 'someoneelse', provider: 'github', providerUid: '9',
      providerEmail: '', providerAccessToken: '', providerRefreshToken: '', providerAccessTokenExpiry: null });
    const account26 = new Account26(new Client26().setEndpoint(ENDPOINT).setProject(PROJECT));
    expect(await fail(() => account26.deleteIdentity('theirs'))).toEqual({
      status: 401, code: 401, type: 'user_unauthorized', message: 'The current user is not authorized to perform the requested action.',
    });
    expect(await fail(() => account26.deleteIdentity('nothing'))).toMatchObject({ status: 404, type: 'user_identity_not_found' });
    expect(await db.identities.get('theirs')).toBeDefined();
  });

  it('deletes the caller\'s identity and, as 1.9.6, writes no log entry (its label `{request.$identityId}` never resolves)', async () => {
    const db = await emulator.db();
    const account26 = new Account26(new Client26().setEndpoint(ENDPOINT).setProject(PROJECT));
    const { $id: userId } = await account26.get();
    await db.identities.add({ $id: 'mine', $createdAt: 0, $updatedAt: 0, userId, provider: 'github', providerUid: '7',
      providerEmail: '', providerAccessToken: '', providerRefreshToken: '', providerAccessTokenExpiry: null });
    const before = (await account26.listLogs()).logs.map((l) => l.event);
    await account26.deleteIdentity('mine');
    expect(await db.identities.get('mine')).toBeUndefined();
    expect((await account26.listLogs()).logs.map((l) => l.event)).toEqual(before);
  });
});

describe('accessedAt (1.9.6)', () => {
  it('is refreshed by a request once it is older than 24 hours', async () => {
    const first = await account.get();
    emulator.clock.advance(23 * 3600_000);
    expect((await account.get()).accessedAt).toBe(first.accessedAt);
    emulator.clock.advance(2 * 3600_000);
    // The refreshing request answers 1.9.6's in-memory user (DB-format date); the next one reads it back as ISO.
    expect((await account.get()).accessedAt).toBe('2026-01-16 11:00:00.000');
    expect((await account.get()).accessedAt).toBe('2026-01-16T11:00:00.000+00:00');
  });
});
