/**
 * Options `smtp: false` and `sms: false`: a server without SMTP or SMS provider. Every route that would send mail
 * answers 503 general_smtp_disabled, every route that would text 503 general_phone_disabled, with the message the
 * route throws (1.9 spec §6.17-6.19, §6.28, §6.39, §7.2, §7.4; 1.4 spec §8.13, §8.19, §8.22, §8.28, §8.30), after
 * its params are validated and before anything is stored. Both servers: SDK 26/28 (1.9.6) and SDK 13 (1.4).
 */
import { Account as Account13, Client as Client13, ID as ID13 } from 'appwrite-13';
import { Account as Account28, Client as Client28 } from 'appwrite-28';
import { beforeEach, describe, expect, it } from 'vitest';
import { ENDPOINT, PROJECT, error, useEmulator } from '../helpers.js';
import { MODERN_SDKS, forgetSession, modernClient, signUp19 } from './modern-sdk-helpers.js';
import { PASSWORD, triple } from './session-helpers.js';

const { emulator } = useEmulator({ smtp: false, sms: false });

const smtp = (message: string) => [503, 'general_smtp_disabled', message];
const PHONE_DISABLED = [503, 'general_phone_disabled', 'Phone provider not configured'];
const PHONE_DISABLED_DEFAULT = [503, 'general_phone_disabled',
  'Phone provider is not configured. Please check the _APP_SMS_PROVIDER environment variable of your Appwrite server.'];

/** Nothing a refused request could have stored: no token, no message (the signed-up users themselves stay). */
async function expectNothingSent() {
  const db = await emulator.db();
  expect(await db.tokens.count()).toBe(0);
  expect(await emulator.inbox.list()).toEqual([]);
}

beforeEach(() => forgetSession());

describe.each(MODERN_SDKS)('without SMTP or SMS provider (%s, Appwrite 1.9.6)', (_, sdk) => {
  it('createMagicURLToken: 503 "SMTP disabled", no user created', async () => {
    const { account } = modernClient(sdk);
    expect(triple(await error(() => account.createMagicURLToken({ userId: sdk.ID.unique(), email: 'ada@example.com', phrase: true }))))
      .toEqual(smtp('SMTP disabled'));
    expect(await (await emulator.db()).users.count()).toBe(0);
    await expectNothingSent();
  });

  it('createEmailToken: 503 "SMTP disabled"', async () => {
    const { account } = modernClient(sdk);
    expect(triple(await error(() => account.createEmailToken({ userId: sdk.ID.unique(), email: 'ada@example.com' }))))
      .toEqual(smtp('SMTP disabled'));
    expect(await (await emulator.db()).users.count()).toBe(0);
    await expectNothingSent();
  });

  it('createPhoneToken: 503 general_phone_disabled "Phone provider not configured"', async () => {
    const { account } = modernClient(sdk);
    expect(triple(await error(() => account.createPhoneToken({ userId: sdk.ID.unique(), phone: '+14155550100' }))))
      .toEqual(PHONE_DISABLED);
    expect(await (await emulator.db()).users.count()).toBe(0);
    await expectNothingSent();
  });

  it('createRecovery: 503 "SMTP Disabled", even for an unknown e-mail (the first check)', async () => {
    const { account } = modernClient(sdk);
    expect(triple(await error(() => account.createRecovery({ email: 'nobody@example.com', url: 'http://localhost/reset' }))))
      .toEqual(smtp('SMTP Disabled'));
    await expectNothingSent();
  });

  it('createVerification and createPhoneVerification: 503 before their own checks (no phone on the user)', async () => {
    const { account } = await signUp19(sdk);
    expect(triple(await error(() => account.createVerification({ url: 'http://localhost/verify' })))).toEqual(smtp('SMTP Disabled'));
    expect(triple(await error(() => account.createPhoneVerification()))).toEqual(PHONE_DISABLED);
    await expectNothingSent();
  });

  it('createMFAChallenge: e-mail 503 "SMTP disabled", phone 503 "Phone provider not configured", before the factor checks; totp unaffected', async () => {
    const { account } = await signUp19(sdk);
    expect(triple(await error(() => account.createMFAChallenge({ factor: 'email' as never })))).toEqual(smtp('SMTP disabled'));
    expect(triple(await error(() => account.createMFAChallenge({ factor: 'phone' as never })))).toEqual(PHONE_DISABLED);
    expect(await (await emulator.db()).challenges.count()).toBe(0);
    await expectNothingSent();
    expect((await account.createMFAChallenge({ factor: 'totp' as never })).userId).toBeTruthy();
  });

  it('validates the params first: a bad e-mail is still 400', async () => {
    const { account } = modernClient(sdk);
    const e = await error(() => account.createEmailToken({ userId: sdk.ID.unique(), email: 'not-an-email' }));
    expect(triple(e)).toEqual([400, 'general_argument_invalid', 'Invalid `email` param: Value must be a valid email address']);
  });

  it('signs in with e-mail and password as ever (nothing to send)', async () => {
    const { session } = await signUp19(sdk);
    expect(session.provider).toBe('email');
  });
});

describe('without SMTP or SMS provider (Cloud 2.x code routes, SDK 28)', () => {
  const account28 = () => new Account28(new Client28().setEndpoint(ENDPOINT).setProject(PROJECT));

  it('createRecoveryOTP and createEmailVerificationOTP: 503 "SMTP Disabled"', async () => {
    expect(triple(await error(() => account28().createRecoveryOTP({ email: 'ada@example.com' })))).toEqual(smtp('SMTP Disabled'));
    await signUp19(MODERN_SDKS[1]![1]);
    expect(triple(await error(() => account28().createEmailVerificationOTP({})))).toEqual(smtp('SMTP Disabled'));
    await expectNothingSent();
  });
});

describe('without SMTP or SMS provider (SDK 13, Appwrite 1.4)', () => {
  const account13 = () => new Account13(new Client13().setEndpoint(ENDPOINT).setProject(PROJECT));

  it('createMagicURLSession: 503 "SMTP disabled"; createPhoneSession: 503 "Phone provider not configured"', async () => {
    expect(triple(await error(() => account13().createMagicURLSession(ID13.unique(), 'ada@example.com')))).toEqual(smtp('SMTP disabled'));
    expect(triple(await error(() => account13().createPhoneSession(ID13.unique(), '+14155550100')))).toEqual(PHONE_DISABLED);
    expect(await (await emulator.db()).users.count()).toBe(0);
    await expectNothingSent();
  });

  it('createRecovery and createVerification: 503 "SMTP Disabled"; createPhoneVerification: the default text', async () => {
    const account = account13();
    await account.create(ID13.unique(), 'ada@example.com', PASSWORD);
    expect(triple(await error(() => account.createRecovery('ada@example.com', 'http://localhost/reset')))).toEqual(smtp('SMTP Disabled'));
    await account.createEmailSession('ada@example.com', PASSWORD);
    expect(triple(await error(() => account.createVerification('http://localhost/verify')))).toEqual(smtp('SMTP Disabled'));
    expect(triple(await error(() => account.createPhoneVerification()))).toEqual(PHONE_DISABLED_DEFAULT);
    await expectNothingSent();
  });
});
