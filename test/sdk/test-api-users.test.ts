import { Account, Client } from 'appwrite-13';
import * as sdk28 from 'appwrite';
import { describe, expect, it } from 'vitest';
import { AppwriteError, createEmulator } from 'appwrite-emulator';
import { ENDPOINT, FAST_HASH, PROJECT, error, useEmulator } from '../helpers.js';
import { expectModel } from '../sdk-versions.js';
import { PASSWORD, fallback, setFallback, triple } from './session-helpers.js';

const { emulator } = useEmulator();

const sdk13 = () => new Account(new Client().setEndpoint(ENDPOINT).setProject(PROJECT));
const sdkNewest = () => new sdk28.Account(new sdk28.Client().setEndpoint(ENDPOINT).setProject(PROJECT));

/** The Appwrite error a test-API call rejects with, as [code, type, message]. */
async function apiError(fn: () => Promise<unknown>) {
  const e = await fn().then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(AppwriteError);
  return triple(e as AppwriteError);
}

describe('emulator.users.create', () => {
  it('creates a user that signs in with its password through SDK 13 and the newest SDK', async () => {
    const user = await emulator.users.create({ userId: 'ada', email: 'Ada@Example.com', password: PASSWORD, name: 'Ada' });
    expectModel('appwrite-28', 'User', user);
    expect(user).toMatchObject({ $id: 'ada', email: 'ada@example.com', name: 'Ada', emailVerification: false, mfa: false, status: true });
    expect(user.targets.map((t) => [t.providerType, t.identifier])).toEqual([['email', 'ada@example.com']]);
    expect(user.emailCanonical).toBe('ada@example.com');

    const old = await sdk13().createEmailSession('ada@example.com', PASSWORD);
    expect(old.userId).toBe('ada');
    setFallback(null);
    const session = await sdkNewest().createEmailPasswordSession({ email: 'ada@example.com', password: PASSWORD });
    expect(session).toMatchObject({ userId: 'ada', provider: 'email', factors: ['password'] });
    expect((await sdkNewest().get()).$id).toBe('ada');
  });

  it('stores the password as an argon2id hash, never in clear', async () => {
    await emulator.users.create({ userId: 'ada', email: 'ada@example.com', password: PASSWORD });
    const stored = await (await emulator.db()).users.get('ada');
    expect(stored!.password).toMatch(/^\$argon2id\$v=19\$m=64,t=1,p=1\$/);
    expect(JSON.stringify(stored)).not.toContain(PASSWORD);
  });

  it('takes every field: phone, verified flags, prefs, labels, mfa', async () => {
    const user = await emulator.users.create({
      email: 'grace@example.com', phone: '+14155550100', name: 'Grace', emailVerification: true, phoneVerification: true,
      prefs: { theme: 'dark' }, labels: ['admin', 'beta'], mfa: true,
    });
    expect(user.$id).toMatch(/^[0-9a-f]{20}$/);
    expect(user).toMatchObject({
      phone: '+14155550100', emailVerification: true, phoneVerification: true, prefs: { theme: 'dark' }, labels: ['admin', 'beta'], mfa: true,
      passwordUpdate: '',
    });
    expect(user.targets.map((t) => t.providerType)).toEqual(['email', 'sms']);
    expect((await emulator.users.list()).map((u) => u.$id)).toEqual([user.$id]);
  });

  it('refuses what the API refuses, with its error, and writes nothing', async () => {
    expect(await apiError(() => emulator.users.create({ email: 'not-an-email' }))).toEqual([400, 'general_argument_invalid', 'Invalid `email` param: Value must be a valid email address']);
    expect(await apiError(() => emulator.users.create({ email: 'a@example.com', password: 'short' }))).toEqual([400, 'general_argument_invalid', 'Invalid `password` param: Password must be between 8 and 256 characters long.']);
    expect(await apiError(() => emulator.users.create({ userId: '_bad' }))).toEqual([400, 'general_argument_invalid', expect.stringContaining('Invalid `userId` param')]);
    expect(await apiError(() => emulator.users.create({ phone: '555' }))).toEqual([400, 'general_argument_invalid', expect.stringContaining('Invalid `phone` param')]);
    // 1.9.6's phone validator (libphonenumber), not 1.4's pattern alone: no country has calling code 280.
    expect(await apiError(() => emulator.users.create({ phone: '+2801234567' }))).toEqual([400, 'general_argument_invalid', 'Invalid `phone` param: Phone number must start with a \'+\' can have a maximum of fifteen digits.']);
    expect(await apiError(() => emulator.users.create({ labels: ['no spaces'] }))).toEqual([400, 'general_argument_invalid', expect.stringContaining('Invalid `labels` param')]);
    expect(await emulator.users.list()).toEqual([]);

    await emulator.users.create({ userId: 'ada', email: 'ada@example.com' });
    expect(await apiError(() => emulator.users.create({ email: 'ADA@example.com' }))).toEqual([409, 'user_already_exists', 'A user with the same id, email, or phone already exists in this project.']);
    expect(await apiError(() => emulator.users.create({ userId: 'ada' }))).toEqual([409, 'user_already_exists', expect.any(String)]);
    expect((await emulator.users.list()).length).toBe(1);
  });

  it('counts against auth.limit like a sign-up', async () => {
    const limited = createEmulator({ projectId: 'p', auth: { limit: 1, passwordHash: FAST_HASH } });
    await limited.users.create({ email: 'a@example.com' });
    // 1.9.6's code for it (1.4 said 501).
    expect(await apiError(() => limited.users.create({ email: 'b@example.com' }))).toEqual([400, 'user_count_exceeded', expect.any(String)]);
    await limited.close();
  });

  it('throws a TypeError for misuse: unknown fields and wrong types', async () => {
    await expect(emulator.users.create({ emial: 'a@example.com' } as never)).rejects.toThrow(new TypeError('appwrite-emulator: users.create(): unknown field "emial" (fields: userId, email, phone, password, name, emailVerification, phoneVerification, prefs, labels, mfa)'));
    await expect(emulator.users.create({ email: 42 } as never)).rejects.toThrow(TypeError);
    await expect(emulator.users.create({ mfa: 'yes' } as never)).rejects.toThrow('mfa must be a boolean');
    await expect(emulator.users.create(null as never)).rejects.toThrow(TypeError);
    expect(await emulator.users.list()).toEqual([]);
  });
});

describe('emulator.users get, update, block, delete', () => {
  it('finds a user by id or e-mail, null when absent', async () => {
    await emulator.users.create({ userId: 'ada', email: 'ada@example.com' });
    expect((await emulator.users.get('ada'))!.$id).toBe('ada');
    expect((await emulator.users.get('ADA@example.com'))!.$id).toBe('ada');
    expect(await emulator.users.get('nobody')).toBeNull();
    await expect(emulator.users.get('' as never)).rejects.toThrow(TypeError);
  });

  it('updates fields, keeping targets and the e-mail parser in step, and the new password signs in', async () => {
    await emulator.users.create({ userId: 'ada', email: 'ada@example.com', password: PASSWORD, emailVerification: true });
    const updated = await emulator.users.update('ada', { email: 'lovelace@gmail.com', name: 'Ada L', password: 'new-password-1', labels: ['vip'] });
    expect(updated).toMatchObject({ email: 'lovelace@gmail.com', name: 'Ada L', emailVerification: false, labels: ['vip'], emailIsFree: true });
    expect(updated.targets.map((t) => t.identifier)).toEqual(['lovelace@gmail.com']);
    expect(updated.passwordUpdate).not.toBe('');
    const session = await sdkNewest().createEmailPasswordSession({ email: 'lovelace@gmail.com', password: 'new-password-1' });
    expect(session.userId).toBe('ada');
  });

  it('refuses an update to a taken e-mail and leaves both users as they were', async () => {
    await emulator.users.create({ userId: 'ada', email: 'ada@example.com' });
    await emulator.users.create({ userId: 'bob', email: 'bob@example.com' });
    expect(await apiError(() => emulator.users.update('bob', { email: 'ada@example.com', name: 'Changed' }))).toEqual([409, 'user_already_exists', expect.any(String)]);
    expect(await emulator.users.get('bob')).toMatchObject({ email: 'bob@example.com', name: '' });
    expect(await apiError(() => emulator.users.update('nobody', { name: 'x' }))).toEqual([404, 'user_not_found', 'User with the requested ID could not be found.']);
  });

  it('block answers user_blocked to the blocked user\'s session; unblock restores it', async () => {
    await emulator.users.create({ userId: 'ada', email: 'ada@example.com', password: PASSWORD });
    const account = sdkNewest();
    await account.createEmailPasswordSession({ email: 'ada@example.com', password: PASSWORD });
    expect((await emulator.users.block('ada')).status).toBe(false);
    expect(triple(await error(() => account.get()))).toEqual([403, 'user_blocked', expect.stringContaining('blocked')]);
    expect((await emulator.users.unblock('ada')).status).toBe(true);
    expect((await account.get()).$id).toBe('ada');
  });

  it('delete removes the user with its sessions and tokens; its session stops working', async () => {
    await emulator.users.create({ userId: 'ada', email: 'ada@example.com', password: PASSWORD });
    const account = sdkNewest();
    await account.createEmailPasswordSession({ email: 'ada@example.com', password: PASSWORD });
    await account.createEmailToken({ userId: 'ada', email: 'ada@example.com' }).catch(() => undefined);
    await emulator.users.delete('ada@example.com');
    expect(await emulator.users.get('ada')).toBeNull();
    const db = await emulator.db();
    expect(await db.sessions.count()).toBe(0);
    expect(await db.tokens.count()).toBe(0);
    expect(triple(await error(() => account.get()))).toEqual([401, 'general_unauthorized_scope', expect.any(String)]);
    expect(fallback()).not.toBeNull(); // the page still holds its now-dead session, as after a server-side delete
  });
});
