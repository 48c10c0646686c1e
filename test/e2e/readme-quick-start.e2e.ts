/**
 * The README's "Quick start: browser", as written, for a new user on a fresh Vite app, with the package as
 * published: `npm run build`, `npm pack`, then the tarball is unpacked into a fresh app's node_modules (no network).
 * The app's vite.config.ts and main.ts are the README's code blocks, read from README.md at test time, so the test
 * follows the README. Two apps: one with the `appwriteEmulator()` plugin, one without it but with the worker written
 * by the README's `npx appwrite-emulator init public`.
 *
 * The app's node_modules holds what `npm i` would put there at its top: the unpacked package, symlinks to this
 * repository's copies of the README's installs (appwrite, msw), vite (a fresh Vite app has it) and the packed
 * package.json's dependencies/peerDependencies. Nothing else: a dependency the package uses but does not declare
 * would fail to resolve, because the app lives in the OS temp folder, outside this repository.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { installPacked, packPackage, projectRoot, run, writeFiles } from '../packed-package.js';
import { launchChromium } from './harness.js';

const WORKER = 'appwrite-emulator-worker.js';

// ---------------------------------------------------------------------------------------------------------------
// The README's browser quick start, taken from README.md.

interface QuickStart {
  /** The packages the section tells the user to install (names only). */
  installs: string[];
  viteConfig: string;
  mainTs: string;
  /** The arguments of `npx appwrite-emulator …` (e.g. ['init', 'public']). */
  cliArgs: string[];
}

function readQuickStart(readme: string): QuickStart {
  const start = readme.indexOf('## Quick start: browser');
  if (start < 0) throw new Error('README.md has no "## Quick start: browser" section');
  const end = readme.indexOf('\n## ', start + 3);
  const section = readme.slice(start, end < 0 ? undefined : end);
  // Fenced blocks, possibly indented under a list item: strip the fence's indentation from every line.
  const blocks = [...section.matchAll(/^( *)```(\w*)\n([\s\S]*?)^\1```$/gm)].map(([, indent = '', lang, body = '']) => ({
    lang,
    code: body.split('\n').map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line)).join('\n'),
  }));
  const startingWith = (comment: string) => {
    const block = blocks.find((b) => b.lang === 'ts' && b.code.startsWith(`${comment}\n`));
    if (!block) throw new Error(`README's browser quick start has no \`\`\`ts block starting with "${comment}"`);
    return block.code;
  };
  const sh = blocks.find((b) => b.lang === 'sh')?.code ?? '';
  const install = /npm i(?:nstall)? -D ([^#\n]+)(?:#([^\n]*))?/.exec(sh);
  if (!install) throw new Error("README's browser quick start has no `npm i -D …` line");
  // `npm i -D appwrite-emulator msw@^2.15     # and appwrite@^28 for the app`
  const specs = [...(install[1] ?? '').trim().split(/\s+/), ...((install[2] ?? '').match(/[\w@/.-]+@[\w^~.]+/g) ?? [])];
  const cli = /`npx appwrite-emulator ([^`]+)`/.exec(section);
  if (!cli) throw new Error("README's browser quick start has no `npx appwrite-emulator …` command");
  return {
    installs: specs.map((spec) => spec.replace(/(.)@.*$/, '$1')),
    viteConfig: startingWith('// vite.config.ts'),
    mainTs: startingWith('// main.ts'),
    cliArgs: (cli[1] ?? '').trim().split(/\s+/),
  };
}

/**
 * Added after the README's main.ts (the README stops at "boot the app"): the app's first SDK call, and a handle for
 * the test. It runs after the README's code, as the app's own code would (its import may come last: imports hoist).
 */
const APP_CODE = `
// ---- the app (added by test/e2e/readme-quick-start.e2e.ts) ----
import { ID } from 'appwrite';
const firstCall = account.get().then(
  (user) => ({ user }),
  // SDK 28's AppwriteException keeps the response body as text.
  (error) => ({ error: { code: error.code, type: error.type, message: error.message, response: JSON.parse(error.response) } }),
);
(window as any).readme = { account, ID, firstCall };
`;

const INDEX_HTML = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8" /><title>README quick start</title></head>
  <body><script type="module" src="/src/main.ts"></script></body>
</html>
`;

// ---------------------------------------------------------------------------------------------------------------
// A fresh app with the packed package installed, offline.

async function startVite(app: string, configFile: string | false): Promise<{ server: ViteDevServer; url: string }> {
  // Only what a test needs on top of the app's config: a free port, no watcher. No aliases: the app resolves
  // appwrite-emulator from its node_modules, like a user's app.
  const server = await createServer({
    root: app,
    configFile,
    logLevel: 'warn',
    clearScreen: false,
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false, watch: null },
  });
  await server.listen();
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error(`Vite did not report a URL for ${app}`);
  return { server, url: url.replace(/\/$/, '') };
}

// ---------------------------------------------------------------------------------------------------------------

let temp: string;
let quickStart: QuickStart;
let chromium: Promise<Browser> | undefined;
let browser: Browser;
const apps: Record<'plugin' | 'cli', { dir: string; server?: ViteDevServer; origin: string }> = {
  plugin: { dir: '', origin: '' },
  cli: { dir: '', origin: '' },
};
let contexts: BrowserContext[] = [];
const logs: string[] = [];

beforeAll(async () => {
  temp = await mkdtemp(join(tmpdir(), 'appwrite-emulator-readme-'));
  chromium = launchChromium(); // starts meanwhile; awaited at the end (and closed in afterAll even if we fail first)
  chromium.catch(() => undefined);
  quickStart = readQuickStart(await readFile(resolve(projectRoot, 'README.md'), 'utf8'));

  // The package as published.
  const tarball = await packPackage(join(temp, 'pack'));

  const common = {
    'package.json': JSON.stringify({ name: 'fresh-app', private: true, type: 'module' }, null, 2),
    'index.html': INDEX_HTML,
    'src/main.ts': `${quickStart.mainTs}${APP_CODE}`,
  };
  apps.plugin.dir = join(temp, 'with-plugin');
  apps.cli.dir = join(temp, 'with-cli');
  await Promise.all([
    // vite: a fresh Vite app has it.
    writeFiles(apps.plugin.dir, { ...common, 'vite.config.ts': quickStart.viteConfig }).then(() => installPacked(apps.plugin.dir, tarball, [...quickStart.installs, 'vite'])),
    writeFiles(apps.cli.dir, common).then(() => installPacked(apps.cli.dir, tarball, [...quickStart.installs, 'vite'])),
  ]);
  // `npx appwrite-emulator init public`: npx runs node_modules/.bin/appwrite-emulator; run it with node directly.
  await run(process.execPath, [join(apps.cli.dir, 'node_modules/.bin/appwrite-emulator'), ...quickStart.cliArgs], { cwd: apps.cli.dir });

  const [withPlugin, withCli] = await Promise.all([
    startVite(apps.plugin.dir, join(apps.plugin.dir, 'vite.config.ts')),
    startVite(apps.cli.dir, false), // no vite.config: Vite's defaults serve public/
  ]);
  Object.assign(apps.plugin, { server: withPlugin.server, origin: withPlugin.url });
  Object.assign(apps.cli, { server: withCli.server, origin: withCli.url });
  browser = await chromium;
});

beforeEach(({ onTestFailed }) => {
  onTestFailed(() => {
    if (logs.length) console.error(`browser output:\n${logs.join('\n')}`);
  });
});

afterEach(async () => {
  await Promise.all(contexts.map((context) => context.close().catch(() => undefined)));
  contexts = [];
  logs.length = 0;
});

afterAll(async () => {
  await (await chromium?.catch(() => undefined))?.close();
  await Promise.all([apps.plugin.server?.close(), apps.cli.server?.close()]);
  if (temp) await rm(temp, { recursive: true, force: true });
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext();
  contexts.push(context);
  const page = await context.newPage();
  page.on('console', (message) => logs.push(`[console.${message.type()}] ${message.text()}`));
  page.on('pageerror', (error) => logs.push(`[pageerror] ${error.stack ?? error.message}`));
  return page;
}

interface ReadmeApp {
  account: import('appwrite').Account;
  ID: typeof import('appwrite').ID;
  firstCall: Promise<{ user?: unknown; error?: { code: number; type: string; message: string; response: unknown } }>;
}
// page.evaluate sends its function's source to the page: the handle is read inline there, typed with this.
type ReadmeWindow = Window & { readme: ReadmeApp };

describe('the README browser quick start (package from npm pack, fresh Vite app)', () => {
  it('is read from README.md: the install line, vite.config.ts, main.ts and the init command', () => {
    expect(quickStart.installs).toEqual(['appwrite-emulator', 'msw', 'appwrite']);
    expect(quickStart.viteConfig).toContain('appwriteEmulator()');
    expect(quickStart.mainTs).toContain("await import('appwrite-emulator/browser')");
    expect(quickStart.mainTs).toContain("await startEmulator({ projectId: 'my-project', endpoint });");
    expect(quickStart.cliArgs).toEqual(['init', 'public']);
  });

  it('init public writes the worker the plugin serves', async () => {
    const written = await readFile(join(apps.cli.dir, 'public', WORKER), 'utf8');
    const served = await fetch(`${apps.plugin.origin}/${WORKER}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await served.text()).toBe(written);
    expect(written).toContain('Mock Service Worker');
  });

  describe.each([
    ['with the appwriteEmulator() Vite plugin', 'plugin'],
    ['without the plugin, with the worker from npx appwrite-emulator init public', 'cli'],
  ] as const)('%s', (_, which) => {
    const app = () => apps[which];

    it('resolves appwrite-emulator/browser to the unpacked tarball in the app, not to this repository', async () => {
      const page = await newPage();
      await page.goto(`${app().origin}/`);
      await page.waitForFunction(() => 'readme' in window);
      // Vite's record of what it pre-bundled, and from which file (paths relative to node_modules/.vite/deps).
      const metadata = JSON.parse(await readFile(join(app().dir, 'node_modules/.vite/deps/_metadata.json'), 'utf8')) as {
        optimized: Record<string, { src: string }>;
      };
      const src = metadata.optimized['appwrite-emulator/browser']?.src;
      expect(src).toBeDefined();
      expect(resolve(app().dir, 'node_modules/.vite/deps', src!)).toBe(join(app().dir, 'node_modules/appwrite-emulator/dist/browser/index.js'));
    });

    it('starts the emulator: one console line, the worker controls the page and answers account.get() with 401 general_unauthorized_scope', async () => {
      const page = await newPage();
      const firstResponse = page.waitForResponse((r) => r.url() === `${app().origin}/v1/account` && r.request().method() === 'GET');
      await page.goto(`${app().origin}/`);
      await page.waitForFunction(() => 'readme' in window);
      const firstCall = await page.evaluate(() => (window as unknown as ReadmeWindow).readme.firstCall);
      // SDK 28 gets Appwrite 1.9.6's answer.
      const body = { message: 'User (role: guests) missing scopes (["account"])', code: 401, type: 'general_unauthorized_scope', version: '1.9.6' };
      expect(firstCall).toEqual({ error: { code: 401, type: 'general_unauthorized_scope', message: body.message, response: body } });

      const response = await firstResponse;
      expect(response.fromServiceWorker()).toBe(true);
      expect(response.status()).toBe(401);
      expect(await response.json()).toEqual(body);
      expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toBe(`${app().origin}/${WORKER}`);

      expect(logs.filter((line) => line.includes('[appwrite-emulator]'))).toEqual([
        `[console.info] [appwrite-emulator] Appwrite emulator active (SDK 13: Appwrite 1.4, SDK 14+: Appwrite 1.9.6): project "my-project", endpoint ${app().origin}/v1 (offline, data in IndexedDB "appwrite-emulator-my-project")`,
      ]);
      // Chromium logs every 4xx response as an error; the 401 above is the only one.
      expect(logs.filter((line) => line.startsWith('[pageerror]') || line.startsWith('[console.error]'))).toEqual([
        '[console.error] Failed to load resource: the server responded with a status of 401 ()',
      ]);
      const badge = page.getByRole('button', { name: /^Emulator inbox/ });
      await expect.poll(() => badge.getAttribute('aria-label')).toBe('Emulator inbox, 0 messages, 0 unread');
    });

    it('signs up, signs in and reads the account through the SDK (account.create, createEmailPasswordSession, get)', async () => {
      const page = await newPage();
      await page.goto(`${app().origin}/`);
      await page.waitForFunction(() => 'readme' in window);
      const result = await page.evaluate(async () => {
        const { account, ID, firstCall } = (window as unknown as ReadmeWindow).readme;
        await firstCall;
        const created = await account.create({ userId: ID.unique(), email: 'ada@example.com', password: 'correct horse battery', name: 'Ada' });
        const session = await account.createEmailPasswordSession({ email: 'ada@example.com', password: 'correct horse battery' });
        const me = await account.get();
        return { created: created.$id, sessionUser: session.userId, provider: session.provider, me: { id: me.$id, email: me.email, name: me.name, mfa: me.mfa, targets: me.targets.length } };
      });
      expect(result.created).toMatch(/^[0-9a-f]{20}$/);
      expect(result).toEqual({ created: result.created, sessionUser: result.created, provider: 'email', me: { id: result.created, email: 'ada@example.com', name: 'Ada', mfa: false, targets: 1 } });
    });
  });
});
