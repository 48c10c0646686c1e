import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

/** The file name the browser registers (`startEmulator({ workerUrl })` defaults to `/<this>`). */
export const WORKER_FILE_NAME = 'appwrite-emulator-worker.js';

/**
 * The service worker: our navigation prelude followed by the installed msw's own `mockServiceWorker.js`.
 * msw is resolved from this package's location, i.e. the app's copy (it is a peer dependency), so the worker's
 * integrity checksum always matches the `msw/browser` the app bundles.
 */
export async function workerScript(): Promise<string> {
  const require = createRequire(import.meta.url);
  const mswWorker = require.resolve('msw/mockServiceWorker.js');
  const prelude = new URL('../browser/worker-prelude.js', import.meta.url);
  const [preludeSource, mswSource] = await Promise.all([readFile(prelude, 'utf8'), readFile(mswWorker, 'utf8')]);
  return `${preludeSource.trimEnd()}\n\n${mswSource}`;
}
