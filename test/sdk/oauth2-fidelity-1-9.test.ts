/**
 * 1.9.6 fidelity of the OAuth2 redirect route (app/controllers/api/account.php@1.9.6, `acc:` lines), through SDK 26
 * and SDK 28: the token flow of a signed-in browser (acc:1599-1607), the order in which a user is chosen
 * (acc:1609-1662), `mock-unverified` (acc:1720, oAuthProviders.php:510), the e-mail fields and target of OAuth2
 * users (acc:1672-1756, 1812-1861), the session event (acc:1920-1961), push targets on a session upgrade
 * (acc:1963-1977), the `scopes` text (utopia-php/validators 0.2.6 ArrayList.php:47-51) and the PHP query
 * rebuilding of the success/failure URLs (acc:1506-1513, 1873-1874, 1996-1997). The navigations carry no format
 * header, so they all meet 1.9.6.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createEmulator } from 'appwrite-emulator';
import { FAST_HASH, ENDPOINT, PROJECT, useEmulator, useSecondEmulator } from '../helpers.js';
import { decideOAuth2Consent, startOAuth2Flow, type ConsentDecision, type FlowStep } from '../../src/browser/oauth2-flow.js';
import { quietSdkNotice } from './account-helpers.js';
import { FAILURE, SUCCESS, UA, approve, browser, failureError, hop } from './oauth2-helpers.js';
import { MODERN_SDKS, modernClient, signUp19, type ModernSdk } from './modern-sdk-helpers.js';
import { authenticated, forgetSession, REALTIME_SDKS, spyOnSockets, subscribed, type RealtimeSdk } from './realtime-helpers.js';

const { emulator, server } = useEmulator();
const limited = useSecondEmulator(server, 'oauth2-limit', { auth: { limit: 1 } });
const spy = spyOnSockets();
quietSdkNotice();

const NOW = '2026-01-15T10:00:00.000+00:00';
const HEX20 = /^[0-9a-f]{20}$/;

type Account = InstanceType<ModernSdk['Account']>;

/** The URL the SDK navigates to (it sets window.location.href) for `start`. */
function navigation(sdk: ModernSdk, start: (a: Account) => unknown, endpoint = ENDPOINT): string {
  const fake = { location: { href: '' } };
  vi.stubGlobal('window', fake);
  try {
    start(new sdk.Account(new sdk.Client().setEndpoint(endpoint).setProject(PROJECT)));
  } finally {
    vi.unstubAllGlobals();
  }
  return fake.location.href;
}

const sessionUrl = (sdk: ModernSdk, provider: string, endpoint = ENDPOINT, success = SUCCESS, failure = FAILURE) =>
  navigation(sdk, (a) => a.createOAuth2Session({ provider: provider as never, success, failure }), endpoint);
const tokenUrl = (sdk: ModernSdk, provider: string, success = SUCCESS, failure = FAILURE) =>
  navigation(sdk, (a) => a.createOAuth2Token({ provider: provider as never, success, failure }));

/** The whole flow as the page runs it, the browser's stored session sent along; a new session is stored. */
async function through(em: typeof emulator, url: string, decision: ConsentDecision): Promise<FlowStep> {
  const consent = await startOAuth2Flow(em, url, browser());
  if (consent.kind !== 'consent') throw new Error(JSON.stringify(consent));
  const done = await decideOAuth2Consent(em, consent.authorizeUrl, decision, browser());
  if (done.kind === 'navigate' && done.cookieFallback) localStorage.setItem('cookieFallback', done.cookieFallback);
  return done;
}

const landing = (step: FlowStep) => {
  if (step.kind !== 'navigate') throw new Error(JSON.stringify(step));
  return step.url;
};

describe.each(MODERN_SDKS)('%s', (_, sdk) => {
  describe('createOAuth2Token in a signed-in browser', () => {
    it('deletes the current session and sets none, so createSession() with the token then succeeds', async () => {
      const { account, userId, session } = await signUp19(sdk, 'ada@example.com');
      const done = await through(emulator, tokenUrl(sdk, 'github'), approve('ada@example.com', 'Ada', 'gh1'));
      if (done.kind !== 'navigate') throw new Error(JSON.stringify(done));
      expect(done.cookieFallback).toBeNull();
      const landed = new URL(done.url);
      expect(landed.searchParams.get('userId')).toBe(userId);
      const db = await emulator.db();
      expect(await db.sessions.get(session.$id)).toBeUndefined();

      // The browser still sends the old (now unknown) session: it is a guest again.
      const created = await account.createSession({ userId, secret: landed.searchParams.get('secret')! });
      expect(created).toMatchObject({ userId, provider: 'github', providerUid: '', current: true });
      expect((await account.listSessions()).sessions.map((s) => s.$id)).toEqual([created.$id]);
    });
  });

  describe('which user signs in', () => {
    it('the identity\'s user, before a user with the e-mail the provider now reports', async () => {
      forgetSession();
      await through(emulator, sessionUrl(sdk, 'github'), approve('a@example.com', 'A', 'uid1'));
      const { account } = modernClient(sdk);
      const a = await account.get();
      await account.deleteSession({ sessionId: 'current' });
      forgetSession();
      const b = await account.create({ userId: 'userB', email: 'b@example.com', password: 'password123' });

      expect(landing(await through(emulator, sessionUrl(sdk, 'github'), approve('b@example.com', 'A', 'uid1')))).toBe(SUCCESS);
      expect((await account.get()).$id).toBe(a.$id);
      expect(b.$id).toBe('userB');
      const identities = (await account.listIdentities()).identities;
      expect(identities.map((i) => [i.userId, i.provider, i.providerUid, i.providerEmail])).toEqual([[a.$id, 'github', 'uid1', 'a@example.com']]);
    });

    it('mock-unverified: signs up, signs out, signs in again through its identity', async () => {
      forgetSession();
      expect(landing(await through(emulator, sessionUrl(sdk, 'mock-unverified'), approve('mu@example.com', 'M', 'mu1')))).toBe(SUCCESS);
      const { account } = modernClient(sdk);
      const first = await account.get();
      expect(first.emailVerification).toBe(true);
      await account.deleteSession({ sessionId: 'current' });
      forgetSession();

      expect(landing(await through(emulator, sessionUrl(sdk, 'mock-unverified'), approve('mu@example.com', 'M', 'mu1')))).toBe(SUCCESS);
      expect((await account.get()).$id).toBe(first.$id);
    });

    it('at the user limit, links the user of an identity with the e-mail instead of refusing a new user', async () => {
      forgetSession();
      const account = new sdk.Account(new sdk.Client().setEndpoint(limited.config.endpoint).setProject(PROJECT));
      const user = await account.create({ userId: 'userA', email: 'x@example.com', password: 'password123' });
      await account.createEmailPasswordSession({ email: 'x@example.com', password: 'password123' });
      const linkUrl = sessionUrl(sdk, 'github', limited.config.endpoint);
      expect(landing(await through(limited, linkUrl, approve('a@example.com', 'A', 'uid1')))).toBe(SUCCESS);
      await account.deleteSession({ sessionId: 'current' });
      forgetSession();

      const googleUrl = sessionUrl(sdk, 'google', limited.config.endpoint);
      expect(landing(await through(limited, googleUrl, approve('a@example.com', 'A', 'g1')))).toBe(SUCCESS);
      expect((await account.get()).$id).toBe(user.$id);
      expect((await account.listIdentities()).identities.map((i) => [i.provider, i.providerEmail]))
        .toEqual([['github', 'a@example.com'], ['google', 'a@example.com']]);
    });
  });

  describe('mock-unverified', () => {
    it('gives a new user a verified e-mail and names itself MockUnverified in failure messages', async () => {
      forgetSession();
      await through(emulator, sessionUrl(sdk, 'mock-unverified'), approve('new@example.com', 'N'));
      expect(await modernClient(sdk).account.get()).toMatchObject({ email: 'new@example.com', emailVerification: true });

      forgetSession();
      const consent = await startOAuth2Flow(emulator, sessionUrl(sdk, 'mock-unverified'), browser());
      if (consent.kind !== 'consent') throw new Error(JSON.stringify(consent));
      expect(consent.consent.providerName).toBe('MockUnverified');
      expect(failureError(await decideOAuth2Consent(emulator, consent.authorizeUrl, { decision: 'deny' }, browser()))).toEqual({
        message: 'The MockUnverified OAuth2 provider returned an error: access_denied: The user has denied your application access.',
        type: 'user_oauth2_provider_error', code: 424,
      });
    });
  });

  describe('the e-mail of an OAuth2 user', () => {
    it('a new user gets the parser\'s fields and an `email` target, as POST /account gives', async () => {
      forgetSession();
      await through(emulator, sessionUrl(sdk, 'github'), approve('Octo@Example.com', 'Octo'));
      const me = await modernClient(sdk).account.get();
      expect(me).toMatchObject({
        email: 'Octo@Example.com', emailVerification: true, mfa: false, emailCanonical: 'octo@example.com',
        emailIsCanonical: true, emailIsCorporate: true, emailIsDisposable: false, emailIsFree: false,
      });
      expect(me.targets).toEqual([{
        $id: expect.stringMatching(HEX20), $createdAt: NOW, $updatedAt: NOW, name: '', userId: me.$id, providerId: null,
        providerType: 'email', identifier: 'Octo@Example.com', expired: false,
      }]);

      forgetSession();
      await through(emulator, sessionUrl(sdk, 'google'), approve('Octo.Cat+news@Gmail.com', 'Cat'));
      expect(await modernClient(sdk).account.get()).toMatchObject({
        email: 'Octo.Cat+news@Gmail.com', emailCanonical: 'octocat@gmail.com', emailIsCanonical: false,
        emailIsCorporate: false, emailIsDisposable: false, emailIsFree: true,
      });
    });

    it('an anonymous user converted gets the parser\'s fields, keeps its id, and gets no target (1.9.6 creates none there)', async () => {
      forgetSession();
      const { account } = modernClient(sdk);
      const anonymous = await account.createAnonymousSession();
      await through(emulator, sessionUrl(sdk, 'github'), approve('Anon@Example.com', 'An', 'a1'));
      const me = await account.get();
      expect(me).toMatchObject({
        $id: anonymous.userId, email: 'Anon@Example.com', emailVerification: false, emailCanonical: 'anon@example.com',
        emailIsCanonical: true, emailIsCorporate: true, emailIsDisposable: false, emailIsFree: false, targets: [],
      });
    });
  });

  describe('a session upgrade (signed in, the session flow)', () => {
    it('moves the user\'s push targets to the new session, so signing out of it removes them', async () => {
      const { account, userId, session } = await signUp19(sdk, 'ada@example.com');
      await account.createPushTarget({ targetId: 'device-1', identifier: 'fcm-token' });
      await through(emulator, sessionUrl(sdk, 'github'), approve('ada@example.com', 'Ada'));
      const current = await account.getSession({ sessionId: 'current' });
      expect(current.$id).not.toBe(session.$id);
      const db = await emulator.db();
      expect((await db.users.get(userId))!.targets!.find((t) => t.$id === 'device-1')!.sessionId).toBe(current.$id);
      await account.deleteSession({ sessionId: 'current' });
      expect((await db.users.get(userId))!.targets!.map((t) => t.providerType)).toEqual(['email']);
    });
  });

  describe('the `scopes` param', () => {
    it('says 1.9.6\'s ArrayList text (with the item limit)', async () => {
      const scopes = Array.from({ length: 101 }, (_, i) => `s${i}`);
      const response = await hop(emulator, navigation(sdk, (a) => a.createOAuth2Session({ provider: 'github' as never, scopes })));
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({
        message: 'Invalid `scopes` param: Value must a valid array no longer than 100 items and Value must be a valid string and at least 1 chars and no longer than 4096 chars',
        code: 400, type: 'general_argument_invalid', version: '1.9.6',
      });
    });
  });

  describe('the success and failure URLs\' query (PHP parse_str + http_build_query)', () => {
    const CB = `${SUCCESS}?a.b=1&x[]=1&x[]=2&bare#frag`;

    it('is rebuilt on the session flow\'s success URL, even with nothing added', async () => {
      forgetSession();
      expect(landing(await through(emulator, sessionUrl(sdk, 'github', ENDPOINT, CB), approve('octo@example.com'))))
        .toBe(`${SUCCESS}?a_b=1&x%5B0%5D=1&x%5B1%5D=2&bare=#frag`);
    });

    it('is rebuilt on the token flow\'s success URL, secret and userId appended', async () => {
      forgetSession();
      const url = landing(await through(emulator, tokenUrl(sdk, 'github', CB), approve('octo@example.com')));
      expect(url).toMatch(new RegExp(`^${SUCCESS}\\?a_b=1&x%5B0%5D=1&x%5B1%5D=2&bare=&secret=[\\w.-]+&userId=[0-9a-f]{20}#frag$`));
    });

    it('is rebuilt on the failure URL, the error appended', async () => {
      forgetSession();
      const consent = await startOAuth2Flow(emulator, sessionUrl(sdk, 'github', ENDPOINT, SUCCESS, `${FAILURE}?from[]=login&a+b=c`), browser());
      if (consent.kind !== 'consent') throw new Error(JSON.stringify(consent));
      const url = landing(await decideOAuth2Consent(emulator, consent.authorizeUrl, { decision: 'deny' }, browser()));
      expect(url).toMatch(new RegExp(`^${FAILURE}\\?from%5B0%5D=login&a_b=c&error=%7B.+%7D$`));
    });
  });
});

describe('the default success page on localhost', () => {
  const local = createEmulator({
    projectId: PROJECT, endpoint: 'http://localhost/v1', databaseName: 'oauth2-fidelity-localhost',
    now: () => new Date('2026-01-15T10:00:00.000Z'), seed: 3, auth: { passwordHash: FAST_HASH },
  });
  afterAll(() => local.close());

  it('gets project, key and secret, and no `domain` (1.9.6\'s cookie domain is null there)', async () => {
    const [, sdk] = MODERN_SDKS[1]!;
    const url = navigation(sdk, (a) => a.createOAuth2Session({ provider: 'github' as never }), 'http://localhost/v1');
    const consent = await startOAuth2Flow(local, url, { userAgent: UA });
    if (consent.kind !== 'consent') throw new Error(JSON.stringify(consent));
    const done = await decideOAuth2Consent(local, consent.authorizeUrl, approve('octo@example.com'), { userAgent: UA });
    if (done.kind !== 'navigate') throw new Error(JSON.stringify(done));
    const cookie = JSON.parse(done.cookieFallback!)[`a_session_${PROJECT}`];
    expect(done.url).toBe(`http://localhost/console/auth/oauth2/success?project=${PROJECT}&key=a_session_${PROJECT}&secret=${encodeURIComponent(cookie)}`);
  });
});

/** Subscribes and waits until the socket is signed in and subscribed. */
async function subscribeReady(rt: RealtimeSdk, client: any, callback: (e: any) => void) {
  const from = spy.sockets.length;
  const unsubscribe = await rt.subscribe(client, 'account', callback);
  await spy.received(authenticated, from);
  await spy.received(subscribed, from);
  return unsubscribe;
}

describe.each(REALTIME_SDKS.filter((rt) => rt.version >= 26).map((rt) => [rt.name, rt] as const))('%s: the OAuth2 session event', (_, rt) => {
  it('carries the Session as 1.9.6 outputs it before `current` and `countryName` are set: false and \'\'', async () => {
    forgetSession();
    const { client, account } = rt.client();
    const { userId: u } = await rt.signUp(account, 'ada@example.com');
    const events: any[] = [];
    const unsubscribe = await subscribeReady(rt, client, (e) => events.push(e));
    await through(emulator, sessionUrl(MODERN_SDKS.find(([name]) => name === rt.name)![1], 'github'), approve('ada@example.com'));
    await expect.poll(() => events.length, { timeout: 5000, interval: 10 }).toBe(1);
    const github = (await account.listSessions()).sessions.find((s: any) => s.provider === 'github');
    expect(github).toMatchObject({ current: true, countryName: 'Unknown' });
    expect(events[0].events[0]).toBe(`users.${u}.sessions.${github.$id}.create`);
    expect(events[0].payload).toEqual({ ...JSON.parse(JSON.stringify(github)), current: false, countryName: '' });
    await unsubscribe();
  });
});
