/**
 * The issue "Drop into real apps", in real Chromium: a request that reaches the dev server before the worker
 * controls the page gets the plugin's JSON error (not index.html); an app with its own MSW worker gets a clear
 * failure from startEmulator(); the README's own-worker recipe (fixtures/existing-app/mocks/browser.ts) shows the
 * panel and signs in with OAuth2; the README's stub recipe (fixtures/existing-app/stubs.ts) serves Account and a
 * stubbed TablesDB list with no console error. test/sdk/readme-existing-app.test.ts checks the fixture files are
 * the README's code blocks.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import type { Plugin } from 'vite';
import { describe, expect, it } from 'vitest';
import { appwriteEmulator } from '../../src/vite/index.js';
import { useBrowserApp } from './harness.js';

/** Serves msw's own worker script, as `npx msw init public` would, for the app that runs its own MSW. */
function mswWorker(): Plugin {
  const file = createRequire(import.meta.url).resolve('msw/mockServiceWorker.js');
  return {
    name: 'msw-worker',
    configureServer(server) {
      server.middlewares.use(async (req, res, next) => {
        if (req.url?.split('?')[0] !== '/mockServiceWorker.js') return next();
        res.setHeader('Content-Type', 'text/javascript');
        res.end(await readFile(file, 'utf8'));
      });
    },
  };
}

const app = useBrowserApp('test/e2e/fixtures/existing-app', { plugins: [appwriteEmulator(), mswWorker()] });

type Result = Record<string, any>;
async function open(page: Page, mode: string): Promise<Result> {
  await page.goto(`${app.url}?mode=${mode}`);
  await page.waitForSelector('html[data-ready=true]');
  return page.evaluate(() => (window as unknown as { result: Result }).result);
}
const text = (page: Page, id: string) => page.locator(`#${id}`).textContent();
const errorsIn = (logs: string[]) => logs.filter((line) => line.startsWith('[console.error]') || line.startsWith('[pageerror]'));

describe('an app wired to the emulator', () => {
  it('gets the plugin\'s JSON error, not index.html, for account.get() before any worker controls the page', async () => {
    const page = await app.newPage();
    const { early } = await open(page, 'early');
    const message = 'appwrite-emulator: GET /v1/account reached the Vite dev server, so no Appwrite answered it: the '
      + "emulator's service worker did not answer it: startEmulator() was not called, or not awaited before this request "
      + '(await it before creating the Appwrite client), or the worker does not control this page yet (reload it once). '
      + 'README: "Using it in an existing app", troubleshooting.';
    expect(early).toEqual({
      code: 503, type: 'emulator_not_intercepting', message,
      response: { message, code: 503, version: '1.9.6', type: 'emulator_not_intercepting' },
    });
  });

  it('warns once when Appwrite requests go to another endpoint than the emulator\'s; logRequests shows msw\'s log', async () => {
    const page = await app.newPage();
    await open(page, 'mismatch');
    const warnings = () => app.logs.filter((line) => line.startsWith('[console.warning] [appwrite-emulator]'));
    // The warning's text loads on demand: it lands a moment after the request.
    await expect.poll(() => warnings().length).toBeGreaterThan(0);
    expect(warnings()).toEqual([
      `[console.warning] [appwrite-emulator] an Appwrite request went to ${app.url}elsewhere/v1/account, which is not the `
      + `emulator's endpoint (${app.url}v1), so it went to the network instead of the emulator. Give the SDK client the `
      + 'same endpoint as startEmulator({ endpoint }) (e.g. `${location.origin}/v1` for both).',
    ]);
    // msw's own request log (a console group per request it handled): the emulator's answer to GET /v1/account.
    await expect.poll(() => app.logs.some((line) => line.includes('[MSW]') && line.includes('GET') && line.includes('/v1/account'))).toBe(true);
  });

  it('with its own MSW worker, startEmulator() fails at once saying what to do; the app\'s worker keeps working', async () => {
    const page = await app.newPage();
    const result = await open(page, 'own-msw');
    expect(result.greeting).toEqual({ greeting: "hello from the app's own handler" });
    expect(result.started).toBeUndefined();
    expect(result.startError).toBe(
      `appwrite-emulator: another service worker (${app.url}mockServiceWorker.js) is registered for this page, so the `
      + "emulator's worker (/appwrite-emulator-worker.js) cannot start beside it. If it is your app's own Mock Service "
      + "Worker, do not call startEmulator(): add the emulator's handlers to your worker and start it with the emulator's "
      + 'worker script, then mount the panel and resume OAuth2 yourself: const emulator = createEmulator({ projectId, '
      + "endpoint }); await setupWorker(...yourHandlers, ...emulator.handlers).start({ serviceWorker: { url: "
      + "'/appwrite-emulator-worker.js' } }); await mountInboxPanel(emulator); await resumeOAuth2(emulator); (README, "
      + '"An app that already uses MSW"). Otherwise unregister that worker (DevTools > Application > Service workers) and reload.',
    );
  });

  it('on the README\'s own-worker path: the app\'s handlers, the panel, and an OAuth2 sign-in end to end', async () => {
    const page = await app.newPage();
    await open(page, 'own-worker');
    expect(await text(page, 'greeting')).toBe("hello from the app's own handler");
    expect(await text(page, 'status')).toBe('signed out');
    await page.locator('appwrite-emulator-inbox').waitFor({ state: 'attached' });

    await page.click('#github');
    const consent = page.locator('appwrite-emulator-oauth2-consent [role=dialog]');
    await consent.waitFor();
    expect(await consent.locator('h1').textContent()).toBe('Sign in with GitHub — emulated provider');
    await consent.getByLabel('E-mail').fill('octo@example.com');
    await consent.getByLabel('Name').fill('Octo Cat');
    await consent.getByRole('button', { name: 'Continue with this account' }).click();
    await page.waitForURL(`${app.url}?mode=own-worker&done=ok*`);
    await page.waitForSelector('html[data-ready=true]');
    expect([await text(page, 'status'), await text(page, 'email'), await text(page, 'provider')]).toEqual(['signed in', 'octo@example.com', 'github']);
    expect(await page.locator('appwrite-emulator-inbox').count()).toBe(1);
    // No console error but the browser's lines for the signed-out account.get() calls (401) before the sign-in.
    expect(errorsIn(app.logs).filter((line) => !line.includes('the server responded with a status of 401'))).toEqual([]);
  });

  it('through the README\'s stub recipe: Account from the emulator, a stubbed TablesDB list, no console error', async () => {
    const page = await app.newPage();
    const result = await open(page, 'stubs');
    expect(await text(page, 'status')).toBe('signed in');
    expect(await text(page, 'email')).toBe('ada@example.com');
    expect(await page.locator('#todos li').allTextContents()).toEqual(['Try the emulator']);
    expect(result.files).toEqual({ total: 0, files: [] }); // emulator.worker.use()
    expect(errorsIn(app.logs)).toEqual([]);
    expect(app.logs.filter((line) => line.startsWith('[console.warning] [appwrite-emulator]'))).toEqual([]);
  });
});
