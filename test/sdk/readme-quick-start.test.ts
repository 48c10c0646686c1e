// The README's Vitest quick start, as written there (only the project id differs, to keep files apart).
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { Account, Client, ID } from 'appwrite';
import { createEmulator } from 'appwrite-emulator';

const emulator = createEmulator({ projectId: 'my-project' });
const server = setupServer(...emulator.handlers);
beforeAll(() => server.listen());
afterAll(() => server.close());
beforeEach(async () => {
  await emulator.reset();
  localStorage.clear();
});

it('signs in with a magic link', async () => {
  const account = new Account(new Client().setEndpoint('https://cloud.appwrite.io/v1').setProject('my-project'));
  await account.createMagicURLToken({ userId: ID.unique(), email: 'ada@example.com', url: 'http://localhost/' });
  const mail = await emulator.inbox.latest({ to: 'ada@example.com', kind: 'magic-url' });
  await account.createSession({ userId: mail!.userId, secret: mail!.secret });
  expect((await account.get()).emailVerification).toBe(true);
});
