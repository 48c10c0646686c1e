/**
 * Robustness over the WHOLE route table: every route (read from the source table, so routes added later are
 * covered without touching this file) gets malformed requests, signed in and as a guest, under BOTH servers: SDK
 * 13's format (Appwrite 1.4) and SDK 26's (1.9.6). Whatever we send, the emulator must answer like Appwrite:
 * never a crash (500 general_unknown; Appwrite's own documented 500s aside), always the server's error body
 * (1.4 `{message, code, type, version}`, 1.9.6 `{message, code, version, type}`), nothing logged as unexpected,
 * and nothing stored changed when the request failed. A route only one server has answers 404
 * general_route_not_found, in that server's words, under the other.
 *
 * To stay fast, the payload-size cases (1 MB bodies, 2 MB params, 20 000-level nesting), which test the shared
 * body parser more than the routes, run signed in only under 1.9.6; everything else runs in full under both.
 *
 * Hand-rolled `fetch` (through msw/node, like the SDK's requests) because the SDK cannot send any of this.
 */
import { ID } from 'appwrite-13';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { ERROR_TYPES } from '../../src/errors/error-types.js';
import type { Behaviour } from '../../src/http/behaviour.js';
import type { Route } from '../../src/http/route.js';
import { allRoutes } from '../../src/http/routes.js';
import { ENDPOINT, PROJECT, sdk, useEmulator } from '../helpers.js';

const { emulator } = useEmulator({ rateLimits: false });
/** Every row, those of the route groups that load their tables lazily (MFA) included. */
const routes = await allRoutes();

/** Valid-looking values by param name, so each case breaks exactly one thing and the rest reaches validation. */
const PLAUSIBLE: Record<string, unknown> = {
  userId: 'unique()',
  email: 'grace@example.com',
  password: 'password456',
  oldPassword: 'password123',
  name: 'Grace',
  phone: '+14155550100',
  prefs: { theme: 'light' },
  queries: ['limit(1)'],
  total: false,
  url: 'http://localhost/done',
  success: 'http://localhost/ok',
  failure: 'http://localhost/fail',
  scopes: ['email'],
  secret: 'a'.repeat(64),
  provider: 'github',
  // MFA (1.9.6)
  mfa: true,
  factor: 'totp',
  otp: '123456',
  challengeId: '6557a0f1c2d3e4f5a6b7',
};
/** A 20-hex id shaped like `ID.unique()`; unknown params get a harmless word. */
const PLAUSIBLE_ID = '6557a0f1c2d3e4f5a6b7';
/** 1.9.6 routes take JSON queries (SDK 14+). */
const PLAUSIBLE_19: Record<string, unknown> = { queries: ['{"method":"limit","values":[1]}'] };
let behaviourNow: Behaviour = '1.4';
const plausible = (name: string): unknown => (behaviourNow === '1.9' ? PLAUSIBLE_19[name] : undefined) ?? PLAUSIBLE[name] ?? 'plausible';

const pathParamNames = (route: Route) => route.path.split('/').filter((s) => s.startsWith(':')).map((s) => s.slice(1));

const PLAUSIBLE_PATH: Record<string, string> = { provider: 'github', project: PROJECT, type: 'totp' };

function fillPath(route: Route, override: Record<string, string> = {}): string {
  return route.path.replace(/:([A-Za-z]+)/g, (_, name: string) =>
    override[name] ?? encodeURIComponent(PLAUSIBLE_PATH[name] ?? PLAUSIBLE_ID));
}

/** The route's body params with plausible values (path params are taken from the path, not the body). */
function validBody(route: Route): Record<string, unknown> {
  const inPath = new Set(pathParamNames(route));
  return Object.fromEntries((route.params ?? []).filter((p) => !inPath.has(p.name)).map((p) => [p.name, plausible(p.name)]));
}

/** PHP-style query/form encoding: `a=1`, `list[]=x`, `obj[key]=v`; null becomes a bare key. */
function encodeForm(params: Record<string, unknown>): string {
  const out = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (Array.isArray(value)) value.forEach((v) => out.append(`${name}[]`, String(v)));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.append(`${name}[${k}]`, String(v));
    else out.append(name, value === null ? '' : String(value));
  }
  return out.toString();
}

interface Case {
  name: string;
  path?: string;
  query?: string;
  body?: string;
  contentType?: string | null;
  /** A payload-size case (see the header comment). */
  huge?: boolean;
}

const JSON_TYPE = 'application/json';
const BAD_VALUES: Array<[string, unknown]> = [
  ['null', null],
  ['a number', 12345],
  ['a boolean', true],
  ['an object', { a: 1, nested: { b: [1, 2] } }],
  ['a non-empty list', ['a', 'b']],
  ['a 10 000-char string', 'x'.repeat(10_000)],
];

/** Every malformed request we send to one route. GET requests cannot carry a body, so theirs go in the query. */
function casesFor(route: Route): Case[] {
  const isGet = route.method === 'GET';
  const valid = validBody(route);
  const cases: Case[] = [];
  const send = (name: string, params: Record<string, unknown>) =>
    cases.push(isGet ? { name, query: encodeForm(params) } : { name, body: JSON.stringify(params), contentType: JSON_TYPE });

  if (!isGet) {
    cases.push(
      { name: 'malformed JSON body', body: '{"email": "grace@example.com", "password": ', contentType: JSON_TYPE },
      { name: 'a JSON array body', body: JSON.stringify([valid, 1, null]), contentType: JSON_TYPE },
      { name: 'a JSON string body', body: JSON.stringify('{"name":"Grace"}'), contentType: JSON_TYPE },
      { name: 'a JSON null body', body: 'null', contentType: JSON_TYPE },
      { name: 'an empty body', body: '', contentType: JSON_TYPE },
      { name: 'no body and no content-type', contentType: null },
      { name: 'a huge (~1 MB) body', body: JSON.stringify({ ...valid, padding: 'x'.repeat(1_000_000) }), contentType: JSON_TYPE, huge: true },
      { name: 'a form-encoded body', body: encodeForm(valid), contentType: 'application/x-www-form-urlencoded' },
      { name: 'a JSON body sent as text/plain', body: JSON.stringify(valid), contentType: 'text/plain' },
      { name: 'a JSON body sent as multipart without boundary', body: JSON.stringify(valid), contentType: 'multipart/form-data' },
      { name: 'binary garbage', body: '\u0000\uFFFD\uD800{"', contentType: JSON_TYPE },
      { name: 'duplicate keys in the JSON body', body: `{${Object.keys(valid).map((k) => `"${k}":1,"${k}":${JSON.stringify(valid[k])}`).join(',')}}`, contentType: JSON_TYPE },
      { name: 'a __proto__ key in the body', body: `{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},${JSON.stringify(valid).slice(1)}`, contentType: JSON_TYPE },
    );
  } else {
    cases.push({ name: 'a form content-type on GET', query: encodeForm(valid), contentType: 'application/x-www-form-urlencoded' });
    cases.push({ name: 'a huge (~1 MB) query string', query: `${encodeForm(valid)}&padding=${'x'.repeat(1_000_000)}`, huge: true });
  }

  for (const spec of route.params ?? []) {
    for (const [label, value] of BAD_VALUES) send(`param ${spec.name} as ${label}`, { ...valid, [spec.name]: value });
    // Built as text: JSON.stringify itself overflows the stack on 20 000 levels.
    if (!isGet) {
      for (const depth of [511, 20_000]) {
        const others = JSON.stringify({ ...valid, [spec.name]: undefined });
        const nested = `${'['.repeat(depth)}${']'.repeat(depth)}`;
        cases.push({ name: `param ${spec.name} nested ${depth} levels`, body: `{"${spec.name}":${nested}${others === '{}' ? '}' : `,${others.slice(1)}`}`, contentType: JSON_TYPE, huge: depth > 511 });
      }
    }
  }
  if (route.params?.length) {
    const huge = Object.fromEntries(route.params.map((p) => [p.name, `${p.name}-${'x'.repeat(2_000_000)}`]));
    send('every param as a 2 MB string', isGet ? huge : { ...valid, ...huge });
    cases[cases.length - 1]!.huge = true;
  }

  for (const name of pathParamNames(route)) {
    for (const [label, raw] of [
      ['a lone %', '%'],
      ['a broken escape %zz', '%zz'],
      ['unicode', encodeURIComponent('sessión-ü-😀')],
      ['300 chars', 'a'.repeat(300)],
      ['an encoded slash', encodeURIComponent('a/b')],
      ['an encoded NUL', '%00'],
    ] as const) {
      cases.push({ name: `path param ${name} as ${label}`, path: fillPath(route, { [name]: raw }), ...bodyOf(valid, isGet) });
    }
  }

  cases.push({
    name: 'unknown query params',
    query: `foo=bar&__proto__[polluted]=yes&constructor[prototype][polluted]=yes&hasOwnProperty=1&toString=x&project[]=x&${'q'.repeat(300)}=1`,
    ...bodyOf(valid, isGet),
  });
  const first = Object.keys(valid)[0] ?? 'name';
  cases.push({
    name: 'duplicate query params',
    query: `${first}=one&${first}=two&${first}[]=three&${first}[0]=four&queries=limit(1)&queries[]=limit(2)`,
    ...bodyOf(valid, isGet),
  });
  return cases;
}

function bodyOf(valid: Record<string, unknown>, isGet: boolean): Pick<Case, 'body' | 'contentType' | 'query'> {
  return isGet ? { query: encodeForm(valid) } : { body: JSON.stringify(valid), contentType: JSON_TYPE };
}

// ---- state: one signed-in user, restored before each case ---------------------------------------------------

type Snapshot = Record<string, unknown[]>;

/** Every stored table except the rate-limit counters (which legitimately count failed requests too). */
async function snapshot(): Promise<Snapshot> {
  const db = await emulator.db();
  const tables = db.tables.filter((t) => t.name !== 'rateLimits');
  return Object.fromEntries(await Promise.all(tables.map(async (t) => [t.name, await t.toArray()] as const)));
}

let baseline: { state: Snapshot; fallback: string } | null = null;

/** Builds the signed-in state once through the real SDK; later tests put the same rows back (fast, identical). */
async function signedInState(): Promise<{ fallback: string }> {
  const db = await emulator.db();
  if (baseline) {
    const state = baseline.state;
    await db.transaction('rw', db.tables, async () => {
      for (const table of db.tables) if (state[table.name]?.length) await table.bulkPut(state[table.name]!);
    });
    return baseline;
  }
  const { account } = sdk();
  await account.create(ID.unique(), 'ada@example.com', 'password123', 'Ada');
  await account.createEmailSession('ada@example.com', 'password123');
  await account.updatePrefs({ theme: 'dark' });
  await account.createJWT();
  const fallback = localStorage.getItem('cookieFallback') ?? '';
  expect(fallback).toContain(`a_session_${PROJECT}`);
  baseline = { state: await snapshot(), fallback };
  return baseline;
}

let errorSpy: MockInstance;
beforeEach(() => {
  errorSpy = vi.spyOn(console, 'error');
  vi.spyOn(console, 'warn').mockImplementation(() => undefined); // the SDK's "using localStorage" notice
});
afterEach(() => {
  const logged = errorSpy.mock.calls.map((args) => args.map(String).join(' '));
  vi.restoreAllMocks();
  // The emulator logs `[appwrite-emulator] unexpected error` for anything that is not an Appwrite error (and
  // msw logs exceptions thrown while matching handlers).
  expect(logged).toEqual([]);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

/** The formats of SDK 13 (Appwrite 1.4) and SDK 26 (1.9.6). */
const FORMATS: Record<Behaviour, string> = { '1.4': '1.4.0', '1.9': '1.9.5' };

async function send(route: Route, c: Case, fallback: string, behaviour: Behaviour): Promise<Response> {
  const headers: Record<string, string> = {
    'x-appwrite-project': PROJECT,
    // Cloud 2.x routes exist only for SDK 27/28's formats; they are sent SDK 28's.
    'x-appwrite-response-format': behaviour === '1.9' && route.sinceFormat ? '2.3.0' : FORMATS[behaviour],
    'x-fallback-cookies': fallback,
  };
  if (c.contentType) headers['content-type'] = c.contentType;
  const url = `${ENDPOINT}${c.path ?? fillPath(route)}${c.query ? `?${c.query}` : ''}`;
  return fetch(url, { method: route.method, headers, body: c.body, redirect: 'manual' });
}

// Both servers: the Error model's rule order (1.9.6 outputs its error array through the model: Model/Error.php).
const ERROR_KEYS: Record<Behaviour, string[]> = { '1.4': ['message', 'code', 'type', 'version'], '1.9': ['message', 'code', 'type', 'version'] };
const VERSIONS: Record<Behaviour, string> = { '1.4': '1.4.13', '1.9': '1.9.6' };
const ROUTE_NOT_FOUND: Record<Behaviour, string> = {
  '1.4': 'The requested route was not found. Please refer to the API docs and try again.',
  '1.9': 'Route not found. Please ensure the endpoint is configured correctly and that the API route is valid for this SDK version. Refer to the API docs for more details.',
};
/**
 * The only 500s Appwrite sends on purpose (1.4 spec §2.1, §9.2): OAuth2 provider errors (424, sent as 500) and
 * an unparsable OAuth2 state (general_server_error). Anything else at 500 is an emulator crash.
 */
const APPWRITE_500_TYPES = ['user_oauth2_provider_error', 'general_server_error'];

const serves = (route: Route, behaviour: Behaviour) => !route.behaviours || route.behaviours.includes(behaviour);
/** Whether any row of the table serves this method and path under `behaviour`. */
const hasRow = (route: Route, behaviour: Behaviour) =>
  routes.some((r) => r.method === route.method && r.path === route.path && serves(r, behaviour));

function expectErrorBody(body: Record<string, unknown>, status: number, behaviour: Behaviour): void {
  // A crash is a 500 general_unknown. Appwrite itself answers 500 only in the documented cases above.
  if (status === 500) expect(APPWRITE_500_TYPES, JSON.stringify(body)).toContain(body.type);
  expect(Object.keys(body)).toEqual(ERROR_KEYS[behaviour]);
  expect(body).toEqual({ message: expect.any(String), code: status, type: expect.any(String), version: VERSIONS[behaviour] });
  expect(Object.keys(ERROR_TYPES)).toContain(body.type);
  expect(body.message).not.toBe('');
  // Messages built from input must not leak JavaScript artefacts.
  expect(body.message).not.toMatch(/undefined|\[object |NaN/);
}

describe.each(['1.4', '1.9'] as const)('under Appwrite %s', (behaviour) => {
  beforeEach(() => {
    behaviourNow = behaviour;
  });
  const served = routes.filter((route) => serves(route, behaviour));
  const absent = routes.filter((route) => !serves(route, behaviour) && !hasRow(route, behaviour));

  describe.each(served.map((route) => [`${route.method} ${route.path}`, route] as const))('%s', (_, route) => {
    describe.each(['signed in', 'guest'] as const)('as %s', (caller) => {
      behaviourNow = behaviour; // cases are built while collecting, before any beforeEach
      const cases = casesFor(route).filter((c) => !c.huge || (behaviour === '1.9' && caller === 'signed in'));
      it.each(cases.map((c) => [c.name, c] as const))('answers %s like Appwrite, changing nothing on error', async (_name, c) => {
        const { fallback } = caller === 'signed in' ? await signedInState() : { fallback: '' };
        const before = await snapshot();
        const response = await send(route, c, fallback, behaviour);

        const text = await response.text();
        if (response.status < 400) return; // a success: the request was valid after all (e.g. a JSON body as form)

        expect(response.headers.get('content-type')).toContain('application/json');
        expectErrorBody(JSON.parse(text) as Record<string, unknown>, response.status, behaviour);
        expect(await snapshot()).toEqual(before);
      });
    });
  });

  describe.each(absent.map((route) => [`${route.method} ${route.path}`, route] as const))('%s (not on this server)', (_, route) => {
    it.each(['signed in', 'guest'] as const)('answers 404 general_route_not_found as %s, changing nothing', async (caller) => {
      const { fallback } = caller === 'signed in' ? await signedInState() : { fallback: '' };
      const before = await snapshot();
      const valid = validBody(route);
      const response = await send(route, { name: 'valid', ...bodyOf(valid, route.method === 'GET') }, fallback, behaviour);
      const body = await response.json() as Record<string, unknown>;
      expect(response.status).toBe(404);
      expectErrorBody(body, 404, behaviour);
      expect(body).toMatchObject({ type: 'general_route_not_found', message: ROUTE_NOT_FOUND[behaviour] });
      expect(await snapshot()).toEqual(before);
    });
  });
});
