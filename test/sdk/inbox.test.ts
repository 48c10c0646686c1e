import { ID } from 'appwrite-13';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { createEmulator, type InboxMessage } from 'appwrite-emulator';
import { FAST_HASH, PROJECT, sdk, useEmulator } from '../helpers.js';
import { NOW, PASSWORD, client, signUp } from './session-helpers.js';

const { emulator, server } = useEmulator();

const magicLink = (email: string) => sdk().account.createMagicURLSession(ID.unique(), email, 'http://localhost/done');
const phoneCode = (phone: string) => sdk().account.createPhoneSession(ID.unique(), phone);

describe('emulator.inbox.list', () => {
  it('lists every message newest first, even when sent in the same millisecond', async () => {
    await magicLink('ada@example.com');
    await phoneCode('+14155550100');
    await magicLink('bob@example.com');
    const messages = await emulator.inbox.list();
    expect(messages.map((m) => [m.kind, m.to])).toEqual([
      ['magic-url', 'bob@example.com'], ['phone-session', '+14155550100'], ['magic-url', 'ada@example.com'],
    ]);
    expect(new Set(messages.map((m) => m.createdAt))).toEqual(new Set([new Date(NOW).toISOString().replace('Z', '+00:00')]));
  });

  it('filters by recipient (any case), kind and channel', async () => {
    await magicLink('ada@example.com');
    await phoneCode('+14155550100');
    await magicLink('bob@example.com');
    expect((await emulator.inbox.list({ to: 'ADA@example.com' })).map((m) => m.to)).toEqual(['ada@example.com']);
    expect((await emulator.inbox.list({ kind: 'magic-url' })).map((m) => m.to)).toEqual(['bob@example.com', 'ada@example.com']);
    expect((await emulator.inbox.list({ channel: 'sms' })).map((m) => m.to)).toEqual(['+14155550100']);
    expect(await emulator.inbox.list({ kind: 'recovery' })).toEqual([]);
  });

  it('shows e-mails with subject, text, html and url, and holds the plain secret', async () => {
    const token = await magicLink('ada@example.com');
    const [message] = await emulator.inbox.list();
    expect(Object.keys(message!)).toEqual(['id', 'channel', 'kind', 'to', 'subject', 'text', 'html', 'url', 'userId', 'secret', 'createdAt']);
    expect(message!.userId).toBe(token.userId);
    expect(message!.url).toContain(`secret=${message!.secret}`);
  });
});

describe('emulator.inbox.latest', () => {
  it('returns the newest matching message, or undefined', async () => {
    expect(await emulator.inbox.latest()).toBeUndefined();
    await magicLink('ada@example.com');
    await magicLink('bob@example.com');
    expect((await emulator.inbox.latest())!.to).toBe('bob@example.com');
    expect((await emulator.inbox.latest({ to: 'ada@example.com' }))!.to).toBe('ada@example.com');
    expect(await emulator.inbox.latest({ channel: 'sms' })).toBeUndefined();
  });
});

describe('emulator.inbox.waitFor', () => {
  it('resolves with a message that arrives after the call', async () => {
    const waiting = emulator.inbox.waitFor({ kind: 'magic-url' });
    setTimeout(() => void magicLink('ada@example.com'), 20);
    const message = await waiting;
    expect(message).toMatchObject({ kind: 'magic-url', to: 'ada@example.com' });
    expect(message).toEqual(await emulator.inbox.latest());
  });

  it('ignores messages already in the inbox and rejects when nothing arrives in time', async () => {
    await magicLink('ada@example.com');
    await expect(emulator.inbox.waitFor({ to: 'ada@example.com', timeout: 50 }))
      .rejects.toThrow('appwrite-emulator: no inbox message matching {"to":"ada@example.com"} arrived within 50 ms');
  });

  it('skips messages to other recipients', async () => {
    const waiting = emulator.inbox.waitFor({ to: 'bob@example.com' });
    await magicLink('ada@example.com');
    await magicLink('bob@example.com');
    expect((await waiting).to).toBe('bob@example.com');
  });

  it('skips messages of other kinds', async () => {
    const waiting = emulator.inbox.waitFor({ kind: 'phone-verification' });
    const { account } = await signUp('ada@example.com');
    await account.updatePhone('+14155550100', PASSWORD);
    await phoneCode('+14155550100');
    await account.createPhoneVerification();
    const message = await waiting;
    expect(message).toMatchObject({ kind: 'phone-verification', channel: 'sms', to: '+14155550100' });
    expect(message.text).toMatch(/^\d{6}$/);
  });

  it('rejects a bad timeout with a TypeError', async () => {
    await expect(emulator.inbox.waitFor({ timeout: -1 })).rejects.toThrow(TypeError);
  });
});

describe('emulator.inbox.subscribe', () => {
  it('calls the listener once per new message until unsubscribed', async () => {
    const seen: InboxMessage[] = [];
    const unsubscribe = emulator.inbox.subscribe((m) => seen.push(m));
    await magicLink('ada@example.com');
    unsubscribe();
    await magicLink('bob@example.com');
    expect(seen.map((m) => m.to)).toEqual(['ada@example.com']);
  });

  it('a throwing listener does not fail the request that sent the message', async () => {
    const errors: unknown[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void errors.push(args);
    const unsubscribe = emulator.inbox.subscribe(() => {
      throw new Error('listener bug');
    });
    try {
      const token = await magicLink('ada@example.com');
      expect(token.userId).toMatch(/^[0-9a-f]{20}$/);
    } finally {
      unsubscribe();
      console.error = original;
    }
    expect(errors).toHaveLength(1);
  });

  it('sees messages sent from another tab on the same database, once, and not those of another database', async () => {
    // Two "tabs": two emulators on one IndexedDB. A third emulator with the same project id has its own database.
    const shared = new IDBFactory();
    const options = { projectId: PROJECT, now: () => new Date(NOW), auth: { passwordHash: FAST_HASH } };
    const tabA = createEmulator({ ...options, endpoint: 'https://tabs.test/v1', indexedDB: shared, seed: 3 });
    const tabB = createEmulator({ ...options, endpoint: 'https://tabs.test/v1', indexedDB: shared, seed: 4 });
    const other = createEmulator({ ...options, endpoint: 'https://other.test/v1', indexedDB: new IDBFactory(), seed: 5 });
    server.use(...tabA.handlers);
    try {
      const inA: InboxMessage[] = [];
      const unsubscribe = tabA.inbox.subscribe((m) => inA.push(m));
      const inB = tabB.inbox.waitFor({ to: 'ada@example.com' });
      const inOther = other.inbox.waitFor({ to: 'ada@example.com', timeout: 300 });
      await client('https://tabs.test/v1').account.createMagicURLSession(ID.unique(), 'ada@example.com', 'http://localhost/');
      const received = await inB;
      expect(received).toEqual(await tabA.inbox.latest());
      await expect(inOther).rejects.toThrow('arrived within 300 ms');
      expect(inA.map((m) => m.id)).toEqual([received.id]);
      unsubscribe();
    } finally {
      server.resetHandlers();
      await Promise.all([tabA.close(), tabB.close(), other.close()]);
    }
  });
});

describe('emulator.inbox.reset', () => {
  it('empties the inbox (clear() does the same)', async () => {
    await magicLink('ada@example.com');
    await emulator.inbox.reset();
    expect(await emulator.inbox.list()).toEqual([]);
    await magicLink('bob@example.com');
    await emulator.inbox.clear();
    expect(await emulator.inbox.list()).toEqual([]);
  });

  it('leaves the tokens alone: a link already sent still works', async () => {
    await magicLink('ada@example.com');
    const { userId, secret } = (await emulator.inbox.latest())!;
    await emulator.inbox.reset();
    const session = await sdk().account.updateMagicURLSession(userId, secret);
    expect(session.provider).toBe('magic-url');
  });
});
