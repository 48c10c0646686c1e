// @vitest-environment node
// The README's plain-Node advice: the SDK keeps no session without localStorage, so the test hands it over with
// client.setSession() (X-Appwrite-Session), or signs in with a JWT.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { Account, Client, ID } from 'appwrite';
import { createEmulator } from 'appwrite-emulator';

const emulator = createEmulator({ projectId: 'my-project', auth: { passwordHash: { memoryCost: 64, timeCost: 1, threads: 1 } } });
const server = setupServer(...emulator.handlers);
beforeAll(() => server.listen());
afterAll(() => server.close());

/** The README's snippet: a sign-in request of the test's own, its session value handed to the client. */
async function signInByHand(client: Client): Promise<void> {
  const login = await emulator.handle(new Request('https://cloud.appwrite.io/v1/account/sessions/email', {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-appwrite-project': 'my-project' },
    body: JSON.stringify({ email: 'ada@example.com', password: 'password123' }),
  }));
  const cookies = JSON.parse(login.headers.get('x-fallback-cookies')!);
  client.setSession(cookies['a_session_my-project']);
}

it('has no session after the SDK signs in in plain Node, until client.setSession() carries one', async () => {
  const client = new Client().setEndpoint('https://cloud.appwrite.io/v1').setProject('my-project');
  const account = new Account(client);
  await account.create({ userId: ID.unique(), email: 'ada@example.com', password: 'password123' });
  await account.createEmailPasswordSession({ email: 'ada@example.com', password: 'password123' });
  await expect(account.get()).rejects.toMatchObject({ code: 401, type: 'general_unauthorized_scope' });

  await signInByHand(client);
  expect(client.headers['X-Appwrite-Session']).toMatch(/^[A-Za-z0-9+/=]+$/);
  const me = await account.get();
  expect(me.email).toBe('ada@example.com');
  // SDK 28 gets the 1.9.6 user model.
  expect(me).toHaveProperty('targets');
  expect(me).toHaveProperty('mfa', false);
});

it('signs in with a JWT in plain Node', async () => {
  const client = new Client().setEndpoint('https://cloud.appwrite.io/v1').setProject('my-project');
  await signInByHand(client);
  const { jwt } = await new Account(client).createJWT();
  const viaJwt = new Account(new Client().setEndpoint('https://cloud.appwrite.io/v1').setProject('my-project').setJWT(jwt));
  expect((await viaJwt.get()).email).toBe('ada@example.com');
});
