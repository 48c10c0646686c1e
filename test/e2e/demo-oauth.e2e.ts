// OAuth2 in the demo: its "Sign in with GitHub" / "Connect GitHub" buttons call createOAuth2Session, the emulator's
// consent overlay plays the provider, and the demo lands on its success URL (or ?oauth=failed&error=…).
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { heading, openDemo, uniqueEmail } from './demo-helpers.js';
import { useBrowserApp } from './harness.js';

const app = useBrowserApp('demo');

const consent = (page: Page) => page.locator('appwrite-emulator-oauth2-consent [role=dialog]');

async function approveAsNewAccount(page: Page, email: string, name: string): Promise<void> {
  const dialog = consent(page);
  await dialog.waitFor();
  await dialog.getByLabel('E-mail').fill(email);
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByRole('button', { name: 'Continue with this account' }).click();
}

async function nav(page: Page, section: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Account sections' }).getByRole('link', { name: section }).click();
  await expect.poll(() => heading(page)).toBe(section);
}

describe('demo: createOAuth2Session', () => {
  it('signs in with GitHub through the consent overlay and lists the GitHub identity', async () => {
    const page = await app.newPage();
    await openDemo(page, app.url);
    await page.getByRole('button', { name: 'Sign in with GitHub' }).click();
    await consent(page).waitFor();
    expect(await consent(page).locator('h1').textContent()).toBe('Sign in with GitHub — emulated provider');
    await app.screenshot(page, 'demo-oauth-consent');

    const email = uniqueEmail('octo');
    await approveAsNewAccount(page, email, 'Octo Cat');
    await expect.poll(() => heading(page)).toBe('Your account');
    expect(new URL(page.url()).origin + new URL(page.url()).pathname).toBe(app.url);
    expect(await page.getByTestId('account-name').textContent()).toBe('Octo Cat');
    expect(await page.getByTestId('account-email').textContent()).toBe(email);

    await nav(page, 'Identities');
    const identity = page.getByTestId('identities').locator('li');
    await expect.poll(() => identity.count()).toBe(1);
    expect(await identity.locator('.session-title').textContent()).toBe('GitHub');
    expect(await identity.textContent()).toContain(email);
    await app.screenshot(page, 'demo-identities');

    await nav(page, 'Sessions');
    await expect.poll(() => page.locator('li.session-current').textContent()).toContain('GitHub');
  });

  it('shows the provider\'s error on the sign-in page when consent is denied', async () => {
    const page = await app.newPage();
    await openDemo(page, app.url);
    await page.getByRole('button', { name: 'Sign in with Google' }).click();
    await consent(page).getByRole('button', { name: 'Deny access' }).click();
    await expect.poll(() => heading(page)).toBe('Sign in');
    const alert = page.locator('.flashes [role=alert]');
    expect(await alert.locator('.alert-message').textContent()).toBe('The Google OAuth2 provider returned an error: access_denied: The user has denied your application access.');
    expect(await alert.locator('.alert-type').textContent()).toBe('user_oauth2_provider_error · HTTP 424');
    expect(new URL(page.url()).search).toBe('');
    await app.screenshot(page, 'demo-oauth-denied');
  });

  it('keeps a guest account by connecting GitHub (same user id), and removes the identity again', async () => {
    const page = await app.newPage();
    await openDemo(page, app.url);
    await page.getByRole('button', { name: 'Continue as guest' }).click();
    await expect.poll(() => heading(page)).toBe('Your account');
    const guestId = await page.getByTestId('account-id').textContent();

    await nav(page, 'Identities');
    await expect.poll(() => page.getByText('No identities linked yet.').count()).toBe(1);
    await page.getByRole('button', { name: 'Connect GitHub' }).click();
    const email = uniqueEmail('former.guest');
    await approveAsNewAccount(page, email, 'Former Guest');
    await expect.poll(() => heading(page)).toBe('Your account');
    expect(await page.getByTestId('account-id').textContent()).toBe(guestId);
    expect(await page.getByTestId('account-email').textContent()).toBe(email);
    expect(await page.getByTestId('account-name').textContent()).toBe('Former Guest');

    await nav(page, 'Identities');
    await page.getByRole('button', { name: 'Remove GitHub identity' }).click();
    await page.getByRole('dialog', { name: 'Remove GitHub?' }).getByRole('button', { name: 'Remove identity' }).click();
    await expect.poll(() => page.getByText('No identities linked yet.').count()).toBe(1);
    expect(await page.locator('main .feedback [role=status]').textContent()).toBe('GitHub identity removed.');
  });
});
