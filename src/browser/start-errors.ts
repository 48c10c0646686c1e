/**
 * startEmulator()'s failure messages and one-time warnings, loaded only when one is needed: their text would
 * otherwise sit in every page's start bundle (`npm run bench`, bundle size). Each says what to do.
 */

export const productionRefusal = () => new Error(
  'appwrite-emulator: refusing to start in a production build (it would fake sign-ins for real users). '
  + 'Start it only in development, or pass allowInProduction: true for a deliberate demo deployment.',
);

export const noServiceWorker = () => new Error(
  'appwrite-emulator: startEmulator() needs a browser page with service workers (https or localhost). '
  + 'In Node tests use createEmulator() with msw/node instead.',
);

const OWN_WORKER_PATH = "If it is your app's own Mock Service Worker, do not call startEmulator(): add the emulator's handlers to "
  + "your worker and start it with the emulator's worker script, then mount the panel and resume OAuth2 yourself: "
  + "const emulator = createEmulator({ projectId, endpoint }); await setupWorker(...yourHandlers, ...emulator.handlers)"
  + ".start({ serviceWorker: { url: '/appwrite-emulator-worker.js' } }); await mountInboxPanel(emulator); "
  + "await resumeOAuth2(emulator); (README, \"An app that already uses MSW\").";

/** Another worker holds this page's scope: ours would replace it, and msw's start() would never settle. */
export const otherWorker = (scriptUrl: string, workerUrl: string) => new Error(
  `appwrite-emulator: another service worker (${scriptUrl}) is registered for this page, so the emulator's worker `
  + `(${workerUrl}) cannot start beside it. ${OWN_WORKER_PATH} Otherwise unregister that worker `
  + '(DevTools > Application > Service workers) and reload.',
);

/**
 * The worker script could not be registered (not served, or not a script). Only the emulator's fix: msw's own
 * advice (`npx msw init`) would install msw's worker, which lacks the emulator's navigation prelude.
 */
export function workerNotStarted(workerUrl: string, cause: unknown): Error {
  const text = cause instanceof Error ? cause.message : String(cause);
  const first = text.replace(/^\[MSW\]\s*/, '').split(/\n\s*\n/)[0]!.trim();
  return new Error(
    `appwrite-emulator: could not start the service worker at ${workerUrl}. Serve it with the appwriteEmulator() `
    + 'Vite plugin (appwrite-emulator/vite) or write it into your public folder: npx appwrite-emulator init public. '
    + `Cause: ${first}`,
    { cause },
  );
}

/** msw's start() neither resolved nor failed: most often a worker of the app's own racing ours. */
export const startTimeout = (workerUrl: string, seconds: number) => new Error(
  `appwrite-emulator: the service worker at ${workerUrl} did not start within ${seconds} s. Another service worker `
  + `in this page's scope (DevTools > Application > Service workers) is the usual cause. ${OWN_WORKER_PATH}`,
);

/** Appwrite requests (they carry X-Appwrite-Project) to another endpoint go to the network: say so, once. */
export function warnEndpointMismatch(url: string, endpoint: string): void {
  console.warn(`[appwrite-emulator] an Appwrite request went to ${url}, which is not the emulator's endpoint `
    + `(${endpoint}), so it went to the network instead of the emulator. Give the SDK client the same endpoint as `
    + 'startEmulator({ endpoint }) (e.g. `${location.origin}/v1` for both).');
}
