/**
 * A fresh app running the README's "Quick start: Jest" with the real Jest, for test/unit/packed-package.test.ts
 * (which packs the package once; two test files packing at once would rebuild dist/ under each other). The app's
 * `test` script and its test file are the README's two blocks, read from README.md at test time.
 */
import { symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { installPacked, run, writeFiles } from './packed-package.js';
import { readmeSection } from './readme.js';

export interface JestRecipe { scripts: Record<string, string>; fileName: string; code: string }

/** The README section's ```json block (the scripts entry) and ```js block (the test file, named by its first line). */
export async function readmeJestRecipe(): Promise<JestRecipe> {
  const section = await readmeSection('Quick start: Jest');
  const json = section && /```json\n([\s\S]*?)```/.exec(section)?.[1];
  const code = section && /```js\n([\s\S]*?)```/.exec(section)?.[1];
  const fileName = code && /^\/\/ (\S+\.test\.mjs)\n/.exec(code)?.[1];
  if (!json || !code || !fileName) {
    throw new Error('README.md "## Quick start: Jest" lost its ```json scripts block or its ```js block starting with // <name>.test.mjs');
  }
  const { scripts } = JSON.parse(`{${json}}`) as { scripts: Record<string, string> };
  return { scripts, fileName, code };
}

/**
 * Writes the recipe into `app` (a CommonJS app, no "type": "module": the README's .mjs file is what makes the test
 * an ES module) and installs the tarball with jest, msw and appwrite beside it, plus node_modules/.bin/jest as npm
 * writes it for jest's `bin`.
 */
export async function installJestApp(app: string, tarball: string, recipe: JestRecipe): Promise<void> {
  await writeFiles(app, {
    'package.json': JSON.stringify({ name: 'jest-app', private: true, scripts: recipe.scripts }, null, 2),
    [recipe.fileName]: recipe.code,
  });
  await installPacked(app, tarball, ['jest', 'msw', 'appwrite']);
  await symlink(join('..', 'jest', 'bin', 'jest.js'), join(app, 'node_modules', '.bin', 'jest'));
}

export interface Outcome { code: number; stdout: string; stderr: string }

/**
 * Runs a command in `dir` as from a user's shell: no NODE_OPTIONS or VITEST* variables inherited from the test runner
 * (a Vitest started inside a Vitest worker would take itself for one), no colours.
 */
export async function runAsUser(dir: string, command: string, args: string[]): Promise<Outcome> {
  const env: NodeJS.ProcessEnv = { ...process.env, CI: '1', FORCE_COLOR: '0', NO_COLOR: '1' };
  delete env.NODE_OPTIONS;
  for (const name of Object.keys(env)) if (name.startsWith('VITEST')) delete env[name];
  return run(command, args, { cwd: dir, env })
    .then(({ stdout, stderr }) => ({ code: 0, stdout, stderr }))
    .catch((error: Outcome) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }));
}
