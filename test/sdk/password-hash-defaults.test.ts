/**
 * The default argon2id cost (config.ts DEFAULT_PASSWORD_HASH): minimal, so sign-in is fast, but still a salted
 * argon2id hash in a PHC string; hashes made with other parameters (the realistic `auth.passwordHash` option, or an
 * older release's defaults) keep verifying because they carry their parameters.
 */
import { Account, Client, ID } from 'appwrite-13';
import { IDBFactory } from 'fake-indexeddb';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator } from 'appwrite-emulator';
import { ENDPOINT, PROJECT } from '../helpers.js';

const indexedDB = new IDBFactory();
const databaseName = 'password-hash-defaults';
const realistic = createEmulator({ projectId: PROJECT, indexedDB, databaseName, auth: { passwordHash: { memoryCost: 2048, timeCost: 4, threads: 3 } } });
const byDefault = createEmulator({ projectId: PROJECT, indexedDB, databaseName });
const server = setupServer(...byDefault.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(async () => {
  server.close();
  await realistic.close();
  await byDefault.close();
});

const account = () => new Account(new Client().setEndpoint(ENDPOINT).setProject(PROJECT));
const storedHash = async (email: string) => (await (await byDefault.db()).users.toArray()).find((u) => u.email === email)?.password;

describe('default password hashing', () => {
  it('resolves to argon2id m=16 KiB, t=1, p=1', () => {
    expect(byDefault.config.auth.passwordHash).toEqual({ memoryCost: 16, timeCost: 1, threads: 1 });
  });

  it('stores a salted argon2id PHC string with the default parameters', async () => {
    await account().create(ID.unique(), 'ada@example.com', 'password123');
    await account().create(ID.unique(), 'grace@example.com', 'password123');
    const ada = await storedHash('ada@example.com');
    const grace = await storedHash('grace@example.com');
    expect(ada).toMatch(/^\$argon2id\$v=19\$m=16,t=1,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(grace).toMatch(/^\$argon2id\$v=19\$m=16,t=1,p=1\$/);
    expect(ada).not.toBe(grace); // same password, different salt
    const session = await account().createEmailSession('ada@example.com', 'password123');
    expect(session.provider).toBe('email');
  });

  it('still verifies a hash made with the realistic parameters (m=2048 KiB, t=4, p=3)', async () => {
    const created = await realistic.handle(new Request(`${ENDPOINT}/account`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-appwrite-project': PROJECT },
      body: JSON.stringify({ userId: 'old-user', email: 'old@example.com', password: 'password123' }),
    }));
    expect(created.status).toBe(201);
    expect(await storedHash('old@example.com')).toMatch(/^\$argon2id\$v=19\$m=2048,t=4,p=3\$/);
    const session = await account().createEmailSession('old@example.com', 'password123');
    expect(session.userId).toBe('old-user');
    await expect(account().createEmailSession('old@example.com', 'wrong-password')).rejects.toMatchObject({
      code: 401, type: 'user_invalid_credentials', message: 'Invalid credentials. Please check the email and password.',
    });
  });
});
