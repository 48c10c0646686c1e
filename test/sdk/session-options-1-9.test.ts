/**
 * 1.9.6's session settings through SDK 26 and 28: `auth.invalidateSessions` (on by default, as for a new 1.9.6
 * project: a password change signs the other sessions out, a recovery all of them; 1.9 spec §6.24 step 5, §6.29
 * step 4) and `auth.sessionAlerts` (a mail on each further session, §6.40). SDK 13 (Appwrite 1.4) has neither.
 */
import { Account as Account13, Client as Client13, ID as ID13 } from 'appwrite-13';
import { beforeEach, describe, expect, it } from 'vitest';
import { ENDPOINT, PROJECT, error, useEmulator, useSecondEmulator } from '../helpers.js';
import { SDKS, account19, type Sdk } from './sdk19-helpers.js';
import { PASSWORD, fallback, setFallback, triple } from './session-helpers.js';
import { onlyMessage } from './token-helpers.js';

const { emulator, server } = useEmulator();
const keeping = useSecondEmulator(server, 'keeping', { auth: { invalidateSessions: false } });
const alerting = useSecondEmulator(server, 'alerting', { auth: { sessionAlerts: true }, projectName: 'Demo & Co' });
const noSmtp = useSecondEmulator(server, 'nosmtp', { smtp: false, auth: { sessionAlerts: true } });

const GUEST = [401, 'general_unauthorized_scope', 'User (role: guests) missing scopes (["account"])'];
const NEW_PASSWORD = 'another-password-1';

beforeEach(() => globalThis.localStorage.clear());

/**
 * A user signed in on two devices: returns the first device's stored session and the Account of the second (whose
 * session is the stored one afterwards).
 */
async function twoDevices(sdk: Sdk, endpoint = ENDPOINT, email = 'ada@example.com') {
  const { account } = account19(sdk, endpoint);
  const user = await account.create({ userId: sdk.ID.unique(), email, password: PASSWORD, name: 'Ada' });
  await account.createEmailPasswordSession({ email, password: PASSWORD });
  const first = fallback();
  setFallback(null);
  await account.createEmailPasswordSession({ email, password: PASSWORD });
  return { account, first, userId: user.$id };
}

const sessionCount = async (e: typeof emulator, userId: string) => (await e.db()).sessions.where('userId').equals(userId).count();

describe.each(SDKS)('auth.invalidateSessions on, the 1.9.6 default ($name)', (sdk) => {
  it('updatePassword keeps the current session and deletes the others', async () => {
    const { account, first, userId } = await twoDevices(sdk);
    const current = await account.getSession({ sessionId: 'current' });
    await account.updatePassword({ password: NEW_PASSWORD, oldPassword: PASSWORD });
    const { sessions } = await account.listSessions();
    expect(sessions.map((s) => s.$id)).toEqual([current.$id]);
    expect(await sessionCount(emulator, userId)).toBe(1);
    // The first device is signed out.
    setFallback(first);
    expect(triple(await error(() => account19(sdk).account.get()))).toEqual(GUEST);
  });

  it('updateRecovery deletes every session, the caller\'s too', async () => {
    const { account, userId } = await twoDevices(sdk);
    await account.createRecovery({ email: 'ada@example.com', url: 'http://localhost/reset' });
    const { secret } = await onlyMessage(emulator, { kind: 'recovery' });
    await account.updateRecovery({ userId, secret, password: NEW_PASSWORD });
    expect(await sessionCount(emulator, userId)).toBe(0);
    expect(triple(await error(() => account.get()))).toEqual(GUEST);
  });
});

describe.each(SDKS)('auth.invalidateSessions: false ($name)', (sdk) => {
  it('updatePassword and updateRecovery leave every session', async () => {
    const { account, userId } = await twoDevices(sdk, keeping.config.endpoint);
    await account.updatePassword({ password: NEW_PASSWORD, oldPassword: PASSWORD });
    expect(await sessionCount(keeping, userId)).toBe(2);
    await account.createRecovery({ email: 'ada@example.com', url: 'http://localhost/reset' });
    const { secret } = await onlyMessage(keeping, { kind: 'recovery' });
    await account.updateRecovery({ userId, secret, password: PASSWORD });
    expect(await sessionCount(keeping, userId)).toBe(2);
    expect((await account.get()).$id).toBe(userId);
  });
});

describe('auth.invalidateSessions through SDK 13 (Appwrite 1.4 has no such setting)', () => {
  it('a password change and a recovery leave every session', async () => {
    const account = new Account13(new Client13().setEndpoint(ENDPOINT).setProject(PROJECT));
    const user = await account.create(ID13.unique(), 'ada@example.com', PASSWORD);
    await account.createEmailSession('ada@example.com', PASSWORD);
    setFallback(null);
    await account.createEmailSession('ada@example.com', PASSWORD);
    await account.updatePassword(NEW_PASSWORD, PASSWORD);
    expect(await sessionCount(emulator, user.$id)).toBe(2);
    await account.createRecovery('ada@example.com', 'http://localhost/reset');
    const { secret } = await onlyMessage(emulator, { kind: 'recovery' });
    await account.updateRecovery(user.$id, secret, PASSWORD, PASSWORD);
    expect(await sessionCount(emulator, user.$id)).toBe(2);
  });
});

const ALERT_TEXT = [
  'Hello Ada,',
  'A new session has been created on your Demo & Co account, on January 15, 2026202620262026 at 10:00:00 UTC.',
  'Here are the details of the new session:',
  'Device: UNKNOWN',
  'IP Address: 127.0.0.1',
  'Country: Unknown',
  "If this was you, there's nothing more you need to do.",
  "If you didn't initiate this session or suspect any unauthorized activity, please secure your account.",
  'Thanks,',
  'Demo & Co team',
];

describe.each(SDKS)('auth.sessionAlerts ($name)', (sdk) => {
  it('mails a session-alert on the second session, with 1.9.6\'s texts (and its four-fold year)', async () => {
    const { userId } = await twoDevices(sdk, alerting.config.endpoint);
    const mail = await onlyMessage(alerting, { kind: 'session-alert' });
    expect(mail).toMatchObject({
      channel: 'email', to: 'ada@example.com', userId, secret: '',
      subject: 'Security alert: new session on your Demo & Co account',
      preview: 'New login detected on Demo & Co at 10:00:00 UTC.',
    });
    expect(mail.url).toBeUndefined();
    expect(mail.text.split('\n')).toEqual(ALERT_TEXT);
    expect(mail.html).toContain('your <strong>Demo &amp; Co</strong> account, <strong>on January 15, 2026202620262026 at 10:00:00 UTC</strong>');
    expect(mail.html).toContain('<li>Device: <strong>UNKNOWN</strong></li>');
  });

  it('sends nothing for the first session', async () => {
    const { account } = account19(sdk, alerting.config.endpoint);
    await account.create({ userId: sdk.ID.unique(), email: 'ada@example.com', password: PASSWORD });
    await account.createEmailPasswordSession({ email: 'ada@example.com', password: PASSWORD });
    expect(await alerting.inbox.list()).toEqual([]);
  });

  it('stays silent for magic-URL and e-mail code sign-ins (their mail went to the address already)', async () => {
    const { account, userId } = await twoDevices(sdk, alerting.config.endpoint);
    await alerting.inbox.reset();
    setFallback(null);
    await account.createEmailToken({ userId, email: 'ada@example.com' });
    await account.createSession({ userId, secret: (await onlyMessage(alerting, { kind: 'email-otp' })).secret });
    setFallback(null);
    await account.createMagicURLToken({ userId, email: 'ada@example.com' });
    const link = new URL((await onlyMessage(alerting, { kind: 'magic-url' })).url!);
    await account.createSession({ userId, secret: link.searchParams.get('secret')! });
    expect(await alerting.inbox.list({ kind: 'session-alert' })).toEqual([]);
  });

  it('alerts on a phone sign-in of a user with an e-mail', async () => {
    const { account, userId } = await twoDevices(sdk, alerting.config.endpoint);
    await account.updatePhone({ phone: '+14155550100', password: PASSWORD });
    setFallback(null);
    await account.createPhoneToken({ userId, phone: '+14155550100' });
    await account.createSession({ userId, secret: (await onlyMessage(alerting, { kind: 'phone-session' })).secret });
    expect(await alerting.inbox.list({ kind: 'session-alert' })).toHaveLength(2);
  });

  it('records nothing without SMTP (smtp: false): the sign-in itself works', async () => {
    const { account } = await twoDevices(sdk, noSmtp.config.endpoint);
    expect((await account.listSessions()).total).toBe(2);
    expect(await noSmtp.inbox.list()).toEqual([]);
  });

  it('is off by default', async () => {
    await twoDevices(sdk);
    expect(await emulator.inbox.list()).toEqual([]);
  });
});

describe('auth.sessionAlerts through SDK 13 (Appwrite 1.4 has none)', () => {
  it('sends nothing', async () => {
    const account = new Account13(new Client13().setEndpoint(alerting.config.endpoint).setProject(PROJECT));
    await account.create(ID13.unique(), 'ada@example.com', PASSWORD);
    await account.createEmailSession('ada@example.com', PASSWORD);
    setFallback(null);
    await account.createEmailSession('ada@example.com', PASSWORD);
    expect(await alerting.inbox.list()).toEqual([]);
  });
});
