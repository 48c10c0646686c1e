#!/usr/bin/env node
// appwrite-emulator CLI. `init <publicDir>` writes the service worker (navigation prelude + the installed msw's
// mockServiceWorker.js) into the app's public folder, like `msw init` but never prompting. Re-run it after
// upgrading msw: msw checks that its worker and its browser library come from the same version.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { GRADUATE_USAGE, graduate, parseGraduateArgs } from './graduate.mjs';

const WORKER_FILE_NAME = 'appwrite-emulator-worker.js';
const USAGE = `Usage: appwrite-emulator init <publicDir>

  Writes ${WORKER_FILE_NAME} into <publicDir> (e.g. "public" for Vite), to be served at /${WORKER_FILE_NAME}.
  With Vite you can use the appwriteEmulator() plugin from "appwrite-emulator/vite" instead.

${GRADUATE_USAGE}`;

async function workerScript() {
  // Published package: dist/browser/worker-prelude.js; a checkout of the repository: src/browser/worker-prelude.js.
  const prelude = ['../dist/browser/worker-prelude.js', '../src/browser/worker-prelude.js']
    .map((path) => new URL(path, import.meta.url))
    .find((url) => existsSync(url));
  if (!prelude) throw new Error('worker-prelude.js is missing from the appwrite-emulator package');
  let mswWorker;
  try {
    mswWorker = createRequire(import.meta.url).resolve('msw/mockServiceWorker.js');
  } catch {
    throw new Error('msw is not installed. Install it next to appwrite-emulator: npm install --save-dev msw@2');
  }
  const [preludeSource, mswSource] = await Promise.all([readFile(prelude, 'utf8'), readFile(mswWorker, 'utf8')]);
  return `${preludeSource.trimEnd()}\n\n${mswSource}`;
}

async function main(args) {
  const [command, publicDir, ...rest] = args;
  if (command === '--help' || command === '-h' || command === 'help') {
    console.log(USAGE);
    return 0;
  }
  if (command === 'graduate') {
    const parsed = parseGraduateArgs(args.slice(1));
    if (parsed.error) {
      console.error(`appwrite-emulator graduate: ${parsed.error}\n\n${GRADUATE_USAGE}`);
      return 1;
    }
    return (await graduate(parsed)) ? 0 : 1;
  }
  if (command !== 'init' || !publicDir || rest.length > 0) {
    console.error(USAGE);
    return 1;
  }
  const dir = resolve(process.cwd(), publicDir);
  await mkdir(dir, { recursive: true });
  const file = resolve(dir, WORKER_FILE_NAME);
  await writeFile(file, await workerScript());
  console.log(`appwrite-emulator: wrote ${file}`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(`appwrite-emulator: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
