import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

// Tests import the package by its name, as users do; these aliases point the name at the sources.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^appwrite-emulator\/browser$/, replacement: src('browser/index.ts') },
      { find: /^appwrite-emulator$/, replacement: src('index.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    // happy-dom gives the SDK a window and localStorage, so it keeps its session as in a browser.
    environment: 'happy-dom',
    setupFiles: ['test/setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
