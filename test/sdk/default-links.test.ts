import { describe, expect, it } from 'vitest';
import { createEmulator } from 'appwrite-emulator';

// A same-origin endpoint with a port, as apps use with startEmulator(): default links keep the port.
const emulator = createEmulator({ projectId: 'links', endpoint: 'http://localhost:5173/v1', seed: 3 });
const post = (path: string, body: unknown, format = '1.4.0') => emulator.handle(new Request(`http://localhost:5173/v1${path}`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', 'x-appwrite-project': 'links', 'x-appwrite-response-format': format },
  body: JSON.stringify(body),
}));

describe('createMagicURLSession without a url', () => {
  it('links to /auth/magic-url on the endpoint origin, port included (1.4)', async () => {
    expect((await post('/account/sessions/magic-url', { userId: 'unique()', email: 'ada@example.com' })).status).toBe(201);
    const mail = await emulator.inbox.latest({ kind: 'magic-url' });
    expect(mail!.url!.startsWith('http://localhost:5173/auth/magic-url?userId=')).toBe(true);
  });
});

describe('createMagicURLToken without a url', () => {
  it('links to /console/auth/magic-url on the endpoint origin, port included (1.9.6)', async () => {
    expect((await post('/account/tokens/magic-url', { userId: 'unique()', email: 'bob@example.com' }, '1.9.5')).status).toBe(201);
    const mail = await emulator.inbox.latest({ kind: 'magic-url', to: 'bob@example.com' });
    expect(mail!.url!.startsWith('http://localhost:5173/console/auth/magic-url?userId=')).toBe(true);
  });
});

describe('createOAuth2Session without success/failure', () => {
  it('defaults both to /auth/oauth2/* on the endpoint origin, port included (1.4)', async () => {
    const res = await emulator.handle(new Request('http://localhost:5173/v1/account/sessions/oauth2/github?project=links', {
      headers: { 'x-appwrite-response-format': '1.4.0' },
    }));
    expect(res.status).toBe(301);
    const state = JSON.parse(new URL(res.headers.get('location')!).searchParams.get('state')!);
    expect(state).toMatchObject({ success: 'http://localhost:5173/auth/oauth2/success', failure: 'http://localhost:5173/auth/oauth2/failure' });
  });
});

describe('createOAuth2Session without success/failure (1.9.6)', () => {
  it('defaults both to the console pages /console/auth/oauth2/* on the endpoint origin, port included', async () => {
    const res = await emulator.handle(new Request('http://localhost:5173/v1/account/sessions/oauth2/github?project=links'));
    expect(res.status).toBe(301);
    const state = JSON.parse(new URL(res.headers.get('location')!).searchParams.get('state')!);
    expect(state).toEqual({
      success: 'http://localhost:5173/console/auth/oauth2/success', failure: 'http://localhost:5173/console/auth/oauth2/failure', token: false,
    });
  });
});
