import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
// The config runs in Node before any alias applies, so it imports the plugin from the sources directly.
import { appwriteEmulator } from '../src/vite/index.js';

const src = (path: string) => fileURLToPath(new URL(`../src/${path}`, import.meta.url));

/**
 * `npm run demo` serves this folder; `npm run build:demo` writes demo/dist. The demo imports the package by its
 * name, as an app would; these aliases point the name at the sources (like the root vite.config.ts).
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // Relative asset URLs: the built demo works from any folder of any static host.
  base: './',
  // appwriteEmulator() serves appwrite-emulator-worker.js in dev and emits it into the build: no copy in public/.
  plugins: [appwriteEmulator()],
  resolve: {
    alias: [
      { find: /^appwrite-emulator\/browser$/, replacement: src('browser/index.ts') },
      { find: /^appwrite-emulator\/vite$/, replacement: src('vite/index.ts') },
      { find: /^appwrite-emulator$/, replacement: src('index.ts') },
    ],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // One bundle holds the whole emulator (msw, Dexie, argon2, ua-parser) next to the SDK: ~250 kB gzipped is expected.
    chunkSizeWarningLimit: 1024,
  },
});
