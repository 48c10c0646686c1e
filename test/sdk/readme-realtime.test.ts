// The README's Realtime recipe, as written there, in the Vitest quick start's set-up.
import { afterAll, beforeAll, beforeEach, expect, it, vi } from 'vitest';
import { setupServer } from 'msw/node';
import { Account, Client, ID, Realtime } from 'appwrite';
import { createEmulator } from 'appwrite-emulator';

const emulator = createEmulator({ projectId: 'my-project', auth: { passwordHash: { memoryCost: 64, timeCost: 1, threads: 1 } } });
const server = setupServer(...emulator.handlers);
beforeAll(() => server.listen());
afterAll(() => server.close());
beforeEach(async () => {
  await emulator.reset();
  localStorage.clear();
});

it('delivers the account channel offline', async () => {
  const client = new Client().setEndpoint('https://cloud.appwrite.io/v1').setProject('my-project');
  const account = new Account(client);
  await account.create({ userId: ID.unique(), email: 'ada@example.com', password: 'password123' });
  await account.createEmailPasswordSession({ email: 'ada@example.com', password: 'password123' });

  const events: string[] = [];
  const subscription = await new Realtime(client).subscribe('account', (event) => events.push(event.events[2]!));
  await account.updatePrefs({ prefs: { theme: 'dark' } });
  const { $id } = await account.get();
  await vi.waitFor(() => expect(events).toEqual([`users.${$id}.update.prefs`]));
  await subscription.close();
});
