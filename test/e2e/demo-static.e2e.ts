/**
 * The built demo (`vite build` with demo/vite.config.ts, as `npm run build:demo` runs it) served by a plain static
 * file server from a sub-folder: no Vite, no rewrites, no API server. Everything /v1 must be answered in the page.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveBuiltDemo, type StaticDemo } from './demo-build.js';
import { heading, newestMessage, openDemo, openInbox, signIn, signOut, signUp, uniqueEmail } from './demo-helpers.js';
import { launchChromium, screenshot } from './harness.js';

const FOLDER = '/static-demo/';

let demo: StaticDemo;
let browser: Browser;
let baseUrl: string;
let requested: string[];

beforeAll(async () => {
  [demo, browser] = await Promise.all([serveBuiltDemo(FOLDER), launchChromium()]);
  ({ url: baseUrl, requested } = demo);
});

afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

describe('demo: the static build (npm run build:demo) on a plain static server', () => {
  it('boots from a sub-folder, signs up, signs out and signs in; no request for /v1 reaches the server', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    try {
      const page = await context.newPage();
      await openDemo(page, baseUrl);
      expect(await heading(page)).toBe('Sign in');
      const email = uniqueEmail('static');
      await signUp(page, { name: 'Static Host', email });
      await signOut(page);
      await signIn(page, email);
      await expect.poll(() => heading(page)).toBe('Your account');
      expect(await page.getByTestId('account-email').textContent()).toBe(email);
      await screenshot(page, 'demo-static-account');

      // The e-mailed link comes back to the folder's index with ?flow=magic: no rewrite rule needed.
      await signOut(page);
      await page.getByRole('link', { name: 'Magic link' }).click();
      const form = page.getByRole('form', { name: 'Send a magic link' });
      await form.getByLabel('E-mail').fill(email);
      await form.getByRole('button', { name: 'Send magic link' }).click();
      await form.getByRole('status').waitFor();
      await openInbox(page);
      await newestMessage(page).getByRole('button', { name: 'Open link' }).click();
      await expect.poll(() => heading(page)).toBe('Your account');
      expect(new URL(page.url()).pathname).toBe(FOLDER);

      expect(requested.filter((path) => !path.startsWith(FOLDER))).toEqual([]);
      expect(requested).toContain(`${FOLDER}appwrite-emulator-worker.js`);
    } finally {
      await context.close();
    }
  });
});
