import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { heading, newestMessage, openDemo, openInbox, PASSWORD, signIn, signUp, uniqueEmail, uniquePhone } from './demo-helpers.js';
import { RESULTS_DIR, useBrowserApp } from './harness.js';

const app = useBrowserApp('demo');

async function newUser(page: Page, name = 'Ada Lovelace'): Promise<string> {
  await openDemo(page, app.url);
  const email = uniqueEmail(name.split(' ')[0]!.toLowerCase());
  await signUp(page, { name, email });
  return email;
}

async function nav(page: Page, section: string, title: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Account sections' }).getByRole('link', { name: section }).click();
  await expect.poll(() => heading(page)).toBe(title);
}

describe('demo: persistence (IndexedDB + the SDK session in localStorage)', () => {
  it('keeps the session, the name and the prefs across a reload', async () => {
    const page = await app.newPage();
    await newUser(page);
    const nameForm = page.getByRole('form', { name: 'Change your name' });
    await nameForm.getByLabel('Name').fill('Augusta Ada King');
    await nameForm.getByRole('button', { name: 'Save name' }).click();
    await expect.poll(() => page.getByTestId('account-name').textContent()).toBe('Augusta Ada King');

    const prefs = page.getByRole('form', { name: 'Edit preferences' });
    await prefs.getByLabel('Preferences (JSON object)').fill('{"theme": "dark", "newsletter": false');
    await prefs.getByRole('button', { name: 'Save preferences' }).click();
    await prefs.getByRole('alert').waitFor();
    expect(await prefs.locator('.alert-message').textContent()).toMatch(/^That is not valid JSON: /);
    await prefs.getByLabel('Preferences (JSON object)').fill('{"theme": "dark", "newsletter": false}');
    await prefs.getByRole('button', { name: 'Save preferences' }).click();
    await expect.poll(() => prefs.getByRole('status').textContent()).toBe('Preferences saved.');

    await page.reload();
    await expect.poll(() => heading(page)).toBe('Your account');
    expect(await page.getByTestId('account-name').textContent()).toBe('Augusta Ada King');
    expect(JSON.parse(await page.getByLabel('Preferences (JSON object)').inputValue())).toEqual({ theme: 'dark', newsletter: false });
    expect(await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))).toContain('appwrite-emulator-demo');
  });
});

describe('demo: two tabs of one browser', () => {
  it('share the account: a rename in tab A shows in tab B after a reload, and signing out in A signs B out', async () => {
    const a = await app.newPage();
    await newUser(a, 'Tab Tester');
    const b = await a.context().newPage();
    await openDemo(b, app.url);
    expect(await heading(b)).toBe('Your account');
    expect(await b.getByTestId('account-name').textContent()).toBe('Tab Tester');

    const nameForm = a.getByRole('form', { name: 'Change your name' });
    await nameForm.getByLabel('Name').fill('Renamed in A');
    await nameForm.getByRole('button', { name: 'Save name' }).click();
    await expect.poll(() => a.getByTestId('account-name').textContent()).toBe('Renamed in A');
    await b.reload();
    await expect.poll(() => b.getByTestId('account-name').textContent()).toBe('Renamed in A');

    // The SDK's session lives in localStorage: B hears A's sign-out through the storage event.
    await a.getByTestId('sign-out').click();
    await expect.poll(() => heading(a)).toBe('Sign in');
    await expect.poll(() => heading(b)).toBe('Sign in');
  });
});

describe('demo: sessions (listSessions, deleteSession, deleteSessions)', () => {
  it('lists sessions with device details, revokes another one, then signs out everywhere', async () => {
    const page = await app.newPage();
    const email = await newUser(page);
    // A second device: a sign-in the page's own SDK does not see (it would replace this tab's session).
    await page.evaluate(async ({ email, password }) => {
      const response = await window.__appwriteEmulator!.handle(new Request(`${location.origin}/v1/account/sessions/email`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Appwrite-Project': 'demo', 'X-Forwarded-For': '203.0.113.7' },
        body: JSON.stringify({ email, password }),
      }));
      if (response.status !== 201) throw new Error(`second sign-in failed: ${response.status}`);
    }, { email, password: PASSWORD });

    await nav(page, 'Sessions', 'Sessions');
    const sessions = page.getByTestId('sessions').locator('li');
    await expect.poll(() => sessions.count()).toBe(2);
    const current = page.locator('li.session-current');
    // The browser's own user agent, parsed (the worker's requests carry none; startEmulator records navigator's).
    expect(await current.locator('.session-title').textContent()).toMatch(/^Chrom(e|ium)( Headless)? [\d.]+ on Linux.* this device$/);
    expect(await current.textContent()).toContain('E-mail and password');
    expect(await current.textContent()).toContain('127.0.0.1');
    const other = page.locator('li.session:not(.session-current)');
    expect(await other.textContent()).toContain('203.0.113.7');
    await app.screenshot(page, 'demo-sessions');

    await other.getByRole('button', { name: /^Revoke session / }).click();
    await expect.poll(() => sessions.count()).toBe(1);
    await page.getByTestId('revoke-all').click();
    await expect.poll(() => heading(page)).toBe('Sign in');
    expect(await page.locator('.flashes').textContent()).toBe('You were signed out of every device.');
    expect(await page.evaluate(() => localStorage.getItem('cookieFallback'))).toBe('[]');
  });
});

describe('demo: no Activity screen (SDK 28 has no listLogs)', () => {
  it('offers Account, Two-step verification, Sessions, Identities and JWT, and sends #/logs to the account page', async () => {
    const page = await app.newPage();
    await newUser(page);
    const nav = page.getByRole('navigation', { name: 'Account sections' }).getByRole('link');
    expect(await nav.allTextContents()).toEqual(['Account', 'Two-step verification', 'Sessions', 'Identities', 'JWT']);
    await page.evaluate(() => (location.hash = '#/logs'));
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/account');
    expect(await heading(page)).toBe('Your account');
  });
});

describe('demo: JWT (createJWT)', () => {
  it('creates a JWT and shows its decoded payload: this user and this session', async () => {
    const page = await app.newPage();
    await newUser(page);
    const userId = await page.getByTestId('account-id').textContent();
    await nav(page, 'JWT', 'JWT');
    await page.getByTestId('create-jwt').click();
    const payload = JSON.parse((await page.getByTestId('jwt-payload').textContent()) ?? '');
    const session = await page.evaluate(() => JSON.parse(localStorage.getItem('cookieFallback') ?? '{}'));
    expect(payload.userId).toBe(userId);
    expect(typeof payload.sessionId).toBe('string');
    expect(Object.keys(payload).sort()).toEqual(['exp', 'sessionId', 'userId']);
    expect((await page.getByTestId('jwt').inputValue()).split('.')).toHaveLength(3);
    expect(session).toHaveProperty('a_session_demo');
    await app.screenshot(page, 'demo-jwt');
  });
});

describe('demo: verification (createEmailVerification, updateEmailVerification, createPhoneVerification, updatePhoneVerification)', () => {
  it('verifies the e-mail through the link in the inbox, and the phone through the SMS code', async () => {
    const page = await app.newPage();
    const email = await newUser(page);
    await page.getByTestId('send-verification').click();
    await openInbox(page);
    await expect.poll(() => newestMessage(page).locator('h3').textContent()).toBe('Account Verification for Emulator Demo');
    expect(await newestMessage(page).locator('.to').textContent()).toBe(`To: ${email}`);
    await newestMessage(page).getByRole('button', { name: 'Open link' }).click();
    await expect.poll(() => page.locator('.flashes').textContent()).toBe('Your e-mail address is verified.');
    expect(await page.locator('.facts').textContent()).toContain(`${email} verified`);

    const phone = uniquePhone();
    const phoneForm = page.getByRole('form', { name: 'Change your phone number' });
    await phoneForm.getByLabel('Phone').fill(phone);
    await phoneForm.getByLabel('Current password').fill(PASSWORD);
    await phoneForm.getByRole('button', { name: 'Save phone' }).click();
    await expect.poll(() => page.locator('.facts').textContent()).toContain(`${phone} unverified`);
    await page.getByTestId('send-phone-code').click();
    await openInbox(page);
    await expect.poll(() => newestMessage(page).locator('.to').textContent()).toBe(`To: ${phone}`);
    const code = (await newestMessage(page).locator('.sms').textContent())?.trim() ?? '';
    await page.locator('appwrite-emulator-inbox button.badge').click(); // close the panel again
    const codeForm = page.getByRole('form', { name: 'Confirm your phone number' });
    await codeForm.getByLabel('Code from the SMS').fill(code);
    await codeForm.getByRole('button', { name: 'Verify' }).click();
    await expect.poll(() => page.locator('.facts').textContent()).toContain(`${phone} verified`);
    expect(await page.locator('.verify-grid').textContent()).toContain(`${phone} is verified.`);
  });
});

describe('demo: block account (updateStatus)', () => {
  it('asks first; Cancel keeps the account, confirming blocks it and a later sign-in shows user_blocked', async () => {
    const page = await app.newPage();
    const email = await newUser(page);
    await page.getByTestId('block-account').click();
    const dialog = page.getByRole('dialog', { name: 'Block your account?' });
    await dialog.waitFor();
    // Viewport only: a full-page capture of a modal shows the scrolled page twice.
    await page.screenshot({ path: resolve(RESULTS_DIR, 'demo-block-dialog.png') });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await heading(page)).toBe('Your account');

    await page.getByTestId('block-account').click();
    await page.getByRole('dialog', { name: 'Block your account?' }).getByRole('button', { name: 'Block my account' }).click();
    await expect.poll(() => heading(page)).toBe('Sign in');
    expect(await page.locator('.flashes .alert-message').textContent()).toBe('Your account is blocked. You were signed out.');
    // The blocked screen points to the emulator console's Users tab (console.e2e.ts unblocks from there).
    expect(await page.getByTestId('open-console-users').textContent()).toBe('Unblock it in the emulator console (Users tab)');

    await signIn(page, email);
    await page.getByRole('alert').waitFor();
    // Appwrite 1.9.6's wording and status (SDK 28); 1.4 answered 401 and said how to unblock.
    expect(await page.locator('form .alert-message').textContent()).toBe('The current user has been blocked.');
    expect(await page.locator('form .alert-type').textContent()).toBe('user_blocked · HTTP 403');
  });
});

describe('demo: identities (listIdentities)', () => {
  it('shows that an e-mail account has no linked identity yet', async () => {
    const page = await app.newPage();
    await newUser(page);
    await nav(page, 'Identities', 'Identities');
    await expect.poll(() => page.getByText('No identities linked yet.').count()).toBe(1);
  });
});

describe('demo: small screens and dark mode', () => {
  it('renders the sign-in and account screens at phone width in dark mode', async () => {
    const page = await app.newPage({ viewport: { width: 390, height: 844 }, colorScheme: 'dark' });
    await openDemo(page, app.url);
    await app.screenshot(page, 'demo-mobile-dark-sign-in');
    await signUp(page, { name: 'Mobile Dark', email: uniqueEmail('mobile') });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
    await app.screenshot(page, 'demo-mobile-dark-account');
  });
});
