/**
 * The SDK version matrix: the shared Account flows through the real methods of every installed Web SDK (13 to 28),
 * against one emulator, checking every model each SDK receives against THAT SDK's own types/models.d.ts, and the
 * per-format behaviour: SDK 13 gets Appwrite 1.4 (no targets/mfa), 14-23 get 1.9.6 without the impersonation keys,
 * 24+ get them.
 */
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ENDPOINT, PROJECT, error, useEmulator } from '../helpers.js';
import { NOT_SENT_BY_1_9_6, SDKS, asSent, SENT_TO_EVERY_1_9_FORMAT, expectModel, sdkModels, undeclaredKeys, type SdkVersion } from '../sdk-versions.js';
import { PASSWORD, triple } from './session-helpers.js';
import { onlyMessage, trackStatuses } from './token-helpers.js';
import { FAILURE, SUCCESS, approve, signIn as oauth2SignIn } from './oauth2-helpers.js';

const { emulator, server } = useEmulator();
const statuses = trackStatuses(server);
/** The format header of each request and the warning header of its answer. */
const exchanges: Array<{ format: string | null; warning: string | null }> = [];
server.events.on('response:mocked', ({ request, response }) => {
  exchanges.push({ format: request.headers.get('x-appwrite-response-format'), warning: response.headers.get('x-appwrite-warning') });
});
/** The paths requested (the MFA case checks which challenge path each SDK calls). */
const paths: string[] = [];
server.events.on('request:start', ({ request }) => void paths.push(new globalThis.URL(request.url).pathname));
// Each SDK keeps its session in happy-dom's localStorage: a test starts signed out.
beforeEach(() => globalThis.localStorage.removeItem('cookieFallback'));

const EMAIL = 'ada@example.com';
const URL = 'http://localhost/done';

/**
 * The URL createOAuth2Session navigates to, instead of navigating. SDK 16.1.0's method is async (it still returns a
 * promise after setting window.location.href), the others return nothing.
 */
async function navigation(start: () => unknown): Promise<string> {
  const fake = { location: { href: '' } };
  vi.stubGlobal('window', fake);
  try {
    await start();
  } finally {
    vi.unstubAllGlobals();
  }
  expect(fake.location.href).not.toBe('');
  return fake.location.href;
}

/**
 * Registers a test only for the SDKs that have the method it calls: an SDK without it is not a skipped case but a
 * case that does not exist (its absence is asserted where it matters, e.g. "has no listLogs from SDK 28 on").
 */
const itWhen = (applies: boolean) => (applies ? it : () => undefined) as typeof it;

describe.each(SDKS)('$name (X-Appwrite-Response-Format $format)', (version: SdkVersion) => {
  const v = version.version;
  let sdk: any;
  beforeAll(async () => {
    sdk = await version.load();
  });
  // SDK 13 gets 1.4's exact models; 14+ also get the keys 1.9.6 sends to every format (their types may lack them),
  // and not the keys only SDK 28's newer server line produces.
  const check = (model: string, value: unknown) =>
    expectModel(version, model, value, v === 13 ? {} : { tolerate: SENT_TO_EVERY_1_9_FORMAT, absent: NOT_SENT_BY_1_9_6 });
  /** getPrefs' model: SDK 18+ type it as the open DefaultPreferences (their Preferences is `{}`). */
  const prefsModel = () => (sdkModels(version).has('DefaultPreferences') ? 'DefaultPreferences' : 'Preferences');
  /** A method's arguments: one object from SDK 22 on (the style its docs prefer), positional before. */
  const args = (params: Record<string, unknown>) => (v >= 22 ? [params] : Object.values(params));
  const page = () => {
    const client = new sdk.Client().setEndpoint(ENDPOINT).setProject(PROJECT);
    return { client, account: new sdk.Account(client) };
  };
  const signIn = (account: any, email = EMAIL) =>
    v === 13 ? account.createEmailSession(email, PASSWORD) : account.createEmailPasswordSession(...args({ email, password: PASSWORD }));

  async function signUp(email = EMAIL) {
    const { client, account } = page();
    const user = await account.create(...args({ userId: sdk.ID.unique(), email, password: PASSWORD, name: 'Ada' }));
    const session = await signIn(account, email);
    return { client, account, user, session };
  }

  /** The format-dependent keys of a User: 1.4 has no targets/mfa; impersonation keys from format 1.9.0 (SDK 24). */
  function expectUserKeys(user: Record<string, unknown>) {
    expect('targets' in user, 'targets').toBe(v >= 14);
    expect('mfa' in user, 'mfa').toBe(v >= 14);
    expect('impersonator' in user, 'impersonator').toBe(v >= 24);
    expect('impersonatorUserId' in user, 'impersonatorUserId').toBe(v >= 24);
  }

  it('signs up, signs in and gets the account, with the keys its format gets', async () => {
    const { account, user, session } = await signUp();
    expect(statuses.at(-1)).toBe(201);
    check('User', user);
    expectUserKeys(user);
    check('Session', session);
    expect(session.current).toBe(true);
    const me = await account.get();
    check('User', me);
    expectUserKeys(me);
    expect(me.$id).toBe(user.$id);
    if (v >= 14) expect(me.targets).toEqual([expect.objectContaining({ providerType: 'email', identifier: EMAIL })]);
    if (v >= 14) for (const target of me.targets) check('Target', target);
  });

  it('gets exactly the keys its own types lack that 1.9.6 sends to every format (none for SDK 13)', async () => {
    const { account, session } = await signUp();
    const me = await account.get();
    const emailKeys = ['emailCanonical', 'emailIsFree', 'emailIsDisposable', 'emailIsCorporate', 'emailIsCanonical'];
    expect(undeclaredKeys(version, 'User', me)).toEqual(v === 13 || v >= 26 ? [] : emailKeys);
    expect(undeclaredKeys(version, 'Session', session)).toEqual(v === 14 ? ['$updatedAt'] : []);
    // The reference dates Target.expired at 17; the installed 16.1.0 already declares it.
    if (v >= 14) expect(undeclaredKeys(version, 'Target', me.targets[0])).toEqual(v < 16 ? ['expired'] : []);
  });

  it('sends its own response format on every request; only a format above 1.9.6 is warned about', async () => {
    exchanges.length = 0;
    const { account } = await signUp();
    await account.get();
    expect(exchanges.map((e) => e.format)).toEqual([version.format, version.format, version.format]);
    const warning = v >= 27
      ? `The current SDK is built for Appwrite ${version.format}. However, the current Appwrite server version is 1.9.6. Please downgrade your SDK to match the Appwrite version: https://appwrite.io/docs/sdks`
      : null;
    expect(exchanges.map((e) => e.warning)).toEqual([warning, warning, warning]);
  });

  it('reads and updates prefs', async () => {
    const { account } = await signUp();
    const empty = await account.getPrefs();
    check(prefsModel(), empty);
    expect(asSent(empty)).toEqual({});
    const user = await account.updatePrefs(...args({ prefs: { theme: 'dark' } }));
    check('User', user);
    expectUserKeys(user);
    expect(user.prefs).toEqual({ theme: 'dark' });
    const prefs = await account.getPrefs();
    check(prefsModel(), prefs);
    expect(asSent(prefs)).toEqual({ theme: 'dark' });
  });

  it('lists, gets, updates and deletes sessions', async () => {
    const { account, session } = await signUp();
    const list = await account.listSessions();
    check('SessionList', list);
    expect(list.total).toBe(1);
    const current = await account.getSession(...args({ sessionId: 'current' }));
    check('Session', current);
    expect(current.$id).toBe(session.$id);
    if (v === 13) {
      // Appwrite 1.4 refreshes OAuth2 sessions only.
      expect(triple(await error(() => account.updateSession('current')))).toEqual([
        501, 'project_provider_unsupported', expect.any(String),
      ]);
    } else {
      const updated = await account.updateSession(...args({ sessionId: 'current' }));
      expect(statuses.at(-1)).toBe(200);
      check('Session', updated);
    }
    await account.deleteSession(...args({ sessionId: 'current' }));
    expect(statuses.at(-1)).toBe(204);
    expect(triple(await error(() => account.get()))).toEqual([401, 'general_unauthorized_scope', expect.any(String)]);
  });

  it('deletes every session', async () => {
    const { account } = await signUp();
    await account.deleteSessions();
    expect(statuses.at(-1)).toBe(204);
    expect((await error(() => account.get())).code).toBe(401);
  });

  it('recovers the password through the inbox with its own updateRecovery signature', async () => {
    const { user } = await signUp();
    globalThis.localStorage.removeItem('cookieFallback');
    const { account } = page();
    const token = await account.createRecovery(...args({ email: EMAIL, url: URL }));
    expect(statuses.at(-1)).toBe(201);
    check('Token', token);
    const mail = await onlyMessage(emulator, { kind: 'recovery' });
    const done = v === 13
      ? await account.updateRecovery(user.$id, mail.secret, 'new-password-1', 'new-password-1')
      : await account.updateRecovery(...args({ userId: user.$id, secret: mail.secret, password: 'new-password-1' }));
    expect(statuses.at(-1)).toBe(200);
    check('Token', done);
    const session = v === 13
      ? await account.createEmailSession(EMAIL, 'new-password-1')
      : await account.createEmailPasswordSession(...args({ email: EMAIL, password: 'new-password-1' }));
    check('Session', session);
  });

  it('verifies the e-mail through the inbox', async () => {
    const { account } = await signUp();
    const create = v >= 22 ? () => account.createEmailVerification({ url: URL }) : () => account.createVerification(URL);
    const token = await create();
    expect(statuses.at(-1)).toBe(201);
    check('Token', token);
    const mail = await onlyMessage(emulator, { kind: 'verification' });
    const done = v >= 22
      ? await account.updateEmailVerification({ userId: mail.userId, secret: mail.secret })
      : await account.updateVerification(mail.userId, mail.secret);
    check('Token', done);
    const me = await account.get();
    check('User', me);
    expect(me.emailVerification).toBe(true);
  });

  it('signs in with a magic URL through the inbox', async () => {
    const { user } = await signUp();
    globalThis.localStorage.removeItem('cookieFallback');
    const { account } = page();
    const token = v === 13
      ? await account.createMagicURLSession(user.$id, EMAIL, URL)
      : await account.createMagicURLToken(...args({ userId: user.$id, email: EMAIL, url: URL }));
    expect(statuses.at(-1)).toBe(201);
    check('Token', token);
    const mail = await onlyMessage(emulator, { kind: 'magic-url' });
    const session = v === 13
      ? await account.updateMagicURLSession(mail.userId, mail.secret)
      : await account.createSession(...args({ userId: mail.userId, secret: mail.secret }));
    check('Session', session);
    check('User', await account.get());
  });

  it('signs in with a phone code through the inbox', async () => {
    const { account } = page();
    const token = v === 13
      ? await account.createPhoneSession(sdk.ID.unique(), '+14155550100')
      : await account.createPhoneToken(...args({ userId: sdk.ID.unique(), phone: '+14155550100' }));
    expect(statuses.at(-1)).toBe(201);
    check('Token', token);
    const sms = await onlyMessage(emulator, { kind: 'phone-session' });
    const session = v === 13
      ? await account.updatePhoneSession(sms.userId, sms.secret)
      : await account.createSession(...args({ userId: sms.userId, secret: sms.secret }));
    check('Session', session);
    const me = await account.get();
    check('User', me);
    expectUserKeys(me);
    expect(me.phone).toBe('+14155550100');
  });

  itWhen(v >= 14)('signs in with an e-mail code through the inbox (createEmailToken, 14+)', async () => {
    await signUp();
    globalThis.localStorage.removeItem('cookieFallback');
    const { account } = page();
    const token = await account.createEmailToken(...args({ userId: sdk.ID.unique(), email: EMAIL }));
    expect(statuses.at(-1)).toBe(201);
    check('Token', token);
    const mail = await onlyMessage(emulator, { kind: 'email-otp' });
    check('Session', await account.createSession(...args({ userId: mail.userId, secret: mail.secret })));
  });

  it('creates a JWT that another client uses to get the account', async () => {
    const { account, user } = await signUp();
    const jwt = await account.createJWT();
    expect(statuses.at(-1)).toBe(201);
    check('Jwt', jwt);
    globalThis.localStorage.removeItem('cookieFallback');
    const viaJwt = page();
    viaJwt.client.setJWT(jwt.jwt);
    const me = await viaJwt.account.get();
    check('User', me);
    expectUserKeys(me);
    expect(me.$id).toBe(user.$id);
  });

  itWhen(v >= 22)('still takes positional arguments (22+, deprecated there)', async () => {
    const { account } = page();
    const user = await account.create(sdk.ID.unique(), EMAIL, PASSWORD, 'Ada');
    check('User', user);
    check('Session', await account.createEmailPasswordSession(EMAIL, PASSWORD));
    check('User', await account.updatePrefs({ theme: 'light' }));
    check('Session', await account.getSession('current'));
    check('Jwt', await account.createJWT(60));
  });

  it('updates the e-mail, password and phone, then blocks itself', async () => {
    const { account } = await signUp();
    const moved = await account.updateEmail(...args({ email: 'grace@example.com', password: PASSWORD }));
    check('User', moved);
    expect(moved.email).toBe('grace@example.com');
    if (v >= 14) expect(moved.targets.map((t: { identifier: string }) => t.identifier)).toEqual(['grace@example.com']);
    const changed = await account.updatePassword(...args({ password: 'new-password-1', oldPassword: PASSWORD }));
    check('User', changed);
    const phoned = await account.updatePhone(...args({ phone: '+14155550100', password: 'new-password-1' }));
    check('User', phoned);
    expectUserKeys(phoned);
    // 1.9.6 renames an existing sms target but creates none here (spec 1.9 §6 updatePhone).
    if (v >= 14) expect(phoned.targets.map((t: { providerType: string }) => t.providerType)).toEqual(['email']);
    const blocked = await account.updateStatus();
    check('User', blocked);
    expect(blocked.status).toBe(false);
    expect((await error(() => account.get())).code).toBe(401);
  });

  it('verifies the phone through the inbox', async () => {
    const { account } = await signUp();
    await account.updatePhone(...args({ phone: '+14155550100', password: PASSWORD }));
    const token = await account.createPhoneVerification();
    expect(statuses.at(-1)).toBe(201);
    check('Token', token);
    const sms = await onlyMessage(emulator, { kind: 'phone-verification' });
    check('Token', await account.updatePhoneVerification(...args({ userId: sms.userId, secret: sms.secret })));
    const me = await account.get();
    check('User', me);
    expect(me.phoneVerification).toBe(true);
  });

  itWhen(v >= 14)('creates, updates and deletes a push target (14+)', async () => {
    const { account } = await signUp();
    const target = await account.createPushTarget(...args({ targetId: 'device1', identifier: 'fcm-token-1' }));
    expect(statuses.at(-1)).toBe(201);
    check('Target', target);
    expect(target).toMatchObject({ $id: 'device1', providerType: 'push', identifier: 'fcm-token-1' });
    const updated = await account.updatePushTarget(...args({ targetId: 'device1', identifier: 'fcm-token-2' }));
    check('Target', updated);
    expect(updated.identifier).toBe('fcm-token-2');
    const me = await account.get();
    check('User', me);
    expect(me.targets.map((t: { $id: string }) => t.$id)).toContain('device1');
    await account.deletePushTarget(...args({ targetId: 'device1' }));
    expect(statuses.at(-1)).toBe(204);
  });

  itWhen(v >= 16)('pings the server (16+)', async () => {
    const { client } = page();
    // GET /ping answers text/plain "Pong!", which the SDK wraps as { message }.
    expect(asSent(await client.ping())).toEqual({ message: 'Pong!' });
  });

  it('signs in anonymously and renames the account', async () => {
    const { account } = page();
    const session = await account.createAnonymousSession();
    expect(statuses.at(-1)).toBe(201);
    check('Session', session);
    expect(session.provider).toBe('anonymous');
    const user = await account.updateName(...args({ name: 'Guest' }));
    check('User', user);
    expectUserKeys(user);
    expect(user.name).toBe('Guest');
  });

  it('lists identities with a limit query of its own syntax', async () => {
    const { account } = await signUp();
    const all = await account.listIdentities();
    check('IdentityList', all);
    // SDK 13 writes 1.4's string syntax, 14+ JSON.
    expect(sdk.Query.limit(1)).toBe(v === 13 ? 'limit(1)' : '{"method":"limit","values":[1]}');
    const limited = await account.listIdentities(...args({ queries: [sdk.Query.limit(1)] }));
    expect(statuses.at(-1)).toBe(200);
    check('IdentityList', limited);
    expect(asSent(limited)).toEqual({ total: 0, identities: [] });
  });

  it('signs in with OAuth2, then lists the identity and refreshes the OAuth2 session', async () => {
    const { account } = page();
    const url = await navigation(() => v >= 22
      ? account.createOAuth2Session({ provider: 'github', success: SUCCESS, failure: FAILURE })
      : account.createOAuth2Session('github', SUCCESS, FAILURE));
    const done = await oauth2SignIn(emulator, url, approve('octo@example.com', 'Octo'));
    expect(done).toMatchObject({ kind: 'navigate', url: SUCCESS });
    const me = await account.get();
    check('User', me);
    expectUserKeys(me);
    const list = await account.listIdentities(...args({ queries: [sdk.Query.limit(1)] }));
    check('IdentityList', list);
    expect(list.identities).toEqual([expect.objectContaining({ userId: me.$id, provider: 'github' })]);
    const session = await account.getSession(...args({ sessionId: 'current' }));
    check('Session', session);
    expect(session.provider).toBe('github');
    // 1.9.6 has no Identity.providerIdToken, which SDK 28 declares (spec 1.9 §7.6).
    expect('providerIdToken' in list.identities[0]).toBe(false);
    const refreshed = await account.updateSession(...args({ sessionId: 'current' }));
    expect(statuses.at(-1)).toBe(200);
    check('Session', refreshed);
  });

  itWhen(v < 28)('lists logs (no listLogs in SDK 28)', async () => {
    const { account } = await signUp();
    const logs = await account.listLogs(...args({ queries: [sdk.Query.limit(1)] }));
    check('LogList', logs);
    expect(logs.logs).toHaveLength(1);
  });

  it('has no listLogs from SDK 28 on', async () => {
    expect(typeof new sdk.Account(new sdk.Client()).listLogs).toBe(v >= 28 ? 'undefined' : 'function');
  });

  itWhen(v >= 14)('MFA: TOTP authenticator, recovery codes, factors, a second-factor sign-in on the challenge path it calls', async () => {
    const { account, user } = await signUp();
    // SDK 14-18 spell the methods `…Mfa…`; 19+ add `…MFA…` (and keep the old names, deprecated).
    const call = (name: string, ...a: unknown[]) => (account[name] ?? account[name.replace('MFA', 'Mfa')]).call(account, ...a);
    const type = await call('createMFAAuthenticator', ...args({ type: 'totp' }));
    check('MfaType', type);
    check('User', await call('updateMFAAuthenticator', ...args({ type: 'totp', otp: await emulator.mfa.totpCode(user.$id) })));
    check('MfaRecoveryCodes', await call('createMFARecoveryCodes'));
    const factors = await call('listMFAFactors');
    check('MfaFactors', factors);
    expect(factors).toMatchObject({ totp: true, phone: false, email: false, recoveryCode: true });
    expect((await account.updateMFA(...args({ mfa: true }))).mfa).toBe(true);
    await account.deleteSession(...args({ sessionId: 'current' }));

    const again = page();
    await signIn(again.account);
    expect(triple(await error(() => again.account.get()))).toEqual([401, 'user_more_factors_required', 'More factors are required to complete the sign in process.']);
    const second = (name: string, ...a: unknown[]) => (again.account[name] ?? again.account[name.replace('MFA', 'Mfa')]).call(again.account, ...a);
    paths.length = 0;
    const challenge = await second('createMFAChallenge', ...args({ factor: 'totp' }));
    check('MfaChallenge', challenge);
    const session = await second('updateMFAChallenge', ...args({ challengeId: challenge.$id, otp: await emulator.mfa.totpCode(user.$id) }));
    check('Session', session);
    expect(session.factors).toEqual(['password', 'totp']);
    // SDK 14 to 21.4 call /account/mfa/challenge, 21.5+ /account/mfa/challenges (the installed 22+).
    const path = v >= 22 ? '/v1/account/mfa/challenges' : '/v1/account/mfa/challenge';
    expect(paths).toEqual([path, path]);
    expect((await again.account.get()).$id).toBe(user.$id);
  });
});
