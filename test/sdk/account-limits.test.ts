/**
 * account.create under the project's gates (spec §1 step 11, §8.2): the user limit `auth.limit`
 * (501 user_count_exceeded) and the e-mail/password method switch `auth.methods.emailPassword`
 * (501 user_auth_method_unsupported), on emulators of their own.
 */
import { ID } from 'appwrite-13';
import { describe, expect, it } from 'vitest';
import { error, sdk, useEmulator } from '../helpers.js';
import {
  COUNT_EXCEEDED, invalid, DESCRIPTION, PASSWORD, quietSdkNotice, raw, rawTriple, storedSession, triple, useSecondEmulatorSdk,
} from './account-helpers.js';

const { emulator, server } = useEmulator({ auth: { limit: 2 } });
const noEmailPassword = useSecondEmulatorSdk(server, 'no-email-password', { auth: { methods: { emailPassword: false } } });
quietSdkNotice();

const METHOD_DISABLED = [501, 'user_auth_method_unsupported', 'Email / Password authentication is disabled for this project'];

describe('account.create with auth.limit', () => {
  it('creates users up to the limit, then answers 501 user_count_exceeded', async () => {
    const { account } = sdk();
    await account.create(ID.unique(), 'one@example.com', PASSWORD);
    await account.create(ID.unique(), 'two@example.com', PASSWORD);
    expect(triple(await error(() => account.create(ID.unique(), 'three@example.com', PASSWORD)))).toEqual(COUNT_EXCEEDED);
    expect(await (await emulator.db()).users.count()).toBe(2);
  });

  it('counts anonymous users too', async () => {
    const { account } = sdk();
    await account.createAnonymousSession();
    await account.create(ID.unique(), 'one@example.com', PASSWORD);
    expect(triple(await error(() => account.create(ID.unique(), 'two@example.com', PASSWORD)))).toEqual(COUNT_EXCEEDED);
  });

  it('checks the limit before duplicates: a taken e-mail at the limit is 501, not 409', async () => {
    const { account } = sdk();
    await account.create('one', 'one@example.com', PASSWORD);
    await account.create(ID.unique(), 'two@example.com', PASSWORD);
    expect(triple(await error(() => account.create('one', 'one@example.com', PASSWORD)))).toEqual(COUNT_EXCEEDED);
  });

  it('checks the params before the limit', async () => {
    const { account } = sdk();
    await account.create(ID.unique(), 'one@example.com', PASSWORD);
    await account.create(ID.unique(), 'two@example.com', PASSWORD);
    expect(triple(await error(() => account.create(ID.unique(), 'not-an-email', PASSWORD)))).toEqual(invalid('email', DESCRIPTION.email));
  });

  it('leaves existing users untouched: they still sign in and update their account', async () => {
    const { account } = sdk();
    await account.create(ID.unique(), 'one@example.com', PASSWORD);
    await account.create(ID.unique(), 'two@example.com', PASSWORD);
    await account.createEmailSession('two@example.com', PASSWORD);
    expect((await account.updateName('Two')).name).toBe('Two');
  });
});

describe('account.create with auth.methods.emailPassword false', () => {
  it('answers 501 user_auth_method_unsupported with Appwrite\'s message', async () => {
    const { account } = noEmailPassword.sdk();
    expect(triple(await error(() => account.create(ID.unique(), 'ada@example.com', PASSWORD)))).toEqual(METHOD_DISABLED);
    expect(await (await noEmailPassword.emulator.db()).users.count()).toBe(0);
  });

  it('closes the gate before the params are validated', async () => {
    const { account } = noEmailPassword.sdk();
    expect(triple(await error(() => account.create('_bad', 'not-an-email', 'short')))).toEqual(METHOD_DISABLED);
    const endpoint = noEmailPassword.emulator.config.endpoint;
    expect(rawTriple(await raw('POST', '/account', { endpoint, body: {} }))).toEqual(METHOD_DISABLED);
  });

  it('also closes e-mail sign-in, but not the account routes outside the gate', async () => {
    const { account } = noEmailPassword.sdk();
    expect(triple(await error(() => account.createEmailSession('ada@example.com', PASSWORD)))).toEqual(METHOD_DISABLED);
    await account.createAnonymousSession();
    expect((await account.updateName('Anon')).name).toBe('Anon');
    // PATCH /account/email is not in Appwrite's auth group: it still converts the anonymous account.
    expect((await account.updateEmail('anon@example.com', PASSWORD)).email).toBe('anon@example.com');
    expect(storedSession()).not.toBeNull();
  });
});
