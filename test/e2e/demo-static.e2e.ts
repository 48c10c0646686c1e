/**
 * The built demo (`vite build` with demo/vite.config.ts, as `npm run build:demo` runs it) served by a plain static
 * file server from a sub-folder: no Vite, no rewrites, no API server. Everything /v1 must be answered in the page.
 */
import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heading, newestMessage, openDemo, openInbox, signIn, signOut, signUp, uniqueEmail } from './demo-helpers.js';
import { launchChromium, screenshot } from './harness.js';

const FOLDER = '/static-demo/';
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml' };

let outDir: string;
let server: Server;
let browser: Browser;
let baseUrl: string;
const requested: string[] = [];

/** A static server like any web host: files under FOLDER, index.html for the folder itself, 404 for the rest. */
function serveStatic(root: string): Promise<Server> {
  const httpServer = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requested.push(path);
    const file = path === FOLDER ? 'index.html' : path.startsWith(FOLDER) ? path.slice(FOLDER.length) : null;
    const full = file === null ? null : normalize(join(root, file));
    if (!full || !full.startsWith(root + sep)) {
      res.writeHead(404).end('not found');
      return;
    }
    try {
      const body = await readFile(full);
      res.writeHead(200, { 'Content-Type': TYPES[extname(full)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  return new Promise((resolveListen) => httpServer.listen(0, '127.0.0.1', () => resolveListen(httpServer)));
}

beforeAll(async () => {
  outDir = await mkdtemp(join(tmpdir(), 'appwrite-emulator-demo-'));
  const configFile = fileURLToPath(new URL('../../demo/vite.config.ts', import.meta.url));
  await build({ configFile, logLevel: 'warn', build: { outDir } });
  [server, browser] = await Promise.all([serveStatic(resolve(outDir)), launchChromium()]);
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('static server has no port');
  baseUrl = `http://127.0.0.1:${address.port}${FOLDER}`;
});

afterAll(async () => {
  await browser?.close();
  await new Promise((done) => (server ? server.close(done) : done(undefined)));
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

describe('demo: the static build (npm run build:demo) on a plain static server', () => {
  it('boots from a sub-folder, signs up, signs out and signs in; no request for /v1 reaches the server', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const page = await context.newPage();
      await openDemo(page, baseUrl);
      expect(await heading(page)).toBe('Sign in');
      const email = uniqueEmail('static');
      await signUp(page, { name: 'Static Host', email });
      await signOut(page);
      await signIn(page, email);
      await expect.poll(() => heading(page)).toBe('Your account');
      expect(await page.getByTestId('account-email').textContent()).toBe(email);
      await screenshot(page, 'demo-static-account');

      // The e-mailed link comes back to the folder's index with ?flow=magic: no rewrite rule needed.
      await signOut(page);
      await page.getByRole('link', { name: 'Magic link' }).click();
      const form = page.getByRole('form', { name: 'Send a magic link' });
      await form.getByLabel('E-mail').fill(email);
      await form.getByRole('button', { name: 'Send magic link' }).click();
      await form.getByRole('status').waitFor();
      await openInbox(page);
      await newestMessage(page).getByRole('button', { name: 'Open link' }).click();
      await expect.poll(() => heading(page)).toBe('Your account');
      expect(new URL(page.url()).pathname).toBe(FOLDER);

      expect(requested.filter((path) => !path.startsWith(FOLDER))).toEqual([]);
      expect(requested).toContain(`${FOLDER}appwrite-emulator-worker.js`);
    } finally {
      await context.close();
    }
  });
});
