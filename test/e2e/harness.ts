/**
 * End-to-end harness: a Vite dev server for an app folder + Debian's Chromium driven by playwright-core.
 *
 *   const app = useBrowserApp('test/e2e/fixtures/basic');   // in a describe/file: starts Vite + Chromium once
 *   it('…', async () => {
 *     const page = await app.newPage();                     // fresh browser context (empty storage) per call
 *     await page.goto(app.url);
 *     await app.screenshot(page, 'name');                   // -> test-results/name.png
 *   });
 *
 * No browser is ever downloaded: Chromium comes from apt (`/usr/bin/chromium`, or $CHROMIUM_PATH).
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';
import { createServer, type InlineConfig, type ViteDevServer } from 'vite';
import { afterAll, afterEach, beforeAll, onTestFailed } from 'vitest';
import { appwriteEmulator } from '../../src/vite/index.js';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const src = (path: string) => resolve(projectRoot, 'src', path);

export const RESULTS_DIR = resolve(projectRoot, 'test-results');
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic',
];

/** Optimizer cache folders held by this process's running servers (see `optimizerCacheDir`). */
const cachesInUse = new Set<string>();

/**
 * The pre-bundled deps folder of one server, used by no other running server. Vite keys its cache by a hash
 * of the config, which holds the absolute root and aliases: a server of another checkout (a git worktree whose
 * node_modules links to this one's) or a server with other options finds the folder stale and re-bundles it in
 * place, and a page still running from the old bundle then fails to load its next lazy chunk (504 Outdated
 * Optimize Dep, "Failed to fetch dynamically imported module"): the emulator answers that request 500 Server
 * Error. Each checkout, Vitest worker and concurrently open server of a folder gets its own cache, which stays
 * warm from one run to the next.
 */
function optimizerCacheDir(root: string, overrides: InlineConfig): { dir: string; release(): void } {
  const key = createHash('sha256').update(JSON.stringify([projectRoot, overrides.optimizeDeps ?? null])).digest('hex').slice(0, 12);
  const folder = root.replace(/[^\w.-]+/g, '_');
  const at = (slot: number) => resolve(projectRoot, 'node_modules/.vite-e2e', `${key}-w${process.env.VITEST_POOL_ID ?? '0'}-${slot}`, folder);
  let slot = 0;
  while (cachesInUse.has(at(slot))) slot += 1;
  const dir = at(slot);
  cachesInUse.add(dir);
  return { dir, release: () => void cachesInUse.delete(dir) };
}

export interface AppServer {
  /** Base URL with a trailing slash, e.g. `http://127.0.0.1:51234/`. */
  url: string;
  server: ViteDevServer;
  close(): Promise<void>;
}

/**
 * Starts a Vite dev server for `root` (relative to the project root) on a free port of 127.0.0.1.
 * If the folder has its own vite.config.ts it is used (add `appwriteEmulator()` there); otherwise the
 * `appwriteEmulator()` plugin is added here. Either way `appwrite-emulator`, `appwrite-emulator/browser` and
 * `appwrite-emulator/vite` resolve to this repository's sources.
 */
export async function startApp(root: string, overrides: InlineConfig = {}): Promise<AppServer> {
  const absoluteRoot = resolve(projectRoot, root);
  const configFile = ['vite.config.ts', 'vite.config.js', 'vite.config.mjs']
    .map((name) => resolve(absoluteRoot, name))
    .find((file) => existsSync(file));
  const cache = optimizerCacheDir(root, overrides);
  let server: ViteDevServer;
  try {
    server = await createServer({
      root: absoluteRoot,
      configFile: configFile ?? false,
      // Never shared with another running server (optimizerCacheDir says why).
      cacheDir: cache.dir,
      logLevel: 'warn',
      clearScreen: false,
      plugins: configFile ? [] : [appwriteEmulator()],
      resolve: {
        alias: [
          { find: /^appwrite-emulator\/browser$/, replacement: src('browser/index.ts') },
          { find: /^appwrite-emulator\/vite$/, replacement: src('vite/index.ts') },
          { find: /^appwrite-emulator$/, replacement: src('index.ts') },
        ],
      },
      // Pre-bundle the known deps up front: a dependency discovered mid-test makes Vite reload the page.
      optimizeDeps: { include: ['appwrite', 'appwrite-13', 'msw', 'msw/browser', 'dexie', 'jose', 'ua-parser-js'] },
      server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false, watch: null },
      ...overrides,
    });
    await server.listen();
  } catch (error) {
    cache.release();
    throw error;
  }
  const url = server.resolvedUrls?.local[0];
  if (!url) {
    await server.close();
    cache.release();
    throw new Error(`e2e harness: Vite did not report a URL for ${root}`);
  }
  return { url, server, close: () => server.close().finally(cache.release) };
}

/** Launches Debian's Chromium headless with a fresh, temporary profile. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`e2e harness: no Chromium at ${CHROMIUM_PATH}. Install it with: apt-get update && apt-get install -y chromium`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/** Saves a full-page PNG to test-results/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true });
  const path = resolve(RESULTS_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

export interface BrowserApp {
  /** The app's base URL (trailing slash). Available once the file's beforeAll has run. */
  readonly url: string;
  readonly browser: Browser;
  readonly server: ViteDevServer;
  /** A page in a new browser context: its own IndexedDB, localStorage and service worker registrations. */
  newPage(options?: { viewport?: { width: number; height: number }; colorScheme?: 'light' | 'dark'; hasTouch?: boolean; isMobile?: boolean }): Promise<Page>;
  /** Console lines and page errors of every page opened in the current test (printed when the test fails). */
  readonly logs: string[];
  screenshot(page: Page, name: string): Promise<string>;
}

/**
 * Vitest hooks for one app: Vite + Chromium start in beforeAll and stop in afterAll; contexts opened with
 * `newPage()` are closed after each test. Browser console output is shown when a test fails.
 */
export function useBrowserApp(root: string, overrides?: InlineConfig): BrowserApp {
  let app: AppServer | undefined;
  let browser: Browser | undefined;
  let contexts: BrowserContext[] = [];
  let reporting = false;
  const logs: string[] = [];

  beforeAll(async () => {
    [app, browser] = await Promise.all([startApp(root, overrides), launchChromium()]);
  });
  afterEach(async () => {
    await Promise.all(contexts.map((context) => context.close().catch(() => undefined)));
    contexts = [];
    reporting = false;
    logs.length = 0;
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  const need = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`e2e harness: ${what} is only available inside tests (after beforeAll)`);
    return value;
  };

  return {
    get url() { return need(app, 'url').url; },
    get browser() { return need(browser, 'browser'); },
    get server() { return need(app, 'server').server; },
    logs,
    screenshot,
    async newPage(options = {}) {
      const context = await need(browser, 'browser').newContext({
        viewport: options.viewport ?? { width: 1280, height: 800 },
        colorScheme: options.colorScheme ?? 'light',
        hasTouch: options.hasTouch ?? false,
        isMobile: options.isMobile ?? false,
      });
      contexts.push(context);
      const page = await context.newPage();
      page.on('console', (message: ConsoleMessage) => logs.push(`[console.${message.type()}] ${message.text()}`));
      page.on('pageerror', (error) => logs.push(`[pageerror] ${error.stack ?? error.message}`));
      if (!reporting) {
        reporting = true;
        onTestFailed(() => {
          if (logs.length) console.error(`browser output:\n${logs.join('\n')}`);
        });
      }
      return page;
    },
  };
}
