/**
 * Appwrite 1.9.6's phone token through the real SDKs 26 and 28, and the limits every 1.9.6 token sign-in has:
 * rate limits (abuse reset after a successful sign-in), auth-method toggles, the user limit, the identity guard.
 */
import { Account as Account13, Client as Client13 } from 'appwrite-13';
import { describe, expect, it } from 'vitest';
import { ENDPOINT, PROJECT, error, useEmulator, useSecondEmulator } from '../helpers.js';
import { NOW, RATE_LIMITED, YEAR, iso, triple } from './session-helpers.js';
import {
  BAD_REQUEST, COUNT_EXCEEDED, EMAIL_TAKEN, INVALID_TOKEN, SDKS, account19, addIdentity, disabled, expectSession19,
  expectToken19, invalidParam,
} from './sdk19-helpers.js';
import { onlyMessage, trackStatuses } from './token-helpers.js';

const { emulator, server } = useEmulator();
const statuses = trackStatuses(server);
const off = useSecondEmulator(server, 'off-19', { auth: { methods: { emailOtp: false, magicURL: false, phone: false } } });
const oneUser = useSecondEmulator(server, 'one-19', { auth: { limit: 1 } });
const MINUTE = 60_000;
const PHONE = '+14155550100';

describe.each(SDKS)('createPhoneToken ($name)', (sdk) => {
  it('answers 201 with a 1.9.6 Token valid 15 minutes and texts the bare code', async () => {
    const { account } = account19(sdk);
    const token = await account.createPhoneToken({ userId: 'ada', phone: PHONE });
    expect(statuses.at(-1)).toBe(201);
    expectToken19(token, { userId: 'ada', expire: iso(NOW + 15 * MINUTE), phrase: '' });
    const sms = await onlyMessage(emulator, { kind: 'phone-session' });
    expect(sms).toMatchObject({ channel: 'sms', to: PHONE, userId: 'ada' });
    expect(sms.text).toBe(sms.secret);
    expect(sms.secret).toMatch(/^\d{6}$/);
  });

  it('gives a new phone user an sms target', async () => {
    await account19(sdk).account.createPhoneToken({ userId: 'ada', phone: PHONE });
    const user = (await (await emulator.db()).users.get('ada'))!;
    expect(user).toMatchObject({ phone: PHONE, email: null, phoneVerification: false });
    expect(user.targets).toEqual([expect.objectContaining({ providerType: 'sms', identifier: PHONE })]);
  });

  it('signs in with createSession (provider phone, factor phone) and verifies the phone', async () => {
    const { account } = account19(sdk);
    await account.createPhoneToken({ userId: 'ada', phone: PHONE });
    const { secret } = (await emulator.inbox.latest({ kind: 'phone-session' }))!;
    const session = await account.createSession({ userId: 'ada', secret });
    expectSession19(session, { provider: 'phone', factors: ['phone'], expire: iso(NOW + YEAR) });
    expect((await account.get()).phoneVerification).toBe(true);
  });

  it('signs in with the deprecated updatePhoneSession; unknown users get 401, not 1.4\'s 404', async () => {
    const { account } = account19(sdk);
    await account.createPhoneToken({ userId: 'ada', phone: PHONE });
    const { secret } = (await emulator.inbox.latest({ kind: 'phone-session' }))!;
    expect(triple(await error(() => account.updatePhoneSession({ userId: 'nobody', secret })))).toEqual(INVALID_TOKEN);
    expectSession19(await account.updatePhoneSession({ userId: 'ada', secret }), { provider: 'phone', factors: ['phone'] });
    expect(statuses.at(-1)).toBe(201);
  });

  it('refuses a number that is not E.164', async () => {
    expect(triple(await error(() => account19(sdk).account.createPhoneToken({ userId: 'ada', phone: '4155550100' })))).toEqual(
      invalidParam('phone', "Phone number must start with a '+' can have a maximum of fifteen digits."));
  });

  it('allows 10 codes per number an hour, then 429', async () => {
    const { account } = account19(sdk);
    for (let i = 0; i < 10; i++) await account.createPhoneToken({ userId: 'ada', phone: PHONE });
    expect(triple(await error(() => account.createPhoneToken({ userId: 'ada', phone: PHONE })))).toEqual(RATE_LIMITED);
  });
});

describe('POST /account/sessions/phone, the path SDK 13 and 1.9.6 share', () => {
  it('stays Appwrite 1.4 for SDK 13: no phrase key, 1.4 confirmation with 404 for unknown users', async () => {
    const account = new Account13(new Client13().setEndpoint(ENDPOINT).setProject(PROJECT));
    const token = await account.createPhoneSession('ada', PHONE);
    expect(Object.keys(token)).toEqual(['$id', '$createdAt', 'userId', 'secret', 'expire']);
    const { secret } = (await emulator.inbox.latest({ kind: 'phone-session' }))!;
    expect(triple(await error(() => account.updatePhoneSession('nobody', secret)))).toEqual(
      [404, 'user_not_found', 'User with the requested ID could not be found.']);
    expect((await account.updatePhoneSession('ada', secret)).provider).toBe('phone');
  });
});

describe.each(SDKS)('rate limits of the token sign-ins ($name)', (sdk) => {
  it('allows 10 e-mail codes per address an hour, then 429', async () => {
    const { account } = account19(sdk);
    for (let i = 0; i < 10; i++) await account.createEmailToken({ userId: 'ada', email: 'ada@example.com' });
    expect(triple(await error(() => account.createEmailToken({ userId: 'ada', email: 'ada@example.com' })))).toEqual(RATE_LIMITED);
  });

  it('allows 60 magic links per address an hour, then 429', async () => {
    const { account } = account19(sdk);
    for (let i = 0; i < 60; i++) await account.createMagicURLToken({ userId: 'ada', email: 'ada@example.com' });
    expect(triple(await error(() => account.createMagicURLToken({ userId: 'ada', email: 'ada@example.com' })))).toEqual(RATE_LIMITED);
  });

  it('createSession: 10 failures per user an hour, then 429; a success resets the count', async () => {
    const { account } = account19(sdk);
    await account.createMagicURLToken({ userId: 'ada', email: 'ada@example.com' });
    const { secret } = (await emulator.inbox.latest({ kind: 'magic-url' }))!;
    const fail = () => error(() => account.createSession({ userId: 'ada', secret: 'f'.repeat(64) }));
    for (let i = 0; i < 9; i++) expect(triple(await fail())).toEqual(INVALID_TOKEN);
    await account.createSession({ userId: 'ada', secret });
    await account.deleteSession({ sessionId: 'current' });
    for (let i = 0; i < 10; i++) expect(triple(await fail())).toEqual(INVALID_TOKEN);
    expect(triple(await fail())).toEqual(RATE_LIMITED);
  });

  it('createSession: repeated successful sign-ins never reach the limit', async () => {
    const { account } = account19(sdk);
    for (let i = 0; i < 12; i++) {
      await account.createMagicURLToken({ userId: 'ada', email: 'ada@example.com' });
      const { secret } = (await emulator.inbox.latest({ kind: 'magic-url' }))!;
      await account.createSession({ userId: 'ada', secret });
      expect(statuses.at(-1)).toBe(201);
      await account.deleteSession({ sessionId: 'current' });
    }
  });

  it('createEmailPasswordSession: successes reset the count in 1.9.6', async () => {
    const { account } = account19(sdk);
    await account.create({ userId: 'ada', email: 'ada@example.com', password: 'password123' });
    for (let i = 0; i < 12; i++) {
      await account.createEmailPasswordSession({ email: 'ada@example.com', password: 'password123' });
      await account.deleteSession({ sessionId: 'current' });
    }
    expect(statuses.at(-1)).toBe(204);
  });
});

describe.each(SDKS)('auth-method toggles, user limit and identity guard ($name)', (sdk) => {
  const offAccount = () => account19(sdk, off.config.endpoint).account;

  it('answers 501 with each method\'s message when disabled', async () => {
    expect(triple(await error(() => offAccount().createEmailToken({ userId: 'ada', email: 'ada@example.com' })))).toEqual(disabled('Email OTP'));
    expect(triple(await error(() => offAccount().createMagicURLToken({ userId: 'ada', email: 'ada@example.com' })))).toEqual(disabled('Magic URL'));
    expect(triple(await error(() => offAccount().createPhoneToken({ userId: 'ada', phone: PHONE })))).toEqual(disabled('Phone'));
  });

  it('answers 400 user_count_exceeded for a new user past the limit, and still serves existing users', async () => {
    const { account } = account19(sdk, oneUser.config.endpoint);
    await account.createEmailToken({ userId: 'ada', email: 'ada@example.com' });
    expect(triple(await error(() => account.createEmailToken({ userId: 'bob', email: 'bob@example.com' })))).toEqual(COUNT_EXCEEDED);
    expect(triple(await error(() => account.createMagicURLToken({ userId: 'bob', email: 'bob@example.com' })))).toEqual(COUNT_EXCEEDED);
    expect(triple(await error(() => account.createPhoneToken({ userId: 'bob', phone: PHONE })))).toEqual(COUNT_EXCEEDED);
    await account.createMagicURLToken({ userId: 'x', email: 'ada@example.com' });
  });

  it('an e-mail of another user\'s OAuth identity: 400 general_bad_request for e-mail codes, 409 for magic links', async () => {
    await addIdentity(emulator, 'ada@example.com');
    const { account } = account19(sdk);
    expect(triple(await error(() => account.createEmailToken({ userId: 'ada', email: 'ada@example.com' })))).toEqual(BAD_REQUEST);
    expect(triple(await error(() => account.createMagicURLToken({ userId: 'ada', email: 'ada@example.com' })))).toEqual(EMAIL_TAKEN);
    expect(await (await emulator.db()).users.count()).toBe(0);
  });
});
