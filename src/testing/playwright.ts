/**
 * Playwright helpers (`appwrite-emulator/playwright`): drive the emulator of a page from a Playwright test. They
 * talk to `window.__appwriteEmulator`, which `startEmulator({ exposeForTests: true })` sets, through
 * `page.evaluate`. Typed against the few members of Playwright's `Page` they use, so the package has no runtime
 * dependency on Playwright (any version with `evaluate`, `waitForFunction` and `reload` works).
 */
import type { BrowserEmulator } from '../browser/index.js';
import type { InboxFilter, InboxMessage } from '../inbox/inbox.js';
import type { Account, Session } from '../models/models.js';
import type { SessionOptions } from './sessions.js';
import type { Snapshot } from './snapshot.js';

export type { BrowserEmulator };

/** The part of Playwright's `Page` the helpers use. */
export interface PageLike {
  evaluate(pageFunction: (arg: any) => unknown, arg?: any): Promise<any>;
  waitForFunction(pageFunction: () => unknown, arg?: unknown, options?: { timeout?: number }): Promise<unknown>;
  reload(options?: any): Promise<unknown>;
}

// A cold dev server (dependency pre-bundling on a first visit) can take many seconds before the app starts the emulator.
const READY_TIMEOUT = 30_000;

/** Waits until the page's emulator is running and exposed; a clear error when it never is. */
async function ready(page: PageLike): Promise<void> {
  try {
    await page.waitForFunction(() => Boolean((window as { __appwriteEmulator?: unknown }).__appwriteEmulator), undefined, { timeout: READY_TIMEOUT });
  } catch (error) {
    throw new Error(
      'appwrite-emulator/playwright: window.__appwriteEmulator is not set on this page. Start the emulator with '
      + 'startEmulator({ ..., exposeForTests: true }) and open the page (page.goto) before calling the helpers.',
      { cause: error },
    );
  }
}

export interface SignInOptions extends SessionOptions {
  /** Reload the page afterwards, so the app starts signed in (default true). */
  reload?: boolean;
}

/**
 * Signs the page in as a user (by id or e-mail) without a password: a new session, stored where every SDK
 * version reads it (`localStorage.cookieFallback`); then reloads the page. Resolves with the Session model.
 */
export async function signInAs(page: PageLike, userIdOrEmail: string, options: SignInOptions = {}): Promise<Session> {
  const { reload = true, ...sessionOptions } = options;
  await ready(page);
  const session = await page.evaluate(async ({ ref, opts }: { ref: string; opts: SessionOptions }) => {
    const created = await window.__appwriteEmulator!.sessions.create(ref, opts);
    localStorage.setItem('cookieFallback', created.cookieFallback);
    return created.session;
  }, { ref: userIdOrEmail, opts: sessionOptions }) as Session;
  if (reload) await page.reload();
  return session;
}

export interface PageInbox {
  /** Messages, newest first. */
  list(filter?: InboxFilter): Promise<InboxMessage[]>;
  /** The newest matching message, or undefined. */
  latest(filter?: InboxFilter): Promise<InboxMessage | undefined>;
  /**
   * The first matching message that arrives after the call (start it before the action that sends it). It
   * polls, so it survives the page navigating or reloading meanwhile. Rejects after `timeout` ms (default 5000).
   */
  waitFor(filter?: InboxFilter & { timeout?: number }): Promise<InboxMessage>;
}

export function inbox(page: PageLike): PageInbox {
  const list = async (filter: InboxFilter = {}) => {
    await ready(page);
    return page.evaluate((f: InboxFilter) => window.__appwriteEmulator!.inbox.list(f), filter) as Promise<InboxMessage[]>;
  };
  return {
    list,
    latest: async (filter) => (await list(filter))[0],
    async waitFor(options = {}) {
      const { timeout = 5000, ...filter } = options;
      const seen = new Set((await list(filter)).map((m) => m.id));
      const deadline = Date.now() + timeout;
      for (;;) {
        const fresh = (await list(filter).catch(() => [])).find((m) => !seen.has(m.id));
        if (fresh) return fresh;
        if (Date.now() > deadline) throw new Error(`appwrite-emulator/playwright: no inbox message matching ${JSON.stringify(filter)} arrived within ${timeout} ms`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

/** Wipes the page's emulator (users, sessions, tokens, inbox, clock; back to the `snapshot` option if any). */
export async function reset(page: PageLike): Promise<void> {
  await ready(page);
  await page.evaluate(() => window.__appwriteEmulator!.reset());
}

export interface PageClock {
  /** Moves the emulator's time forward (stored, so it survives a reload). */
  advance(ms: number): Promise<void>;
  /** The emulator's current time. */
  now(): Promise<Date>;
}

export function clock(page: PageLike): PageClock {
  return {
    async advance(ms) {
      if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
        throw new TypeError('appwrite-emulator/playwright: clock(page).advance(ms) needs a non-negative number of milliseconds');
      }
      await ready(page);
      await page.evaluate((n: number) => window.__appwriteEmulator!.clock.advance(n), ms);
    },
    async now() {
      await ready(page);
      return new Date(await page.evaluate(() => window.__appwriteEmulator!.clock.now().getTime()) as number);
    },
  };
}

/**
 * Replaces the page's emulator state with a snapshot (`emulator.export()`, e.g. a JSON file) and reloads the page
 * (`reload: false` to stay). Refuses a malformed snapshot, as `emulator.import()` does.
 */
export async function seed(page: PageLike, snapshot: Snapshot, options: { reload?: boolean } = {}): Promise<void> {
  await ready(page);
  await page.evaluate((s: Snapshot) => window.__appwriteEmulator!.import(s), snapshot);
  if (options.reload ?? true) await page.reload();
}

/** Creates a user in the page's emulator (`emulator.users.create()`), e.g. before `signInAs`. */
export async function createUser(page: PageLike, user: Parameters<BrowserEmulator['users']['create']>[0]): Promise<Account> {
  await ready(page);
  return page.evaluate((u) => window.__appwriteEmulator!.users.create(u), user) as Promise<Account>;
}
