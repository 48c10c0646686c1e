/**
 * createOAuth2Session, end to end through the emulated provider: the redirect route's user selection, identity,
 * session and redirects (spec §9.2 step 3), with the real SDK before and after the navigation.
 */
import { ID } from 'appwrite-13';
import { describe, expect, it } from 'vitest';
import { PROJECT, error, sdk, useEmulator } from '../helpers.js';
import { FAILURE, SUCCESS, approve, browser, failureError, oauth2Url, signIn } from './oauth2-helpers.js';
import { decideOAuth2Consent, startOAuth2Flow } from '../../src/browser/oauth2-flow.js';

// OAuth2 navigations carry no format header: pin the 1.4 server these tests describe.
const { emulator } = useEmulator({ behaviour: '1.4' });

const NOW = '2026-01-15T10:00:00.000+00:00';
const IN_4_HOURS = '2026-01-15T14:00:00.000+00:00';
const HEX40 = /^[0-9a-f]{40}$/;
const IDENTITY_KEYS = ['$id', '$createdAt', '$updatedAt', 'userId', 'provider', 'providerUid', 'providerEmail',
  'providerAccessToken', 'providerAccessTokenExpiry', 'providerRefreshToken'];

const githubUrl = () => oauth2Url(sdk().account, 'github', SUCCESS, FAILURE, ['read:user']);

describe('createOAuth2Session', () => {
  it('signs up a new user with a verified e-mail and no password, and lands on the success URL signed in', async () => {
    const { account } = sdk();
    const done = await signIn(emulator, githubUrl(), approve('Octo@Example.com', 'Octo Cat'));
    expect(done).toEqual({ kind: 'navigate', url: SUCCESS, cookieFallback: expect.stringContaining(`"a_session_${PROJECT}":"`) });

    const me = await account.get();
    expect(me).toEqual({
      $id: expect.stringMatching(/^[0-9a-f]{20}$/), $createdAt: NOW, $updatedAt: NOW, name: 'Octo Cat', registration: NOW,
      status: true, labels: [], passwordUpdate: '', email: 'Octo@Example.com', phone: '', emailVerification: true,
      phoneVerification: false, prefs: {}, accessedAt: NOW,
    });
  });

  it('links an identity with every Identity key and the provider tokens', async () => {
    const { account } = sdk();
    await signIn(emulator, githubUrl(), approve('octo@example.com', 'Octo'));
    const me = await account.get();
    const list = await account.listIdentities();
    expect(list.total).toBe(1);
    const [identity] = list.identities;
    expect(Object.keys(identity!)).toEqual(IDENTITY_KEYS);
    expect(identity).toEqual({
      $id: expect.stringMatching(/^[0-9a-f]{20}$/), $createdAt: NOW, $updatedAt: NOW, userId: me.$id, provider: 'github',
      providerUid: expect.stringMatching(/^\d+$/), providerEmail: 'octo@example.com',
      providerAccessToken: expect.stringMatching(HEX40), providerAccessTokenExpiry: IN_4_HOURS,
      providerRefreshToken: expect.stringMatching(HEX40),
    });
  });

  it('creates a current session of the provider carrying the provider account and tokens', async () => {
    const { account } = sdk();
    await signIn(emulator, githubUrl(), approve('octo@example.com'));
    const [identity] = (await account.listIdentities()).identities;
    const session = await account.getSession('current');
    expect(session).toMatchObject({
      userId: identity!.userId, provider: 'github', providerUid: identity!.providerUid,
      providerAccessToken: identity!.providerAccessToken, providerRefreshToken: identity!.providerRefreshToken,
      providerAccessTokenExpiry: IN_4_HOURS, expire: '2027-01-15T10:00:00.000+00:00',
      osName: 'Windows', clientName: 'Chrome', countryCode: '--', countryName: 'Unknown', current: true,
    });
  });

  it('writes a session.create audit entry', async () => {
    const { account } = sdk();
    await signIn(emulator, githubUrl(), approve('octo@example.com', 'Octo'));
    const logs = await account.listLogs();
    expect(logs.logs.map((l) => [l.event, l.userEmail, l.userName])).toEqual([['session.create', 'octo@example.com', 'Octo']]);
  });

  it('sends a denied consent to the failure URL with Appwrite\'s error param, creating nothing', async () => {
    const { account } = sdk();
    const done = await signIn(emulator, githubUrl(), { decision: 'deny' });
    expect(done).toEqual({
      kind: 'navigate', cookieFallback: null,
      url: `${FAILURE}?error=%7B%22message%22%3A%22The+GitHub+OAuth2+provider+returned+an+error%3A+access_denied%3A+The+user+has+denied+your+application+access.%22%2C%22type%22%3A%22user_oauth2_provider_error%22%2C%22code%22%3A424%7D`,
    });
    expect(failureError(done)).toEqual({
      message: 'The GitHub OAuth2 provider returned an error: access_denied: The user has denied your application access.',
      type: 'user_oauth2_provider_error', code: 424,
    });
    expect((await error(() => account.get())).code).toBe(401);
    const db = await emulator.db();
    expect([await db.users.count(), await db.sessions.count(), await db.identities.count(), await db.logs.count()]).toEqual([0, 0, 0, 0]);
  });

  it('keeps the failure URL\'s own query and fragment', async () => {
    const url = oauth2Url(sdk().account, 'google', SUCCESS, `${FAILURE}?from=login#top`);
    const consent = await startOAuth2Flow(emulator, url, browser());
    if (consent.kind !== 'consent') throw new Error('no consent');
    const done = await decideOAuth2Consent(emulator, consent.authorizeUrl, { decision: 'deny' });
    expect(done.kind === 'navigate' && done.url).toMatch(new RegExp(`^${FAILURE}\\?from=login&error=%7B.+%7D#top$`));
  });

  it('converts the signed-in anonymous user: same id, e-mail and name filled, anonymous session replaced', async () => {
    const { account } = sdk();
    const anonymous = await account.createAnonymousSession();
    await signIn(emulator, githubUrl(), approve('octo@example.com', 'Octo'));
    const me = await account.get();
    expect(me).toMatchObject({ $id: anonymous.userId, email: 'octo@example.com', name: 'Octo', emailVerification: false, passwordUpdate: '' });
    const sessions = await account.listSessions();
    expect(sessions.sessions.map((s) => [s.provider, s.current])).toEqual([['github', true]]);
    expect((await account.listIdentities()).identities.map((i) => i.userId)).toEqual([anonymous.userId]);
  });

  it('links to the existing user with the same e-mail, keeping its name and password', async () => {
    const { account } = sdk();
    const ada = await account.create(ID.unique(), 'ada@example.com', 'password123', 'Ada');
    await signIn(emulator, githubUrl(), approve('ada@example.com', 'Ada Lovelace'));
    expect(await account.get()).toMatchObject({ $id: ada.$id, name: 'Ada', emailVerification: false, passwordUpdate: NOW });
    localStorage.clear();
    expect((await account.createEmailSession('ada@example.com', 'password123')).userId).toBe(ada.$id);
    expect((await account.listIdentities()).identities.map((i) => [i.provider, i.providerEmail])).toEqual([['github', 'ada@example.com']]);
  });

  it('signs the same provider account in again as the same user, refreshing its one identity', async () => {
    const { account } = sdk();
    await signIn(emulator, githubUrl(), approve('octo@example.com', 'Octo'));
    const [first] = (await account.listIdentities()).identities;
    localStorage.clear();
    emulator.clock.advance(60_000);

    const consent = await startOAuth2Flow(emulator, githubUrl(), browser());
    expect(consent.kind === 'consent' && consent.consent).toEqual({
      provider: 'github', providerName: 'GitHub', projectId: PROJECT, projectName: PROJECT, scopes: ['read:user'],
      accounts: [{ providerUid: first!.providerUid, email: 'octo@example.com', name: 'Octo' }],
    });
    await signIn(emulator, githubUrl(), approve('octo@example.com', '', first!.providerUid));
    const list = await account.listIdentities();
    expect(list.total).toBe(1);
    expect(list.identities[0]).toMatchObject({ $id: first!.$id, userId: first!.userId, $updatedAt: '2026-01-15T10:01:00.000+00:00' });
    expect(list.identities[0]!.providerAccessToken).not.toBe(first!.providerAccessToken);
    expect((await account.listSessions()).total).toBe(2);
  });

  it('finds the user by its identity after the user changed its e-mail and signed out everywhere', async () => {
    const { account } = sdk();
    await signIn(emulator, githubUrl(), approve('octo@example.com', 'Octo'));
    const me = await account.get();
    const [identity] = (await account.listIdentities()).identities;
    await account.updateEmail('renamed@example.com', 'password123');
    await account.deleteSessions();
    localStorage.clear();

    await signIn(emulator, githubUrl(), approve('octo@example.com', 'Octo', identity!.providerUid));
    expect(await account.get()).toMatchObject({ $id: me.$id, email: 'renamed@example.com' });
  });

  it('treats an account typed in with a known e-mail as that provider account', async () => {
    const { account } = sdk();
    await signIn(emulator, githubUrl(), approve('octo@example.com'));
    const [identity] = (await account.listIdentities()).identities;
    localStorage.clear();
    await signIn(emulator, githubUrl(), approve('OCTO@example.com'));
    expect((await account.getSession('current')).providerUid).toBe(identity!.providerUid);
  });

  it('adds a second identity when the same e-mail signs in with another provider', async () => {
    const { account } = sdk();
    await signIn(emulator, githubUrl(), approve('octo@example.com'));
    const me = await account.get();
    localStorage.clear();
    await signIn(emulator, oauth2Url(sdk().account, 'google', SUCCESS, FAILURE), approve('octo@example.com'));
    expect((await account.get()).$id).toBe(me.$id);
    expect((await account.listIdentities()).identities.map((i) => i.provider)).toEqual(['github', 'google']);
  });

  it('appends the session to Appwrite\'s default success page URL', async () => {
    const done = await signIn(emulator, oauth2Url(sdk().account, 'github'), approve('octo@example.com'));
    if (done.kind !== 'navigate') throw new Error('no redirect');
    const url = new URL(done.url);
    expect(`${url.origin}${url.pathname}`).toBe('https://cloud.appwrite.io/auth/oauth2/success');
    const params = Object.fromEntries(url.searchParams);
    expect(params).toEqual({ project: PROJECT, domain: '.cloud.appwrite.io', key: `a_session_${PROJECT}`, secret: expect.any(String) });
    expect(JSON.parse(done.cookieFallback!)).toEqual({ [`a_session_${PROJECT}`]: params.secret });
    expect(JSON.parse(atob(params.secret!))).toEqual({ id: expect.stringMatching(/^[0-9a-f]{20}$/), secret: expect.stringMatching(/^[0-9a-f]{256}$/) });
  });

  it('sends a blocked user to the failure URL with user_blocked, creating no identity or session', async () => {
    const { account } = sdk();
    await account.create(ID.unique(), 'ada@example.com', 'password123', 'Ada');
    await account.createEmailSession('ada@example.com', 'password123');
    await account.updateStatus();
    expect(localStorage.getItem('cookieFallback')).toBe('[]');

    const done = await signIn(emulator, githubUrl(), approve('ada@example.com'));
    expect(failureError(done)).toEqual({
      message: 'The current user has been blocked. You can unblock the user by making a request to the User API\'s "Update User Status" endpoint or in the Appwrite Console\'s Auth section.',
      type: 'user_blocked', code: 401,
    });
    const db = await emulator.db();
    expect([await db.sessions.count(), await db.identities.count()]).toEqual([1, 0]);
  });

  it('answers 401 user_unauthorized, not a redirect, when the provider gives no e-mail for a new user', async () => {
    const done = await signIn(emulator, githubUrl(), approve(''));
    expect(done).toMatchObject({ kind: 'error', status: 401, contentType: expect.stringContaining('application/json') });
    expect(JSON.parse((done as { body: string }).body)).toEqual({
      message: 'OAuth provider failed to return email.', code: 401, type: 'user_unauthorized', version: '1.4.13',
    });
    expect(await (await emulator.db()).users.count()).toBe(0);
  });

  it('signs a known provider account without a public e-mail in through its session', async () => {
    const { account } = sdk();
    await signIn(emulator, githubUrl(), approve('octo@example.com'));
    const [identity] = (await account.listIdentities()).identities;
    localStorage.clear();
    await signIn(emulator, githubUrl(), approve('', '', identity!.providerUid));
    expect((await account.get()).email).toBe('octo@example.com');
  });

  it('answers 409 user_already_exists when the signed-in user brings an e-mail of another user\'s identity', async () => {
    const { account } = sdk();
    await signIn(emulator, githubUrl(), approve('bob@example.com'));
    localStorage.clear();
    await account.create(ID.unique(), 'ada@example.com', 'password123');
    await account.createEmailSession('ada@example.com', 'password123');
    const done = await signIn(emulator, githubUrl(), approve('bob@example.com'));
    expect(done).toMatchObject({ kind: 'error', status: 409 });
    expect(JSON.parse((done as { body: string }).body).type).toBe('user_already_exists');
    expect((await account.getSession('current')).provider).toBe('email');
  });

  it('answers 409 user_email_already_exists for a new user whose e-mail another user\'s identity holds', async () => {
    const { account } = sdk();
    await signIn(emulator, githubUrl(), approve('octo@example.com'));
    await account.updateEmail('renamed@example.com', 'password123');
    localStorage.clear();
    const done = await signIn(emulator, oauth2Url(sdk().account, 'google', SUCCESS, FAILURE), approve('octo@example.com'));
    expect(done).toMatchObject({ kind: 'error', status: 409 });
    expect(JSON.parse((done as { body: string }).body)).toMatchObject({
      type: 'user_email_already_exists', message: 'A user with the same email already exists in the current project.',
    });
  });

  it('answers 409 user_already_exists when an anonymous user would take a password user\'s e-mail, changing nothing', async () => {
    const { account } = sdk();
    await account.create(ID.unique(), 'ada@example.com', 'password123');
    const anonymous = await account.createAnonymousSession();
    const done = await signIn(emulator, githubUrl(), approve('ada@example.com'));
    expect(done).toMatchObject({ kind: 'error', status: 409 });
    expect(await account.get()).toMatchObject({ $id: anonymous.userId, email: '' });
    expect((await account.listSessions()).sessions.map((s) => s.provider)).toEqual(['anonymous']);
  });

  it('uses the provider key as session provider for the test-only mock provider too', async () => {
    const { account } = sdk();
    await signIn(emulator, oauth2Url(sdk().account, 'mock', SUCCESS, FAILURE), approve('useroauth@localhost.test', 'User Name'));
    expect((await account.getSession('current')).provider).toBe('mock');
  });
});
