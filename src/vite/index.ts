import type { Plugin } from 'vite';
import { checkOptionKeys } from '../option-keys.js';
import { answerNotIntercepted } from './dev-server-fallback.js';
import { WORKER_FILE_NAME, workerScript } from './worker-script.js';

export interface AppwriteEmulatorPluginOptions {
  /** Write the worker into the build output too (default true), e.g. for a preview deployment with the emulator. */
  emit?: boolean;
  /**
   * The path of the emulator's endpoint on the dev server (default `<base>v1`, as `${location.origin}/v1` in the
   * README). Requests under it that reach the dev server (no service worker answered them) get an Appwrite-shaped
   * JSON error saying why, instead of index.html; a `server.proxy` entry for it still wins. `false`: no such answer.
   */
  endpoint?: string | false;
}

const PLUGIN_OPTION_KEYS: Array<keyof AppwriteEmulatorPluginOptions> = ['emit', 'endpoint'];

/**
 * Serves `/appwrite-emulator-worker.js` in `vite dev` (at the app's `base`) and emits it on `vite build`, so the app
 * needs no copy in its public folder. Use with `startEmulator()` from `appwrite-emulator/browser`.
 */
export function appwriteEmulator(options: AppwriteEmulatorPluginOptions = {}): Plugin {
  checkOptionKeys('', options, PLUGIN_OPTION_KEYS);
  if (options.endpoint !== undefined && options.endpoint !== false && (typeof options.endpoint !== 'string' || !/^\/[^?#]*$/.test(options.endpoint))) {
    throw new TypeError(`appwrite-emulator: plugin option endpoint must be a path like '/v1' (or false), got ${String(options.endpoint)}`);
  }
  let base = '/';
  return {
    name: 'appwrite-emulator',
    configResolved(config) {
      base = config.base.endsWith('/') ? config.base : `${config.base}/`;
    },
    configureServer(server) {
      server.middlewares.use(async (req, res, next) => {
        const path = (req.url ?? '').split('?')[0];
        if (path !== `${base}${WORKER_FILE_NAME}`) return next();
        try {
          const source = await workerScript();
          res.setHeader('Content-Type', 'text/javascript; charset=utf-8');
          // A stale worker after `npm update msw` would fail msw's integrity check: always revalidate.
          res.setHeader('Cache-Control', 'no-cache');
          res.end(source);
        } catch (error) {
          next(error);
        }
      });
      if (options.endpoint === false) return undefined;
      const endpointPath = (options.endpoint ?? `${base}v1`).replace(/\/+$/, '');
      // After Vite's own middlewares (its proxy, static files), before the SPA fallback serves index.html.
      return () => {
        server.middlewares.use((req, res, next) => {
          if (!answerNotIntercepted(req, res, endpointPath)) next();
        });
      };
    },
    async generateBundle() {
      if (options.emit === false) return;
      this.emitFile({ type: 'asset', fileName: WORKER_FILE_NAME, source: await workerScript() });
    },
  };
}

export { WORKER_FILE_NAME } from './worker-script.js';
