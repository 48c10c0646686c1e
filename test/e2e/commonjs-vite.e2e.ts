/**
 * A CommonJS Vite project (package.json without "type": "module", a vite.config.js that require()s its plugins)
 * loads appwrite-emulator/vite from the packed package: Vite bundles such a config to CommonJS and require()s
 * the plugin, which needs the exports' `default` condition (decisions/010-commonjs.md). The real `vite` command
 * runs in the app folder, as `npx vite` would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installPacked, packPackage, writeFiles } from '../packed-package.js';

let temp: string;
let vite: ChildProcess | undefined;
let origin: string;
let output = '';

const VITE_CONFIG = `const { defineConfig } = require('vite');
const { appwriteEmulator } = require('appwrite-emulator/vite');

module.exports = defineConfig({ plugins: [appwriteEmulator()] });
`;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  temp = await mkdtemp(join(tmpdir(), 'appwrite-emulator-cjs-vite-'));
  const tarball = await packPackage(join(temp, 'pack'));
  const app = join(temp, 'app');
  await writeFiles(app, {
    'package.json': JSON.stringify({ name: 'commonjs-vite-app', private: true }, null, 2),
    'vite.config.js': VITE_CONFIG,
    'index.html': '<!doctype html><title>CommonJS app</title>',
  });
  await installPacked(app, tarball, ['vite', 'msw', 'appwrite']);
  const port = await freePort();
  vite = spawn(process.execPath, [join(app, 'node_modules/vite/bin/vite.js'), '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
    cwd: app, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' },
  });
  vite.stdout!.on('data', (chunk) => { output += chunk; });
  vite.stderr!.on('data', (chunk) => { output += chunk; });
  origin = `http://127.0.0.1:${port}`;
  // Ready when it answers, or failed when the process exits first (a config that cannot load ends it).
  const exited = new Promise<never>((_, reject) => vite!.once('exit', (code) => reject(new Error(`vite exited (${code}):\n${output}`))));
  const ready = (async () => {
    for (;;) {
      try {
        if ((await fetch(`${origin}/`)).ok) return;
      } catch { /* not listening yet */ }
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  await Promise.race([ready, exited]);
}, 120_000);

afterAll(async () => {
  vite?.kill();
  if (temp) await rm(temp, { recursive: true, force: true });
});

describe('a CommonJS Vite project with the packed package', () => {
  it('loads the plugin from vite.config.js (require) and serves the worker', async () => {
    const response = await fetch(`${origin}/appwrite-emulator-worker.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await response.text()).toContain('Mock Service Worker');
    expect(output).not.toMatch(/ERR_PACKAGE_PATH_NOT_EXPORTED|ERR_REQUIRE_ESM|error/i);
  });

  it('answers an endpoint request that reached the dev server with the JSON error, not index.html', async () => {
    const response = await fetch(`${origin}/v1/account`, { headers: { accept: 'text/html, */*', 'x-appwrite-response-format': '1.9.5' } });
    expect(response.status).toBe(503);
    expect(response.headers.get('content-type')).toBe('application/json; charset=UTF-8');
    const body = await response.json();
    expect(body).toEqual({ message: expect.stringContaining('appwrite-emulator: GET /v1/account reached the Vite dev server'), code: 503, version: '1.9.6', type: 'emulator_not_intercepting' });
  });
});
