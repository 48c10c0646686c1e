import * as sdk13 from 'appwrite-13';
import * as sdk28 from 'appwrite';
import { beforeEach, describe, expect, it } from 'vitest';
import type { RequestLogEntry } from 'appwrite-emulator';
import { ENDPOINT, PROJECT, error, useEmulator } from '../helpers.js';
import { PASSWORD, setFallback } from './session-helpers.js';

const { emulator } = useEmulator();

const client28 = () => {
  const client = new sdk28.Client().setEndpoint(ENDPOINT).setProject(PROJECT);
  return { client, account: new sdk28.Account(client) };
};

beforeEach(() => {
  emulator.requests.clear();
  setFallback(null);
});

describe('emulator.requests', () => {
  it('records each answered request newest first: time, method, path, status, error type, SDK version, format, behaviour, duration', async () => {
    const { account } = client28();
    await account.create({ userId: 'ada', email: 'ada@example.com', password: PASSWORD });
    await error(() => account.createEmailPasswordSession({ email: 'ada@example.com', password: 'wrong password' }));
    const [failed, created, ...rest] = (await emulator.requests.list());
    expect(rest).toEqual([]);
    expect(Object.keys(failed!)).toEqual(['id', 'time', 'method', 'path', 'status', 'errorType', 'sdk', 'format', 'behaviour', 'durationMs', 'fromOtherTab', 'details']);
    expect(failed).toMatchObject({
      method: 'POST', path: '/v1/account/sessions/email', status: 401, errorType: 'user_invalid_credentials',
      sdk: '28.0.0', format: '2.3.0', behaviour: '1.9', fromOtherTab: false, time: '2026-01-15T10:00:00.000Z',
    });
    expect(created).toMatchObject({ method: 'POST', path: '/v1/account', status: 201, errorType: null });
    expect(failed!.durationMs).toBeGreaterThanOrEqual(0);
    expect(failed!.id).not.toBe(created!.id);
  });

  it('tells SDK 13 (Appwrite 1.4) apart and records a GET with its query', async () => {
    const account = new sdk13.Account(new sdk13.Client().setEndpoint(ENDPOINT).setProject(PROJECT));
    await error(() => account.get());
    expect((await emulator.requests.list())[0]).toMatchObject({ method: 'GET', path: '/v1/account', status: 401, errorType: 'general_unauthorized_scope', sdk: '13.0.2', format: '1.4.0', behaviour: '1.4' });
  });

  it('masks passwords, secrets, session values and the session headers in details(), and secret= in paths', async () => {
    const { account } = client28();
    await account.create({ userId: 'ada', email: 'ada@example.com', password: PASSWORD });
    const session = await account.createEmailPasswordSession({ email: 'ada@example.com', password: PASSWORD });
    await account.updatePassword({ password: 'another password 1', oldPassword: PASSWORD });
    await account.createJWT();
    const [jwt, update, signIn, signUp] = (await emulator.requests.list());

    const up = await signUp!.details();
    expect(up.request.params).toEqual({ userId: 'ada', email: 'ada@example.com', password: '***' });
    expect(up.request.url).toBe(`${ENDPOINT}/account`);
    expect(up.response.body).toMatchObject({ $id: 'ada', email: 'ada@example.com' });
    expect(JSON.stringify(up)).not.toContain(PASSWORD);

    const inDetails = await signIn!.details();
    expect(inDetails.response.headers['x-fallback-cookies']).toBe('***');
    expect(inDetails.response.body).toMatchObject({ $id: session.$id, secret: '' });
    const updated = await update!.details();
    expect(updated.request.params).toEqual({ password: '***', oldPassword: '***' });
    expect(updated.request.headers['x-fallback-cookies']).toBe('***');
    const minted = await jwt!.details();
    expect((minted.response.body as { jwt: string }).jwt).toBe('***');
    expect(JSON.stringify([inDetails, updated, minted])).not.toMatch(/eyJ|correct horse/);

    setFallback(null);
    await error(() => client28().account.updateMagicURLSession({ userId: 'ada', secret: 'abc' }));
    const magic = await (await emulator.requests.list())[0]!.details();
    expect(magic.request.params).toMatchObject({ userId: 'ada', secret: '***' });
    expect(magic.response.body).toEqual({ message: expect.any(String), code: 401, version: '1.9.6', type: 'user_invalid_token' });
  });

  it('masks secret= in a recorded path and a JWT header', async () => {
    await fetch(`${ENDPOINT}/account?secret=abc123&x=1`, { headers: { 'X-Appwrite-Project': PROJECT, 'X-Appwrite-JWT': 'eyJhbGciOi.x.y' } });
    const [entry] = (await emulator.requests.list());
    expect(entry!.path).toBe('/v1/account?secret=***&x=1');
    const details = await entry!.details();
    expect(details.request.url).toBe(`${ENDPOINT}/account?secret=***&x=1`);
    expect(details.request.headers['x-appwrite-jwt']).toBe('***');
    expect(entry!.sdk).toBeNull();
  });

  it('calls subscribers once per request, keeps the newest 200, and clear() empties it', async () => {
    const seen: RequestLogEntry[] = [];
    const unsubscribe = emulator.requests.subscribe((entry) => seen.push(entry));
    const { account } = client28();
    await error(() => account.get());
    // Entries are derived by the log's lazily loaded part: they reach listeners a moment after the response.
    await expect.poll(() => seen.map((e) => [e.status, e.errorType])).toEqual([[401, 'general_unauthorized_scope']]);
    unsubscribe();
    for (let i = 0; i < 205; i++) await emulator.handle(new Request(`${ENDPOINT}/ping?n=${i}`, { headers: { 'X-Appwrite-Project': PROJECT } }));
    const all = (await emulator.requests.list());
    expect(all).toHaveLength(200);
    expect(all[0]!.path).toBe('/v1/ping?n=204');
    expect(all[199]!.path).toBe('/v1/ping?n=5');
    expect(seen).toHaveLength(1);
    emulator.requests.clear();
    expect((await emulator.requests.list())).toEqual([]);
    expect(() => emulator.requests.subscribe('x' as never)).toThrow(TypeError);
  });
});

describe('emulator.setRateLimits / resetRateLimits', () => {
  it('turns the limits off and on at run time, and forgets the counters', async () => {
    const { account } = client28();
    const tooMany = async () => {
      for (let i = 0; i < 12; i++) {
        const e = await error(() => account.createEmailPasswordSession({ email: 'x@example.com', password: 'wrong password' }));
        if (e.code === 429) return e.type;
      }
      return 'no limit';
    };
    expect(await tooMany()).toBe('general_rate_limit_exceeded');
    await emulator.resetRateLimits();
    expect(await (await emulator.db()).rateLimits.count()).toBe(0);
    emulator.setRateLimits(false);
    expect(emulator.config.rateLimits).toBe(false);
    expect(await tooMany()).toBe('no limit');
    emulator.setRateLimits(true);
    expect(await tooMany()).toBe('general_rate_limit_exceeded');
    expect(() => emulator.setRateLimits('no' as never)).toThrow(TypeError);
  });
});

describe('emulator.inbox.delete', () => {
  it('deletes one message', async () => {
    const { account } = client28();
    await account.createMagicURLToken({ userId: 'ada', email: 'ada@example.com', url: 'http://localhost/' });
    const message = await emulator.inbox.latest();
    await emulator.inbox.delete(message!.id);
    expect(await emulator.inbox.list()).toEqual([]);
    await emulator.inbox.delete('unknown');
    await expect(emulator.inbox.delete(1 as never)).rejects.toThrow(TypeError);
  });
});
