import { describe, expect, it } from 'vitest';
import { useBrowserApp } from './harness.js';

const app = useBrowserApp('test/e2e/fixtures/static');

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
});
