import { describe, expect, it } from 'vitest';
import { createEmulator } from 'appwrite-emulator';

// A well-formed HS256 token signed with some other key.
const FORGED = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJ1c2VySWQiOiJ1MSIsInNlc3Npb25JZCI6InMxIiwiZXhwIjo0MTAyNDQ0ODAwfQ.c2lnbmF0dXJl';

describe('X-Appwrite-JWT before any JWT was issued', () => {
  it('refuses the token with Appwrite\'s signature error and writes nothing (no key is made on a failing request)', async () => {
    const emulator = createEmulator({ projectId: 'fresh' });
    const response = await emulator.handle(new Request('https://cloud.appwrite.io/v1/account', {
      headers: { 'x-appwrite-project': 'fresh', 'x-appwrite-jwt': FORGED },
    }));
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ type: 'user_jwt_invalid', message: 'Failed to verify JWT. Invalid token: Signature failed' });
    expect(await (await emulator.db()).meta.count()).toBe(0);
  });
});
