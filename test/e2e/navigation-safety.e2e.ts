/**
 * The page never navigates to a non-web URL, and a forged OAuth2 hand-off starts nothing; on the built demo
 * (demo-build.ts), driven through its own UI and the real SDK 13 (appwrite-13's IIFE build, added to the page).
 *
 * Appwrite 1.4's host check reads only the hostname, so `javascript://localhost/…` passes as OAuth2 success/failure
 * and as a magic-URL `url`; 1.9.6 refuses `javascript:` but passes `appwrite-callback-<projectId>:`, `exp:` and
 * extension schemes. The real server only puts such a URL in a redirect header or an e-mail, which browsers never
 * run as script; the emulator navigates the page itself, so it refuses any non-http(s) URL and shows it instead.
 * The demo is built so that a page can pin the server (`window.__e2eBehaviour`): its SDK 13 gets 1.4 for its own
 * requests, but the OAuth2 navigations carry no format header and get 1.9.6 unless the behaviour is pinned.
 */
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Dialog, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { serveBuiltDemo, type StaticDemo } from './demo-build.js';
import { heading, newestMessage, openDemo, openInbox, uniqueEmail } from './demo-helpers.js';
import { launchChromium, screenshot } from './harness.js';

const SDK = fileURLToPath(new URL('../../node_modules/appwrite-13/dist/iife/sdk.js', import.meta.url));
const MARKER = 'appwrite-emulator-oauth2';
const REFUSED = 'The emulator refused to open this link: only http: and https: URLs are followed.';
const OFF_HOST = 'The emulator refused to open this link: the browser reads its host as one that is not the project\'s.';

/**
 * A URL the server accepts (hostname `localhost`) that, if a page navigated to it, would run script: it records
 * the SDK's session (what an attacker would steal) and opens an alert.
 */
const payload = (name: string) =>
  `javascript://localhost/%0Awindow.__pwned=[(window.__pwned||[]),'${name}',localStorage.getItem('cookieFallback')];alert('${name}')//`;

let demo: StaticDemo;
let browser: Browser;
let contexts: BrowserContext[] = [];

beforeAll(async () => {
  [demo, browser] = await Promise.all([serveBuiltDemo('/safe-demo/', { behaviourFromPage: true }), launchChromium()]);
});
afterEach(async () => {
  await Promise.all(contexts.map((context) => context.close()));
  contexts = [];
});
afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

interface Watched {
  page: Page;
  context: BrowserContext;
  /** alert/confirm/prompt dialogs that opened (each dismissed). */
  dialogs: string[];
  console: string[];
}

/** A page in a fresh context; `behaviour` pins the emulator's server for every page load of it. */
async function newPage(behaviour?: '1.4' | '1.9'): Promise<Watched> {
  const context = await browser.newContext({ viewport: { width: 1100, height: 760 } });
  contexts.push(context);
  if (behaviour) await context.addInitScript(`window.__e2eBehaviour = ${JSON.stringify(behaviour)};`);
  const page = await context.newPage();
  const watched: Watched = { page, context, dialogs: [], console: [] };
  page.on('dialog', (dialog: Dialog) => {
    watched.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('console', (message) => watched.console.push(message.text()));
  return watched;
}

/** No injected script ran: nothing recorded, no dialog. Waits a moment so a javascript: navigation would have run. */
async function noScriptRan(watched: Watched): Promise<void> {
  await watched.page.waitForTimeout(300);
  expect(await watched.page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(watched.dialogs).toEqual([]);
}

/** The real SDK, as the app would call it, in the demo's page (the demo keeps its own Account out of reach). */
async function withSdk(page: Page): Promise<void> {
  if (!(await page.evaluate(() => 'Appwrite' in window))) await page.addScriptTag({ path: SDK });
}

async function createOAuth2Session(page: Page, success: string, failure: string): Promise<void> {
  await withSdk(page);
  await page.evaluate(([url, s, f]) => {
    const { Account, Client } = (window as unknown as { Appwrite: typeof import('appwrite-13') }).Appwrite;
    void new Account(new Client().setEndpoint(`${url}v1`).setProject('demo')).createOAuth2Session('github', s, f);
  }, [demo.url, success, failure] as const);
}

const consent = (page: Page) => page.locator('appwrite-emulator-oauth2-consent [role=dialog]');
const refusal = (page: Page) => page.locator('appwrite-emulator-refused-link [role=alertdialog]');

async function expectRefused(page: Page, url: (shown: string) => void, message = REFUSED): Promise<void> {
  const notice = refusal(page);
  await notice.waitFor();
  expect(await notice.locator('h1').textContent()).toBe('Link not followed');
  expect(await notice.locator('#desc').textContent()).toBe(message);
  const shown = (await notice.locator('[data-refused-url]').textContent())!;
  url(shown);
  // As text: no element, and no link to it anywhere in the notice.
  expect(await notice.locator('[data-refused-url] *').count()).toBe(0);
  expect(await notice.locator('a[href^="javascript" i]').count()).toBe(0);
}

describe('the page refuses non-web URLs and forged OAuth2 hand-offs', () => {
  it('ignores a forged #appwrite-emulator-oauth2 marker (no nonce, a made-up nonce, a used one) and strips it', async () => {
    const watched = await newPage();
    const { page } = watched;
    const original = `${demo.url}v1/account/sessions/oauth2/github?success=${encodeURIComponent(payload('forged-success'))}`
      + `&failure=${encodeURIComponent(payload('forged-failure'))}&project=demo`;
    const forged = [
      `${demo.url}#${MARKER}=${encodeURIComponent(original)}`,
      `${demo.url}#${MARKER}=${'0'.repeat(32)}:${encodeURIComponent(original)}`,
    ];
    for (const url of forged) {
      await page.goto('about:blank');
      await openDemo(page, url);
      expect(await heading(page)).toBe('Sign in');
      expect(await consent(page).count()).toBe(0);
      expect(await refusal(page).count()).toBe(0);
      expect(page.url()).not.toContain(MARKER);
      await noScriptRan(watched);
    }
    expect(watched.console.filter((line) => line.includes('ignored an #appwrite-emulator-oauth2 marker'))).toHaveLength(2);

    // A genuine hand-off's marker works once; opened again (a replayed link) it is ignored like a forged one.
    const marked: string[] = [];
    page.on('framenavigated', (frame) => frame === page.mainFrame() && frame.url().includes(MARKER) && marked.push(frame.url()));
    await page.getByRole('button', { name: 'Sign in with GitHub' }).click();
    await consent(page).waitFor();
    expect(marked).toHaveLength(1);
    expect(marked[0]).toMatch(new RegExp(`#${MARKER}=[0-9a-f]{32}:`));
    await consent(page).getByRole('button', { name: 'Deny access' }).click();
    await expect.poll(() => page.locator('.flashes [role=alert]').count()).toBe(1);
    await page.goto('about:blank');
    await openDemo(page, marked[0]!);
    expect(await heading(page)).toBe('Sign in');
    expect(await consent(page).count()).toBe(0);
    expect(page.url()).not.toContain(MARKER);
    await screenshot(page, 'navigation-safety-forged-marker');
    await noScriptRan(watched);
  });

  it('a genuine hand-off with javascript: success/failure URLs (Appwrite 1.4 accepts them): Approve, Deny and Escape show the URL, follow nothing, run nothing', async () => {
    const watched = await newPage('1.4');
    const { page } = watched;
    const success = payload('success');
    const failure = payload('failure');
    await openDemo(page, demo.url);

    // Approve: the sign-in goes through (as on Appwrite, whose redirect response sets the session cookie), but the
    // page stays where it is and shows the success URL.
    await createOAuth2Session(page, success, failure);
    await consent(page).waitFor();
    await consent(page).getByLabel('E-mail').fill(uniqueEmail('js.success'));
    await consent(page).getByLabel('Name').fill('Script Kiddie');
    await consent(page).getByRole('button', { name: 'Continue with this account' }).click();
    // Shown as the browser's URL parser writes it (the flow resolves each redirect): Chromium encodes `|` there.
    const parsed = (url: string) => page.evaluate((u) => new URL(u).href, url);
    const [successHref, failureHref] = [await parsed(success), await parsed(failure)];
    await expectRefused(page, (shown) => expect(shown).toBe(successHref));
    expect(page.url()).toBe(demo.url);
    expect(await refusal(page).textContent()).toContain('OAuth2 success or failure URL');
    await screenshot(page, 'navigation-safety-oauth2-success-refused');
    await noScriptRan(watched);
    expect(await page.evaluate(() => localStorage.getItem('cookieFallback'))).toContain('a_session_demo');
    await refusal(page).getByRole('link', { name: 'Back to the app' }).click();
    await expect.poll(() => heading(page)).toBe('Your account');
    await page.getByTestId('sign-out').click();
    await expect.poll(() => heading(page)).toBe('Sign in');

    // Deny: the failure URL, with Appwrite's error param merged in, is refused the same way.
    await createOAuth2Session(page, success, failure);
    await consent(page).getByRole('button', { name: 'Deny access' }).click();
    await expectRefused(page, (shown) => {
      expect(shown.startsWith(`${failureHref}?error=`)).toBe(true);
      expect(shown).toContain('user_oauth2_provider_error');
    });
    expect(page.url()).toBe(demo.url);
    await screenshot(page, 'navigation-safety-oauth2-failure-refused');
    await noScriptRan(watched);
    await refusal(page).getByRole('link', { name: 'Back to the app' }).click();
    await expect.poll(() => heading(page)).toBe('Sign in');

    // Escape denies too.
    await createOAuth2Session(page, success, failure);
    await consent(page).waitFor();
    await page.keyboard.press('Escape');
    await expectRefused(page, (shown) => expect(shown.startsWith(`${failureHref}?error=`)).toBe(true));
    expect(page.url()).toBe(demo.url);
    await noScriptRan(watched);
  });

  it('1.9.6 (the demo as shipped, for navigations): javascript: is refused by the server; appwrite-callback-demo: is accepted and refused by the page', async () => {
    const watched = await newPage();
    const { page } = watched;
    await openDemo(page, demo.url);
    await createOAuth2Session(page, payload('success'), payload('failure'));
    const error = page.locator('appwrite-emulator-oauth2-error [role=alertdialog]');
    await error.waitFor();
    const body = JSON.parse((await error.locator('pre').textContent())!) as { type: string; code: number; message: string };
    expect([body.type, body.code]).toEqual(['general_argument_invalid', 400]);
    expect(body.message).toContain('success');
    expect(await consent(page).count()).toBe(0);
    await noScriptRan(watched);

    // A mobile app's callback scheme passes 1.9.6's Redirect validator; in a page it is still not a web URL.
    await openDemo(page, demo.url);
    const callback = 'appwrite-callback-demo://localhost/auth/done';
    await createOAuth2Session(page, callback, `${demo.url}?oauth=failed`);
    await consent(page).getByLabel('E-mail').fill(uniqueEmail('callback'));
    await consent(page).getByRole('button', { name: 'Continue with this account' }).click();
    await expectRefused(page, (shown) => expect(shown.startsWith(callback)).toBe(true));
    expect(page.url()).toBe(demo.url);
    await noScriptRan(watched);
  });

  it('1.9.6: a success URL PHP reads as the demo\'s host but the browser as another (`https://evil.example\\@host/`) is not followed', async () => {
    const watched = await newPage();
    const { page } = watched;
    await openDemo(page, demo.url);
    // Redirect.php reads the host with parse_url(): everything up to the last `@` is user info, so the host is the
    // demo's and the server accepts it. A browser treats `\` as `/`, and would go to evil.example.
    const success = `https://evil.example\\@${new URL(demo.url).host}/landing`;
    await createOAuth2Session(page, success, `${demo.url}?oauth=failed`);
    await consent(page).getByLabel('E-mail').fill(uniqueEmail('offhost'));
    await consent(page).getByRole('button', { name: 'Continue with this account' }).click();
    // Shown as the browser reads it, where it would have gone.
    await expectRefused(page, (shown) => expect(shown).toBe(`https://evil.example/@${new URL(demo.url).host}/landing`), OFF_HOST);
    expect(page.url()).toBe(demo.url);
    await noScriptRan(watched);
  });

  it('the inbox: a magic-URL e-mail whose url is javascript: neither runs from the sandboxed e-mail nor from "Open link"', async () => {
    const watched = await newPage();
    const { page, context } = watched;
    await openDemo(page, demo.url);
    const url = payload('magic');
    await withSdk(page);
    await page.evaluate(([endpoint, email, link]) => {
      const { Account, Client, ID } = (window as unknown as { Appwrite: typeof import('appwrite-13') }).Appwrite;
      return new Account(new Client().setEndpoint(`${endpoint}v1`).setProject('demo')).createMagicURLSession(ID.unique(), email, link);
    }, [demo.url, uniqueEmail('js.magic'), url] as const);
    const link = await page.evaluate(async () => (await window.__appwriteEmulator!.inbox.latest({ kind: 'magic-url' }))!.url!);
    expect(link.startsWith(`${url}?userId=`)).toBe(true);

    await openInbox(page);
    const mail = newestMessage(page);
    await mail.locator('iframe').waitFor();
    // The e-mail's HTML: sandbox="" (no scripts, no same-origin, no popups, no top navigation); its link is inert.
    expect(await mail.locator('iframe').getAttribute('sandbox')).toBe('');
    await page.frameLocator('appwrite-emulator-inbox iframe').getByRole('link').click();
    await noScriptRan(watched);
    expect(context.pages()).toHaveLength(1);
    expect(page.url()).toBe(`${demo.url}#/sign-in`);

    await mail.getByRole('button', { name: 'Open link' }).click();
    await expectRefused(page, (shown) => expect(shown).toBe(link));
    expect(await refusal(page).textContent()).toContain('It is the link in this e-mail.');
    await screenshot(page, 'navigation-safety-inbox-refused');
    await noScriptRan(watched);
    expect(page.url()).toBe(`${demo.url}#/sign-in`);
    await refusal(page).getByRole('button', { name: 'Close' }).click();
    expect(await refusal(page).count()).toBe(0);
    expect(await heading(page)).toBe('Sign in');
    await noScriptRan(watched);
  });
});
