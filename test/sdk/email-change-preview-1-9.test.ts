/**
 * Two 1.9.6 details of e-mails through SDK 26 and 28: a changed e-mail is parsed like a new one (emailCanonical,
 * emailIs*), and every 1.9.6 mail carries its preview line (preheader) into the inbox. SDK 13 (Appwrite 1.4) has
 * neither.
 */
import { Account as Account13, Client as Client13, ID as ID13 } from 'appwrite-13';
import { describe, expect, it } from 'vitest';
import { ENDPOINT, PROJECT, useEmulator } from '../helpers.js';
import { MODERN_SDKS, forgetSession, modernClient, signUp19 } from './modern-sdk-helpers.js';
import { PASSWORD } from './session-helpers.js';
import { onlyMessage } from './token-helpers.js';

const { emulator } = useEmulator();

const PARSED_KEYS = ['emailCanonical', 'emailIsFree', 'emailIsDisposable', 'emailIsCorporate', 'emailIsCanonical'] as const;
const parsed = (user: Record<string, unknown>) => Object.fromEntries(PARSED_KEYS.map((k) => [k, user[k]]));

const client13 = () => new Account13(new Client13().setEndpoint(ENDPOINT).setProject(PROJECT));

describe.each(MODERN_SDKS)('account.updateEmail re-parses the e-mail (%s)', (_, sdk) => {
  it('answers the new address\'s canonical form and kind, as account creation gives for it', async () => {
    // Account creation's answer for the address, then the address is freed for the second user.
    const first = await signUp19(sdk, 'Grace.Hopper+work@Gmail.com', 'Grace');
    expect(parsed(first.user)).toEqual({
      emailCanonical: 'gracehopper@gmail.com', emailIsFree: true, emailIsDisposable: false, emailIsCorporate: false, emailIsCanonical: false,
    });
    await first.account.updateEmail({ email: 'grace@navy.example', password: PASSWORD });

    const { account } = await signUp19(sdk, 'ada@example.com');
    const updated = await account.updateEmail({ email: 'Grace.Hopper+work@Gmail.com', password: PASSWORD });
    expect(updated.email).toBe('grace.hopper+work@gmail.com');
    expect(parsed(updated)).toEqual(parsed(first.user));
    expect(parsed(await account.get())).toEqual(parsed(first.user));
  });

  it('turns a free address into a corporate one (and back to canonical)', async () => {
    const { account } = await signUp19(sdk, 'ada+test@mailinator.com');
    const updated = await account.updateEmail({ email: 'ada@example.com', password: PASSWORD });
    expect(parsed(updated)).toEqual({
      emailCanonical: 'ada@example.com', emailIsFree: false, emailIsDisposable: false, emailIsCorporate: true, emailIsCanonical: true,
    });
  });

  it('marks a disposable address as disposable, not corporate', async () => {
    const { account } = await signUp19(sdk, 'ada@example.com');
    const updated = await account.updateEmail({ email: 'ada+x@mailinator.com', password: PASSWORD });
    expect(parsed(updated)).toEqual({
      emailCanonical: 'ada@mailinator.com', emailIsFree: false, emailIsDisposable: true, emailIsCorporate: false, emailIsCanonical: false,
    });
  });
});

describe('account.updateEmail through SDK 13 (Appwrite 1.4)', () => {
  it('stores no parser fields: 1.4 has none', async () => {
    forgetSession();
    const account = client13();
    const user = await account.create(ID13.unique(), 'ada@example.com', PASSWORD);
    await account.createEmailSession('ada@example.com', PASSWORD);
    await account.updateEmail('Grace.Hopper+work@Gmail.com', PASSWORD);
    const stored = (await (await emulator.db()).users.get(user.$id))!;
    expect(stored.email).toBe('grace.hopper+work@gmail.com');
    for (const key of PARSED_KEYS) expect(stored[key], key).toBeUndefined();
  });
});

describe.each(MODERN_SDKS)('the preview line of 1.9.6 mails (%s)', (_, sdk) => {
  it('magic URL: "Sign in to <project> with your secure link. Expires in 1 hour."', async () => {
    forgetSession();
    await modernClient(sdk).account.createMagicURLToken({ userId: sdk.ID.unique(), email: 'ada@example.com' });
    const mail = await onlyMessage(emulator, { kind: 'magic-url' });
    expect(mail.preview).toBe('Sign in to test-project with your secure link. Expires in 1 hour.');
    // Documented key order: the preview follows the subject.
    expect(Object.keys(mail).slice(0, 6)).toEqual(['id', 'channel', 'kind', 'to', 'subject', 'preview']);
  });

  it('e-mail OTP: the code is in the preview', async () => {
    forgetSession();
    await modernClient(sdk).account.createEmailToken({ userId: sdk.ID.unique(), email: 'ada@example.com' });
    const mail = await onlyMessage(emulator, { kind: 'email-otp' });
    expect(mail.preview).toBe(`Use OTP ${mail.secret} to sign in to test-project. Expires in 15 minutes.`);
  });

  it('recovery and verification: their own preview lines', async () => {
    const { account } = await signUp19(sdk, 'ada@example.com');
    await account.createVerification({ url: 'http://localhost/verify' });
    expect((await onlyMessage(emulator, { kind: 'verification' })).preview).toBe('Verify your email to activate your test-project account.');
    await account.createRecovery({ email: 'ada@example.com', url: 'http://localhost/reset' });
    expect((await onlyMessage(emulator, { kind: 'recovery' })).preview).toBe('Reset your test-project password using the link.');
  });

  it('SMS have none', async () => {
    forgetSession();
    await modernClient(sdk).account.createPhoneToken({ userId: sdk.ID.unique(), phone: '+14155550100' });
    expect((await onlyMessage(emulator, { kind: 'phone-session' })).preview).toBeUndefined();
  });
});

describe('mails through SDK 13 (Appwrite 1.4)', () => {
  it('carry no preview line: 1.4\'s mails had none', async () => {
    forgetSession();
    const account = client13();
    await account.create(ID13.unique(), 'ada@example.com', PASSWORD);
    await account.createRecovery('ada@example.com', 'http://localhost/reset');
    await account.createMagicURLSession(ID13.unique(), 'grace@example.com');
    for (const mail of await emulator.inbox.list()) expect(mail, mail.kind).not.toHaveProperty('preview');
    expect(await emulator.inbox.list()).toHaveLength(2);
  });
});
