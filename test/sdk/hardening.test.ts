/**
 * Faults found by attacking the emulator: parallel sign-ups past `auth.limit`, a JWT key cached across another
 * tab's reset(), hostile nesting, rate-limit rows keyed by megabytes of input, and an audit write failing after
 * the change it records has committed. Each test here failed before its fix.
 */
import { ID } from 'appwrite-13';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEmulator, type Emulator } from 'appwrite-emulator';
import { error, FAST_HASH, PROJECT, raw, sdk, useEmulator, useSecondEmulator } from '../helpers.js';
import { HOUR, triple } from './session-helpers.js';
import { browser } from './oauth2-helpers.js';
import { decideOAuth2Consent, startOAuth2Flow } from '../../src/browser/oauth2-flow.js';

const { emulator, server } = useEmulator({ rateLimits: false });
const limited = useSecondEmulator(server, 'hardening-limit', { rateLimits: false, auth: { limit: 3 } });
const altEndpoint = limited.config.endpoint;
const COUNT_EXCEEDED = [501, 'user_count_exceeded', 'The current project has exceeded the maximum number of users. Please check your user limit in the Appwrite console.'];

afterEach(() => vi.restoreAllMocks());

describe('auth.limit under parallel sign-ups (limit 3, 12 at once)', () => {
  /** Runs 12 sign-ups at once and checks that exactly 3 users were made and the others got 501. */
  async function race(signUp: (i: number) => Promise<number>) {
    const statuses = await Promise.all(Array.from({ length: 12 }, (_, i) => signUp(i)));
    expect(await (await limited.db()).users.count()).toBe(3);
    expect(statuses.filter((s) => s < 300)).toHaveLength(3);
    expect(statuses.filter((s) => s === 501)).toHaveLength(9);
  }
  const post = (path: string, body: unknown) => raw('POST', path, { endpoint: altEndpoint, body }).then((r) => r.status);

  it('account.create() (e-mail and password)', async () => {
    await race(async (i) => {
      const { client, account } = sdk();
      client.setEndpoint(altEndpoint);
      try {
        await account.create(ID.unique(), `user${i}@example.com`, 'password123');
        return 201;
      } catch (e) {
        const { code, type, message } = e as { code: number; type: string; message: string };
        expect([code, type, message]).toEqual(COUNT_EXCEEDED);
        return code;
      }
    });
  });

  it('anonymous sessions', async () => {
    await race(() => post('/account/sessions/anonymous', {}));
  });

  it('magic-URL sign-ups', async () => {
    await race((i) => post('/account/sessions/magic-url', { userId: 'unique()', email: `user${i}@example.com` }));
  });

  it('phone sign-ups', async () => {
    await race((i) => post('/account/sessions/phone', { userId: 'unique()', phone: `+1415555010${i % 10}${i >= 10 ? i : ''}` }));
  });

  it('OAuth2 sign-ups (users beyond the limit land on the failure URL with user_count_exceeded)', async () => {
    const outcomes = await Promise.all(Array.from({ length: 12 }, async (_, i) => {
      const start = `${altEndpoint}/account/sessions/oauth2/github?project=${PROJECT}&success=${encodeURIComponent('http://localhost/ok')}&failure=${encodeURIComponent('http://localhost/fail')}`;
      const consent = await startOAuth2Flow(limited, start, { cookieFallback: null, userAgent: 'test' });
      if (consent.kind !== 'consent') throw new Error(JSON.stringify(consent));
      const done = await decideOAuth2Consent(limited, consent.authorizeUrl, { decision: 'approve', email: `user${i}@example.com`, name: '' }, browser());
      if (done.kind !== 'navigate') throw new Error(JSON.stringify(done));
      const url = new URL(done.url);
      return url.pathname === '/ok' ? 'ok' : JSON.parse(url.searchParams.get('error')!).type;
    }));
    expect(await (await limited.db()).users.count()).toBe(3);
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(3);
    expect(outcomes.filter((o) => o === 'user_count_exceeded')).toHaveLength(9);
  });
});

describe('JWTs with two tabs over one database', () => {
  const now = () => new Date('2026-01-15T10:00:00.000Z');
  /** Two emulators on one IndexedDB database, as two tabs of one origin are. */
  async function twoTabs(): Promise<[Emulator, Emulator]> {
    const { IDBFactory } = await import('fake-indexeddb');
    const indexedDB = new IDBFactory();
    const tab = () => createEmulator({ projectId: PROJECT, indexedDB, databaseName: 'two-tabs', now, rateLimits: false, auth: { passwordHash: FAST_HASH } });
    return [tab(), tab()];
  }
  const request = (tab: Emulator, method: string, path: string, headers: Record<string, string> = {}, body?: unknown) =>
    tab.handle(new Request(`https://cloud.appwrite.io/v1${path}`, {
      method, body: body === undefined ? undefined : JSON.stringify(body),
      headers: { 'content-type': 'application/json', 'x-appwrite-project': PROJECT, 'x-appwrite-response-format': '1.4.0', ...headers },
    }));
  /** Signs a new user up and in on `tab` and returns a JWT made there. */
  async function jwtOn(tab: Emulator, email: string): Promise<string> {
    await request(tab, 'POST', '/account', {}, { userId: 'unique()', email, password: 'password123' });
    const login = await request(tab, 'POST', '/account/sessions/email', {}, { email, password: 'password123' });
    const session = { 'x-fallback-cookies': login.headers.get('x-fallback-cookies')! };
    return (await (await request(tab, 'POST', '/account/jwt', session)).json()).jwt;
  }
  const getWith = async (tab: Emulator, jwt: string) => {
    const response = await request(tab, 'GET', '/account', { 'x-appwrite-jwt': jwt });
    return [response.status, (await response.json()).email];
  };

  it('stay valid on both tabs after one tab reset() the database (the key made after it is used by both)', async () => {
    const [a, b] = await twoTabs();
    await jwtOn(a, 'before@example.com'); // a made the key and would have cached it
    await b.reset();
    const fromA = await jwtOn(a, 'ada@example.com');
    const fromB = await jwtOn(b, 'bob@example.com');
    expect(await getWith(b, fromA)).toEqual([200, 'ada@example.com']);
    expect(await getWith(a, fromB)).toEqual([200, 'bob@example.com']);
    expect(await getWith(a, fromA)).toEqual([200, 'ada@example.com']);
    await Promise.all([a.close(), b.close()]);
  });

  it('made before the reset are refused on both tabs with Appwrite\'s signature error (the key was replaced)', async () => {
    const [a, b] = await twoTabs();
    const old = await jwtOn(a, 'ada@example.com');
    await b.reset();
    await jwtOn(b, 'bob@example.com'); // a new key
    for (const tab of [a, b]) {
      const response = await request(tab, 'GET', '/account', { 'x-appwrite-jwt': old });
      expect(triple(await response.json())).toEqual([401, 'user_jwt_invalid', 'Failed to verify JWT. Invalid token: Signature failed']);
    }
    await Promise.all([a.close(), b.close()]);
  });
});

describe('the resolved-session cache with two tabs over one database', () => {
  it('forgets a session deleted, and a user blocked, in the other tab at once', async () => {
    const { IDBFactory } = await import('fake-indexeddb');
    const indexedDB = new IDBFactory();
    const tab = () => createEmulator({ projectId: PROJECT, indexedDB, databaseName: 'cache-tabs', rateLimits: false, auth: { passwordHash: FAST_HASH } });
    const [a, b] = [tab(), tab()];
    const call = (t: Emulator, method: string, path: string, headers: Record<string, string> = {}, body?: unknown) =>
      t.handle(new Request(`https://cloud.appwrite.io/v1${path}`, {
        method, body: body === undefined ? undefined : JSON.stringify(body),
        headers: { 'content-type': 'application/json', 'x-appwrite-project': PROJECT, 'x-appwrite-response-format': '1.4.0', ...headers },
      }));
    await call(a, 'POST', '/account', {}, { userId: 'unique()', email: 'ada@example.com', password: 'password123' });
    const signIn = async () => ({ 'x-fallback-cookies': (await call(a, 'POST', '/account/sessions/email', {}, { email: 'ada@example.com', password: 'password123' })).headers.get('x-fallback-cookies')! });
    const first = await signIn();
    expect((await call(a, 'GET', '/account', first)).status).toBe(200); // now remembered by tab a
    expect((await call(b, 'DELETE', '/account/sessions/current', first)).status).toBe(204);
    expect(triple(await (await call(a, 'GET', '/account', first)).json())).toEqual([401, 'general_unauthorized_scope', 'User (role: guests) missing scope (account)']);
    const second = await signIn();
    expect((await call(a, 'GET', '/account', second)).status).toBe(200);
    expect((await call(b, 'PATCH', '/account/status', second)).status).toBe(200);
    expect((await (await call(a, 'GET', '/account', second)).json()).type).toBe('user_blocked');
    await Promise.all([a.close(), b.close()]);
  });
});

describe('deeply nested params', () => {
  const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

  // json_decode's default depth 512 decodes at most 511 levels: the body object plus 510 lists.
  it('a body nested past PHP\'s json_decode depth (512 levels) is no body, as in Appwrite: the first param is missing', async () => {
    for (const depth of [511, 20_000]) {
      const response = await raw('POST', '/account/sessions/email', { body: `{"email":${nested(depth)},"password":"x"}` });
      expect(triple(response.body)).toEqual([400, 'general_argument_invalid', 'Param "email" is not optional.']);
    }
    const prefs = await raw('POST', '/account', { body: `{"userId":"unique()","email":"a@example.com","password":"password123","name":${nested(20_000)}}` });
    expect(triple(prefs.body)).toEqual([400, 'general_argument_invalid', 'Param "userId" is not optional.']);
  });

  it('a value nested as deep as PHP decodes (510 lists in the body object) gets the param validator\'s 400', async () => {
    const response = await raw('POST', '/account/sessions/email', { body: `{"email":${nested(510)},"password":"x"}` });
    expect(triple(response.body)).toEqual([400, 'general_argument_invalid', 'Invalid `email` param: Value must be a valid email address']);
    const { account } = sdk();
    await account.create(ID.unique(), 'ada@example.com', 'password123');
    await account.createEmailSession('ada@example.com', 'password123');
    const deepPrefs = `{"prefs":{"a":${'{"a":'.repeat(509)}1${'}'.repeat(509)}}}`;
    const session = localStorage.getItem('cookieFallback');
    const stored = await raw('PATCH', '/account/prefs', { body: deepPrefs, session });
    expect(stored.status).toBe(200);
    const tooDeep = await raw('PATCH', '/account/prefs', { body: `{"prefs":{"a":${'{"a":'.repeat(510)}1${'}'.repeat(510)}}}`, session });
    expect(triple(tooDeep.body)).toEqual([400, 'general_argument_invalid', 'Param "prefs" is not optional.']);
  });
});

describe('rate-limit counters', () => {
  const counted = useSecondEmulator(server, 'hardening-rate', {});

  it('stay bounded after 1,000 sign-in attempts with 2 MB e-mails over four hours: one window\'s rows, small keys', async () => {
    const big = 'x'.repeat(2 * 1024 * 1024);
    const db = await counted.db();
    let largestKey = 0;
    for (let i = 0; i < 1000; i++) {
      if (i > 0 && i % 250 === 0) {
        largestKey = Math.max(largestKey, ...(await db.rateLimits.toArray()).map((r) => r.key.length));
        counted.clock.advance(HOUR);
      }
      const response = await counted.handle(new Request(`${counted.config.endpoint}/account/sessions/email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-appwrite-project': PROJECT },
        body: `{"email":"${i}${big}@example.com","password":"password123"}`,
      }));
      expect(response.status).toBe(400);
    }
    const rows = await db.rateLimits.toArray();
    // The route counts one key per e-mail: 250 requests in the last window, none left from the three before.
    expect(rows.length).toBe(250);
    expect(new Set(rows.map((r) => r.windowStart)).size).toBe(1);
    expect(Math.max(largestKey, ...rows.map((r) => r.key.length))).toBeLessThan(100);
  }, 120_000);
});

describe('a failed audit write', () => {
  /** Makes every audit entry fail to store, as a full or broken IndexedDB would. */
  async function breakAudit() {
    const db = await emulator.db();
    vi.spyOn(db.logs, 'add').mockRejectedValue(Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' }));
    return vi.spyOn(console, 'error').mockImplementation(() => undefined);
  }

  it('does not turn a committed sign-up into a 500: the user exists and the client is told so', async () => {
    const consoleError = await breakAudit();
    const { account } = sdk();
    const user = await account.create('ada', 'ada@example.com', 'password123');
    expect(user.$id).toBe('ada');
    expect(await (await emulator.db()).users.get('ada')).toBeDefined();
    expect(consoleError.mock.calls[0]![0]).toBe('[appwrite-emulator] the audit log entry "user.create" for user ada could not be written; the request\'s change is stored');
    expect(triple(await error(() => account.create('ada', 'ada@example.com', 'password123')))).toEqual([409, 'user_already_exists', 'A user with the same id, email, or phone already exists in this project.']);
  });

  it('does not turn a used magic link into a 500: the session it made works', async () => {
    const { account } = sdk();
    await account.createMagicURLSession('ada', 'ada@example.com', 'http://localhost/');
    const mail = await emulator.inbox.latest({ kind: 'magic-url' });
    await breakAudit();
    const session = await account.updateMagicURLSession(mail!.userId, mail!.secret);
    expect(session.userId).toBe('ada');
    expect((await account.get()).emailVerification).toBe(true);
  });

  it('does not turn a changed password into a 500: the new password signs in', async () => {
    const { account } = sdk();
    await account.create('ada', 'ada@example.com', 'password123');
    await account.createRecovery('ada@example.com', 'http://localhost/reset');
    const mail = await emulator.inbox.latest({ kind: 'recovery' });
    await breakAudit();
    await account.updateRecovery(mail!.userId, mail!.secret, 'new-password-1', 'new-password-1');
    expect((await account.createEmailSession('ada@example.com', 'new-password-1')).userId).toBe('ada');
  });
});
