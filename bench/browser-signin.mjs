// Browser sign-up and sign-in: SDK 28 calls in Chromium against the emulator (real IndexedDB, the service worker's
// round trip) vs a bare MSW worker answering constant models. Production builds of bench/browser/signin-*-page, as
// in browser-start.mjs; both pages stay open in their own contexts and run their timed blocks in turn.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, buildPage, median, staticServer } from './browser-start.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);
const BLOCK = 50;

export async function browserSignIn() {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
  const tmp = await mkdtemp(join(tmpdir(), 'appwrite-emulator-bench-'));
  const servers = [];
  let browser;
  try {
    const pages = {};
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
    for (const name of ['emulator', 'bare']) {
      const dir = join(tmp, name);
      await buildPage(`signin-${name}-page`, dir, join(tmp, 'vite-cache'));
      const server = await staticServer(dir);
      servers.push(server);
      const page = await (await browser.newContext()).newPage();
      const errors = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(server.url);
      await page.waitForFunction(() => window.__ready, null, { timeout: 60_000 })
        .catch((e) => { throw new Error(`${name} sign-in page: ${e.message}${errors.length ? `; page errors: ${errors.join(' | ')}` : ''}`); });
      pages[name] = page;
    }
    const rows = [];
    for (const kind of ['sign-up', 'sign-in']) {
      const samples = { emulator: [], bare: [] };
      for (const page of Object.values(pages)) await page.evaluate(([k]) => window.__signIn(k, 30), [kind]); // warm-up
      for (let round = 0; round < ROUNDS; round++) {
        const order = round % 2 === 0 ? ['emulator', 'bare'] : ['bare', 'emulator'];
        for (const name of order) samples[name].push(...await pages[name].evaluate(([k, n]) => window.__signIn(k, n), [kind, BLOCK]));
      }
      const emulatorMs = median(samples.emulator);
      const bareMs = median(samples.bare);
      rows.push({ kind, emulatorMs, bareMs, ratio: emulatorMs / bareMs, samples: samples.emulator.length });
    }
    return { rows, chromium: browser.version() };
  } finally {
    await browser?.close();
    await Promise.all(servers.map((s) => s.close()));
    await rm(tmp, { recursive: true, force: true });
  }
}
