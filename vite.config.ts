import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

// Tests import the package by its name, as users do; these aliases point the name at the sources.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^appwrite-emulator\/browser$/, replacement: src('browser/index.ts') },
      { find: /^appwrite-emulator\/vite$/, replacement: src('vite/index.ts') },
      { find: /^appwrite-emulator$/, replacement: src('index.ts') },
    ],
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          // happy-dom gives the SDK a window and localStorage, so it keeps its session as in a browser.
          environment: 'happy-dom',
          setupFiles: ['test/setup.ts'],
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          // Real Chromium against a Vite dev server (test/e2e/harness.ts); the test code itself runs in Node.
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // A loaded 2-core CI machine renders slowly: expect.poll's 1 s default made UI waits flaky.
          expect: { poll: { timeout: 10_000, interval: 50 } },
          // One browser + one Vite server at a time, after the unit/SDK suite (2-core machines).
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
