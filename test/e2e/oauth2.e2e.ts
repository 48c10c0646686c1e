// OAuth2 sign-in in real Chromium: the SDK's navigation, the service worker's hand-back, the emulated provider's
// consent overlay (resumeOAuth2) and the landing on the app's success or failure URL, signed in through the SDK.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowserApp } from './harness.js';

const app = useBrowserApp('test/e2e/fixtures/oauth2');

const consent = (page: Page) => page.locator('appwrite-emulator-oauth2-consent [role=dialog]');
const text = (page: Page, id: string) => page.locator(`#${id}`).textContent();

async function open(page: Page): Promise<void> {
  await page.goto(app.url);
  await page.waitForSelector('html[data-ready=true]');
}

async function startGitHub(page: Page): Promise<void> {
  await page.click('#github');
  await consent(page).waitFor();
}

async function landed(page: Page, done: 'ok' | 'failed'): Promise<void> {
  await page.waitForURL(`${app.url}?done=${done}*`);
  await page.waitForSelector('html[data-ready=true]');
}

describe('createOAuth2Session in the browser', () => {
  it('shows the emulated provider\'s consent overlay, then lands signed in on the success URL', async () => {
    const page = await app.newPage();
    await open(page);
    await startGitHub(page);
    expect(page.url()).toBe(app.url); // the marker is gone from the address bar
    const dialog = consent(page);
    expect(await dialog.locator('h1').textContent()).toBe('Sign in with GitHub — emulated provider');
    expect(await dialog.textContent()).toContain('it is not GitHub');
    expect(await dialog.locator('.scopes').textContent()).toContain('read:user');
    await app.screenshot(page, 'oauth2-consent-light');

    await dialog.getByLabel('E-mail').fill('octo@example.com');
    await dialog.getByLabel('Name').fill('Octo Cat');
    await dialog.getByRole('button', { name: 'Continue with this account' }).click();
    await landed(page, 'ok');
    expect(await text(page, 'status')).toBe('signed in');
    expect([await text(page, 'email'), await text(page, 'name'), await text(page, 'provider')]).toEqual(['octo@example.com', 'Octo Cat', 'github']);
    expect(await page.evaluate(() => Object.keys(JSON.parse(localStorage.getItem('cookieFallback') ?? '{}')))).toEqual(['a_session_e2e-oauth2']);
    // The session records the browser's user agent, as a real navigation would send it.
    expect(await text(page, 'client')).toMatch(/^Chrome.* on Linux$/);
    expect(await page.locator('appwrite-emulator-oauth2-consent').count()).toBe(0);
  });

  it('returns to the failure URL with Appwrite\'s error param when consent is denied', async () => {
    const page = await app.newPage();
    await open(page);
    await startGitHub(page);
    await consent(page).getByRole('button', { name: 'Deny access' }).click();
    await landed(page, 'failed');
    expect(JSON.parse((await text(page, 'error'))!)).toEqual({
      message: 'The GitHub OAuth2 provider returned an error: access_denied: The user has denied your application access.',
      type: 'user_oauth2_provider_error', code: 424,
    });
    expect(await text(page, 'status')).toBe('signed out');
  });

  it('converts the anonymous user: same user id, e-mail and name filled', async () => {
    const page = await app.newPage();
    await open(page);
    await page.click('#guest');
    await expect.poll(() => text(page, 'status')).toBe('signed in');
    const anonymousId = await text(page, 'user-id');
    expect(await text(page, 'provider')).toBe('anonymous');

    await startGitHub(page);
    await consent(page).getByLabel('E-mail').fill('guest@example.com');
    await consent(page).getByLabel('Name').fill('Former Guest');
    await consent(page).getByRole('button', { name: 'Continue with this account' }).click();
    await landed(page, 'ok');
    expect([await text(page, 'user-id'), await text(page, 'email'), await text(page, 'name'), await text(page, 'provider')])
      .toEqual([anonymousId, 'guest@example.com', 'Former Guest', 'github']);
  });

  it('lists the provider accounts it knows, picked with the keyboard; Escape denies', async () => {
    const page = await app.newPage({ colorScheme: 'dark' });
    await open(page);
    await startGitHub(page);
    await consent(page).getByLabel('E-mail').fill('octo@example.com');
    await page.keyboard.press('Enter');
    await landed(page, 'ok');
    const userId = await text(page, 'user-id');
    await page.click('#sign-out');
    await expect.poll(() => text(page, 'status')).toBe('signed out');

    await startGitHub(page);
    const account = consent(page).locator('button.account');
    expect(await account.count()).toBe(1);
    expect(await account.textContent()).toMatch(/^octo@example\.com\s*id \d+$/);
    await app.screenshot(page, 'oauth2-consent-dark');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('APPWRITE-EMULATOR-OAUTH2-CONSENT');
    await page.keyboard.press('Enter'); // the first account has the focus
    await landed(page, 'ok');
    expect(await text(page, 'user-id')).toBe(userId);

    await page.click('#sign-out');
    await startGitHub(page);
    await page.keyboard.press('Escape');
    await landed(page, 'failed');
    expect(JSON.parse((await text(page, 'error'))!).type).toBe('user_oauth2_provider_error');
  });

  // OAuth2 navigations carry no format header, so the start route answers as Appwrite 1.9.6 (README, SDK compatibility).
  it('shows the start route\'s error as the page, without booting the app', async () => {
    const page = await app.newPage();
    await open(page);
    await page.click('#bad-success');
    const error = page.locator('appwrite-emulator-oauth2-error [role=alertdialog]');
    await error.waitFor();
    expect(JSON.parse((await error.locator('pre').textContent())!)).toEqual({
      message: 'Invalid `success` param: Invalid URI. Register your new client (evil.example) as a new Web platform on your project console dashboard',
      code: 400, version: '1.9.6', type: 'general_argument_invalid',
    });
    expect(await text(page, 'status')).toBe('booting');
    await app.screenshot(page, 'oauth2-error');
  });
});
