/**
 * `appwrite-emulator/browser`: runs the emulator in the page, behind Mock Service Worker's service worker.
 *
 *   import { startEmulator } from 'appwrite-emulator/browser';
 *   await startEmulator({ projectId: 'my-project', endpoint: `${location.origin}/v1` });
 *   // …only now create the Appwrite Client and boot the app.
 */
import { setupWorker, type SetupWorker } from 'msw/browser';
import { createEmulator, type CreateEmulatorOptions, type Emulator } from '../emulator.js';
import type { EmulatorOptions } from '../config.js';
import type { InboxPanel, InboxPanelOptions } from '../inbox/panel.js';

export type { InboxPanel, InboxPanelOptions } from '../inbox/panel.js';

/**
 * Mounts the dev inbox panel (startEmulator does it unless `panel: false`). The panel's code is loaded here, on
 * demand, so it never delays the worker's start and stays out of pages that turn it off.
 */
export async function mountInboxPanel(emulator: Emulator, options: InboxPanelOptions = {}): Promise<InboxPanel> {
  const panel = await import('../inbox/panel.js');
  return panel.mountInboxPanel(emulator, options);
}

export const DEFAULT_WORKER_URL = '/appwrite-emulator-worker.js';

export interface StartEmulatorOptions extends CreateEmulatorOptions {
  /** Show the dev inbox panel (default true). Pass options to configure it. */
  panel?: boolean | InboxPanelOptions;
  /** Where the service worker script is served (default `/appwrite-emulator-worker.js`). */
  workerUrl?: string;
  /** Start even in a production build (default false: startEmulator throws there). */
  allowInProduction?: boolean;
  /** Set `window.__appwriteEmulator` to the emulator, for end-to-end tests (default false). */
  exposeForTests?: boolean;
  /** Skip the console line announcing the emulator (default false). */
  quiet?: boolean;
}

export interface BrowserEmulator extends Emulator {
  /** The Mock Service Worker instance serving the emulator. */
  worker: SetupWorker;
  /** The dev console (badge and panel), or null with `panel: false`: `panel.open('users')` opens it on a tab. */
  panel: InboxPanel | null;
  /** Stops intercepting, removes the panel and closes the database. */
  stop(): Promise<void>;
}

declare global {
  interface Window {
    __appwriteEmulator?: BrowserEmulator;
  }
}

/** True in a production bundle: Vite's `import.meta.env.PROD`, or `process.env.NODE_ENV` as other bundlers define it. */
function isProductionBuild(): boolean {
  // Written out literally so bundlers can replace the expressions at build time.
  if ((import.meta as ImportMeta & { env?: { PROD?: boolean } }).env?.PROD === true) return true;
  try {
    return process.env.NODE_ENV === 'production';
  } catch {
    return false; // no `process` in the page and no bundler replaced it
  }
}

/** msw resolves start() once the worker answers; make sure the page is also controlled by it before we return. */
function controlled(timeoutMs: number): Promise<void> {
  const container = navigator.serviceWorker;
  if (container.controller) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      container.removeEventListener('controllerchange', done);
      reject(new Error('appwrite-emulator: the service worker started but does not control this page; reload the page'));
    }, timeoutMs);
    function done() {
      clearTimeout(timer);
      resolve();
    }
    container.addEventListener('controllerchange', done, { once: true });
  });
}

/**
 * Starts the emulator in the browser. Resolves once the service worker intercepts the page's requests, so boot
 * the app (create the SDK client, make the first call) after awaiting it; earlier requests go to the network.
 *
 * The endpoint defaults to `https://cloud.appwrite.io/v1` like the Node API; a same-origin endpoint
 * (`${location.origin}/v1`) is recommended, and is required for `createOAuth2Session()` (a page navigation that
 * only a same-origin service worker can catch).
 */
/** What the console line says of the server(s) emulated, per the `behaviour` option. */
const BEHAVIOUR_LINE = { auto: 'SDK 13: Appwrite 1.4, SDK 14+: Appwrite 1.9.6', '1.4': 'Appwrite 1.4', '1.9': 'Appwrite 1.9.6' } as const;

export async function startEmulator(options: StartEmulatorOptions): Promise<BrowserEmulator> {
  const { panel = true, workerUrl = DEFAULT_WORKER_URL, allowInProduction = false, exposeForTests = false, quiet = false, ...emulatorOptions } = options ?? ({} as StartEmulatorOptions);
  if (isProductionBuild() && !allowInProduction) {
    throw new Error(
      'appwrite-emulator: refusing to start in a production build (it would fake sign-ins for real users). '
      + 'Start it only in development, or pass allowInProduction: true for a deliberate demo deployment.',
    );
  }
  if (typeof window === 'undefined' || !('serviceWorker' in navigator)) {
    throw new Error(
      'appwrite-emulator: startEmulator() needs a browser page with service workers (https or localhost). '
      + 'In Node tests use createEmulator() with msw/node instead.',
    );
  }

  // The page's requests reach the emulator through the service worker without a User-Agent header; record the
  // browser's own, as the real server would see it.
  const emulator = createEmulator({ userAgent: navigator.userAgent, ...emulatorOptions });
  const worker = setupWorker(...emulator.handlers);
  // Open IndexedDB now, while the service worker registers, instead of on the first request: on a first visit,
  // creating the database made the first response ~20 ms slower than a bare msw handler's (`npm run bench`,
  // browser start-up table). A failure is not lost: db() keeps the rejected promise and the first request reports it.
  emulator.db().catch(() => undefined);
  // The panel's code loads while the worker starts; it is mounted once the emulator serves requests.
  const panelCode = panel === false ? null : import('../inbox/panel.js');
  try {
    await worker.start({ serviceWorker: { url: workerUrl }, onUnhandledRequest: 'bypass', quiet: true });
    await controlled(10_000);
  } catch (error) {
    worker.stop();
    await emulator.close().catch(() => undefined); // the early open above may have failed too: report the worker
    throw new Error(
      `appwrite-emulator: could not start the service worker at ${workerUrl}. Serve it with the appwriteEmulator() `
      + 'Vite plugin (appwrite-emulator/vite) or write it into your public folder: npx appwrite-emulator init public. '
      + `Cause: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }

  const mounted = panelCode && (await panelCode).mountInboxPanel(emulator, panel === true ? {} : (panel as InboxPanelOptions));
  const browserEmulator: BrowserEmulator = Object.assign(emulator, {
    worker,
    panel: mounted || null,
    async stop() {
      mounted?.unmount();
      worker.stop();
      if (window.__appwriteEmulator === browserEmulator) delete window.__appwriteEmulator;
      await emulator.close();
    },
  });
  if (exposeForTests) window.__appwriteEmulator = browserEmulator;
  if (!quiet) {
    console.info(`[appwrite-emulator] Appwrite emulator active (${BEHAVIOUR_LINE[emulator.config.behaviour]}): project "${emulator.config.projectId}", endpoint ${emulator.config.endpoint} (offline, data in IndexedDB "${emulator.config.databaseName}")`);
  }
  // An OAuth2 sign-in handed back by the service worker (oauth2-page.ts): its code loads only when the worker's
  // marker is in the address, which most page loads never have.
  if (location.hash.startsWith('#appwrite-emulator-oauth2=')) await (await import('./oauth2-page.js')).resumeOAuth2(browserEmulator);
  return browserEmulator;
}

export type { Emulator, EmulatorOptions };
