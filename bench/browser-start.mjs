// Browser start-up: time from navigation start to the first intercepted SDK response, emulator vs a bare MSW worker.
//
// Both pages (bench/browser/{emulator,bare}-page) are PRODUCTION builds (vite build into a temp dir), each served
// from its own origin by a tiny node:http static server, so dev-server transforms don't dominate. Each page makes
// one `account.get()` right after its worker started (a 401 from the emulator / the bare handler) and publishes
// `performance.now()` at the end of that call in `window.__bench`.
//   COLD: a new browser context (fresh profile: no service worker, empty IndexedDB and HTTP cache).
//   WARM: reloads of that page: the emulator's database exists, scripts come from the HTTP cache, and the worker is
//         usually still registered (msw's worker unregisters itself when its last page unloads, racing the reload;
//         start() registers it again either way). The table counts the reloads that were controlled at load.
// Emulator and baseline alternate round by round so machine noise hits both alike.
// A third page, bench/browser/emulator-tla-page, is the emulator page written with a top-level await: Rolldown
// (Vite 8) merges no shared chunk into the entry of such a graph, so the same code loads as more files.
// It is reported beside the target, which is judged on the pages that start from a function, as the demo does.
import { existsSync } from 'node:fs';
import { copyFile, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import { appwriteEmulator } from '../dist/vite/index.js';
import { describeChunk, startChunks } from './bundle-size.mjs';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// The flags of test/e2e/harness.ts.
export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-quic',
];
const COLD_RUNS = Number(process.env.BENCH_COLD_RUNS ?? 9);
const WARM_RELOADS = Number(process.env.BENCH_WARM_RELOADS ?? 10);
const PAGE_TIMEOUT_MS = 60_000;

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** vite build of one bench page into `outDir`; returns the emitted chunks (for the lazy-chunk check). */
export async function buildPage(name, outDir, cacheDir) {
  const result = await build({
    root: resolve(projectRoot, 'bench/browser', name),
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
    cacheDir,
    // The emulator page gets its worker (prelude + msw's mockServiceWorker.js) from the plugin, as users do.
    plugins: name.includes('emulator') ? [appwriteEmulator()] : [],
    // The package as published: the freshly built dist/ (npm run bench builds it first).
    resolve: { alias: [{ find: /^appwrite-emulator\/browser$/, replacement: resolve(projectRoot, 'dist/browser/index.js') }] },
    build: { outDir, emptyOutDir: true, reportCompressedSize: false, chunkSizeWarningLimit: 2000 },
  });
  const output = (Array.isArray(result) ? result[0] : result).output;
  if (name.includes('bare')) {
    // The bare baseline registers msw's own worker script, as `npx msw init` would put it in public/.
    await copyFile(createRequire(import.meta.url).resolve('msw/mockServiceWorker.js'), join(outDir, 'mockServiceWorker.js'));
  }
  return output.filter((item) => item.type === 'chunk');
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css', '.json': 'application/json' };

/** Serves `dir` on a free port of 127.0.0.1; hashed /assets/ are immutable, everything else revalidates. */
export async function staticServer(dir) {
  const requested = [];
  const server = createServer(async (req, res) => {
    let path;
    try {
      path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    requested.push(path);
    if (path.startsWith('/v1/')) {
      // Not intercepted by the worker: answer like a missing server would, so the page reports a non-401.
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"not intercepted","code":404,"type":"bench_not_intercepted"}');
      return;
    }
    const file = normalize(join(dir, path === '/' ? 'index.html' : path));
    if (!file.startsWith(dir + sep) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    }).end(await readFile(file));
  });
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    requested,
    close: () => new Promise((done) => { server.closeAllConnections(); server.close(done); }),
  };
}

async function measure(page) {
  await page.waitForFunction(() => window.__bench, null, { timeout: PAGE_TIMEOUT_MS });
  const result = await page.evaluate(() => window.__bench);
  if (result.code !== 401 || result.type !== 'general_unauthorized_scope') {
    throw new Error(`bench page: the first call was not intercepted (got ${result.code} ${result.type})`);
  }
  return result;
}

/** One cold load in a fresh context, then WARM_RELOADS reloads of the same page. */
async function runOnce(browser, url) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(url);
    const cold = await measure(page).catch((e) => { throw new Error(`${e.message}${errors.length ? `; page errors: ${errors.join(' | ')}` : ''}`); });
    const databases = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
    const warm = [];
    for (let i = 0; i < WARM_RELOADS; i++) {
      await page.reload();
      warm.push(await measure(page));
    }
    return { cold, warm, databases };
  } finally {
    await context.close();
  }
}

function summarize(runs) {
  const cold = runs.map((r) => r.cold);
  const warm = runs.flatMap((r) => r.warm);
  const phases = (samples) => ({
    scriptStart: median(samples.map((r) => r.scriptStart)),
    started: median(samples.map((r) => r.started)),
    firstResponse: median(samples.map((r) => r.firstResponse)),
    samples: samples.length,
    controlledAtLoad: samples.filter((r) => r.controlledAtLoad).length,
  });
  return { cold: phases(cold), warm: phases(warm), databases: [...new Set(runs.flatMap((r) => r.databases))] };
}

export async function browserStart() {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
  }
  const tmp = await mkdtemp(join(tmpdir(), 'appwrite-emulator-bench-'));
  const servers = [];
  let browser;
  try {
    const emulatorDir = join(tmp, 'emulator-page');
    const bareDir = join(tmp, 'bare-page');
    const emulatorChunks = await buildPage('emulator-page', emulatorDir, join(tmp, 'vite-cache'));
    const bareChunks = await buildPage('bare-page', bareDir, join(tmp, 'vite-cache'));
    const tlaDir = join(tmp, 'emulator-tla-page');
    const tlaChunks = await buildPage('emulator-tla-page', tlaDir, join(tmp, 'vite-cache'));
    const emulator = await staticServer(emulatorDir);
    const bare = await staticServer(bareDir);
    const tla = await staticServer(tlaDir);
    servers.push(emulator, bare, tla);
    const urls = { emulator: emulator.url, bare: bare.url, tla: tla.url };

    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
    // One untimed load of each page first, so the first timed cold run doesn't also pay for the browser's own warm-up.
    await runOnce(browser, emulator.url).catch((e) => { throw new Error(`emulator page: ${e.message}`); });
    await runOnce(browser, bare.url).catch((e) => { throw new Error(`bare page: ${e.message}`); });
    await runOnce(browser, tla.url).catch((e) => { throw new Error(`emulator page with top-level await: ${e.message}`); });

    const runs = { emulator: [], bare: [], tla: [] };
    const names = Object.keys(runs);
    for (let round = 0; round < COLD_RUNS; round++) {
      // Each page goes first, second and third in turn.
      const order = names.map((_, i) => names[(i + round) % names.length]);
      for (const name of order) runs[name].push(await runOnce(browser, urls[name]));
    }

    // The JavaScript each page loads at start, minified and gzip -9, and the emulator page's lazy chunks (argon2,
    // jose, the common-password list): none of them should have been fetched by these guest-only loads.
    const size = (chunks) => chunks.reduce((n, c) => ({
      min: n.min + Buffer.byteLength(c.code),
      gz: n.gz + gzipSync(c.code, { level: 9 }).length,
    }), { min: 0, gz: 0 });
    const emulatorStart = startChunks(emulatorChunks);
    const lazy = emulatorChunks.filter((c) => !emulatorStart.has(c)).map((c) => ({
      fileName: c.fileName,
      bytes: Buffer.byteLength(c.code),
      what: describeChunk(c),
      fetched: emulator.requested.includes(`/${c.fileName}`),
    }));
    return {
      emulator: summarize(runs.emulator),
      bare: summarize(runs.bare),
      // The emulator page written with a top-level await: the same code, split by the bundler into more chunks.
      tla: { ...summarize(runs.tla), startFiles: startChunks(tlaChunks).size },
      startFiles: { emulator: emulatorStart.size, bare: startChunks(bareChunks).size },
      lazy,
      pageJs: { emulator: size([...emulatorStart]), bare: size([...startChunks(bareChunks)]) },
      coldRuns: COLD_RUNS,
      warmReloads: WARM_RELOADS,
      chromium: browser.version(),
    };
  } finally {
    await browser?.close();
    await Promise.all(servers.map((s) => s.close()));
    await rm(tmp, { recursive: true, force: true });
  }
}
