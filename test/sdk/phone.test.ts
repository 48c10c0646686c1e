import { ID } from 'appwrite-13';
import { describe, expect, it } from 'vitest';
import { error, sdk, useEmulator } from '../helpers.js';
import { NOW, PASSWORD, RATE_LIMITED, YEAR, client, expectSessionShape, iso, sha256, signUp, triple, useAltEmulator } from './session-helpers.js';
import { MINUTE, expectAccountShape, expectTokenShape, onlyMessage, storedTokens, trackStatuses } from './token-helpers.js';

const { emulator, server } = useEmulator();
const statuses = trackStatuses(server);
const disabled = useAltEmulator(server, { auth: { methods: { phone: false } } }, 'no-phone');

const PHONE = '+14155550100';
const INVALID_TOKEN = [401, 'user_invalid_token', 'Invalid token passed in the request.'];

/** Texts a code and returns the user id and the code from the inbox. */
async function sendCode(phone = PHONE, userId = ID.unique()) {
  const token = await sdk().account.createPhoneSession(userId, phone);
  const message = (await emulator.inbox.latest({ kind: 'phone-session', to: phone }))!;
  return { token, message, userId: message.userId, code: message.secret };
}

describe('account.createPhoneSession', () => {
  it('creates the user on first use and answers 201 with a 15-minute Token whose secret is empty', async () => {
    const token = await sdk().account.createPhoneSession('ada', PHONE);
    expect(statuses.at(-1)).toBe(201);
    expectTokenShape(token);
    expect(token).toMatchObject({ $createdAt: iso(NOW), userId: 'ada', secret: '', expire: iso(NOW + 15 * MINUTE) });
    const user = await (await emulator.db()).users.get('ada');
    expect(user).toMatchObject({ phone: PHONE, email: null, name: '', password: null, emailVerification: false, phoneVerification: false, status: true });
  });

  it('texts just the 6-digit code to the phone', async () => {
    const { token } = await sendCode();
    const message = await onlyMessage(emulator, { channel: 'sms' });
    expect(Object.keys(message)).toEqual(['id', 'channel', 'kind', 'to', 'text', 'userId', 'secret', 'createdAt']);
    expect(message).toMatchObject({ channel: 'sms', kind: 'phone-session', to: PHONE, userId: token.userId, createdAt: iso(NOW) });
    expect(message.text).toMatch(/^\d{6}$/);
    expect(message.secret).toBe(message.text);
  });

  it('uses the existing account with that phone, ignoring userId', async () => {
    const first = await sendCode(PHONE, 'first');
    const second = await sendCode(PHONE, 'second');
    expect([first.userId, second.userId]).toEqual(['first', 'first']);
    expect(await (await emulator.db()).users.count()).toBe(1);
  });

  it('still texts a blocked user (201)', async () => {
    const { account, user } = await signUp('ada@example.com');
    await account.updatePhone(PHONE, PASSWORD);
    await account.updateStatus();
    const token = await client().account.createPhoneSession(ID.unique(), PHONE);
    expect(statuses.at(-1)).toBe(201);
    expect(token.userId).toBe(user.$id);
  });

  it('validates userId, then phone', async () => {
    expect(triple(await error(() => sdk().account.createPhoneSession('-x', 'nope')))).toEqual([400, 'general_argument_invalid', 'Invalid `userId` param: Parameter must contain at most 36 chars. Valid chars are a-z, A-Z, 0-9, period, hyphen, and underscore. Can\'t start with a special char']);
    expect(triple(await error(() => sdk().account.createPhoneSession(ID.unique(), '4155550100')))).toEqual([400, 'general_argument_invalid', 'Invalid `phone` param: Phone number must start with a \'+\' can have a maximum of fifteen digits.']);
  });

  it('writes a session.create audit entry, and the confirmation writes none', async () => {
    const { userId, code } = await sendCode();
    const { account } = sdk();
    await account.updatePhoneSession(userId, code);
    expect((await account.listLogs()).logs.map((l) => l.event)).toEqual(['session.create']);
  });

  it('allows 10 requests per phone an hour; the 11th is 429', async () => {
    for (let i = 0; i < 10; i++) await sdk().account.createPhoneSession(ID.unique(), PHONE);
    expect(triple(await error(() => sdk().account.createPhoneSession(ID.unique(), PHONE)))).toEqual(RATE_LIMITED);
    await sdk().account.createPhoneSession(ID.unique(), '+14155550101');
  });

  it('is 501 when the emulator option auth.methods.phone is false (an emulator-only switch)', async () => {
    const e = await error(() => client(disabled.config.endpoint).account.createPhoneSession(ID.unique(), PHONE));
    expect(triple(e)).toEqual([501, 'user_auth_method_unsupported', 'Phone authentication is disabled for this project']);
  });
});

describe('account.updatePhoneSession', () => {
  it('trades the code for a session (201), verifies the phone and consumes the token', async () => {
    const { userId, code } = await sendCode();
    const { account } = sdk();
    const session = await account.updatePhoneSession(userId, code);
    expect(statuses.at(-1)).toBe(201);
    expectSessionShape(session);
    expect(session).toMatchObject({
      $createdAt: iso(NOW), userId, expire: iso(NOW + YEAR), provider: 'phone', providerUid: '',
      providerAccessToken: '', providerAccessTokenExpiry: '', providerRefreshToken: '', current: true,
    });
    const me = await account.get();
    expectAccountShape(me);
    expect(me).toMatchObject({ $id: userId, phone: PHONE, email: '', phoneVerification: true, emailVerification: false });
    expect(await storedTokens(emulator)).toBe('[]');
  });

  it('refuses a code used once already (401)', async () => {
    const { userId, code } = await sendCode();
    await sdk().account.updatePhoneSession(userId, code);
    expect(triple(await error(() => sdk().account.updatePhoneSession(userId, code)))).toEqual(INVALID_TOKEN);
  });

  it('accepts the code for 15 minutes, then answers 401', async () => {
    const first = await sendCode();
    emulator.clock.advance(15 * MINUTE);
    await sdk().account.updatePhoneSession(first.userId, first.code);
    const second = await sendCode();
    emulator.clock.advance(15 * MINUTE + 1);
    expect(triple(await error(() => sdk().account.updatePhoneSession(second.userId, second.code)))).toEqual(INVALID_TOKEN);
  });

  it('answers 404 for an unknown user and 401 for a wrong code', async () => {
    const { userId, code } = await sendCode();
    expect(triple(await error(() => sdk().account.updatePhoneSession('nobody', code))))
      .toEqual([404, 'user_not_found', 'User with the requested ID could not be found.']);
    const wrong = code === '000000' ? '111111' : '000000';
    expect(triple(await error(() => sdk().account.updatePhoneSession(userId, wrong)))).toEqual(INVALID_TOKEN);
    await sdk().account.updatePhoneSession(userId, code);
  });

  it('stores only the SHA-256 of the code', async () => {
    const { code } = await sendCode();
    const tokens = await (await emulator.db()).tokens.toArray();
    expect(tokens).toHaveLength(1);
    expect(tokens[0]).toMatchObject({ type: 6, secret: sha256(code) });
    expect(await storedTokens(emulator)).not.toContain(`"${code}"`);
  });

  it('accepts a phone-verification code too (Appwrite gives both token type 6)', async () => {
    const { account } = await signUp('ada@example.com');
    await account.updatePhone(PHONE, PASSWORD);
    const token = await account.createPhoneVerification();
    const code = (await emulator.inbox.latest({ kind: 'phone-verification' }))!.secret;
    const session = await sdk().account.updatePhoneSession(token.userId, code);
    expect(session.provider).toBe('phone');
  });

  it('allows 10 attempts per userId an hour; the 11th is 429', async () => {
    const { userId, code } = await sendCode();
    for (let i = 0; i < 10; i++) await error(() => sdk().account.updatePhoneSession(userId, 'wrong'));
    expect(triple(await error(() => sdk().account.updatePhoneSession(userId, code)))).toEqual(RATE_LIMITED);
  });
});
