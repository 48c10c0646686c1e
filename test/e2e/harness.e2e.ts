import { describe, expect, it } from 'vitest';
import { startApp, useBrowserApp } from './harness.js';

const app = useBrowserApp('test/e2e/fixtures/static');
const fixture = useBrowserApp('test/e2e/fixtures/app');

describe('e2e harness', () => {
  it('serves the app folder with Vite and opens it in Chromium', async () => {
    const page = await app.newPage();
    await page.goto(app.url);
    await expect.poll(() => page.textContent('#out')).toBe('served by vite');
  });

  it('serves the emulator service worker (navigation prelude + msw worker) at /appwrite-emulator-worker.js', async () => {
    const page = await app.newPage();
    const response = await page.goto(new URL('appwrite-emulator-worker.js', app.url).href);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-type']).toContain('javascript');
    const source = await response!.text();
    expect(source.indexOf("addEventListener('fetch'")).toBeLessThan(source.indexOf('const PACKAGE_VERSION'));
    expect(source).toContain('INTEGRITY_CHECKSUM');
  });

  it('keeps the lazy chunks of a page loadable while another server of the same folder, with other options, starts', async () => {
    // A server whose config hashes differently (another checkout's absolute paths, other options) re-bundles a
    // deps cache it shares; the page below would then fail its first lazy import (argon2, at sign-up): 500.
    const page = await fixture.newPage();
    await page.goto(fixture.url);
    await page.waitForSelector('html[data-ready=true]');
    const other = await startApp('test/e2e/fixtures/app', {
      optimizeDeps: { include: ['appwrite', 'appwrite-13', 'msw', 'msw/browser', 'dexie', 'jose', 'ua-parser-js', '@noble/hashes/argon2.js'] },
    });
    await other.close();
    const signedUp = await page.evaluate(async () => {
      const { account, ID } = window.fixture;
      return (await account.create(ID.unique(), 'grace@example.com', 'correct horse battery', 'Grace')).email;
    });
    expect(signedUp).toBe('grace@example.com');
    expect(fixture.logs.filter((line) => line.includes('unexpected error'))).toEqual([]);
  });
});
