import { http, type HttpHandler } from 'msw';
import { createClock, type Clock } from './clock.js';
import { resolveConfig, type EmulatorOptions, type ResolvedConfig } from './config.js';
import type { EmulatorCore } from './core.js';
import { createRandom } from './crypto/random.js';
import { createCallerCache } from './http/caller-cache.js';
import { createRequestHandler, isAllowedHost } from './http/handle.js';
import { routes } from './http/routes.js';
import { createInbox, type Inbox, type InboxController } from './inbox/inbox.js';
import { openDb, type EmulatorDb } from './storage/db.js';
import type { IdTokenOptions } from './services/id-token.js';
import { loadCommonPasswords } from './validation/common-passwords.js';

export interface Emulator {
  /** MSW handlers: pass them to `setupServer(...)` (Node) or `setupWorker(...)` (browser). */
  handlers: HttpHandler[];
  /** Wipes users, sessions, tokens, identities, logs, the inbox and rate-limit counters, and rewinds the clock. */
  reset(): Promise<void>;
  clock: Clock;
  inbox: Inbox;
  /** The resolved options. */
  config: ResolvedConfig;
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
}

/** Creates an emulated Appwrite 1.4 Account API for one project. */
export function createEmulator(options: EmulatorOptions): Emulator {
  const config = resolveConfig(options);
  const clock = createClock(options.now);
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
    return database;
  })());

  function jwtKey(create: true): Promise<Uint8Array>;
  function jwtKey(create: false): Promise<Uint8Array | null>;
  function jwtKey(create: boolean): Promise<Uint8Array | null> {
    return create ? createJwtKey() : readJwtKey();
  }

  const callers = createCallerCache(config.databaseName);
  const core: EmulatorCore = {
    config, clock, random, db, jwtKey, callers,
    onInboxMessage: (record) => inbox?.deliver(record),
  };

  inbox = createInbox(core);
  const handle = createRequestHandler(core, routes);
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
  // Any other path under the endpoint is another Appwrite service (Databases, Storage, …): answered with an error
  // saying so, loaded on first use (http/other-services.ts), unless the app lets them pass. Not for an endpoint at
  // an origin's root, where the page's own files live.
  const warned = new Set<string>();
  const other = ({ request }: { request: Request }) => {
    const url = new URL(request.url);
    return base !== '' && url.origin === origin && url.pathname.startsWith(`${base}/`);
  };
  const handlers = [http.all(ours, ({ request }) => handle(request))];
  if (config.otherServices === 'error') {
    handlers.push(http.all(other, async ({ request }) => (await import('./http/other-services.js'))
      .answerOtherService(request, config, warned, (host) => isAllowedHost(core, host))));
  }
  return {
    handlers,
    handle,
    clock,
    config,
    inbox: inbox.inbox,
    db,
    async reset() {
      const database = await db();
      await database.transaction('rw', database.allTables, async () => {
        await Promise.all(database.allTables.map((table) => table.clear()));
      });
      callers.clear();
      clock.reset();
    },
    // Loaded on first use (it brings the JWT code), like the route.
    idToken: async (o) => (await import('./services/id-token.js')).mintIdToken(core, o),
    async close() {
      inbox?.close();
      callers.close();
      if (opened) (await opened).close();
      opened = null;
    },
  };
}
