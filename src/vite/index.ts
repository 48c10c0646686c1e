import type { Plugin } from 'vite';
import { checkOptionKeys } from '../option-keys.js';
import { WORKER_FILE_NAME, workerScript } from './worker-script.js';

export interface AppwriteEmulatorPluginOptions {
  /** Write the worker into the build output too (default true), e.g. for a preview deployment with the emulator. */
  emit?: boolean;
}

const PLUGIN_OPTION_KEYS: Array<keyof AppwriteEmulatorPluginOptions> = ['emit'];

/**
 * Serves `/appwrite-emulator-worker.js` in `vite dev` (at the app's `base`) and emits it on `vite build`, so the app
 * needs no copy in its public folder. Use with `startEmulator()` from `appwrite-emulator/browser`.
 */
export function appwriteEmulator(options: AppwriteEmulatorPluginOptions = {}): Plugin {
  checkOptionKeys('', options, PLUGIN_OPTION_KEYS);
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
    },
    async generateBundle() {
      if (options.emit === false) return;
      this.emitFile({ type: 'asset', fileName: WORKER_FILE_NAME, source: await workerScript() });
    },
  };
}

export { WORKER_FILE_NAME } from './worker-script.js';
