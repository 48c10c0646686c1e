// @vitest-environment node
// The README's plain-Node advice: SDK 13 keeps no session without a window, so the test carries the header itself.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { Account, Client, ID } from 'appwrite';
import { createEmulator } from 'appwrite-emulator';

const emulator = createEmulator({ projectId: 'my-project', auth: { passwordHash: { memoryCost: 64, timeCost: 1, threads: 1 } } });
const server = setupServer(...emulator.handlers);
beforeAll(() => server.listen());
afterAll(() => server.close());

it('has no session after sign-in in plain Node, until the header is carried by hand', async () => {
  const client = new Client().setEndpoint('https://cloud.appwrite.io/v1').setProject('my-project');
  const account = new Account(client);
  await account.create(ID.unique(), 'ada@example.com', 'password123');
  await account.createEmailSession('ada@example.com', 'password123');
  await expect(account.get()).rejects.toMatchObject({ code: 401, type: 'general_unauthorized_scope' });

  const login = await emulator.handle(new Request('https://cloud.appwrite.io/v1/account/sessions/email', {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-appwrite-project': 'my-project' },
    body: JSON.stringify({ email: 'ada@example.com', password: 'password123' }),
  }));
  client.headers['X-Fallback-Cookies'] = login.headers.get('x-fallback-cookies')!;
  expect((await account.get()).email).toBe('ada@example.com');
});

it('signs in with a JWT in plain Node', async () => {
  const client = new Client().setEndpoint('https://cloud.appwrite.io/v1').setProject('my-project');
  const login = await emulator.handle(new Request('https://cloud.appwrite.io/v1/account/sessions/email', {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-appwrite-project': 'my-project' },
    body: JSON.stringify({ email: 'ada@example.com', password: 'password123' }),
  }));
  client.headers['X-Fallback-Cookies'] = login.headers.get('x-fallback-cookies')!;
  const { jwt } = await new Account(client).createJWT();
  const viaJwt = new Account(new Client().setEndpoint('https://cloud.appwrite.io/v1').setProject('my-project').setJWT(jwt));
  expect((await viaJwt.get()).email).toBe('ada@example.com');
});
