import { Account, Client } from 'appwrite-13';
import * as sdk28 from 'appwrite';
import { describe, expect, it } from 'vitest';
import { AppwriteError } from 'appwrite-emulator';
import { ENDPOINT, PROJECT, useEmulator } from '../helpers.js';
import { expectModel } from '../sdk-versions.js';
import { decodeFallback, fallback, setFallback, triple } from './session-helpers.js';

const { emulator } = useEmulator();

describe('emulator.sessions.create', () => {
  it('signs in without a password: the cookieFallback works for SDK 13, setSession() for the newest SDK', async () => {
    await emulator.users.create({ userId: 'ada', email: 'ada@example.com', password: 'password123' });
    const created = await emulator.sessions.create('ada@example.com');
    expectModel('appwrite-28', 'Session', created.session);
    expect(created.session).toMatchObject({ userId: 'ada', provider: 'email', providerUid: 'ada@example.com', factors: ['password'], current: true, secret: '' });
    expect(JSON.parse(created.cookieFallback)).toEqual({ [`a_session_${PROJECT}`]: created.secret });
    expect(decodeFallback(created.cookieFallback).id).toBe('ada');

    setFallback(created.cookieFallback);
    expect((await new Account(new Client().setEndpoint(ENDPOINT).setProject(PROJECT)).get()).$id).toBe('ada');
    setFallback(null);

    const client = new sdk28.Client().setEndpoint(ENDPOINT).setProject(PROJECT).setSession(created.secret);
    const account = new sdk28.Account(client);
    expect((await account.get()).$id).toBe('ada');
    expect((await account.getSession({ sessionId: 'current' })).$id).toBe(created.session.$id);
    expect(fallback()).toBeNull();
  });

  it('records the sign-in the user has (magic URL for password-less e-mail, phone, anonymous)', async () => {
    await emulator.users.create({ userId: 'mail', email: 'm@example.com' });
    await emulator.users.create({ userId: 'tel', phone: '+14155550100' });
    await emulator.users.create({ userId: 'anon' });
    expect((await emulator.sessions.create('mail')).session).toMatchObject({ provider: 'magic-url', factors: ['email'] });
    expect((await emulator.sessions.create('tel')).session).toMatchObject({ provider: 'phone', providerUid: '+14155550100', factors: ['phone'] });
    expect((await emulator.sessions.create('anon')).session).toMatchObject({ provider: 'anonymous', factors: ['anonymous'] });
  });

  it('makes a two-factor session on request, with mfaUpdatedAt', async () => {
    await emulator.users.create({ userId: 'ada', email: 'ada@example.com', password: 'password123', mfa: true });
    const { session } = await emulator.sessions.create('ada', { factors: ['password', 'totp'] });
    expect(session.factors).toEqual(['password', 'totp']);
    expect(session.mfaUpdatedAt).toBe('2026-01-15T10:00:00.000+00:00');
  });

  it('refuses a blocked or unknown user with the API\'s error, and bad options with a TypeError', async () => {
    await emulator.users.create({ userId: 'ada', email: 'ada@example.com' });
    await emulator.users.block('ada');
    const blocked = await emulator.sessions.create('ada').catch((e: unknown) => e);
    expect(blocked).toBeInstanceOf(AppwriteError);
    expect(triple(blocked as AppwriteError).slice(0, 2)).toEqual([403, 'user_blocked']);
    const unknown = await emulator.sessions.create('nobody').catch((e: unknown) => e);
    expect((unknown as AppwriteError).type).toBe('user_not_found');
    await expect(emulator.sessions.create('ada', { factors: ['fingerprint'] } as never)).rejects.toThrow(TypeError);
    await expect(emulator.sessions.create(42 as never)).rejects.toThrow(TypeError);
    expect(await (await emulator.db()).sessions.count()).toBe(0);
  });
});

describe('emulator.sessions list and delete', () => {
  it('lists a user\'s sessions oldest first and deletes one or all', async () => {
    await emulator.users.create({ userId: 'ada', email: 'ada@example.com' });
    const a = await emulator.sessions.create('ada');
    const b = await emulator.sessions.create('ada');
    expect((await emulator.sessions.list('ada')).map((s) => s.$id)).toEqual([a.session.$id, b.session.$id]);
    await emulator.sessions.delete(a.session.$id);
    expect((await emulator.sessions.list('ada')).map((s) => s.$id)).toEqual([b.session.$id]);

    const client = new sdk28.Client().setEndpoint(ENDPOINT).setProject(PROJECT).setSession(b.secret);
    expect((await new sdk28.Account(client).get()).$id).toBe('ada');
    await emulator.sessions.delete('ada@example.com');
    expect(await emulator.sessions.list('ada')).toEqual([]);
    const gone = await new sdk28.Account(client).get().catch((e: { code: number; type: string }) => e);
    expect((gone as { type: string }).type).toBe('general_unauthorized_scope');
  });
});
