/**
 * The project's password options (spec §5) on account.create, updatePassword and the routes they do not apply
 * to: `auth.passwordDictionary` (Appwrite's 10 000 common passwords), `auth.personalDataCheck`,
 * `auth.passwordHistory`. A file of its own: useEmulator() sets up one emulator per file.
 */
import { ID } from 'appwrite-13';
import { describe, expect, it } from 'vitest';
import { error, sdk, useEmulator } from '../helpers.js';
import {
  DESCRIPTION, freshPage, INVALID_CREDENTIALS, invalid, PERSONAL_DATA, quietSdkNotice, RECENTLY_USED, signUp, triple,
} from './account-helpers.js';

const { emulator } = useEmulator({ auth: { passwordHistory: 2, passwordDictionary: true, personalDataCheck: true } });
quietSdkNotice();

const COMMON = invalid('password', DESCRIPTION.dictionary);

describe('account.create with the password options on', () => {
  it.each(['password', '12345678', 'iloveyou!', 'baseball', 'qwertyuiop', 'password1'])(
    'refuses the common password %s with the dictionary description', async (password) => {
      const { account } = sdk();
      expect(triple(await error(() => account.create(ID.unique(), 'grace@example.com', password)))).toEqual(COMMON);
      expect(await (await emulator.db()).users.count()).toBe(0);
    },
  );

  it('matches the list exactly and case-sensitively', async () => {
    const { account } = sdk();
    await account.create(ID.unique(), 'one@example.com', 'Password');
    await account.create(ID.unique(), 'two@example.com', 'PASSWORD1');
    await account.create(ID.unique(), 'three@example.com', 'password!');
    expect(await (await emulator.db()).users.count()).toBe(3);
  });

  it.each([
    ['the e-mail', 'my grace@example.com key'],
    ['the e-mail\'s local part, in another case', 'xxGRACExx99'],
    ['the name', 'hopper-rules'],
    ['the custom id', 'gh-2024-secret'],
  ])('refuses a password containing %s with 400 password_personal_data', async (_, password) => {
    const { account } = sdk();
    const e = await error(() => account.create('gh-2024', 'grace@example.com', password, 'Hopper'));
    expect(triple(e)).toEqual(PERSONAL_DATA);
  });

  it('checks the userId as sent, so with ID.unique() the literal "unique()" counts (Appwrite quirk)', async () => {
    const { account } = sdk();
    expect(triple(await error(() => account.create(ID.unique(), 'grace@example.com', 'my-unique()-pw')))).toEqual(PERSONAL_DATA);
  });

  it('skips what PHP finds empty: a name of "0" does not forbid the digit 0', async () => {
    const { account } = sdk();
    expect((await account.create(ID.unique(), 'grace@example.com', 'safe-pass-0', '0')).name).toBe('0');
  });

  it('guards the local-part check by the whole e-mail, so a local part of "0" still counts', async () => {
    const { account } = sdk();
    expect(triple(await error(() => account.create(ID.unique(), '0@example.com', 'safe-pass-0')))).toEqual(PERSONAL_DATA);
  });

  it('lowers ASCII letters only, as PHP\'s strtolower does', async () => {
    const { account } = sdk();
    expect((await account.create(ID.unique(), 'grace@example.com', 'my-ädam-pass', 'Ädam')).name).toBe('Ädam');
    expect(triple(await error(() => account.create(ID.unique(), 'bob@example.com', 'my-Ädam-pass', 'Ädam')))).toEqual(PERSONAL_DATA);
  });

  it('checks the dictionary (a param rule) before the personal data (an action rule)', async () => {
    const { account } = sdk();
    expect(triple(await error(() => account.create('password', 'password@example.com', 'password')))).toEqual(COMMON);
  });
});

describe('account.updatePassword with the password options on', () => {
  it('refuses a common password with the dictionary description', async () => {
    const { account } = sdk();
    await signUp(account, 'grace@example.com', 'first-secret-1', 'Grace');
    expect(triple(await error(() => account.updatePassword('password', 'first-secret-1')))).toEqual(COMMON);
  });

  it('refuses the id, e-mail, name and phone (with or without +) with 400 password_personal_data', async () => {
    const { account } = sdk();
    const user = await signUp(account, 'grace@example.com', 'first-secret-1', 'Hopper');
    await account.updatePhone('+4930901820', 'first-secret-1');
    for (const password of [`x${user.$id}x`, 'GRACE@example.com!', 'xHOPPERx', 'pw+4930901820', 'pw4930901820']) {
      expect(triple(await error(() => account.updatePassword(password, 'first-secret-1'))), password).toEqual(PERSONAL_DATA);
    }
    expect((await account.updatePassword('second-secret-2', 'first-secret-1')).$id).toBe(user.$id);
  });

  it('refuses the current and the last passwords with 400 password_recently_used, keeping the last 2', async () => {
    const { account } = sdk();
    await signUp(account, 'grace@example.com', 'first-secret-1', 'Grace');
    expect(triple(await error(() => account.updatePassword('first-secret-1', 'first-secret-1')))).toEqual(RECENTLY_USED);
    await account.updatePassword('second-secret-2', 'first-secret-1');
    expect(triple(await error(() => account.updatePassword('first-secret-1', 'second-secret-2')))).toEqual(RECENTLY_USED);
    await account.updatePassword('third-secret-3', 'second-secret-2');
    // History is [second, third]: the first one has dropped out.
    expect(triple(await error(() => account.updatePassword('second-secret-2', 'third-secret-3')))).toEqual(RECENTLY_USED);
    await account.updatePassword('first-secret-1', 'third-secret-3');
    await freshPage().account.createEmailSession('grace@example.com', 'first-secret-1');
  });

  it('checks oldPassword first, then the history, then the personal data', async () => {
    const { account } = sdk();
    await signUp(account, 'grace@example.com', 'hopper-secret-1', 'Grace');
    await account.updateName('Hopper'); // the current password now also contains the name
    expect(triple(await error(() => account.updatePassword('hopper-secret-1', 'wrong-password')))).toEqual(INVALID_CREDENTIALS);
    expect(triple(await error(() => account.updatePassword('hopper-secret-1', 'hopper-secret-1')))).toEqual(RECENTLY_USED);
    expect(triple(await error(() => account.updatePassword('hopper-secret-2', 'hopper-secret-1')))).toEqual(PERSONAL_DATA);
  });

  it('lets an anonymous user set a first password under the same rules', async () => {
    const { account } = sdk();
    await account.createAnonymousSession();
    const me = await account.get();
    expect(triple(await error(() => account.updatePassword('12345678')))).toEqual(COMMON);
    expect(triple(await error(() => account.updatePassword(`pw-${me.$id}`)))).toEqual(PERSONAL_DATA);
    expect((await account.updatePassword('anon-secret-1')).passwordUpdate).not.toBe('');
  });
});

describe('routes the password options do not apply to', () => {
  it('account.updateEmail converts an anonymous account with a common, personal password', async () => {
    const { account } = sdk();
    await account.createAnonymousSession();
    expect((await account.updateEmail('password@example.com', 'password')).email).toBe('password@example.com');
    await freshPage().account.createEmailSession('password@example.com', 'password');
  });

  it('account.updatePhone sets a first password without the dictionary', async () => {
    const { account } = sdk();
    await account.createAnonymousSession();
    expect((await account.updatePhone('+4930901820', '12345678')).phone).toBe('+4930901820');
  });

  it('account.createEmailSession signs in with a password the dictionary would refuse today', async () => {
    const { account } = sdk();
    await account.createAnonymousSession();
    await account.updateEmail('grace@example.com', 'baseball');
    const session = await freshPage().account.createEmailSession('grace@example.com', 'baseball');
    expect(session.provider).toBe('email');
  });
});
