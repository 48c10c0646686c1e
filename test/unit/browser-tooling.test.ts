// @vitest-environment node
// The pieces that put the service worker in place: the `appwrite-emulator init` CLI and the Vite plugin's build output.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
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

/**
 * The chunks a production build loads at start for a page that starts the emulator. Rolldown (Vite 8) merges the
 * modules the emulator's lazy chunks share with its start code into the entry, unless the page's graph has a
 * top-level await: then they stay a dozen separate files (README, Troubleshooting; `npm run bench` times both).
 */
async function startChunkCount(main: string): Promise<number> {
  const dir = await tempDir();
  await writeFile(join(dir, 'index.html'), '<!doctype html><script type="module" src="./main.js"></script>');
  await writeFile(join(dir, 'main.js'), main);
  const result = await build({
    root: dir, configFile: false, logLevel: 'silent', publicDir: false, plugins: [appwriteEmulator({ emit: false })],
    resolve: { alias: [{ find: /^appwrite-emulator\/browser$/, replacement: join(root, 'src/browser/index.ts') }] },
    build: { write: false, chunkSizeWarningLimit: 5000 },
  });
  const chunks = new Map<string, { imports: string[]; isEntry: boolean }>();
  for (const item of (Array.isArray(result) ? result[0]! : result as { output: unknown[] }).output as Array<{ type: string; fileName: string; imports?: string[]; isEntry?: boolean }>) {
    if (item.type === 'chunk') chunks.set(item.fileName, { imports: item.imports ?? [], isEntry: !!item.isEntry });
  }
  const start = new Set<string>();
  const visit = (name: string) => {
    if (start.has(name)) return;
    start.add(name);
    for (const next of chunks.get(name)?.imports ?? []) visit(next);
  };
  for (const [name, chunk] of chunks) if (chunk.isEntry) visit(name);
  return start.size;
}

describe('a production build that starts the emulator', () => {
  const options = "{ projectId: 'p', endpoint: location.origin + '/v1', allowInProduction: true }";
  it('loads the start code in at most two chunks when the page starts it from a function (README, Troubleshooting)', async () => {
    const count = await startChunkCount(`import { startEmulator } from 'appwrite-emulator/browser';\nasync function boot() { await startEmulator(${options}); }\nboot();\n`);
    expect(count).toBeLessThanOrEqual(2);
  }, 60_000);

  it('splits it into many chunks when the page starts it with a top-level await', async () => {
    const count = await startChunkCount(`import { startEmulator } from 'appwrite-emulator/browser';\nawait startEmulator(${options});\n`);
    expect(count).toBeGreaterThan(5);
  }, 60_000);
});
