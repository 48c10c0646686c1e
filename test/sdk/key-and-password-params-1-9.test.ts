/**
 * Two 1.9.6 param rules through the real SDKs 26 and 28, beside SDK 13 still getting 1.4's:
 * - the e-mail sign-in's `password` is 1.9.6's Password validator, 8 to 256 bytes (src/Appwrite/Auth/Validator/
 *   Password.php), where 1.4 said "at least 8 characters" with no upper bound;
 * - CustomId and UID (utopia-php/database 6.0.0's Key) refuse the empty string, which 1.4's Key let through.
 */
import { Account as Account13, Client as Client13 } from 'appwrite-13';
import { describe, expect, it } from 'vitest';
import { ENDPOINT, PROJECT, error, useEmulator } from '../helpers.js';
import { PASSWORD, triple } from './session-helpers.js';
import { SDKS, account19 } from './sdk19-helpers.js';

const { emulator } = useEmulator();

const invalid = (name: string, description: string) => [400, 'general_argument_invalid', `Invalid \`${name}\` param: ${description}`];
const PASSWORD_19 = invalid('password', 'Password must be between 8 and 256 characters long.');
const CUSTOM_ID = invalid('userId', 'Parameter must contain at most 36 chars. Valid chars are a-z, A-Z, 0-9, period, hyphen, and underscore. Can\'t start with a special char');
const UID = invalid('userId', 'UID must contain at most 36 chars. Valid chars are a-z, A-Z, 0-9, and underscore. Can\'t start with a leading underscore');

describe.each(SDKS)('1.9.6 params ($name)', (sdk) => {
  it('createEmailPasswordSession: a password under 8 or over 256 bytes is 400 with 1.9.6\'s text', async () => {
    const { account } = account19(sdk);
    await account.create({ userId: 'ada', email: 'ada@example.com', password: PASSWORD });
    expect(triple(await error(() => account.createEmailPasswordSession({ email: 'ada@example.com', password: 'short' })))).toEqual(PASSWORD_19);
    expect(triple(await error(() => account.createEmailPasswordSession({ email: 'ada@example.com', password: 'x'.repeat(257) })))).toEqual(PASSWORD_19);
    // 256 bytes is in range: a wrong password, so 401.
    expect(triple(await error(() => account.createEmailPasswordSession({ email: 'ada@example.com', password: 'x'.repeat(256) }))))
      .toEqual([401, 'user_invalid_credentials', 'Invalid credentials. Please check the email and password.']);
    expect((await account.createEmailPasswordSession({ email: 'ada@example.com', password: PASSWORD })).userId).toBe('ada');
  });

  it('create with userId "" is 400 (CustomId), and stores no user', async () => {
    const { account } = account19(sdk);
    expect(triple(await error(() => account.create({ userId: '', email: 'ada@example.com', password: PASSWORD })))).toEqual(CUSTOM_ID);
    expect(await (await emulator.db()).users.count()).toBe(0);
  });

  it('the token routes refuse userId "" too (CustomId), and updateRecovery (UID)', async () => {
    const { account } = account19(sdk);
    expect(triple(await error(() => account.createEmailToken({ userId: '', email: 'ada@example.com' })))).toEqual(CUSTOM_ID);
    expect(triple(await error(() => account.createSession({ userId: '', secret: '123456' })))).toEqual(CUSTOM_ID);
    expect(triple(await error(() => account.updateRecovery({ userId: '', secret: 'x', password: 'another-password-1' })))).toEqual(UID);
  });
});

describe('SDK 13 keeps Appwrite 1.4\'s rules', () => {
  it('takes userId "" as a random id and says "at least 8 characters" to a short sign-in password', async () => {
    const account = new Account13(new Client13().setEndpoint(ENDPOINT).setProject(PROJECT));
    const user = await account.create('', 'ada@example.com', PASSWORD);
    expect(user.$id).toMatch(/^[0-9a-f]{20}$/);
    expect(triple(await error(() => account.createEmailSession('ada@example.com', 'short'))))
      .toEqual(invalid('password', 'Password must be at least 8 characters'));
  });
});
