/**
 * A fresh app running the README's "Quick start: Vitest" with the real Vitest, for test/unit/packed-package.test.ts
 * (which packs the package once). The app's vitest.config.ts and its test file are the README's two ```ts blocks,
 * read from README.md at test time, each named by its first line.
 */
import { join } from 'node:path';
import { installPacked, writeFiles } from './packed-package.js';
import { readmeSection } from './readme.js';

export interface VitestRecipe { config: string; fileName: string; code: string }

export async function readmeVitestRecipe(): Promise<VitestRecipe> {
  const section = await readmeSection('Quick start: Vitest');
  const blocks = [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
  const config = blocks.find((b) => b.startsWith('// vitest.config.ts\n'));
  const code = blocks.find((b) => /^\/\/ \S+\.test\.ts\n/.test(b));
  const fileName = code && /^\/\/ (\S+\.test\.ts)\n/.exec(code)?.[1];
  if (!config || !code || !fileName) {
    throw new Error('README.md "## Quick start: Vitest" lost its ```ts block starting with // vitest.config.ts or the one starting with // <name>.test.ts');
  }
  return { config, fileName, code };
}

/** Writes the recipe into `app` (with `config` as its vitest.config.ts) and installs what the README's `npm i` names. */
export async function installVitestApp(app: string, tarball: string, recipe: VitestRecipe, config = recipe.config): Promise<void> {
  await writeFiles(app, {
    'package.json': JSON.stringify({ name: 'vitest-app', private: true, type: 'module' }, null, 2),
    'vitest.config.ts': config,
    [recipe.fileName]: recipe.code,
  });
  await installPacked(app, tarball, ['appwrite', 'msw', 'vitest', 'happy-dom']);
}

/** `npx vitest run` in `dir`. */
export const vitestArgs = (dir: string) => [join(dir, 'node_modules/vitest/vitest.mjs'), 'run'];
