// The README's MFA recipe, as written there (inside the quick start's set-up; only the project id differs).
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { Account, AuthenticationFactor, AuthenticatorType, Client, ID } from 'appwrite';
import { createEmulator } from 'appwrite-emulator';

const emulator = createEmulator({ projectId: 'my-project', databaseName: 'readme-mfa' });
const server = setupServer(...emulator.handlers);
beforeAll(() => server.listen());
afterAll(() => server.close());
beforeEach(async () => {
  await emulator.reset();
  localStorage.clear();
});

it('signs in with a TOTP second factor', async () => {
  const account = new Account(new Client().setEndpoint('https://cloud.appwrite.io/v1').setProject('my-project'));
  await account.create({ userId: ID.unique(), email: 'ada@example.com', password: 'password123' });
  await account.createEmailPasswordSession({ email: 'ada@example.com', password: 'password123' });
  await account.createMFAAuthenticator({ type: AuthenticatorType.Totp });
  await account.updateMFAAuthenticator({ type: AuthenticatorType.Totp, otp: await emulator.mfa.totpCode('ada@example.com') });
  await account.updateMFA({ mfa: true });
  await account.deleteSession({ sessionId: 'current' });

  await account.createEmailPasswordSession({ email: 'ada@example.com', password: 'password123' });
  await expect(account.get()).rejects.toMatchObject({ type: 'user_more_factors_required' });
  const challenge = await account.createMFAChallenge({ factor: AuthenticationFactor.Totp });
  await account.updateMFAChallenge({ challengeId: challenge.$id, otp: await emulator.mfa.totpCode('ada@example.com') });
  expect((await account.get()).mfa).toBe(true);
});

it('the test API refuses an unknown user with a TypeError', async () => {
  await expect(emulator.mfa.totpCode('nobody@example.com')).rejects.toThrow(TypeError);
  await expect(emulator.mfa.recoveryCodes('nobody')).rejects.toThrow(/no user with the id or e-mail "nobody"/);
  await expect(emulator.mfa.totpCode('' as string)).rejects.toThrow(TypeError);
  expect(await emulator.mfa.authenticators()).toEqual([]);
});
