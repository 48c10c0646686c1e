/**
 * PATCH /account/email (account.updateEmail) and PATCH /account/password (account.updatePassword) through the
 * real SDK (spec §8.3, §8.9), including how anonymous accounts are converted.
 */
import { ID } from 'appwrite-13';
import { describe, expect, it } from 'vitest';
import { error, sdk, useEmulator } from '../helpers.js';
import {
  DESCRIPTION, EMAIL_ALREADY_EXISTS, expectAccountShape, freshPage, GUEST, INVALID_CREDENTIALS, invalid, iso, MINUTE,
  missing, NOW, PASSWORD, quietSdkNotice, raw, rawTriple, signUp, storedSession, triple,
} from './account-helpers.js';

const { emulator } = useEmulator();
quietSdkNotice();

async function addIdentity(userId: string, email: string) {
  await (await emulator.db()).identities.add({
    $id: `identity-${userId}`, $createdAt: NOW, $updatedAt: NOW, userId, provider: 'github', providerUid: `gh-${userId}`,
    providerEmail: email, providerAccessToken: 'token', providerRefreshToken: '', providerAccessTokenExpiry: null,
  });
}

describe('account.updateEmail', () => {
  it('changes the e-mail (lower-cased), resets its verification and keeps the password', async () => {
    const { account } = sdk();
    const user = await signUp(account);
    await (await emulator.db()).users.update(user.$id, { emailVerification: true });
    emulator.clock.advance(MINUTE);
    const updated = await account.updateEmail('Ada.L@Example.com', PASSWORD);
    expectAccountShape(updated);
    expect(updated).toMatchObject({
      $id: user.$id, email: 'ada.l@example.com', emailVerification: false, passwordUpdate: iso(NOW),
      $updatedAt: iso(NOW + MINUTE), $createdAt: iso(NOW),
    });
    expect(await account.get()).toEqual(updated);
    const other = freshPage().account;
    expect(triple(await error(() => other.createEmailSession('ada@example.com', PASSWORD)))).toEqual(INVALID_CREDENTIALS);
    await other.createEmailSession('ada.l@example.com', PASSWORD);
  });

  it('accepts the account\'s own e-mail again', async () => {
    const { account } = sdk();
    await signUp(account);
    expect((await account.updateEmail('ADA@example.com', PASSWORD)).email).toBe('ada@example.com');
  });

  it('refuses a wrong password with 401 user_invalid_credentials and changes nothing', async () => {
    const { account } = sdk();
    await signUp(account);
    expect(triple(await error(() => account.updateEmail('new@example.com', 'wrong-password')))).toEqual(INVALID_CREDENTIALS);
    expect((await account.get()).email).toBe('ada@example.com');
  });

  it('refuses an e-mail of another user, whatever its case, with 409 user_email_already_exists', async () => {
    const { account } = sdk();
    await account.create(ID.unique(), 'grace@example.com', PASSWORD);
    await signUp(account);
    expect(triple(await error(() => account.updateEmail('Grace@Example.com', PASSWORD)))).toEqual(EMAIL_ALREADY_EXISTS);
  });

  it('refuses an e-mail of another user\'s OAuth identity, and accepts one of its own', async () => {
    const { account } = sdk();
    const grace = await account.create(ID.unique(), 'grace@example.com', PASSWORD);
    const ada = await signUp(account);
    await addIdentity(grace.$id, 'grace.gh@example.com');
    await addIdentity(ada.$id, 'ada.gh@example.com');
    expect(triple(await error(() => account.updateEmail('grace.gh@example.com', PASSWORD)))).toEqual(EMAIL_ALREADY_EXISTS);
    expect((await account.updateEmail('ada.gh@example.com', PASSWORD)).email).toBe('ada.gh@example.com');
  });

  it('checks the password before the e-mail is looked up', async () => {
    const { account } = sdk();
    await account.create(ID.unique(), 'grace@example.com', PASSWORD);
    await signUp(account);
    expect(triple(await error(() => account.updateEmail('grace@example.com', 'wrong-password')))).toEqual(INVALID_CREDENTIALS);
  });

  it('refuses a guest with 401 general_unauthorized_scope', async () => {
    const { account } = sdk();
    expect(triple(await error(() => account.updateEmail('ada@example.com', PASSWORD)))).toEqual(GUEST);
  });

  it('converts an anonymous account: e-mail and password set, same id, e-mail sign-in works', async () => {
    const { account } = sdk();
    await account.createAnonymousSession();
    const anonymous = await account.get();
    emulator.clock.advance(MINUTE);
    const converted = await account.updateEmail('Anon@Example.com', 'anon-password');
    expectAccountShape(converted);
    expect(converted).toMatchObject({ $id: anonymous.$id, email: 'anon@example.com', passwordUpdate: iso(NOW + MINUTE) });
    const stored = await (await emulator.db()).users.get(anonymous.$id);
    expect(stored?.password).toMatch(/^\$argon2id\$/);
    const other = freshPage().account;
    const session = await other.createEmailSession('anon@example.com', 'anon-password');
    expect(session.userId).toBe(anonymous.$id);
    expect((await other.get()).$id).toBe(anonymous.$id);
  });

  it('needs the password set by the conversion from then on', async () => {
    const { account } = sdk();
    await account.createAnonymousSession();
    await account.updateEmail('anon@example.com', 'anon-password');
    expect(triple(await error(() => account.updateEmail('anon2@example.com', 'other-password')))).toEqual(INVALID_CREDENTIALS);
    expect((await account.updateEmail('anon2@example.com', 'anon-password')).email).toBe('anon2@example.com');
  });

  it('keeps the caller\'s session', async () => {
    const { account } = sdk();
    await signUp(account);
    const before = storedSession();
    await account.updateEmail('new@example.com', PASSWORD);
    expect(storedSession()).toBe(before);
    expect((await account.listSessions()).total).toBe(1);
  });

  it.each([
    ['invalid', 'not-an-email', invalid('email', DESCRIPTION.email)],
    ['null', null, invalid('email', DESCRIPTION.email)],
    ['a number', 1, invalid('email', DESCRIPTION.email)],
  ])('refuses an e-mail that is %s', async (_, email, expected) => {
    const { account } = sdk();
    await signUp(account);
    expect(triple(await error(() => account.updateEmail(email as string, PASSWORD)))).toEqual(expected);
  });

  it.each([
    ['of 7 chars', '1234567'],
    ['null', null],
    ['an object', { a: 1 }],
  ])('refuses a password %s with the plain Password description', async (_, password) => {
    const { account } = sdk();
    await signUp(account);
    expect(triple(await error(() => account.updateEmail('new@example.com', password as string)))).toEqual(invalid('password', DESCRIPTION.password));
  });

  it('reports absent params in order (email, password) and a malformed body as absent params', async () => {
    const { account } = sdk();
    await signUp(account);
    const session = storedSession();
    expect(rawTriple(await raw('PATCH', '/account/email', { session, body: {} }))).toEqual(missing('email'));
    expect(rawTriple(await raw('PATCH', '/account/email', { session, body: { email: 'new@example.com' } }))).toEqual(missing('password'));
    expect(rawTriple(await raw('PATCH', '/account/email', { session, body: '{"email": "new@ex' }))).toEqual(missing('email'));
  });
});

describe('account.updatePassword', () => {
  it('replaces the password: new one signs in, old one no longer does', async () => {
    const { account } = sdk();
    const user = await signUp(account);
    emulator.clock.advance(MINUTE);
    const updated = await account.updatePassword('new-password', PASSWORD);
    expectAccountShape(updated);
    expect(updated).toMatchObject({ $id: user.$id, passwordUpdate: iso(NOW + MINUTE), $updatedAt: iso(NOW + MINUTE) });
    const other = freshPage().account;
    expect(triple(await error(() => other.createEmailSession('ada@example.com', PASSWORD)))).toEqual(INVALID_CREDENTIALS);
    await other.createEmailSession('ada@example.com', 'new-password');
  });

  it('keeps the existing sessions', async () => {
    const { account } = sdk();
    await signUp(account);
    await account.updatePassword('new-password', PASSWORD);
    expect((await account.get()).email).toBe('ada@example.com');
  });

  it('refuses a missing or wrong oldPassword with 401 user_invalid_credentials', async () => {
    const { account } = sdk();
    await signUp(account);
    expect(triple(await error(() => account.updatePassword('new-password')))).toEqual(INVALID_CREDENTIALS);
    expect(triple(await error(() => account.updatePassword('new-password', 'wrong-password')))).toEqual(INVALID_CREDENTIALS);
    await freshPage().account.createEmailSession('ada@example.com', PASSWORD);
  });

  it('refuses an explicit empty oldPassword with 400 (an optional param is validated when sent)', async () => {
    const { account } = sdk();
    await signUp(account);
    expect(triple(await error(() => account.updatePassword('new-password', '')))).toEqual(invalid('oldPassword', DESCRIPTION.password));
  });

  it('lets a password-less (anonymous) user set a password without oldPassword', async () => {
    const { account } = sdk();
    await account.createAnonymousSession();
    const updated = await account.updatePassword('first-password');
    expect(updated.passwordUpdate).toBe(iso(NOW));
    expect(updated.email).toBe('');
    expect(triple(await error(() => account.updatePassword('second-password')))).toEqual(INVALID_CREDENTIALS);
    expect((await account.updatePassword('second-password', 'first-password')).$id).toBe(updated.$id);
  });

  it.each([
    ['of 7 chars', '1234567'],
    ['empty', ''],
    ['null', null],
    ['a number', 123456789],
  ])('refuses a new password %s with the dictionary description', async (_, password) => {
    const { account } = sdk();
    await signUp(account);
    expect(triple(await error(() => account.updatePassword(password as string, PASSWORD)))).toEqual(invalid('password', DESCRIPTION.dictionary));
  });

  it('validates password before oldPassword', async () => {
    const { account } = sdk();
    await signUp(account);
    expect(triple(await error(() => account.updatePassword('short', 'x')))).toEqual(invalid('password', DESCRIPTION.dictionary));
  });

  it('refuses a guest with 401 general_unauthorized_scope', async () => {
    const { account } = sdk();
    expect(triple(await error(() => account.updatePassword('new-password', PASSWORD)))).toEqual(GUEST);
  });

  it('reports an absent password, and a malformed body as one', async () => {
    const { account } = sdk();
    await signUp(account);
    const session = storedSession();
    expect(rawTriple(await raw('PATCH', '/account/password', { session, body: { oldPassword: PASSWORD } }))).toEqual(missing('password'));
    expect(rawTriple(await raw('PATCH', '/account/password', { session, body: '[1,' }))).toEqual(missing('password'));
  });
});
