/**
 * `auth.passwordStrength`, 1.9.6's password policy (`auths.passwordStrength`, 1.9 spec §6.0): new passwords
 * (account.create, updatePassword, updateRecovery) need `min` bytes and the character classes asked for, and the
 * error names them all. Signing in is not affected; SDK 13 (Appwrite 1.4) has no such policy.
 */
import { Account as Account13, Client as Client13, ID as ID13 } from 'appwrite-13';
import { beforeEach, describe, expect, it } from 'vitest';
import { ENDPOINT, PROJECT, error, useEmulator, useSecondEmulator } from '../helpers.js';
import { MODERN_SDKS, forgetSession, modernClient } from './modern-sdk-helpers.js';
import { triple } from './session-helpers.js';
import { onlyMessage } from './token-helpers.js';

const { emulator, server } = useEmulator({ auth: { passwordStrength: { min: 10, uppercase: true, lowercase: true, number: true, symbols: true } } });
// A second project with only a longer minimum.
const longer = useSecondEmulator(server, 'longer', { auth: { passwordStrength: { min: 12 } } });

const STRONG = 'Str0ng-pass';
const WEAK = [400, 'general_argument_invalid',
  'Invalid `password` param: Password must be between 10 and 256 characters long, include an uppercase letter, include a lowercase letter, include a number, include a symbol.'];

beforeEach(() => forgetSession());

describe.each(MODERN_SDKS)('auth.passwordStrength (%s)', (_, sdk) => {
  it.each([
    ['too short (9 bytes)', 'Str0ng-pa'],
    ['no uppercase letter', 'str0ng-pass'],
    ['no lowercase letter', 'STR0NG-PASS'],
    ['no number', 'Strong-pass'],
    ['no symbol', 'Str0ngpasss'],
    ['a non-ASCII digit only', 'Str٣ng-pass'],
  ])('account.create refuses a password with %s, naming every rule', async (_label, password) => {
    const { account } = modernClient(sdk);
    expect(triple(await error(() => account.create({ userId: sdk.ID.unique(), email: 'ada@example.com', password })))).toEqual(WEAK);
    expect(await (await emulator.db()).users.count()).toBe(0);
  });

  it('takes a password meeting every rule (a non-ASCII symbol counts)', async () => {
    const { account } = modernClient(sdk);
    await account.create({ userId: sdk.ID.unique(), email: 'ada@example.com', password: STRONG });
    await account.create({ userId: sdk.ID.unique(), email: 'grace@example.com', password: 'Str0ngpass€' });
    expect(await (await emulator.db()).users.count()).toBe(2);
  });

  it('applies to updatePassword and updateRecovery, not to signing in', async () => {
    const { account } = modernClient(sdk);
    const user = await account.create({ userId: sdk.ID.unique(), email: 'ada@example.com', password: STRONG });
    await account.createEmailPasswordSession({ email: 'ada@example.com', password: STRONG });
    expect(triple(await error(() => account.updatePassword({ password: 'weak-password', oldPassword: STRONG })))).toEqual(WEAK);
    await account.createRecovery({ email: 'ada@example.com', url: 'http://localhost/reset' });
    const { secret } = await onlyMessage(emulator, { kind: 'recovery' });
    expect(triple(await error(() => account.updateRecovery({ userId: user.$id, secret, password: 'weak-password' })))).toEqual(WEAK);
    // Sign-in validates only 8..256 bytes: a wrong weak password is just wrong credentials.
    forgetSession();
    expect(triple(await error(() => account.createEmailPasswordSession({ email: 'ada@example.com', password: 'weak-password' }))))
      .toEqual([401, 'user_invalid_credentials', 'Invalid credentials. Please check the email and password.']);
  });

  it('with only a minimum, the description names only the length', async () => {
    const client = new sdk.Client().setEndpoint(longer.config.endpoint).setProject(PROJECT);
    const account = new sdk.Account(client);
    expect(triple(await error(() => account.create({ userId: sdk.ID.unique(), email: 'ada@example.com', password: 'elevenchars' }))))
      .toEqual([400, 'general_argument_invalid', 'Invalid `password` param: Password must be between 12 and 256 characters long.']);
    await account.create({ userId: sdk.ID.unique(), email: 'ada@example.com', password: 'twelve-chars' });
  });
});

describe('auth.passwordStrength through SDK 13 (Appwrite 1.4 has no policy)', () => {
  it('account.create takes a password of 8 lower-case letters', async () => {
    const account = new Account13(new Client13().setEndpoint(ENDPOINT).setProject(PROJECT));
    await account.create(ID13.unique(), 'ada@example.com', 'abcdefgh');
    expect(await (await emulator.db()).users.count()).toBe(1);
  });
});
