import type { Page, Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowserApp } from './harness.js';

const app = useBrowserApp('test/e2e/fixtures/app');

/** Every request the page sends to the emulated endpoint, with whether the service worker answered it. */
function recordApiRequests(page: Page) {
  const seen: { url: string; fromServiceWorker: boolean }[] = [];
  page.on('requestfinished', async (request: Request) => {
    if (!new URL(request.url()).pathname.startsWith('/v1/')) return;
    const response = await request.response();
    seen.push({ url: request.url(), fromServiceWorker: response?.fromServiceWorker() ?? false });
  });
  page.on('requestfailed', (request: Request) => {
    if (new URL(request.url()).pathname.startsWith('/v1/')) seen.push({ url: request.url(), fromServiceWorker: false });
  });
  return seen;
}

async function boot(page: Page) {
  await page.waitForSelector('html[data-ready=true]');
}

describe('startEmulator', () => {
  it('serves the first SDK call made right after it resolves, on a first visit (no service worker installed yet)', async () => {
    const page = await app.newPage();
    const requests = recordApiRequests(page);
    await page.goto(app.url);
    await boot(page);
    const firstCall = await page.evaluate(() => window.fixture.firstCall);
    expect(firstCall).toEqual({ code: 401, type: 'general_unauthorized_scope', message: 'User (role: guests) missing scope (account)' });
    await expect.poll(() => requests.length).toBeGreaterThanOrEqual(2);
    expect(requests.every((r) => r.fromServiceWorker)).toBe(true);
  });

  it('logs one console line naming the project and endpoint, and exposes the emulator for tests', async () => {
    const page = await app.newPage();
    await page.goto(app.url);
    await boot(page);
    const lines = app.logs.filter((line) => line.includes('[appwrite-emulator]'));
    expect(lines).toEqual([`[console.info] [appwrite-emulator] Appwrite emulator active (SDK 13: Appwrite 1.4, SDK 14+: Appwrite 1.9.6): project "e2e-fixture", endpoint ${app.url}v1 (offline, data in IndexedDB "appwrite-emulator-e2e-fixture")`]);
    expect(await page.evaluate(() => window.__appwriteEmulator?.config.projectId)).toBe('e2e-fixture');
  });

  it('keeps the session across a reload: the SDK finds it in localStorage and the emulator in IndexedDB', async () => {
    const page = await app.newPage();
    const requests = recordApiRequests(page);
    await page.goto(app.url);
    await boot(page);
    const created = await page.evaluate(async () => {
      const { account, ID } = window.fixture;
      const user = await account.create(ID.unique(), 'grace@example.com', 'correct horse battery', 'Grace');
      await account.createEmailSession('grace@example.com', 'correct horse battery');
      await window.fixture.show();
      return user.$id;
    });
    await expect.poll(() => page.textContent('#status')).toBe('signed in');

    await page.reload();
    await boot(page);
    await expect.poll(() => page.textContent('#status')).toBe('signed in');
    expect(await page.textContent('#email')).toBe('grace@example.com');
    expect(await page.textContent('#user-id')).toBe(created);
    const stored = await page.evaluate(async () => ({
      cookieFallback: localStorage.getItem('cookieFallback'),
      databases: (await indexedDB.databases()).map((d) => d.name),
    }));
    expect(stored.cookieFallback).toMatch(/^\{"a_session_e2e-fixture":"[A-Za-z0-9+/=]+"\}$/);
    expect(stored.databases).toContain('appwrite-emulator-e2e-fixture');
    expect(requests.every((r) => r.fromServiceWorker)).toBe(true);
  });

  it('refuses to boot the app with a clear error when the worker script is missing', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}?worker=missing`);
    await expect.poll(() => app.logs.some((l) => l.includes('could not start the service worker at /nope.js'))).toBe(true);
    // Only the emulator's fix: msw's own advice (npx msw init) would install a worker without the emulator's prelude.
    const line = app.logs.find((l) => l.includes('could not start the service worker at /nope.js'))!;
    expect(line).toContain('Serve it with the appwriteEmulator() Vite plugin (appwrite-emulator/vite) or write it into your public folder: npx appwrite-emulator init public. Cause: Failed to register');
    expect(app.logs.filter((l) => /msw init/.test(l))).toEqual([]);
  });
});
