// @vitest-environment node
/**
 * The README's "Quick start: Jest", run as written by the real Jest 30 in a fresh app folder (outside this
 * repository) holding the packed package, msw, appwrite (SDK 28) and jest: the app's `test` script and the test file
 * are the README's two blocks, read from README.md at test time, and `npm test` runs them as a user would.
 * Jest needs its ES module mode for msw 2.15 and for this package (decisions/010-commonjs.md); the second test
 * shows the default set-up failing, which is why the README sets the flag.
 */
import { mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installPacked, packPackage, projectRoot, run, writeFiles } from '../packed-package.js';

let temp: string;
let app: string;
let testFile: string;

/** The README section's ```json block (the scripts entry) and ```js block (the test file, named by its first line). */
async function readmeRecipe(): Promise<{ scripts: Record<string, string>; fileName: string; code: string }> {
  const readme = await readFile(join(projectRoot, 'README.md'), 'utf8');
  const section = readme.split('\n## Quick start: Jest\n')[1]?.split('\n## ')[0];
  const json = section && /```json\n([\s\S]*?)```/.exec(section)?.[1];
  const code = section && /```js\n([\s\S]*?)```/.exec(section)?.[1];
  const fileName = code && /^\/\/ (\S+\.test\.mjs)\n/.exec(code)?.[1];
  if (!json || !code || !fileName) throw new Error('README.md "## Quick start: Jest" lost its ```json scripts block or its ```js block starting with // <name>.test.mjs');
  const { scripts } = JSON.parse(`{${json}}`) as { scripts: Record<string, string> };
  return { scripts, fileName, code };
}

/** The environment of a user's shell: no NODE_OPTIONS inherited from this test runner, no colours. */
function userEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, CI: '1', FORCE_COLOR: '0', NO_COLOR: '1' };
  delete env.NODE_OPTIONS;
  return env;
}

interface Outcome { code: number; stdout: string; stderr: string }

async function runIn(dir: string, command: string, args: string[]): Promise<Outcome> {
  return run(command, args, { cwd: dir, env: userEnv() })
    .then(({ stdout, stderr }) => ({ code: 0, stdout, stderr }))
    .catch((error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }));
}

beforeAll(async () => {
  temp = await mkdtemp(join(tmpdir(), 'appwrite-emulator-jest-'));
  const tarball = await packPackage(join(temp, 'pack'));
  const recipe = await readmeRecipe();
  testFile = recipe.fileName;
  app = join(temp, 'app');
  // A CommonJS app (no "type": "module"): the README's .mjs test file is what makes the test an ES module.
  await writeFiles(app, {
    'package.json': JSON.stringify({ name: 'jest-app', private: true, scripts: recipe.scripts }, null, 2),
    [recipe.fileName]: recipe.code,
  });
  await installPacked(app, tarball, ['jest', 'msw', 'appwrite']);
  // node_modules/.bin/jest, as npm writes it for jest's `bin`.
  await symlink(join('..', 'jest', 'bin', 'jest.js'), join(app, 'node_modules', '.bin', 'jest'));
}, 120_000);

afterAll(async () => {
  if (temp) await rm(temp, { recursive: true, force: true });
});

describe('README: Quick start: Jest, with the real Jest and the packed package', () => {
  it('`npm test` passes: signs up through SDK 28 via msw/node and reads the account', async () => {
    const result = await runIn(app, 'npm', ['test']);
    const output = `${result.stdout}\n${result.stderr}`;
    expect(result.code, output).toBe(0);
    expect(result.stderr, output).toContain(`PASS ./${testFile}`);
    expect(result.stderr, output).toMatch(/Tests:\s+1 passed, 1 total/);
    expect(result.stderr, output).toContain('✓ signs up and reads the account');
  }, 60_000);

  it('without --experimental-vm-modules (Jest\'s default), the same test file does not load', async () => {
    const result = await runIn(app, process.execPath, [join(app, 'node_modules/jest/bin/jest.js')]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(new RegExp(`Must use import to load ES Module: \\S*/${testFile.replaceAll('.', '\\.')}\\n`));
    expect(result.stderr).toMatch(/Tests:\s+0 total/);
  }, 60_000);

  it('nor does a CommonJS test file: require(\'msw/node\') fails first, on msw\'s ES-only dependencies', async () => {
    // Why a CommonJS build of this package would not help Jest users (decisions/010-commonjs.md).
    const cjsApp = join(temp, 'cjs-app');
    await writeFiles(cjsApp, {
      'package.json': JSON.stringify({ name: 'jest-cjs-app', private: true }),
      'account.test.js': [
        "const { setupServer } = require('msw/node');",
        "const { createEmulator } = require('appwrite-emulator');",
        "test('loads', () => { expect(setupServer(...createEmulator({ projectId: 'p' }).handlers)).toBeDefined(); });",
      ].join('\n'),
    });
    await symlink(join(app, 'node_modules'), join(cjsApp, 'node_modules'), 'dir');
    const result = await runIn(cjsApp, process.execPath, [join(cjsApp, 'node_modules/jest/bin/jest.js')]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/Must use import to load ES Module: \S*\/node_modules\/(rettime|until-async)\//);
    expect(result.stderr).toContain("> 1 | const { setupServer } = require('msw/node');");
  }, 60_000);
});
