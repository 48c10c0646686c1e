/**
 * POST /account as Appwrite 1.9.6 answers SDKs 26 and 28: the Account with every 1.9.6 key, the e-mail parser's
 * fields, the email target, 1.9.6's password validator, and its errors (identity guard 400, user limit 400).
 */
import { Account as Account13, Client as Client13 } from 'appwrite-13';
import { describe, expect, it } from 'vitest';
import { ENDPOINT, PROJECT, error, useEmulator, useSecondEmulator } from '../helpers.js';
import { NOW, RATE_LIMITED, iso, triple } from './session-helpers.js';
import { BAD_REQUEST, COUNT_EXCEEDED, SDKS, account19, addIdentity, disabled, expectAccount19, invalidParam } from './sdk19-helpers.js';
import { trackStatuses } from './token-helpers.js';

const { emulator, server } = useEmulator();
const statuses = trackStatuses(server);
const strict = useSecondEmulator(server, 'strict-19', { auth: { passwordDictionary: true, personalDataCheck: true, limit: 1 } });
const noPassword = useSecondEmulator(server, 'nopw-19', { auth: { methods: { emailPassword: false } } });
const PASSWORD = 'password123';
const LENGTH = 'Password must be between 8 and 256 characters long.';

describe.each(SDKS)('account.create ($name)', (sdk) => {
  it('answers 201 with every 1.9.6 Account key, the parsed e-mail and its email target', async () => {
    const user = await account19(sdk).account.create({ userId: 'ada', email: 'Ada@Example.com', password: PASSWORD, name: 'Ada' });
    expect(statuses.at(-1)).toBe(201);
    expectAccount19(user, {
      $id: 'ada', $createdAt: iso(NOW), $updatedAt: iso(NOW), name: 'Ada', registration: iso(NOW), status: true, labels: [],
      passwordUpdate: iso(NOW), email: 'ada@example.com', phone: '', emailVerification: false, emailCanonical: 'ada@example.com',
      emailIsFree: false, emailIsDisposable: false, emailIsCorporate: true, emailIsCanonical: true, phoneVerification: false,
      mfa: false, prefs: {}, accessedAt: iso(NOW),
    });
    expect(user.targets).toEqual([{
      $id: expect.stringMatching(/^[0-9a-f]{20}$/), $createdAt: iso(NOW), $updatedAt: iso(NOW), name: '', userId: 'ada',
      providerId: null, providerType: 'email', identifier: 'ada@example.com', expired: false,
    }]);
  });

  it('canonicalises gmail addresses (dots and +tag) and marks free and disposable providers', async () => {
    const { account } = account19(sdk);
    expect(await account.create({ userId: 'g', email: 'Ada.Lovelace+news@Gmail.com', password: PASSWORD })).toMatchObject({
      email: 'ada.lovelace+news@gmail.com', emailCanonical: 'adalovelace@gmail.com', emailIsFree: true, emailIsDisposable: false,
      emailIsCorporate: false, emailIsCanonical: false,
    });
    expect(await account.create({ userId: 'm', email: 'bob+x@mailinator.com', password: PASSWORD })).toMatchObject({
      emailCanonical: 'bob@mailinator.com', emailIsFree: false, emailIsDisposable: true, emailIsCorporate: false, emailIsCanonical: false,
    });
  });

  it('refuses passwords shorter than 8 or longer than 256 bytes with 1.9.6\'s text', async () => {
    const { account } = account19(sdk);
    expect(triple(await error(() => account.create({ userId: 'ada', email: 'ada@example.com', password: 'short' })))).toEqual(invalidParam('password', LENGTH));
    expect(triple(await error(() => account.create({ userId: 'ada', email: 'ada@example.com', password: 'x'.repeat(257) })))).toEqual(invalidParam('password', LENGTH));
    await account.create({ userId: 'ada', email: 'ada@example.com', password: 'x'.repeat(256) });
    expect(statuses.at(-1)).toBe(201);
  });

  it('with the dictionary on, refuses a common password with 1.9.6\'s text ("265", sic)', async () => {
    const { account } = account19(sdk, strict.config.endpoint);
    expect(triple(await error(() => account.create({ userId: 'ada', email: 'ada@example.com', password: 'password' })))).toEqual(invalidParam('password',
      'Password must be between 8 and 265 characters long, and should not be one of the commonly used password.'));
  });

  it('with personalDataCheck on, refuses a password holding the name', async () => {
    const { account } = account19(sdk, strict.config.endpoint);
    expect(triple(await error(() => account.create({ userId: 'ada', email: 'ada@example.com', password: 'lovelace-rules', name: 'Lovelace' })))).toEqual([
      400, 'password_personal_data', 'The password you are trying to use contains references to your name, email, phone or userID. For your security, please choose a different password and try again.']);
  });

  it('answers 400 user_count_exceeded past the user limit', async () => {
    const { account } = account19(sdk, strict.config.endpoint);
    await account.create({ userId: 'ada', email: 'ada@example.com', password: 'Xy7#kq2!vb' });
    expect(triple(await error(() => account.create({ userId: 'bob', email: 'bob@example.com', password: 'Xy7#kq2!vb' })))).toEqual(COUNT_EXCEEDED);
  });

  it('answers 400 general_bad_request for the e-mail of an OAuth identity (nothing stored)', async () => {
    await addIdentity(emulator, 'ada@example.com');
    expect(triple(await error(() => account19(sdk).account.create({ userId: 'ada', email: 'ADA@example.com', password: PASSWORD })))).toEqual(BAD_REQUEST);
    expect(await (await emulator.db()).users.count()).toBe(0);
  });

  it('answers 409 user_already_exists for a taken id or e-mail', async () => {
    const { account } = account19(sdk);
    await account.create({ userId: 'ada', email: 'ada@example.com', password: PASSWORD });
    const taken = [409, 'user_already_exists', 'A user with the same id, email, or phone already exists in this project.'];
    expect(triple(await error(() => account.create({ userId: 'ada', email: 'other@example.com', password: PASSWORD })))).toEqual(taken);
    expect(triple(await error(() => account.create({ userId: 'bob', email: 'Ada@example.com', password: PASSWORD })))).toEqual(taken);
  });

  it('answers 501 when e-mail/password sign-up is disabled', async () => {
    expect(triple(await error(() => account19(sdk, noPassword.config.endpoint).account.create({ userId: 'ada', email: 'ada@example.com', password: PASSWORD }))))
      .toEqual(disabled('Email / Password'));
  });

  it('is allowed while signed in (POST /account is not in the session group)', async () => {
    const { account } = account19(sdk);
    await account.create({ userId: 'ada', email: 'ada@example.com', password: PASSWORD });
    await account.createEmailPasswordSession({ email: 'ada@example.com', password: PASSWORD });
    await account.create({ userId: 'bob', email: 'bob@example.com', password: PASSWORD });
    expect(statuses.at(-1)).toBe(201);
  });

  it('allows 10 sign-ups per IP an hour, then 429', async () => {
    const { account } = account19(sdk);
    for (let i = 0; i < 10; i++) await account.create({ userId: `u${i}`, email: `u${i}@example.com`, password: PASSWORD });
    expect(triple(await error(() => account.create({ userId: 'u10', email: 'u10@example.com', password: PASSWORD })))).toEqual(RATE_LIMITED);
  });

  it('an account SDK 13 created (Appwrite 1.4) has no target and no parsed e-mail when SDK 26/28 read it', async () => {
    const old = new Account13(new Client13().setEndpoint(ENDPOINT).setProject(PROJECT));
    const created = await old.create('ada', 'ada@example.com', PASSWORD);
    expect(created).not.toHaveProperty('targets');
    const { account } = account19(sdk);
    await account.createEmailPasswordSession({ email: 'ada@example.com', password: PASSWORD });
    expectAccount19(await account.get(), { targets: [], emailCanonical: null, emailIsFree: null, emailIsCanonical: null, mfa: false });
  });
});
