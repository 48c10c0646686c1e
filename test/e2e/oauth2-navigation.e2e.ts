// The service worker's part of OAuth2: catching the SDK's page navigation to <endpoint>/account/sessions/oauth2/…
// (msw's worker lets navigations through) and handing it back to the app with a hash marker that carries a
// one-time nonce (stored in IndexedDB for the page to check) and the original URL.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowserApp } from './harness.js';

const app = useBrowserApp('test/e2e/fixtures/app');
const MARKER = '#appwrite-emulator-oauth2=';
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function mainFrameNavigations(page: Page) {
  const urls: string[] = [];
  page.on('framenavigated', (frame) => frame === page.mainFrame() && urls.push(frame.url()));
  return urls;
}

describe('service worker: OAuth2 navigations', () => {
  it('answers createOAuth2Session()\'s navigation with a redirect to the page that started it, a nonce and the original URL in the hash', async () => {
    const page = await app.newPage();
    await page.goto(`${app.url}?from=app`);
    await page.waitForSelector('html[data-ready=true]');
    const urls = mainFrameNavigations(page);
    const oauthResponses: { status: number; fromServiceWorker: boolean }[] = [];
    page.on('response', (response) => {
      if (response.url().includes('/v1/account/sessions/oauth2/')) oauthResponses.push({ status: response.status(), fromServiceWorker: response.fromServiceWorker() });
    });
    await page.evaluate(() => {
      window.fixture.account.createOAuth2Session('github', `${location.origin}/ok`, `${location.origin}/failed`, ['read:user']);
    });
    await expect.poll(() => urls.find((url) => url.includes(MARKER))).toBeDefined();
    const marked = urls.find((url) => url.includes(MARKER))!;
    const original = `${app.url}v1/account/sessions/oauth2/github?success=${encodeURIComponent(`${app.url}ok`)}&failure=${encodeURIComponent(`${app.url}failed`)}&scopes%5B0%5D=read%3Auser&project=e2e-fixture`;
    expect(marked).toMatch(new RegExp(`^${escape(`${app.url}?from=app${MARKER}`)}[0-9a-f]{32}:${escape(encodeURIComponent(original))}$`));
    expect(oauthResponses).toEqual([{ status: 302, fromServiceWorker: true }]);
  });

  it('without a referrer (URL opened directly) redirects to the success URL instead', async () => {
    const page = await app.newPage();
    await page.goto(app.url);
    await page.waitForSelector('html[data-ready=true]');
    const urls = mainFrameNavigations(page);
    const original = `${app.url}v1/account/sessions/oauth2/google?success=${encodeURIComponent(`${app.url}welcome`)}&project=e2e-fixture`;
    await page.goto(original);
    await expect.poll(() => urls.find((url) => url.includes(MARKER))).toMatch(new RegExp(`^${escape(`${app.url}welcome${MARKER}`)}[0-9a-f]{32}:${escape(encodeURIComponent(original))}$`));
  });

  it('leaves other navigations alone (the app server answers them)', async () => {
    const page = await app.newPage();
    await page.goto(app.url);
    await page.waitForSelector('html[data-ready=true]');
    const response = await page.goto(`${app.url}v1/account/sessions/oauth2`);
    expect(response?.fromServiceWorker()).toBe(false);
    expect(page.url()).toBe(`${app.url}v1/account/sessions/oauth2`);
  });

  it('still unregisters itself when the app stops it (msw\'s clean-up), after a grace period that lets a sign-in\'s navigation through', async () => {
    const page = await app.newPage();
    await page.goto(app.url);
    await page.waitForSelector('html[data-ready=true]');
    const registrations = () => page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length);
    expect(await registrations()).toBe(1);
    await page.evaluate(() => window.__appwriteEmulator!.stop()); // msw's worker.stop(): the last client closes
    await expect.poll(registrations, { timeout: 20_000, interval: 500 }).toBe(0);
  });
});
