/**
 * 1.9.6's phone rules through SDK 26 and 28: the Phone validator parses numbers with libphonenumber (a country
 * calling code that does not exist is refused, 1.9 spec §6.0), and `auth.mockNumbers` gives fixed codes that are
 * never texted (§6.19 step 3, §6.39). SDK 13 (Appwrite 1.4) keeps the plain pattern and has no mock numbers.
 */
import { Account as Account13, Client as Client13, ID as ID13 } from 'appwrite-13';
import { beforeEach, describe, expect, it } from 'vitest';
import { ENDPOINT, PROJECT, error, useEmulator } from '../helpers.js';
import { MODERN_SDKS, forgetSession, modernClient, signUp19 } from './modern-sdk-helpers.js';
import { PASSWORD, triple } from './session-helpers.js';
import { onlyMessage } from './token-helpers.js';

const MOCK = { phone: '+15555550100', otp: '123456' };
const { emulator } = useEmulator({ auth: { mockNumbers: [MOCK, { phone: '+15555550199', otp: '000000' }] } });

const PHONE_INVALID = [400, 'general_argument_invalid',
  "Invalid `phone` param: Phone number must start with a '+' can have a maximum of fifteen digits."];
/** Matches `^\+[1-9]\d{6,14}$`, but no country has the calling code 280. */
const NO_COUNTRY = '+2801234567';

const account13 = () => new Account13(new Client13().setEndpoint(ENDPOINT).setProject(PROJECT));

beforeEach(() => forgetSession());

describe.each(MODERN_SDKS)('the 1.9.6 Phone validator (%s)', (_, sdk) => {
  it.each([NO_COUNTRY, '+9991234567', '+14155550100\n', '14155550100', '+0123456789', '+1415555010012345'])(
    'refuses %j on createPhoneToken with the Phone description, storing nothing', async (phone) => {
      const { account } = modernClient(sdk);
      expect(triple(await error(() => account.createPhoneToken({ userId: sdk.ID.unique(), phone })))).toEqual(PHONE_INVALID);
      expect(await (await emulator.db()).users.count()).toBe(0);
    },
  );

  it.each(['+14155550100', '+80012345678', '+447911123456', '+4930123456'])('accepts %s', async (phone) => {
    const token = await modernClient(sdk).account.createPhoneToken({ userId: sdk.ID.unique(), phone });
    expect(token.userId).toMatch(/^[0-9a-f]{20}$/);
  });

  it('applies to updatePhone too', async () => {
    const { account } = await signUp19(sdk);
    expect(triple(await error(() => account.updatePhone({ phone: NO_COUNTRY, password: PASSWORD })))).toEqual(PHONE_INVALID);
    expect((await account.updatePhone({ phone: '+14155550100', password: PASSWORD })).phone).toBe('+14155550100');
  });
});

describe('the 1.4 Phone validator (SDK 13)', () => {
  it('takes any number of the pattern, a country code or not', async () => {
    await account13().createPhoneSession(ID13.unique(), NO_COUNTRY);
    expect((await onlyMessage(emulator, { kind: 'phone-session' })).to).toBe(NO_COUNTRY);
    const account = account13();
    await account.create(ID13.unique(), 'ada@example.com', PASSWORD);
    await account.createEmailSession('ada@example.com', PASSWORD);
    expect((await account.updatePhone('+2809876543', PASSWORD)).phone).toBe('+2809876543');
  });
});

describe.each(MODERN_SDKS)('auth.mockNumbers (%s)', (_, sdk) => {
  it('a phone token for a mock number takes its fixed code and texts nothing; the code signs in', async () => {
    const { account } = modernClient(sdk);
    const token = await account.createPhoneToken({ userId: sdk.ID.unique(), phone: MOCK.phone });
    expect(token.secret).toBe('');
    expect(await emulator.inbox.list()).toEqual([]);
    const session = await account.createSession({ userId: token.userId, secret: MOCK.otp });
    expect(session).toMatchObject({ provider: 'phone', factors: ['phone'], userId: token.userId });
    expect((await account.get()).phoneVerification).toBe(true);
  });

  it('other numbers get a random code by SMS as usual', async () => {
    await modernClient(sdk).account.createPhoneToken({ userId: sdk.ID.unique(), phone: '+14155550100' });
    const sms = await onlyMessage(emulator, { kind: 'phone-session' });
    expect(sms.secret).toMatch(/^\d{6}$/);
  });

  it('each mock number has its own code; a wrong code is 401', async () => {
    const { account } = modernClient(sdk);
    const token = await account.createPhoneToken({ userId: sdk.ID.unique(), phone: '+15555550199' });
    expect(triple(await error(() => account.createSession({ userId: token.userId, secret: MOCK.otp }))))
      .toEqual([401, 'user_invalid_token', 'Invalid token passed in the request.']);
    expect((await account.createSession({ userId: token.userId, secret: '000000' })).provider).toBe('phone');
  });

  it('phone verification of a mock number: the fixed code, no SMS', async () => {
    const { account, userId } = await signUp19(sdk);
    await account.updatePhone({ phone: MOCK.phone, password: PASSWORD });
    await account.createPhoneVerification();
    expect(await emulator.inbox.list()).toEqual([]);
    await account.updatePhoneVerification({ userId, secret: MOCK.otp });
    expect((await account.get()).phoneVerification).toBe(true);
  });
});

describe('auth.mockNumbers through SDK 13 (Appwrite 1.4 has none)', () => {
  it('texts a random code to a mock number', async () => {
    await account13().createPhoneSession(ID13.unique(), MOCK.phone);
    const sms = await onlyMessage(emulator, { kind: 'phone-session' });
    expect(sms.secret).toMatch(/^\d{6}$/);
    expect(sms.secret).not.toBe(MOCK.otp);
  });
});
