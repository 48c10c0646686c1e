import { describe, expect, it } from 'vitest';
import { ID } from 'appwrite-13';
import { ENDPOINT, error, useEmulator } from '../helpers.js';
import {
  HOUR, NOW, PASSWORD, UNAUTHORIZED_GUEST, YEAR, client, fallback, iso, raw, signUp, triple, useAltEmulator,
} from './session-helpers.js';

const { emulator, server } = useEmulator();
// Eleven sign-ins to one e-mail within an hour would hit its rate limit (10 an hour): switched off here.
const unlimited = useAltEmulator(server, { rateLimits: false }, 'unlimited');
const twoSessions = useAltEmulator(server, { auth: { maxSessions: 2 } }, 'two-sessions');
const oneHour = useAltEmulator(server, { auth: { sessionLength: 3600 } }, 'one-hour');

/** Signs in `count` times from fresh devices; returns the sessions and their stored values, oldest first. */
async function signInTimes(count: number, endpoint = unlimited.config.endpoint, email = 'ada@example.com') {
  const out: Array<{ id: string; value: string | null }> = [];
  for (let i = 0; i < count; i++) {
    const session = await client(endpoint).account.createEmailSession(email, PASSWORD);
    out.push({ id: session.$id, value: fallback() });
  }
  return out;
}

describe('createEmailSession: at most 10 sessions per user', () => {
  it('prunes the oldest when the 11th is created, even within the same millisecond', async () => {
    const endpoint = unlimited.config.endpoint;
    await client(endpoint).account.create(ID.unique(), 'ada@example.com', PASSWORD);
    const sessions = await signInTimes(11);
    const listed = (await client(endpoint).account.listSessions()).sessions.map((s) => s.$id);
    expect(listed).toEqual(sessions.slice(1).map((s) => s.id));
    expect(triple((await raw('GET', '/account', { endpoint, session: sessions[0]!.value })).body)).toEqual(UNAUTHORIZED_GUEST);
    expect((await raw('GET', '/account', { endpoint, session: sessions[1]!.value })).status).toBe(200);
  });

  it('prunes by creation time, oldest first, expired sessions included', async () => {
    await client().account.create(ID.unique(), 'ada@example.com', PASSWORD);
    const sessions = [];
    for (let i = 0; i < 12; i++) {
      sessions.push(...await signInTimes(1, ENDPOINT));
      emulator.clock.advance(i === 0 ? YEAR : HOUR);
    }
    const listed = (await client().account.listSessions()).sessions.map((s) => s.$id);
    expect(listed).toEqual(sessions.slice(2).map((s) => s.id));
  });

  it('counts anonymous sessions of a user the same way (the limit is per user, not per provider)', async () => {
    const { account } = client(unlimited.config.endpoint);
    const anonymous = await account.createAnonymousSession();
    await account.updateEmail('anon@example.com', PASSWORD);
    await signInTimes(10, undefined, 'anon@example.com');
    const ids = (await (await unlimited.db()).sessions.where('userId').equals(anonymous.userId).toArray()).map((s) => s.$id);
    expect(ids).toHaveLength(10);
    expect(ids).not.toContain(anonymous.$id);
  });

  it('follows auth.maxSessions', async () => {
    await client(twoSessions.config.endpoint).account.create(ID.unique(), 'ada@example.com', PASSWORD);
    const sessions = await signInTimes(3, twoSessions.config.endpoint);
    const listed = (await client(twoSessions.config.endpoint).account.listSessions()).sessions.map((s) => s.$id);
    expect(listed).toEqual([sessions[1]!.id, sessions[2]!.id]);
  });

  it('never prunes other users\' sessions', async () => {
    const endpoint = unlimited.config.endpoint;
    const { value: bob } = await signUp('bob@example.com', 'Bob', endpoint);
    await client(endpoint).account.create(ID.unique(), 'ada@example.com', PASSWORD);
    await signInTimes(11);
    expect((await raw('GET', '/account/sessions', { endpoint, session: bob })).body.total).toBe(1);
  });
});

describe('session length', () => {
  it('is one year: the session authenticates until $createdAt + 365 days, then the caller is a guest', async () => {
    const { account, session } = await signUp();
    expect(session.expire).toBe(iso(NOW + YEAR));
    emulator.clock.advance(YEAR);
    expect((await account.getSession('current')).expire).toBe(iso(NOW + YEAR));
    emulator.clock.advance(1);
    expect(triple(await error(() => account.get()))).toEqual(UNAUTHORIZED_GUEST);
    expect(triple(await error(() => account.getSession(session.$id)))).toEqual(UNAUTHORIZED_GUEST);
  });

  it('follows auth.sessionLength in create, get and list, and in authentication', async () => {
    const endpoint = oneHour.config.endpoint;
    const { account, session } = await signUp('ada@example.com', 'Ada', endpoint);
    expect(session.expire).toBe(iso(NOW + HOUR));
    expect((await account.getSession('current')).expire).toBe(iso(NOW + HOUR));
    expect((await account.listSessions()).sessions[0]!.expire).toBe(iso(NOW + HOUR));
    oneHour.clock.advance(HOUR + 1);
    expect(triple(await error(() => account.get()))).toEqual(UNAUTHORIZED_GUEST);
    const anonymous = await client(endpoint).account.createAnonymousSession();
    expect(anonymous.expire).toBe(iso(NOW + 2 * HOUR + 1));
  });
});
