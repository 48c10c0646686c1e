/**
 * Appwrite 1.9.6's e-mail OTP sign-in through the real SDKs 26 and 28: createEmailToken -> inbox 'email-otp' ->
 * createSession (POST /account/sessions/token), the security phrase, and the token-for-session rules every
 * 1.9.6 sign-in shares (any token type of the user, single use, expiry, the session rule).
 */
import { describe, expect, it } from 'vitest';
import { error } from '../helpers.js';
import { HOUR, NOW, YEAR, iso, triple } from './session-helpers.js';
import {
  INVALID_TOKEN, SDKS, SESSION_EXISTS, account19, expectAccount19, expectSession19, expectToken19, invalidParam,
} from './sdk19-helpers.js';
import { onlyMessage, trackStatuses } from './token-helpers.js';
import { useEmulator } from '../helpers.js';
import { PHRASE_ADJECTIVES, PHRASE_NOUNS } from '../../src/services/phrase.js';

const { emulator, server } = useEmulator();
const statuses = trackStatuses(server);
const MINUTE = 60_000;

describe.each(SDKS)('createEmailToken ($name)', (sdk) => {
  it('answers 201 with a Token of every 1.9.6 key: no secret, 15 minutes, no phrase', async () => {
    const { account } = account19(sdk);
    const token = await account.createEmailToken({ userId: sdk.ID.unique(), email: 'ada@example.com' });
    expect(statuses.at(-1)).toBe(201);
    expectToken19(token, { $createdAt: iso(NOW), expire: iso(NOW + 15 * MINUTE), phrase: '' });
  });

  it('e-mails the 6-digit code as an email-otp message with 1.9.6 texts', async () => {
    const { account } = account19(sdk);
    const token = await account.createEmailToken({ userId: 'ada', email: 'ada@example.com' });
    const mail = await onlyMessage(emulator, { kind: 'email-otp' });
    expect(mail).toMatchObject({ channel: 'email', to: 'ada@example.com', userId: token.userId, subject: 'OTP for test-project Login' });
    expect(mail.secret).toMatch(/^\d{6}$/);
    expect(mail.url).toBeUndefined();
    expect(mail.phrase).toBeUndefined();
    expect(mail.text.split('\n')).toEqual([
      'Login with OTP to use test-project',
      'Hello ,',
      'Enter the following verification code when prompted to securely sign in to your test-project account. This code will expire in 15 minutes.',
      mail.secret,
      "This sign in was requested using UNKNOWN on UNKNOWN UNKNOWN. If you didn't request the sign in, you can safely ignore this email.",
      'Thanks,',
      'test-project team',
    ]);
    expect(mail.html).toContain('your <strong>test-project</strong> account');
  });

  it('creates the user on first use, with the parsed e-mail, an email target and nothing verified yet', async () => {
    const { account } = account19(sdk);
    await account.createEmailToken({ userId: 'ada', email: 'Ada@Example.com' });
    const user = (await (await emulator.db()).users.get('ada'))!;
    // The address keeps its case; the parser's get() is lower-cased, so it is canonical (utopia-php/emails).
    expect(user).toMatchObject({ email: 'Ada@Example.com', name: '', emailVerification: false, emailCanonical: 'ada@example.com', emailIsCanonical: true });
    expect(user.targets).toEqual([expect.objectContaining({ providerType: 'email', identifier: 'Ada@Example.com', userId: 'ada' })]);
  });

  it('reuses an existing user whatever the case of the e-mail (userId ignored)', async () => {
    const { account } = account19(sdk);
    await account.create({ userId: 'ada', email: 'ada@example.com', password: 'password123' });
    const token = await account.createEmailToken({ userId: 'other', email: 'ADA@example.com' });
    expect(token.userId).toBe('ada');
    expect(await (await emulator.db()).users.count()).toBe(1);
  });

  it('with phrase: true returns an "Adjective noun" phrase and shows the same phrase in the mail', async () => {
    const { account } = account19(sdk);
    const token = await account.createEmailToken({ userId: 'ada', email: 'ada@example.com', phrase: true });
    const [adjective, ...noun] = token.phrase.split(' ');
    expect(PHRASE_ADJECTIVES).toContain(adjective);
    expect(PHRASE_NOUNS).toContain(noun.join(' '));
    const mail = await onlyMessage(emulator, { kind: 'email-otp' });
    expect(mail.phrase).toBe(token.phrase);
    expect(mail.text.split('\n').at(-1)).toBe(`Security phrase for this email is ${token.phrase}. You can trust this email if this phrase matches the phrase shown during sign in.`);
  });

  it('is allowed while signed in (tokens are not in the session group)', async () => {
    const { account } = account19(sdk);
    await account.create({ userId: 'ada', email: 'ada@example.com', password: 'password123' });
    await account.createEmailPasswordSession({ email: 'ada@example.com', password: 'password123' });
    await account.createEmailToken({ userId: 'ada', email: 'ada@example.com' });
    expect(statuses.at(-1)).toBe(201);
  });

  it('refuses a bad userId and a bad e-mail with 1.9.6 validator texts', async () => {
    const { account } = account19(sdk);
    expect(triple(await error(() => account.createEmailToken({ userId: '_bad', email: 'ada@example.com' })))).toEqual(invalidParam('userId',
      "Parameter must contain at most 36 chars. Valid chars are a-z, A-Z, 0-9, period, hyphen, and underscore. Can't start with a special char"));
    expect(triple(await error(() => account.createEmailToken({ userId: 'ada', email: 'not-an-email' })))).toEqual(
      invalidParam('email', 'Value must be a valid email address'));
  });
});

describe.each(SDKS)('createSession with an e-mail code ($name)', (sdk) => {
  async function emailCode(account: ReturnType<typeof account19>['account'], email = 'ada@example.com') {
    const token = await account.createEmailToken({ userId: 'ada', email });
    return { userId: token.userId, secret: (await emulator.inbox.latest({ kind: 'email-otp', to: email }))!.secret };
  }

  it('answers 201 with a Session of every 1.9.6 key: provider token, factor email, one year', async () => {
    const { account } = account19(sdk);
    const session = await account.createSession(await emailCode(account));
    expect(statuses.at(-1)).toBe(201);
    expectSession19(session, {
      $createdAt: iso(NOW), $updatedAt: iso(NOW), userId: 'ada', expire: iso(NOW + YEAR), provider: 'token', providerUid: '',
      factors: ['email'], countryCode: '--', countryName: 'Unknown',
    });
  });

  it('signs the SDK in and verifies the e-mail; the Account has every 1.9.6 key', async () => {
    const { account } = account19(sdk);
    await account.createSession(await emailCode(account));
    const me = await account.get();
    expectAccount19(me, { $id: 'ada', email: 'ada@example.com', emailVerification: true, emailIsCorporate: true, passwordUpdate: '' });
    expect(me.targets).toHaveLength(1);
  });

  it('is single use: the same code again is 401 user_invalid_token', async () => {
    const { account } = account19(sdk);
    const code = await emailCode(account);
    await account.createSession(code);
    await account.deleteSession({ sessionId: 'current' });
    expect(triple(await error(() => account.createSession(code)))).toEqual(INVALID_TOKEN);
  });

  it('expires after 15 minutes', async () => {
    const { account } = account19(sdk);
    const code = await emailCode(account);
    emulator.clock.advance(15 * MINUTE + 1);
    expect(triple(await error(() => account.createSession(code)))).toEqual(INVALID_TOKEN);
  });

  it('still works at exactly 15 minutes', async () => {
    const { account } = account19(sdk);
    const code = await emailCode(account);
    emulator.clock.advance(15 * MINUTE);
    await account.createSession(code);
    expect(statuses.at(-1)).toBe(201);
  });

  it('answers 401 user_invalid_token for an unknown user, a wrong code, or another user\'s code', async () => {
    const { account } = account19(sdk);
    const code = await emailCode(account);
    expect(triple(await error(() => account.createSession({ userId: 'nobody', secret: code.secret })))).toEqual(INVALID_TOKEN);
    expect(triple(await error(() => account.createSession({ userId: 'ada', secret: '000000' === code.secret ? '111111' : '000000' })))).toEqual(INVALID_TOKEN);
    await account.create({ userId: 'bob', email: 'bob@example.com', password: 'password123' });
    expect(triple(await error(() => account.createSession({ userId: 'bob', secret: code.secret })))).toEqual(INVALID_TOKEN);
  });

  it('refuses a recovery token: only sign-in tokens make sessions', async () => {
    const { account } = account19(sdk);
    await account.create({ userId: 'ada', email: 'ada@example.com', password: 'password123' });
    await account.createRecovery({ email: 'ada@example.com', url: 'http://localhost/reset' });
    const mail = (await emulator.inbox.latest({ kind: 'recovery' }))!;
    expect(triple(await error(() => account.createSession({ userId: 'ada', secret: mail.secret })))).toEqual(INVALID_TOKEN);
  });

  it('refuses an empty secret with the Text(256) description', async () => {
    const { account } = account19(sdk);
    expect(triple(await error(() => account.createSession({ userId: 'ada', secret: '' })))).toEqual(
      invalidParam('secret', 'Value must be a valid string and at least 1 chars and no longer than 256 chars'));
  });

  it('answers 401 user_session_already_exists while signed in, and keeps the token', async () => {
    const { account } = account19(sdk);
    await account.createSession(await emailCode(account));
    const code = await emailCode(account);
    expect(triple(await error(() => account.createSession(code)))).toEqual(SESSION_EXISTS);
    await account.deleteSession({ sessionId: 'current' });
    await account.createSession(code);
    expect(statuses.at(-1)).toBe(201);
  });

  it('accepts an e-mail code on the deprecated updateMagicURLSession too (any token type)', async () => {
    const { account } = account19(sdk);
    const session = await account.updateMagicURLSession(await emailCode(account));
    expect(statuses.at(-1)).toBe(201);
    expectSession19(session, { provider: 'token', factors: ['email'] });
  });

  it('a code sent an hour later still works after the clock moves (15 minutes from its own creation)', async () => {
    const { account } = account19(sdk);
    emulator.clock.advance(HOUR);
    const code = await emailCode(account);
    emulator.clock.advance(14 * MINUTE);
    await account.createSession(code);
    expect(statuses.at(-1)).toBe(201);
  });
});
