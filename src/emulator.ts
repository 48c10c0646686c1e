import { http, ws, type HttpHandler, type WebSocketHandler } from 'msw';
import { createClock, type Clock } from './clock.js';
import { APPWRITE_VERSION, resolveConfig, type EmulatorOptions, type ResolvedConfig } from './config.js';
import type { EmulatorCore } from './core.js';
import { createRandom } from './crypto/random.js';
import { createCallerCache } from './http/caller-cache.js';
import { isAllowedHost } from './http/allowed-hosts.js';
import { createRequestHandler, recordedBody } from './http/handle.js';
import { createRequestRecorder, type RequestLog } from './http/request-log.js';
import { resolveBehaviour, SERVER_VERSION_1_9 } from './http/behaviour.js';
import { baseHeaders, json, preflightHeaders } from './http/respond.js';
import { lazyRouteGroups, routes } from './http/routes.js';
import { lazy } from './http/lazy.js';
import type { RealtimeHub } from './realtime/hub.js';
import { createInbox, type Inbox, type InboxController } from './inbox/inbox.js';
import { openDb, sharesDatabase, type EmulatorDb } from './storage/db.js';
import type { IdTokenOptions } from './services/id-token.js';
import type { AuthenticatorView } from './services/mfa/test-api.js';
import type { SessionsApi } from './testing/sessions.js';
import type { Snapshot } from './testing/snapshot.js';
import type { UsersApi } from './testing/users.js';
import { loadCommonPasswords } from './validation/common-passwords.js';

/** createEmulator's options: the server's, plus the state a fresh database starts from. */
export interface CreateEmulatorOptions extends EmulatorOptions {
  /**
   * A snapshot (`await emulator.export()`, as an object or the URL of its JSON) loaded when the database is
   * empty: on first use, and again after reset(). It never overwrites a database that holds anything.
   */
  snapshot?: Snapshot | string;
}

/** createEmulator()'s own option keys beside EmulatorOptions' (config.ts), for the unknown-key check; the compiler checks the list. */
export const CREATE_OPTION_KEYS = ['snapshot'] as const;
const createKeysChecked: Exclude<keyof CreateEmulatorOptions, keyof EmulatorOptions | (typeof CREATE_OPTION_KEYS)[number]> extends never ? true : false = true;
void createKeysChecked;

export interface Emulator {
  /**
   * MSW handlers: pass them to `setupServer(...)` (Node) or `setupWorker(...)` (browser). The HTTP API, and the
   * realtime socket at `<endpoint as ws(s)://>/realtime` (the `account` channel; its code loads on the first socket).
   */
  handlers: Array<HttpHandler | WebSocketHandler>;
  /** Wipes users, sessions, tokens, identities, logs, the inbox and rate-limit counters, and rewinds the clock. */
  reset(): Promise<void>;
  clock: Clock;
  inbox: Inbox;
  /** The resolved options. */
  config: ResolvedConfig;
  /**
   * The last 200 requests the emulator answered (time, method, path, status, error type, SDK version, format,
   * duration; headers and bodies on `details()`, with passwords, secrets and session values masked), newest first.
   * In the browser, tabs of one app relay theirs to each other.
   */
  requests: RequestLog;
  /**
   * Emulator-only: turns Appwrite's rate limits on or off for this emulator (this page) from now on, whatever the
   * `rateLimits` option said. Counting stops while off; the counters stay until resetRateLimits().
   */
  setRateLimits(enabled: boolean): void;
  /** Emulator-only: forgets every rate-limit counter (a mistyped e-mail locked out for the hour can try again). */
  resetRateLimits(): Promise<void>;
  /** Answers one request as the emulated server would (what the MSW handler calls). */
  handle(request: Request): Promise<Response>;
  /** The underlying Dexie database, for inspection in tests. */
  db(): Promise<EmulatorDb>;
  /** Closes the database. */
  close(): Promise<void>;
  /**
   * Emulator-only: mints a Google or Apple OIDC ID token for `account.createIdTokenSession()` (SDK 28, Cloud
   * 2.x's POST /account/sessions/id-token), standing in for the one the provider's native sign-in would give the
   * app. The route accepts only tokens minted here (an HS256 JWT with the provider's issuer, signed with a key of
   * this database), until they expire (`expiresIn`, default 3600 s on the emulator's clock) or reset() drops the key.
   *
   * @example
   * const idToken = await emulator.idToken({ provider: 'google', sub: '1234', email: 'ada@example.com', nonce: 'n1' });
   * await account.createIdTokenSession({ provider: IdTokenProvider.Google, idToken, nonce: 'n1' });
   */
  idToken(options: IdTokenOptions): Promise<string>;
  /**
   * Emulator-only: MFA at the emulator's time, so tests need no TOTP code of their own. A TypeError for an
   * unknown user (by id or e-mail) or, for `totpCode`, a user without an authenticator.
   *
   * @example
   * await account.updateMFAChallenge({ challengeId, otp: await emulator.mfa.totpCode('ada@example.com') });
   */
  mfa: {
    /** The current 6-digit code of the user's TOTP authenticator (verified or pending). */
    totpCode(userIdOrEmail: string): Promise<string>;
    /** The user's recovery codes left ([] when none). */
    recoveryCodes(userIdOrEmail: string): Promise<string[]>;
    /** Every TOTP authenticator: user, issuer, verified or pending, the current code and the seconds it has left. */
    authenticators(): Promise<AuthenticatorView[]>;
  };
  /** Test API: create, change, block and delete users without SDK calls (Appwrite 1.9.6's rules and models). */
  users: UsersApi;
  /** Test API: sign in as any user without a password, list and delete sessions. */
  sessions: SessionsApi;
  /** The whole state as a versioned JSON snapshot (users with their hashes, sessions, tokens, inbox, logs, ...). */
  export(): Promise<Snapshot>;
  /**
   * Replaces the whole state with a snapshot, in one transaction. A malformed snapshot, or one from a newer
   * appwrite-emulator, is refused with a TypeError and nothing changes.
   */
  import(snapshot: Snapshot): Promise<void>;
}

/**
 * An object whose methods load their implementation on first call: the test API's code (validation, the
 * e-mail parser, snapshots) stays out of the browser start bundle. Not thenable, so `await emulator.users` is
 * the object itself.
 */
function lazyApi<T extends object>(load: () => Promise<T>): T {
  return new Proxy({}, {
    get: (_, name) => (name === 'then' || typeof name === 'symbol' ? undefined
      : async (...args: unknown[]) => {
        const api = (await load()) as Record<string, (...a: unknown[]) => unknown>;
        if (typeof api[name] !== 'function') throw new TypeError(`appwrite-emulator: no such test API call: ${name}()`);
        return api[name](...args);
      }),
  }) as T;
}

/**
 * Creates an emulated Appwrite Account API for one project: Appwrite 1.4 for SDK 13, Appwrite 1.9.6 for SDK 14+
 * (the `behaviour` option).
 */
export function createEmulator(options: CreateEmulatorOptions): Emulator {
  const { snapshot: initialSnapshot, ...serverOptions } = options ?? ({} as CreateEmulatorOptions);
  const config = resolveConfig(serverOptions);
  if (initialSnapshot !== undefined && (initialSnapshot === null || (typeof initialSnapshot !== 'object' && typeof initialSnapshot !== 'string'))) {
    throw new TypeError('appwrite-emulator: option snapshot must be a snapshot object (from emulator.export()) or the URL of one');
  }
  // The clock's offset is stored with the data (meta `clockOffset`), so clock.advance() survives a reload. Only
  // into an open database: storing must never reopen one that close() closed.
  const clock = createClock(options.now, async (offset) => {
    if (!opened) return;
    const { meta } = await opened;
    // No offset, no row: a reset database holds nothing (the `snapshot` option loads only into an empty one).
    await (offset === 0 ? meta.delete('clockOffset') : meta.put({ key: 'clockOffset', value: String(offset) }));
  });
  const random = createRandom(options.seed);
  let inbox: InboxController | null = null;
  let opened: Promise<EmulatorDb> | null = null;

  // One JWT key per database, kept in it, so JWTs outlive a page reload as they outlive a server restart. Only
  // createJWT() makes it (a successful request); verifying reads it, so failing requests write nothing, and opening
  // the database writes nothing either (a cold start in the browser waits for no extra transaction). It is read
  // from the database every time, never cached: another tab over the same database may reset() it away and make
  // a new one, and both tabs must then sign and verify with that one.
  const decodeKey = (value: string) => Uint8Array.from(atob(value), (c) => c.charCodeAt(0));
  const readJwtKey = async () => {
    const stored = await (await db()).meta.get('jwtKey');
    return stored ? decodeKey(stored.value) : null;
  };
  const createJwtKey = async () => {
    const database = await db();
    return database.transaction('rw', database.meta, async () => {
      const stored = await database.meta.get('jwtKey');
      if (stored) return decodeKey(stored.value);
      const key = random.bytes(32);
      await database.meta.put({ key: 'jwtKey', value: btoa(String.fromCharCode(...key)) });
      return key;
    });
  };

  const db = () => (opened ??= (async () => {
    if (config.auth.passwordDictionary) await loadCommonPasswords();
    const database = await openDb(config.databaseName, options.indexedDB);
    await database.open();
    if (initialSnapshot !== undefined) {
      try {
        await loadInitialSnapshot(database);
      } catch (error) {
        database.close();
        throw error;
      }
    }
    // Advances made before the database opened count on top of the stored offset.
    const stored = Number((await database.meta.get('clockOffset'))?.value ?? 0);
    if (Number.isFinite(stored) && stored > 0) clock.setOffset(stored + clock.offset());
    if (clock.offset() !== stored) await database.meta.put({ key: 'clockOffset', value: String(clock.offset()) });
    return database;
  })());

  /** The `snapshot` option, loaded only into an empty database (testing/snapshot.ts). */
  const loadInitialSnapshot = async (database: EmulatorDb) => (await import('./testing/index.js')).loadSnapshotOption(database, initialSnapshot!);

  function jwtKey(create: true): Promise<Uint8Array>;
  function jwtKey(create: false): Promise<Uint8Array | null>;
  function jwtKey(create: boolean): Promise<Uint8Array | null> {
    return create ? createJwtKey() : readJwtKey();
  }

  const callers = createCallerCache(config.databaseName);
  let users: UsersApi | undefined;
  let sessions: SessionsApi | undefined;
  // Tabs relay their requests to each other only in a page (in Node, test workers would hear each other).
  const requests = createRequestRecorder(config.databaseName, typeof document == 'object', recordedBody);
  // Realtime (realtime/hub.ts): its code loads with the first socket or the first change that may fire an event,
  // which it sends to this page's sockets and, through a BroadcastChannel, to the origin's other tabs.
  let realtimeHub: RealtimeHub | undefined;
  const core: EmulatorCore = {
    config, clock, random, db, jwtKey, callers, requests,
    sharedDatabase: sharesDatabase(options.indexedDB),
    onInboxMessage: (record) => inbox?.deliver(record),
    publish: (event) => void loadRealtime().then((hub) => hub.publish(event), () => undefined),
  };
  const loadRealtime = lazy(async () => (realtimeHub = (await import('./realtime/hub.js')).createHub(core, handle)));

  inbox = createInbox(core);
  const handle = createRequestHandler(core, routes, lazyRouteGroups);
  const { origin } = config.endpointUrl;
  const base = config.endpointUrl.pathname.replace(/\/+$/, '');
  const account = `${base}/account`;
  // 1.9.6's health check (SDK 16.1+ `client.ping()`).
  const ping = `${base}/ping`;
  // A predicate, not msw path patterns: msw decodes pattern params with decodeURIComponent and answers a bare
  // 500 for a malformed escape (`/account/sessions/%zz`) before we see the request. One handler for the whole
  // API also keeps msw's matching cost flat; the emulator's own router does the dispatching.
  const ours = ({ request }: { request: Request }) => {
    const url = new URL(request.url);
    return url.origin === origin && (url.pathname === account || url.pathname.startsWith(`${account}/`) || url.pathname === ping);
  };
  // The SDKs' realtime URL: the endpoint with https -> wss, http -> ws, plus /realtime.
  const realtime = ws.link(`${config.endpoint.replace(/^http/, 'ws')}/realtime`);
  // The SDKs send nothing before the server's `connected`, which the realtime code sends once loaded.
  const sockets = realtime.addEventListener('connection', ({ client }) => void loadRealtime().then((hub) => hub.connect(client), () => client.close(1011)));
  // Any other path under the endpoint is another Appwrite service (Databases, Storage, …): answered with an error
  // saying so, loaded on first use (http/other-services.ts), unless the app lets them pass. Not for an endpoint at
  // an origin's root, where the page's own files live.
  const warned = new Set<string>();
  const other = ({ request }: { request: Request }) => {
    const url = new URL(request.url);
    return base !== '' && url.origin === origin && url.pathname.startsWith(`${base}/`);
  };
  const handlers: Emulator['handlers'] = [http.all(ours, ({ request }) => handle(request)), sockets];
  if (config.otherServices === 'error') {
    handlers.push(http.all(other, async ({ request }) => {
      const { behaviour } = resolveBehaviour(request, config.behaviour);
      const allowed = (host: string) => isAllowedHost(core, host);
      if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: preflightHeaders(request, allowed, behaviour) });
      const { otherServiceError } = await import('./http/other-services.js');
      const body = otherServiceError(request, base, warned, behaviour === '1.4' ? APPWRITE_VERSION : SERVER_VERSION_1_9);
      return json(501, body, baseHeaders(request, allowed, behaviour));
    }));
  }
  return {
    handlers,
    handle,
    clock,
    config,
    inbox: inbox.inbox,
    requests: requests.log,
    setRateLimits(enabled) {
      if (typeof enabled !== 'boolean') throw new TypeError('appwrite-emulator: setRateLimits(enabled) needs true or false');
      config.rateLimits = enabled;
    },
    async resetRateLimits() {
      await (await db()).rateLimits.clear();
    },
    db,
    async reset() {
      const database = await db();
      await database.transaction('rw', database.tables, async () => {
        await Promise.all(database.tables.map((table) => table.clear()));
      });
      callers.clear();
      clock.reset();
      // Back to the initial state: the seed snapshot, when there is one.
      if (initialSnapshot !== undefined) await loadInitialSnapshot(database);
    },
    users: lazyApi(async () => (users ??= (await import('./testing/index.js')).createUsersApi(core))),
    sessions: lazyApi(async () => (sessions ??= (await import('./testing/index.js')).createSessionsApi(core))),
    async export() {
      const { exportSnapshot } = await import('./testing/index.js');
      return exportSnapshot(await db(), config.projectId, clock.now(), clock.offset());
    },
    async import(snapshot) {
      const [{ importSnapshot, storedClockOffset }, database] = await Promise.all([import('./testing/index.js'), db()]);
      await importSnapshot(database, snapshot);
      callers.clear();
      clock.setOffset(storedClockOffset((snapshot as Snapshot).tables.meta as Array<{ key: string; value: string }> | undefined));
    },
    // Loaded on first use (it brings the JWT code), like the route.
    idToken: async (o) => (await import('./services/id-token.js')).mintIdToken(core, o),
    // Loaded on first use with the MFA route group: one chunk (decisions/003 says why not two).
    mfa: {
      totpCode: async (u) => (await import('./http/routes/mfa.js')).mfaTestApi.totpCodeOf(core, u),
      recoveryCodes: async (u) => (await import('./http/routes/mfa.js')).mfaTestApi.recoveryCodesOf(core, u),
      authenticators: async () => (await import('./http/routes/mfa.js')).mfaTestApi.listAuthenticators(core),
    },
    async close() {
      realtimeHub?.close();
      inbox?.close();
      requests.close();
      callers.close();
      // A database that failed to open (a snapshot URL that did not load) has nothing to close.
      if (opened) (await opened.catch(() => null))?.close();
      opened = null;
    },
  };
}
