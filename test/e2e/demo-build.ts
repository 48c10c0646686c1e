/**
 * The built demo (`vite build` with demo/vite.config.ts, as `npm run build:demo` runs it) served by a plain static
 * file server from a sub-folder, like any web host: files under the folder, index.html for the folder itself, 404
 * for the rest. No Vite, no rewrites, no API server.
 */
import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'vite';

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml' };

export interface StaticDemo {
  /** `http://127.0.0.1:<port><folder>` */
  url: string;
  /** Every path the server was asked for, in order. */
  requested: string[];
  close(): Promise<void>;
}

export interface BuildOptions {
  /**
   * Let each page pick the `behaviour` option of the demo's startEmulator() call: the build reads
   * `window.__e2eBehaviour` there (set it with `context.addInitScript`); unset, the demo's own default applies.
   * Test-only: the demo's source is not changed, the build rewrites the call.
   */
  behaviourFromPage?: boolean;
}

/** Adds `behaviour: window.__e2eBehaviour` to the demo's startEmulator() options, failing loudly if the call moved. */
function behaviourFromPage(): Plugin {
  const anchor = 'allowInProduction: true,';
  return {
    name: 'e2e-behaviour-from-page',
    enforce: 'pre',
    transform(code, id) {
      if (!id.replace(/\\/g, '/').endsWith('/demo/src/main.ts')) return null;
      if (!code.includes(anchor)) throw new Error(`demo-build: no "${anchor}" in demo/src/main.ts to add the behaviour option after`);
      return code.replace(anchor, `${anchor} behaviour: (window as { __e2eBehaviour?: 'auto' | '1.4' | '1.9' }).__e2eBehaviour,`);
    },
  };
}

/** Builds the demo into a temporary folder and serves it at `folder` (leading and trailing slash). */
export async function serveBuiltDemo(folder: string, options: BuildOptions = {}): Promise<StaticDemo> {
  const outDir = resolve(await mkdtemp(join(tmpdir(), 'appwrite-emulator-demo-')));
  const configFile = fileURLToPath(new URL('../../demo/vite.config.ts', import.meta.url));
  const requested: string[] = [];
  let server: Server | undefined;
  try {
    await build({ configFile, logLevel: 'warn', build: { outDir }, plugins: options.behaviourFromPage ? [behaviourFromPage()] : [] });
    server = createServer(async (req, res) => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      requested.push(path);
      const file = path === folder ? 'index.html' : path.startsWith(folder) ? path.slice(folder.length) : null;
      const full = file === null ? null : normalize(join(outDir, file));
      if (!full || !full.startsWith(outDir + sep)) {
        res.writeHead(404).end('not found');
        return;
      }
      try {
        const body = await readFile(full);
        res.writeHead(200, { 'Content-Type': TYPES[extname(full)] ?? 'application/octet-stream' }).end(body);
      } catch {
        res.writeHead(404).end('not found');
      }
    });
    await new Promise<void>((listening) => server!.listen(0, '127.0.0.1', () => listening()));
  } catch (error) {
    await rm(outDir, { recursive: true, force: true });
    throw error;
  }
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('static server has no port');
  return {
    url: `http://127.0.0.1:${address.port}${folder}`,
    requested,
    async close() {
      await new Promise((done) => server!.close(done));
      await rm(outDir, { recursive: true, force: true });
    },
  };
}
