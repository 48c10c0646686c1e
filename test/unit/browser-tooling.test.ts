// @vitest-environment node
// The pieces that put the service worker in place: the `appwrite-emulator init` CLI and the Vite plugin's build output.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'vite';
import { afterEach, describe, expect, it } from 'vitest';
import { appwriteEmulator } from 'appwrite-emulator/vite';

const root = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);
const cli = join(root, 'bin/appwrite-emulator.mjs');
const expectedWorker = async () =>
  `${(await readFile(join(root, 'src/browser/worker-prelude.js'), 'utf8')).trimEnd()}\n\n${await readFile(join(root, 'node_modules/msw/lib/mockServiceWorker.js'), 'utf8')}`;

let dirs: string[] = [];
const tempDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), 'appwrite-emulator-'));
  dirs.push(dir);
  return dir;
};
afterEach(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  dirs = [];
});

describe('appwrite-emulator init <publicDir>', () => {
  it('writes appwrite-emulator-worker.js = navigation prelude + the installed msw worker, creating the folder', async () => {
    const cwd = await tempDir();
    const { stdout } = await run(process.execPath, [cli, 'init', 'public/nested'], { cwd });
    expect(stdout).toContain('wrote');
    expect(await readFile(join(cwd, 'public/nested/appwrite-emulator-worker.js'), 'utf8')).toBe(await expectedWorker());
  });

  it('prints the usage and exits with 1 without a folder, never prompting', async () => {
    const failure = await run(process.execPath, [cli, 'init'], { cwd: await tempDir() }).then(() => null, (e: { code: number; stderr: string }) => e);
    expect(failure?.code).toBe(1);
    expect(failure?.stderr).toContain('Usage: appwrite-emulator init <publicDir>');
  });
});

describe('appwriteEmulator() Vite plugin', () => {
  it('emits appwrite-emulator-worker.js into the build output', async () => {
    const outDir = await tempDir();
    await build({
      root: join(root, 'test/e2e/fixtures/static'), configFile: false, logLevel: 'silent',
      plugins: [appwriteEmulator()], build: { outDir, emptyOutDir: true },
    });
    expect(await readFile(join(outDir, 'appwrite-emulator-worker.js'), 'utf8')).toBe(await expectedWorker());
  });

  it('emits nothing with emit: false', async () => {
    const outDir = await tempDir();
    await build({
      root: join(root, 'test/e2e/fixtures/static'), configFile: false, logLevel: 'silent',
      plugins: [appwriteEmulator({ emit: false })], build: { outDir, emptyOutDir: true },
    });
    await expect(readFile(join(outDir, 'appwrite-emulator-worker.js'))).rejects.toThrow('ENOENT');
  });
});
