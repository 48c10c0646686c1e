/**
 * `appwrite-emulator/browser`: runs the emulator in the page, behind Mock Service Worker's service worker.
 *
 *   import { startEmulator } from 'appwrite-emulator/browser';
 *   await startEmulator({ projectId: 'my-project', endpoint: `${location.origin}/v1` });
 *   // …only now create the Appwrite Client and boot the app.
 */
import { http, type RequestHandler } from 'msw';
import { setupWorker, type SetupWorker } from 'msw/browser';
import { CREATE_OPTION_KEYS, createEmulator, type CreateEmulatorOptions, type Emulator } from '../emulator.js';
import { findUnknownKey, findUnknownOption, resolveConfig, type EmulatorOptions } from '../config.js';
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
  /**
   * The app's own msw handlers, tried before the emulator's: stubs for the Appwrite services the emulator does not
   * emulate (Databases, TablesDB, Storage, …), or any other API. More can be added later with `worker.use()`.
   */
  handlers?: RequestHandler[];
  /** Log every request the worker handles in the console, as msw does (default false). */
  logRequests?: boolean;
}

/** startEmulator's own option keys, beside createEmulator's (config.ts); the compiler checks the list. */
const BROWSER_OPTION_KEYS = ['panel', 'workerUrl', 'allowInProduction', 'exposeForTests', 'quiet', 'handlers', 'logRequests'] as const;
const browserKeysChecked: Exclude<keyof StartEmulatorOptions, keyof CreateEmulatorOptions | (typeof BROWSER_OPTION_KEYS)[number]> extends never ? true : false = true;
void browserKeysChecked;
const PANEL_OPTION_KEYS: Array<keyof InboxPanelOptions> = ['open', 'position'];

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

/**
 * msw resolves start() once the worker answers, which on a first visit can be before the worker controls the page
 * (its requests would still go to the network): resolves once it does. startEmulator() waits for it; an app that
 * starts its own worker with `emulator.handlers` awaits it after `worker.start()`.
 */
export function waitUntilControlled(timeoutMs = 10_000): Promise<void> {
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

/** An error of the emulator's own (its message starts with the package name), passed on to the page as it is. */
const ownError = (error: unknown) => error instanceof Error && error.message.startsWith('appwrite-emulator:');

export async function startEmulator(options: StartEmulatorOptions): Promise<BrowserEmulator> {
  const {
    panel = true, workerUrl = DEFAULT_WORKER_URL, allowInProduction = false, exposeForTests = false, quiet = false,
    handlers = [], logRequests = false, ...emulatorOptions
  } = options ?? ({} as StartEmulatorOptions);
  // Misused options throw their TypeError first, wherever the page runs; the error naming the nearest key of a
  // misspelled one loads only then.
  const unknown = findUnknownOption(emulatorOptions, resolveConfig(emulatorOptions), [...CREATE_OPTION_KEYS, ...BROWSER_OPTION_KEYS])
    ?? (panel && typeof panel === 'object' ? findUnknownKey('panel.', panel, PANEL_OPTION_KEYS) : null);
  if (unknown) throw (await import('../option-keys.js')).unknownOptionError(unknown);
  if (!Array.isArray(handlers)) throw new TypeError('appwrite-emulator: option handlers must be an array of msw handlers');
  const errors = () => import('./start-errors.js');
  if (isProductionBuild() && !allowInProduction) throw (await errors()).productionRefusal();
  if (typeof window === 'undefined' || !('serviceWorker' in navigator)) throw (await errors()).noServiceWorker();
  // Asked now, answered while the emulator and its database get ready (below).
  const registration = navigator.serviceWorker.getRegistration();

  // The page's requests reach the emulator through the service worker without a User-Agent header; record the
  // browser's own, as the real server would see it.
  const emulator = createEmulator({ userAgent: navigator.userAgent, ...emulatorOptions });
  const { endpoint } = emulator.config;
  let mismatchWarned = false;
  // Last: an Appwrite request (it carries X-Appwrite-Project) that none of the above took went to another endpoint
  // than the emulator's, or is another service passed through. The predicate only warns (once); it matches nothing.
  const mismatch = http.all(({ request }) => {
    if (!mismatchWarned && request.headers.has('x-appwrite-project') && !request.url.startsWith(`${endpoint}/`)) {
      mismatchWarned = true;
      void errors().then((m) => m.warnEndpointMismatch(request.url, endpoint));
    }
    return false;
  }, () => undefined);
  const worker = setupWorker(...handlers, ...emulator.handlers, mismatch);
  // Open IndexedDB now, while the service worker registers, instead of on the first request: on a first visit,
  // creating the database made the first response ~20 ms slower than a bare msw handler's (`npm run bench`,
  // browser start-up table). A failure is not lost: db() keeps the rejected promise and the first request reports it.
  emulator.db().catch(() => undefined);
  // The panel's code loads while the worker starts; it is mounted once the emulator serves requests.
  const panelCode = panel === false ? null : import('../inbox/panel.js');
  // Another worker in this page's scope (the app's own MSW) would be replaced by ours, and msw's start() would
  // then never settle: fail at once, saying what to do instead.
  const found = await registration;
  const current = found && (found.active ?? found.waiting ?? found.installing);
  if (current && current.scriptURL !== new URL(workerUrl, location.href).href) {
    await emulator.close().catch(() => undefined);
    throw (await errors()).otherWorker(current.scriptURL, workerUrl);
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(async () => reject((await errors()).startTimeout(workerUrl, 10)), 10_000);
    });
    await Promise.race([worker.start({ serviceWorker: { url: workerUrl }, onUnhandledRequest: 'bypass', quiet: !logRequests }), timeout]);
    await waitUntilControlled();
  } catch (error) {
    worker.stop();
    await emulator.close().catch(() => undefined); // the early open above may have failed too: report the worker
    // Our own errors (the start timeout, a worker that never took control) say what happened and what to do; msw's
    // registration errors are wrapped with the emulator's fix instead of msw's `npx msw init` advice.
    throw ownError(error) ? error : (await errors()).workerNotStarted(workerUrl, error);
  } finally {
    clearTimeout(timer);
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
  await resumeOAuth2(browserEmulator);
  return browserEmulator;
}

/**
 * Finishes an OAuth2 sign-in the service worker handed back to this page (the `#appwrite-emulator-oauth2=` marker
 * in the address): the emulated consent screen, then the landing on the app's success or failure URL.
 * startEmulator() calls it; an app that runs its own msw worker with `emulator.handlers` calls it once its worker
 * has started. Its code loads only when the marker is there, which most page loads never have.
 */
export async function resumeOAuth2(emulator: Emulator): Promise<void> {
  if (location.hash.startsWith('#appwrite-emulator-oauth2=')) await (await import('./oauth2-page.js')).resumeOAuth2(emulator);
}

export type { Emulator, EmulatorOptions };
