/** PATCH /account/name (account.updateName) and PATCH /account/phone (account.updatePhone) through the real SDK. */
import { ID } from 'appwrite-13';
import { describe, expect, it } from 'vitest';
import { error, sdk, useEmulator } from '../helpers.js';
import {
  DESCRIPTION, expectAccountShape, GUEST, INVALID_CREDENTIALS, invalid, iso, MINUTE, missing, NOW, PASSWORD,
  PHONE_ALREADY_EXISTS, quietSdkNotice, raw, rawTriple, signUp, storedSession, triple,
} from './account-helpers.js';

const { emulator } = useEmulator();
quietSdkNotice();

describe('account.updateName', () => {
  it('renames the account and returns the Account model', async () => {
    const { account } = sdk();
    const user = await signUp(account);
    emulator.clock.advance(MINUTE);
    const updated = await account.updateName('Ada King');
    expectAccountShape(updated);
    expect(updated).toMatchObject({ $id: user.$id, name: 'Ada King', $updatedAt: iso(NOW + MINUTE), $createdAt: iso(NOW) });
    expect((await account.get()).name).toBe('Ada King');
  });

  it('accepts 128 characters, counted as code points', async () => {
    const { account } = sdk();
    await signUp(account);
    expect((await account.updateName('n'.repeat(128))).name).toHaveLength(128);
    expect((await account.updateName('名'.repeat(128))).name).toBe('名'.repeat(128));
    expect((await account.updateName('😀'.repeat(128))).name).toBe('😀'.repeat(128));
  });

  it.each([
    ['empty', ''],
    ['of 129 chars', 'n'.repeat(129)],
    ['of 129 emoji', '😀'.repeat(129)],
    ['null', null],
    ['a number', 42],
    ['a boolean', true],
    ['a list', ['Ada']],
  ])('refuses a name %s', async (_, name) => {
    const { account } = sdk();
    await signUp(account, 'ada@example.com', PASSWORD, 'Ada');
    expect(triple(await error(() => account.updateName(name as string)))).toEqual(invalid('name', DESCRIPTION.name));
    expect((await account.get()).name).toBe('Ada');
  });

  it('refuses a guest with 401 general_unauthorized_scope', async () => {
    const { account } = sdk();
    expect(triple(await error(() => account.updateName('Ada')))).toEqual(GUEST);
  });

  it('reports an absent name, and a malformed body as one', async () => {
    const { account } = sdk();
    await signUp(account);
    const session = storedSession();
    expect(rawTriple(await raw('PATCH', '/account/name', { session, body: {} }))).toEqual(missing('name'));
    expect(rawTriple(await raw('PATCH', '/account/name', { session, body: '{name: "Ada"}' }))).toEqual(missing('name'));
    expect(rawTriple(await raw('PATCH', '/account/name', { session, body: '"Ada"' }))).toEqual(missing('name'));
  });

  it('names an anonymous account', async () => {
    const { account } = sdk();
    await account.createAnonymousSession();
    expect((await account.updateName('Guest')).name).toBe('Guest');
  });
});

describe('account.updatePhone', () => {
  it('sets the phone, resets its verification and returns the Account model', async () => {
    const { account } = sdk();
    const user = await signUp(account);
    await (await emulator.db()).users.update(user.$id, { phoneVerification: true });
    emulator.clock.advance(MINUTE);
    const updated = await account.updatePhone('+4930901820', PASSWORD);
    expectAccountShape(updated);
    expect(updated).toMatchObject({
      $id: user.$id, phone: '+4930901820', phoneVerification: false, passwordUpdate: iso(NOW), $updatedAt: iso(NOW + MINUTE),
    });
    expect((await account.get()).phone).toBe('+4930901820');
  });

  it('accepts 7 and 15 digits, the bounds of Appwrite 1.4.14', async () => {
    const { account } = sdk();
    await signUp(account);
    expect((await account.updatePhone('+1234567', PASSWORD)).phone).toBe('+1234567');
    expect((await account.updatePhone('+123456789012345', PASSWORD)).phone).toBe('+123456789012345');
  });

  it('refuses a wrong password with 401 user_invalid_credentials', async () => {
    const { account } = sdk();
    await signUp(account);
    expect(triple(await error(() => account.updatePhone('+4930901820', 'wrong-password')))).toEqual(INVALID_CREDENTIALS);
    expect((await account.get()).phone).toBe('');
  });

  it('refuses a phone of another user with 409 user_phone_already_exists', async () => {
    const { account } = sdk();
    await signUp(account, 'grace@example.com');
    await account.updatePhone('+4930901820', PASSWORD);
    await signUp(account, 'ada@example.com');
    expect(triple(await error(() => account.updatePhone('+4930901820', PASSWORD)))).toEqual(PHONE_ALREADY_EXISTS);
    expect((await account.updatePhone('+4930901821', PASSWORD)).phone).toBe('+4930901821');
  });

  it('accepts the account\'s own phone again', async () => {
    const { account } = sdk();
    await signUp(account);
    await account.updatePhone('+4930901820', PASSWORD);
    expect((await account.updatePhone('+4930901820', PASSWORD)).phone).toBe('+4930901820');
  });

  it('gives a password-less (anonymous) account the password, needed from then on', async () => {
    const { account } = sdk();
    await account.createAnonymousSession();
    emulator.clock.advance(MINUTE);
    const updated = await account.updatePhone('+4930901820', 'phone-password');
    expect(updated).toMatchObject({ phone: '+4930901820', passwordUpdate: iso(NOW + MINUTE), email: '' });
    expect(triple(await error(() => account.updateEmail('anon@example.com', 'other-password')))).toEqual(INVALID_CREDENTIALS);
    expect((await account.updateEmail('anon@example.com', 'phone-password')).email).toBe('anon@example.com');
  });

  it.each([
    ['without +', '4930901820'],
    ['starting with +0', '+0930901820'],
    ['of 6 digits (1.4.14 wants 7)', '+123456'],
    ['of 16 digits', '+1234567890123456'],
    ['with spaces', '+49 30 901820'],
    ['with letters', '+49abc901820'],
    ['empty', ''],
    ['null', null],
    ['a number', 4930901820],
  ])('refuses a phone %s', async (_, phone) => {
    const { account } = sdk();
    await signUp(account);
    expect(triple(await error(() => account.updatePhone(phone as string, PASSWORD)))).toEqual(invalid('phone', DESCRIPTION.phone));
  });

  it('refuses a short password with the plain Password description', async () => {
    const { account } = sdk();
    await signUp(account);
    expect(triple(await error(() => account.updatePhone('+4930901820', 'short')))).toEqual(invalid('password', DESCRIPTION.password));
  });

  it('refuses a guest with 401 general_unauthorized_scope', async () => {
    const { account } = sdk();
    expect(triple(await error(() => account.updatePhone('+4930901820', PASSWORD)))).toEqual(GUEST);
  });

  it('reports absent params in order (phone, password), and a malformed body as absent params', async () => {
    const { account } = sdk();
    await signUp(account);
    const session = storedSession();
    expect(rawTriple(await raw('PATCH', '/account/phone', { session, body: {} }))).toEqual(missing('phone'));
    expect(rawTriple(await raw('PATCH', '/account/phone', { session, body: { phone: '+4930901820' } }))).toEqual(missing('password'));
    expect(rawTriple(await raw('PATCH', '/account/phone', { session, body: '{"phone":' }))).toEqual(missing('phone'));
  });

  it('lets two users have no phone at all', async () => {
    const { account } = sdk();
    await account.create(ID.unique(), 'grace@example.com', PASSWORD);
    await account.create(ID.unique(), 'bob@example.com', PASSWORD);
    await signUp(account);
    expect((await account.updateName('Ada')).phone).toBe('');
  });
});
