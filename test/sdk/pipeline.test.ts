// @vitest-environment node
/**
 * The request pipeline (spec §1, §2.1, §2.4, §3.3-3.4) and the emulator's own controls (options, reset, clock,
 * seed). Runs in Node's environment rather than happy-dom: happy-dom's Request silently drops "forbidden"
 * headers (Origin, Referer, Cookie) even on requests msw intercepts, so the origin check and session cookies
 * could not be exercised there. The SDK therefore keeps no session by itself here; where one is needed we set
 * `client.headers['X-Fallback-Cookies']`, as the SDK's docs allow in Node.
 */
import { Account, Client, ID, type Models } from 'appwrite-13';
import { createEmulator, type Emulator, type EmulatorOptions } from 'appwrite-emulator';
import { afterEach, describe, expect, it } from 'vitest';
import { ENDPOINT, FAST_HASH, PROJECT, error, sdk, useEmulator } from '../helpers.js';

const { emulator, server } = useEmulator();

const NOW = '2026-01-15T10:00:00.000+00:00';
const ROUTE_NOT_FOUND = 'The requested route was not found. Please refer to the API docs and try again.';
const PROJECT_NOT_FOUND = 'Project with the requested ID could not be found. Please check the value of the X-Appwrite-Project header to ensure the correct project ID is being used.';
const GUEST_SCOPE = 'User (role: guests) missing scope (account)';
const evilOrigin = (host: string, platform = 'Web') =>
  `Invalid Origin. Register your new client (${host}) as a new ${platform} platform on your project console dashboard`;
const ALLOW_HEADERS = 'Origin, Cookie, Set-Cookie, X-Requested-With, Content-Type, Access-Control-Allow-Origin, Access-Control-Request-Headers, Accept, X-Appwrite-Project, X-Appwrite-Key, X-Appwrite-Locale, X-Appwrite-Mode, X-Appwrite-JWT, X-Appwrite-Response-Format, X-Appwrite-Timeout, X-SDK-Version, X-SDK-Name, X-SDK-Language, X-SDK-Platform, X-SDK-GraphQL, X-Appwrite-ID, X-Appwrite-Timestamp, Content-Range, Range, Cache-Control, Expires, Pragma';

interface Sent {
  status: number;
  headers: Headers;
  text: string;
  body: any;
}

/** A hand-rolled request (for what the SDK cannot send). `project: null` sends no project header. */
async function call(method: string, path: string, init: { headers?: Record<string, string>; body?: unknown; project?: string | null } = {}): Promise<Sent> {
  // SDK 13's format: this file pins Appwrite 1.4's pipeline.
  const headers: Record<string, string> = { 'x-appwrite-response-format': '1.4.0', ...init.headers };
  if (init.project !== null) headers['x-appwrite-project'] = init.project ?? PROJECT;
  if (init.body !== undefined) headers['content-type'] ??= 'application/json';
  const response = await fetch(`${ENDPOINT}${path}`, {
    method, headers, redirect: 'manual', body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: text && response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : null };
}

/** Signs up and in; returns the user, the X-Fallback-Cookies value the server sent and the raw session value. */
async function signIn(email = 'ada@example.com') {
  const { account } = sdk();
  const user = await account.create(ID.unique(), email, 'password123', 'Ada');
  const created = await call('POST', '/account/sessions/email', { body: { email, password: 'password123' } });
  expect(created.status).toBe(201);
  const fallback = created.headers.get('x-fallback-cookies')!;
  const value = (JSON.parse(fallback) as Record<string, string>)[`a_session_${PROJECT}`]!;
  return { user, fallback, value, session: created.body as Models.Session };
}

/** An SDK client carrying a session the way SDK 13 code may in Node: through `client.headers`. */
function signedInSdk(fallback: string) {
  const { client, account } = sdk();
  client.headers['X-Fallback-Cookies'] = fallback;
  return { client, account };
}

// Extra emulators (not behind msw) are driven through `emulator.handle()`, and closed after each test.
const extra: Emulator[] = [];
afterEach(async () => {
  await Promise.all(extra.splice(0).map((e) => e.close()));
  server.resetHandlers();
});

function another(options: Partial<EmulatorOptions> = {}): Emulator {
  const created = createEmulator({
    projectId: PROJECT, now: () => new Date(NOW), ...options, auth: { passwordHash: FAST_HASH, ...options.auth },
  });
  extra.push(created);
  return created;
}

async function handleOn(target: Emulator, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Sent> {
  const response = await target.handle(new Request(`${target.config.endpoint}${path}`, {
    method,
    headers: { 'x-appwrite-project': target.config.projectId, 'x-appwrite-response-format': '1.4.0', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  }));
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: text ? JSON.parse(text) : null };
}

const errorOf = (sent: Sent) => [sent.status, sent.body?.type, sent.body?.message];

describe('routing (spec §1 step 1)', () => {
  it('answers an unknown path under /account with 404 general_route_not_found, through the SDK too', async () => {
    const { client } = sdk();
    for (const method of ['GET', 'POST', 'PATCH']) {
      const e = await error(() => client.call(method, new URL(`${ENDPOINT}/account/nope`), { 'content-type': 'application/json' }));
      expect([e.code, e.type, e.message]).toEqual([404, 'general_route_not_found', ROUTE_NOT_FOUND]);
    }
    expect(errorOf(await call('GET', '/account/sessions/email/extra'))).toEqual([404, 'general_route_not_found', ROUTE_NOT_FOUND]);
  });

  it('answers a known path with a method it does not serve with 404 general_route_not_found', async () => {
    for (const [method, path] of [['PUT', '/account'], ['DELETE', '/account/prefs'], ['POST', '/account/logs'], ['PUT', '/account/sessions/current'], ['HEAD', '/account']]) {
      const sent = await call(method!, path!);
      expect(sent.status, `${method} ${path}`).toBe(404);
      if (method !== 'HEAD') expect(errorOf(sent)).toEqual([404, 'general_route_not_found', ROUTE_NOT_FOUND]);
    }
  });

  it('routes before it checks the project: an unknown path without a project is still route-not-found', async () => {
    expect(errorOf(await call('GET', '/account/nope', { project: null }))).toEqual([404, 'general_route_not_found', ROUTE_NOT_FOUND]);
  });
});

describe('project resolution (spec §1 step 2)', () => {
  it('answers another project id in the header with 404 project_not_found, through the SDK', async () => {
    const client = new Client().setEndpoint(ENDPOINT).setProject('other-project');
    const e = await error(() => new Account(client).get());
    expect([e.code, e.type, e.message]).toEqual([404, 'project_not_found', PROJECT_NOT_FOUND]);
    const e2 = await error(() => new Account(client).createAnonymousSession());
    expect([e2.code, e2.type]).toEqual([404, 'project_not_found']);
  });

  it('reads the project from a ?project= query param first, then from the header', async () => {
    expect(errorOf(await call('GET', '/account?project=other-project'))).toEqual([404, 'project_not_found', PROJECT_NOT_FOUND]);
    // The param wins over a wrong header: the request reaches the scope check.
    expect(errorOf(await call('GET', `/account?project=${PROJECT}`, { project: 'other-project' }))).toEqual([401, 'general_unauthorized_scope', GUEST_SCOPE]);
  });

  it('reads the project from a body param on POST', async () => {
    const sent = await call('POST', '/account/sessions/anonymous', { body: { project: 'other-project' } });
    expect(errorOf(sent)).toEqual([404, 'project_not_found', PROJECT_NOT_FOUND]);
    expect(await (await emulator.db()).users.count()).toBe(0);
  });

  it('answers a request without any project id with 404 project_not_found (Appwrite would use its console project)', async () => {
    expect(errorOf(await call('GET', '/account', { project: null }))).toEqual([404, 'project_not_found', PROJECT_NOT_FOUND]);
    expect(errorOf(await call('POST', '/account/sessions/anonymous', { project: '' }))).toEqual([404, 'project_not_found', PROJECT_NOT_FOUND]);
  });
});

describe('request params (spec §2.4: JSON or form bodies, merged over the query)', () => {
  /** PATCH /account/prefs with a raw body, signed in; returns the status and the stored prefs. */
  async function patchPrefs(fallback: string, body: BodyInit, contentType: string, query = '') {
    const response = await fetch(`${ENDPOINT}/account/prefs${query}`, {
      method: 'PATCH', body, headers: { 'x-appwrite-project': PROJECT, 'x-appwrite-response-format': '1.4.0', 'x-fallback-cookies': fallback, 'content-type': contentType },
    });
    const sent = await response.json();
    return [response.status, response.status === 200 ? sent.prefs : sent.message];
  }

  it('reads PHP-style form bodies: prefs[theme]=dark is the object {theme: "dark"}', async () => {
    const { fallback } = await signIn();
    expect(await patchPrefs(fallback, 'prefs[theme]=dark&prefs[size]=2', 'application/x-www-form-urlencoded'))
      .toEqual([200, { theme: 'dark', size: '2' }]);
    // Written out by hand: msw/node's fetch interception turns a FormData body into "[object FormData]".
    const multipart = '--XyZ\r\nContent-Disposition: form-data; name="prefs[lang]"\r\n\r\nfr\r\n--XyZ--\r\n';
    expect(await patchPrefs(fallback, multipart, 'multipart/form-data; boundary=XyZ')).toEqual([200, { lang: 'fr' }]);
  });

  it('lets body params replace query params of the same name', async () => {
    const { fallback } = await signIn();
    expect(await patchPrefs(fallback, JSON.stringify({ prefs: { from: 'body' } }), 'application/json', '?prefs[from]=query'))
      .toEqual([200, { from: 'body' }]);
    // Query params alone count too on non-GET routes.
    expect(await patchPrefs(fallback, '', 'application/json', '?prefs[from]=query')).toEqual([200, { from: 'query' }]);
  });

  it('ignores a body whose content-type is neither JSON nor a form, as Appwrite does', async () => {
    const { fallback } = await signIn();
    expect(await patchPrefs(fallback, JSON.stringify({ prefs: { a: 1 } }), 'text/plain'))
      .toEqual([400, 'Param "prefs" is not optional.']);
    expect(await patchPrefs(fallback, JSON.stringify({ prefs: { a: 1 } }), 'application/json; charset=utf-8'))
      .toEqual([200, { a: 1 }]);
  });

  it('treats __proto__ and constructor keys as plain data, polluting nothing', async () => {
    const { fallback } = await signIn();
    const [status, prefs] = await patchPrefs(fallback, '{"prefs":{"__proto__":{"polluted":1},"ok":true}}', 'application/json');
    expect(status).toBe(200);
    expect(Object.keys(prefs)).toEqual(['__proto__', 'ok']);
    expect(await patchPrefs(fallback, 'prefs[__proto__]=x&constructor[prototype][polluted]=1&prefs[ok]=1', 'application/x-www-form-urlencoded'))
      .toEqual([200, { ['__proto__']: 'x', ok: '1' }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('origin check (spec §1 step 5)', () => {
  it('refuses a POST from a host that is no platform with 403 general_unknown_origin, through the SDK', async () => {
    const { client, account } = sdk();
    client.headers['Origin'] = 'http://evil.test';
    const e = await error(() => account.createAnonymousSession());
    expect([e.code, e.type, e.message]).toEqual([403, 'general_unknown_origin', evilOrigin('evil.test')]);
    expect(await (await emulator.db()).users.count()).toBe(0);
  });

  it('names the host without scheme or port, and the platform after the scheme', async () => {
    const post = (origin: string) => call('POST', '/account/sessions/anonymous', { headers: { origin } });
    expect(errorOf(await post('https://evil.test:8443'))).toEqual([403, 'general_unknown_origin', evilOrigin('evil.test')]);
    expect(errorOf(await post('appwrite-ios://com.evil.app'))).toEqual([403, 'general_unknown_origin', evilOrigin('com.evil.app', 'iOS')]);
    expect(errorOf(await post('appwrite-android://com.evil.app'))).toEqual([403, 'general_unknown_origin', evilOrigin('com.evil.app', 'Android')]);
    expect(errorOf(await post('chrome-extension://abcdef'))).toEqual([403, 'general_unknown_origin', 'Unsupported platform']);
  });

  it('falls back to the Referer when there is no Origin', async () => {
    const sent = await call('POST', '/account/sessions/anonymous', { headers: { referer: 'https://evil.test/some/page?x=1' } });
    expect(errorOf(sent)).toEqual([403, 'general_unknown_origin', evilOrigin('evil.test')]);
  });

  it('accepts localhost on any port, the endpoint host, an origin without a host and no origin at all', async () => {
    for (const origin of ['http://localhost:5173', 'http://LOCALHOST', 'https://cloud.appwrite.io', 'null', undefined]) {
      await emulator.reset();
      const sent = await call('POST', '/account/sessions/anonymous', { headers: origin ? { origin } : {} });
      expect(sent.status, String(origin)).toBe(201);
    }
  });

  it('checks the origin before the scope: a guest from a bad origin gets 403, not 401', async () => {
    const sent = await call('PATCH', '/account/name', { headers: { origin: 'http://evil.test' }, body: { name: 'x' } });
    expect(errorOf(sent)).toEqual([403, 'general_unknown_origin', evilOrigin('evil.test')]);
  });

  it('does not check GET requests', async () => {
    const { value } = await signIn();
    const sent = await call('GET', '/account', { headers: { origin: 'http://evil.test', cookie: `a_session_${PROJECT}=${encodeURIComponent(value)}` } });
    expect(sent.status).toBe(200);
  });

  it('accepts the hosts of the platforms option, wildcards for sub-domains only', async () => {
    const em = another({ platforms: ['app.example.com', '*.example.org'] });
    const post = (origin: string) => handleOn(em, 'POST', '/account/sessions/anonymous', {}, { origin });
    expect((await post('https://app.example.com')).status).toBe(201);
    await em.reset();
    expect((await post('https://a.b.example.org:444')).status).toBe(201);
    expect(errorOf(await post('https://example.org'))).toEqual([403, 'general_unknown_origin', evilOrigin('example.org')]);
    expect(errorOf(await post('https://www.example.com'))).toEqual([403, 'general_unknown_origin', evilOrigin('www.example.com')]);
  });
});

describe('common response headers (spec §2.4)', () => {
  const expectCommon = (sent: Sent, label: string) => {
    expect(sent.headers.get('server'), label).toBe('Appwrite');
    expect(sent.headers.get('x-content-type-options'), label).toBe('nosniff');
    expect(sent.headers.get('access-control-allow-methods'), label).toBe('GET, POST, PUT, PATCH, DELETE');
    expect(sent.headers.get('access-control-allow-headers'), label).toBe(ALLOW_HEADERS);
    expect(sent.headers.get('access-control-expose-headers'), label).toBe('X-Fallback-Cookies');
    expect(sent.headers.get('access-control-allow-credentials'), label).toBe('true');
    expect(sent.headers.get('strict-transport-security'), label).toBe('max-age=10886400');
  };

  it('sends them on successes, errors, 204s and routing/project errors', async () => {
    const { fallback } = await signIn();
    const auth = { 'x-fallback-cookies': fallback };
    const responses: Array<[string, Sent]> = [
      ['200', await call('GET', '/account/prefs', { headers: auth })],
      ['201', await call('POST', '/account/jwt', { headers: auth, body: {} })],
      ['400', await call('PATCH', '/account/name', { headers: auth, body: {} })],
      ['401', await call('GET', '/account')],
      ['404 route', await call('GET', '/account/nope')],
      ['404 project', await call('GET', '/account', { project: 'nope' })],
      ['204', await call('DELETE', '/account/sessions', { headers: auth, body: {} })],
    ];
    expect(responses.map(([, s]) => s.status)).toEqual([200, 201, 400, 401, 404, 404, 204]);
    for (const [label, sent] of responses) expectCommon(sent, label);
  });

  it('allows the caller\'s origin when it is a platform, else localhost with the caller\'s scheme and port', async () => {
    const allowOrigin = async (headers: Record<string, string>) => (await call('GET', '/account', { headers })).headers.get('access-control-allow-origin');
    expect(await allowOrigin({ origin: 'http://localhost:5173' })).toBe('http://localhost:5173');
    expect(await allowOrigin({ origin: 'https://cloud.appwrite.io' })).toBe('https://cloud.appwrite.io');
    expect(await allowOrigin({ origin: 'http://evil.test:8080' })).toBe('http://localhost:8080');
    expect(await allowOrigin({ referer: 'http://localhost:3000/page' })).toBe('http://localhost:3000');
    // No origin: the request's own scheme.
    expect(await allowOrigin({})).toBe('https://localhost');
  });

  it('marks JSON successes as application/json; charset=UTF-8', async () => {
    const sent = await call('POST', '/account/sessions/anonymous', { body: {} });
    expect(sent.headers.get('content-type')).toBe('application/json; charset=UTF-8');
  });

  it('says X-Debug-Fallback: true when the session came from X-Fallback-Cookies, false for a cookie', async () => {
    const { fallback, value } = await signIn();
    expect((await call('GET', '/account', { headers: { 'x-fallback-cookies': fallback } })).headers.get('x-debug-fallback')).toBe('true');
    expect((await call('GET', '/account')).headers.get('x-debug-fallback')).toBe('true');
    const viaCookie = await call('GET', '/account', { headers: { cookie: `a_session_${PROJECT}=${encodeURIComponent(value)}` } });
    expect([viaCookie.status, viaCookie.headers.get('x-debug-fallback')]).toEqual([200, 'false']);
  });
});

describe('OPTIONS preflight', () => {
  it('answers 204 with an empty body on any path, before routing and project checks', async () => {
    for (const path of ['/account', '/account/sessions/email', '/account/nope']) {
      const sent = await call('OPTIONS', path, { project: null, headers: { origin: 'http://evil.test', 'access-control-request-method': 'POST' } });
      expect(sent.status, path).toBe(204);
      expect(sent.text).toBe('');
      // Appwrite echoes the Origin unconditionally here and also allows the fallback header.
      expect(sent.headers.get('access-control-allow-origin')).toBe('http://evil.test');
      expect(sent.headers.get('access-control-allow-headers')).toBe(`${ALLOW_HEADERS}, X-Fallback-Cookies`);
      expect(sent.headers.get('access-control-expose-headers')).toBe('X-Fallback-Cookies');
      expect(sent.headers.get('access-control-allow-methods')).toBe('GET, POST, PUT, PATCH, DELETE');
      expect(sent.headers.get('access-control-allow-credentials')).toBe('true');
    }
  });
});

describe('204 responses (account.deleteSessions)', () => {
  it('have an empty body and no content-type; the SDK resolves {message: ""}', async () => {
    const { fallback } = await signIn();
    const raw = await call('DELETE', '/account/sessions/current', { headers: { 'x-fallback-cookies': fallback }, body: {} });
    expect([raw.status, raw.text, raw.headers.get('content-type')]).toEqual([204, '', null]);

    const { fallback: second } = await signIn('grace@example.com');
    const { account } = signedInSdk(second);
    expect(await account.deleteSessions()).toEqual({ message: '' });
  });
});

describe('error responses (spec §2.1)', () => {
  it('are {message, code, type, version} in that order, version 1.4.13, with no-cache headers', async () => {
    const { fallback } = await signIn();
    const errors = [
      await call('GET', '/account'),
      await call('PATCH', '/account/name', { headers: { 'x-fallback-cookies': fallback }, body: { name: '' } }),
      await call('GET', '/account/nope'),
      await call('GET', '/account', { project: 'nope' }),
      await call('POST', '/account/sessions/anonymous', { headers: { origin: 'http://evil.test' } }),
    ];
    for (const sent of errors) {
      expect(Object.keys(sent.body)).toEqual(['message', 'code', 'type', 'version']);
      expect(sent.body.code).toBe(sent.status);
      expect(sent.body.version).toBe('1.4.13');
      expect(sent.headers.get('content-type')).toBe('application/json; charset=UTF-8');
      expect(sent.headers.get('cache-control')).toBe('no-cache, no-store, must-revalidate');
      expect(sent.headers.get('expires')).toBe('0');
      expect(sent.headers.get('pragma')).toBe('no-cache');
    }
    expect(errors.map(errorOf)[1]).toEqual([400, 'general_argument_invalid', 'Invalid `name` param: Value must be a valid string and at least 1 chars and no longer than 128 chars']);
  });
});

describe('caller resolution (account.get, spec §3.3-3.4)', () => {
  it('treats every kind of garbage in X-Fallback-Cookies as a guest', async () => {
    const { user, value } = await signIn();
    const b64 = (text: string) => btoa(text);
    const key = `a_session_${PROJECT}`;
    const garbage: Array<[string, string]> = [
      ['not JSON', 'not json at all'],
      ['a JSON array', '[]'],
      ['a JSON array holding the session', JSON.stringify([{ [key]: value }])],
      ['a JSON string', JSON.stringify(value)],
      ['JSON null', 'null'],
      ['the value as an object', JSON.stringify({ [key]: { id: user.$id } })],
      ['the value as a number', JSON.stringify({ [key]: 42 })],
      ['invalid base64', JSON.stringify({ [key]: '%%%not-base64%%%' })],
      ['base64 of non-JSON', JSON.stringify({ [key]: b64('hello') })],
      ['base64 of JSON without a secret', JSON.stringify({ [key]: b64(JSON.stringify({ id: user.$id })) })],
      ['valid base64 with the wrong secret', JSON.stringify({ [key]: b64(JSON.stringify({ id: user.$id, secret: 'f'.repeat(256) })) })],
      ['the right secret for another user id', JSON.stringify({ [key]: b64(JSON.stringify({ id: 'someone-else', secret: JSON.parse(atob(value)).secret })) })],
      ['another project\'s key', JSON.stringify({ 'a_session_other-project': value })],
      ['the legacy key', JSON.stringify({ [`${key}_legacy`]: value })],
    ];
    for (const [label, header] of garbage) {
      const e = await error(() => signedInSdk(header).account.get());
      expect([e.code, e.type, e.message], label).toEqual([401, 'general_unauthorized_scope', GUEST_SCOPE]);
    }
    // The same header with the real value works, so the cases above fail for the reason they name.
    expect((await signedInSdk(JSON.stringify({ [key]: value })).account.get()).$id).toBe(user.$id);
  });

  it('honours the a_session_<project> cookie and its _legacy twin, URL-encoded as browsers send them', async () => {
    const { user, value } = await signIn();
    for (const name of [`a_session_${PROJECT}`, `a_session_${PROJECT}_legacy`]) {
      const sent = await call('GET', '/account', { headers: { cookie: `other=1; ${name}=${encodeURIComponent(value)}; more=2` } });
      expect([sent.status, sent.body?.$id], name).toEqual([200, user.$id]);
    }
  });

  it('falls back to X-Fallback-Cookies when the cookie is garbage, as Appwrite decodes the cookie first', async () => {
    const { user, fallback } = await signIn();
    const sent = await call('GET', '/account', { headers: { cookie: `a_session_${PROJECT}=garbage`, 'x-fallback-cookies': fallback } });
    expect([sent.status, sent.body?.$id]).toEqual([200, user.$id]);
  });

  it('stops accepting a session once its length has passed', async () => {
    const { fallback } = await signIn();
    emulator.clock.advance(365 * 24 * 3600 * 1000 + 1);
    const e = await error(() => signedInSdk(fallback).account.get());
    expect([e.code, e.type]).toEqual([401, 'general_unauthorized_scope']);
  });
});

describe('client IP (account.createEmailSession)', () => {
  it('takes the first X-Forwarded-For address as the session and log IP', async () => {
    const { account: signUp } = sdk();
    await signUp.create(ID.unique(), 'ada@example.com', 'password123');
    const { client, account } = sdk();
    client.headers['X-Forwarded-For'] = '203.0.113.7, 10.0.0.1';
    const session = await account.createEmailSession('ada@example.com', 'password123');
    expect(session.ip).toBe('203.0.113.7');
  });

  it('reports 127.0.0.1 without the header, or the ip option', async () => {
    const { session } = await signIn();
    expect(session.ip).toBe('127.0.0.1');
    const em = another({ ip: '192.0.2.1' });
    const anonymous = await handleOn(em, 'POST', '/account/sessions/anonymous', {});
    expect(anonymous.body.ip).toBe('192.0.2.1');
  });
});

describe('createEmulator options', () => {
  const base = { projectId: PROJECT };
  const misuse: Array<[string, unknown]> = [
    ['no options', undefined],
    ['null options', null],
    ['no projectId', {}],
    ['an empty projectId', { projectId: '' }],
    ['a projectId with a space', { projectId: 'my project' }],
    ['a projectId with a leading underscore', { projectId: '_project' }],
    ['a 37-char projectId', { projectId: 'a'.repeat(37) }],
    ['a numeric projectId', { projectId: 42 }],
    ['an endpoint that is no URL', { ...base, endpoint: 'cloud.appwrite.io/v1' }],
    ['an ftp endpoint', { ...base, endpoint: 'ftp://cloud.appwrite.io/v1' }],
    ['an endpoint with a query', { ...base, endpoint: 'https://cloud.appwrite.io/v1?x=1' }],
    ['a numeric endpoint', { ...base, endpoint: 8080 }],
    ['a negative sessionLength', { ...base, auth: { sessionLength: -1 } }],
    ['a sessionLength over a year', { ...base, auth: { sessionLength: 31_536_001 } }],
    ['a fractional sessionLength', { ...base, auth: { sessionLength: 1.5 } }],
    ['a string sessionLength', { ...base, auth: { sessionLength: '60' } }],
    ['maxSessions 0', { ...base, auth: { maxSessions: 0 } }],
    ['maxSessions 101', { ...base, auth: { maxSessions: 101 } }],
    ['passwordHistory 21', { ...base, auth: { passwordHistory: 21 } }],
    ['a string rateLimits', { ...base, rateLimits: 'no' }],
    ['a numeric rateLimits', { ...base, rateLimits: 0 }],
    ['a string auth method toggle', { ...base, auth: { methods: { anonymous: 'false' } } }],
    ['a numeric passwordDictionary', { ...base, auth: { passwordDictionary: 1 } }],
    ['a zero argon2 memory cost', { ...base, auth: { passwordHash: { memoryCost: 0 } } }],
    ['auth as a number', { ...base, auth: 5 }],
    ['auth as null', { ...base, auth: null }],
    ['auth.methods as a list', { ...base, auth: { methods: [] } }],
    ['platforms as a string', { ...base, platforms: 'localhost' }],
    ['a numeric platform', { ...base, platforms: [1] }],
    ['a platform given as a URL', { ...base, platforms: ['https://app.example.com'] }],
    ['a platform with a port', { ...base, platforms: ['app.example.com:3000'] }],
    ['now as a Date', { ...base, now: new Date() }],
    ['a NaN seed', { ...base, seed: Number.NaN }],
    ['a string seed', { ...base, seed: '1' }],
    ['a numeric ip', { ...base, ip: 5 }],
    ['an empty databaseName', { ...base, databaseName: '' }],
    ['a numeric projectName', { ...base, projectName: 5 }],
  ];
  it.each(misuse)('throws TypeError for %s', (_label, options) => {
    expect(() => createEmulator(options as EmulatorOptions)).toThrow(TypeError);
  });

  it('accepts the boundaries: sessionLength 0 and one year, a 36-char projectId, wildcard platforms', () => {
    expect(another({ auth: { sessionLength: 0 } }).config.auth.sessionLength).toBe(0);
    expect(another({ auth: { sessionLength: 31_536_000 } }).config.auth.sessionLength).toBe(31_536_000);
    expect(another({ projectId: `a${'b'.repeat(35)}` }).config.projectId).toHaveLength(36);
    expect(another({ platforms: ['*.Example.com'] }).config.platforms).toEqual(['*.example.com']);
  });

  it('throws TypeError when clock.advance gets a negative or non-finite number', () => {
    expect(() => emulator.clock.advance(-1)).toThrow(TypeError);
    expect(() => emulator.clock.advance(Number.NaN)).toThrow(TypeError);
    expect(() => emulator.clock.advance('1' as unknown as number)).toThrow(TypeError);
  });
});

describe('a custom endpoint', () => {
  it('is intercepted at its own URL (http://localhost:8080/v1), without HSTS', async () => {
    const custom = another({ endpoint: 'http://localhost:8080/v1/' });
    server.use(...custom.handlers);
    const client = new Client().setEndpoint('http://localhost:8080/v1').setProject(PROJECT);
    const user = await new Account(client).create(ID.unique(), 'ada@example.com', 'password123');
    expect(user.email).toBe('ada@example.com');
    expect(await (await custom.db()).users.count()).toBe(1);
    expect(await (await emulator.db()).users.count()).toBe(0);
    // SDK 13's format: 1.4 falls back to localhost for Allow-Origin (1.9.6 sends none without an Origin).
    const raw = await fetch('http://localhost:8080/v1/account', { headers: { 'x-appwrite-project': PROJECT, 'x-appwrite-response-format': '1.4.0' } });
    expect(raw.status).toBe(401);
    expect(raw.headers.get('strict-transport-security')).toBeNull();
    expect(raw.headers.get('access-control-allow-origin')).toBe('http://localhost');
  });
});

describe('emulator isolation, reset, clock and seed', () => {
  it('keeps two emulators of the same project in one process apart', async () => {
    const { fallback } = await signIn();
    const twin = another();
    expect(errorOf(await handleOn(twin, 'GET', '/account', undefined, { 'x-fallback-cookies': fallback })))
      .toEqual([401, 'general_unauthorized_scope', GUEST_SCOPE]);
    // The same e-mail is still free in the twin.
    expect((await handleOn(twin, 'POST', '/account', { userId: 'unique()', email: 'ada@example.com', password: 'password123' })).status).toBe(201);
    expect(await (await emulator.db()).users.count()).toBe(1);
  });

  it('reset() wipes every table, undoes clock.advance and invalidates old sessions', async () => {
    const { fallback } = await signIn();
    await signedInSdk(fallback).account.createJWT();
    emulator.clock.advance(60_000);
    const db = await emulator.db();
    expect(await db.rateLimits.count()).toBeGreaterThan(0);
    expect(await db.meta.get('jwtKey')).toBeDefined();
    await emulator.reset();
    // Everything is gone, the JWT signing key too: the next createJWT() makes a new one.
    for (const table of db.tables) expect(await table.count(), table.name).toBe(0);
    expect(emulator.clock.now().toISOString()).toBe('2026-01-15T10:00:00.000Z');
    const e = await error(() => signedInSdk(fallback).account.get());
    expect([e.code, e.type]).toEqual([401, 'general_unauthorized_scope']);
  });

  it('clock.advance moves the $createdAt of records created afterwards', async () => {
    const { account } = sdk();
    const first = await account.create(ID.unique(), 'ada@example.com', 'password123');
    emulator.clock.advance(90 * 60 * 1000);
    const second = await account.create(ID.unique(), 'grace@example.com', 'password123');
    const session = await account.createEmailSession('grace@example.com', 'password123');
    expect(first.$createdAt).toBe(NOW);
    expect(second.$createdAt).toBe('2026-01-15T11:30:00.000+00:00');
    expect(session.$createdAt).toBe('2026-01-15T11:30:00.000+00:00');
    expect(session.expire).toBe('2027-01-15T11:30:00.000+00:00');
  });

  it('a seed makes ids deterministic across two fresh emulators', async () => {
    const run = async (seed: number) => {
      const em = another({ seed });
      const user = await handleOn(em, 'POST', '/account', { userId: 'unique()', email: 'ada@example.com', password: 'password123' });
      const session = await handleOn(em, 'POST', '/account/sessions/email', { email: 'ada@example.com', password: 'password123' });
      return [user.body.$id, session.body.$id, session.headers.get('x-fallback-cookies')];
    };
    const [a, b, c] = [await run(7), await run(7), await run(8)];
    expect(a).toEqual(b);
    expect(a[0]).toMatch(/^[0-9a-f]{20}$/);
    expect(c[0]).not.toBe(a[0]);
    expect(c[1]).not.toBe(a[1]);
    expect(c[2]).not.toBe(a[2]);
  });
});
