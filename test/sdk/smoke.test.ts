import { describe, expect, it } from 'vitest';
import { ID } from 'appwrite-13';
import { error, sdk, useEmulator } from '../helpers.js';

useEmulator();

describe('smoke', () => {
  it('signs up, signs in and reads the account', async () => {
    const { account } = sdk();
    const e = await error(() => account.get());
    expect([e.code, e.type, e.message]).toEqual([401, 'general_unauthorized_scope', 'User (role: guests) missing scope (account)']);
    const user = await account.create(ID.unique(), 'Ada@Example.com', 'password123', 'Ada');
    expect(user.email).toBe('ada@example.com');
    const session = await account.createEmailSession('ada@example.com', 'password123');
    expect(session.current).toBe(true);
    const me = await account.get();
    expect(me.$id).toBe(user.$id);
  });
});
