import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { heading, newestMessage, openDemo, openInbox, signIn, signOut, signUp, uniqueEmail } from './demo-helpers.js';
import { useBrowserApp } from './harness.js';

const app = useBrowserApp('demo');

const panel = (page: Page) => page.locator('appwrite-emulator-inbox');

async function nav(page: Page, section: string, title: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Account sections' }).getByRole('link', { name: section }).click();
  await expect.poll(() => heading(page)).toBe(title);
}

/** Opens the console's Authenticator tab (loaded when first chosen). */
async function openAuthenticator(page: Page): Promise<void> {
  await openInbox(page);
  const tab = panel(page).getByRole('tab', { name: 'Authenticator' });
  if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
  await panel(page).locator('[data-code]').first().waitFor();
}

/** Closes the console: docked to a side, it covers the part of the page away from the focused field's form. */
async function closeConsole(page: Page): Promise<void> {
  const badge = page.locator('appwrite-emulator-inbox button.badge');
  if ((await badge.getAttribute('aria-expanded')) === 'true') await badge.click();
}

/**
 * The code the panel shows for `email`. Codes change every 30 s on the real clock: with 3 s or less left, wait
 * for the next one, so the code is still current when the app sends it.
 */
async function panelCode(page: Page, email: string): Promise<string> {
  const row = panel(page).locator('li', { hasText: email });
  const left = Number.parseInt((await row.locator('[data-left]').textContent()) ?? '30', 10);
  if (left <= 3) {
    const old = await row.locator('[data-code]').textContent();
    await expect.poll(() => row.locator('[data-code]').textContent(), { timeout: 6000 }).not.toBe(old);
  }
  // The view ticks once a second: after clock.advance() it shows the new code within a tick. Wait until it shows
  // the code the emulator computes now (the test API), so the one read is current.
  const current = () => page.evaluate((e) => (window as unknown as { __appwriteEmulator: { mfa: { totpCode(u: string): Promise<string> } } })
    .__appwriteEmulator.mfa.totpCode(e), email);
  await expect.poll(async () => (await row.locator('[data-code]').textContent()) === (await current())).toBe(true);
  const code = (await row.locator('[data-code]').textContent()) ?? '';
  expect(code).toMatch(/^\d{6}$/);
  return code;
}

describe('demo: two-step verification (MFA through appwrite@28)', () => {
  it('adds an authenticator with the code from the panel\'s Authenticator view, then signs in with password + TOTP', async () => {
    const page = await app.newPage();
    await openDemo(page, app.url);
    const email = uniqueEmail('totp');
    await signUp(page, { name: 'Tess Totp', email });
    await nav(page, 'Two-step verification', 'Two-step verification');
    expect(await page.getByTestId('mfa-status').textContent()).toBe('Two-step verification is off');

    await page.getByTestId('add-authenticator').click();
    await expect.poll(async () => (await page.getByTestId('totp-secret').textContent())?.length).toBe(103);
    expect(await page.getByTestId('totp-qr').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    expect(await page.getByTestId('totp-uri').textContent()).toMatch(/^otpauth:\/\/totp\/Emulator%20Demo%3A.+\?issuer=Emulator%20Demo&secret=[A-Z2-7]{103}$/);
    await openAuthenticator(page);
    const row = panel(page).locator('li', { hasText: email });
    expect(await row.locator('.meta').textContent()).toContain('TOTP · pending verification');
    expect(await row.locator('.to').textContent()).toContain('Issuer: Emulator Demo');
    const form = page.getByRole('form', { name: 'Verify the authenticator' });
    await form.getByLabel('Code from your authenticator app').fill(await panelCode(page, email));
    await form.getByRole('button', { name: 'Verify' }).click();
    await expect.poll(() => page.locator('.flashes').textContent()).toContain('Authenticator added.');
    await expect.poll(() => row.locator('.meta').textContent()).toContain('TOTP · verified');
    await closeConsole(page);

    await page.getByTestId('toggle-mfa').click();
    await expect.poll(() => page.getByTestId('mfa-status').textContent()).toBe('Two-step verification is on');

    await signOut(page);
    await signIn(page, email);
    await expect.poll(() => heading(page)).toBe('Two-step verification');
    await page.getByTestId('factor-totp').click();
    const challenge = page.getByRole('form', { name: 'Enter the code' });
    await challenge.getByLabel('Code from your authenticator app').fill(await panelCode(page, email));
    await challenge.getByRole('button', { name: 'Verify' }).click();
    await expect.poll(() => heading(page)).toBe('Your account');
    expect(await page.getByTestId('user-chip').textContent()).toBe('Tess Totp');
    await app.screenshot(page, 'demo-mfa-totp');
  });

  it('completes an e-mail challenge with the code from the inbox panel', async () => {
    const page = await app.newPage();
    await openDemo(page, app.url);
    const email = uniqueEmail('mail');
    await signUp(page, { name: 'Mia Mail', email });
    // Verify the e-mail first: a verified e-mail is a factor.
    await page.getByTestId('send-verification').click();
    await openInbox(page);
    await expect.poll(() => newestMessage(page).locator('h3').textContent()).toBe('Account Verification for Emulator Demo');
    await newestMessage(page).getByRole('button', { name: 'Open link' }).click();
    await expect.poll(() => page.locator('.flashes').textContent()).toBe('Your e-mail address is verified.');
    await nav(page, 'Two-step verification', 'Two-step verification');
    await page.getByTestId('toggle-mfa').click();
    await expect.poll(() => page.getByTestId('mfa-status').textContent()).toBe('Two-step verification is on');

    await signOut(page);
    await signIn(page, email);
    await expect.poll(() => heading(page)).toBe('Two-step verification');
    await page.getByTestId('factor-email').click();
    await openInbox(page);
    await expect.poll(() => newestMessage(page).locator('h3').textContent()).toBe('Verification Code for Emulator Demo');
    expect(await newestMessage(page).locator('.meta').textContent()).toContain('Two-step verification');
    const text = (await newestMessage(page).locator('details .text').textContent()) ?? '';
    const code = /\b(\d{6})\b/.exec(text)?.[1] ?? '';
    expect(code).toMatch(/^\d{6}$/);
    await page.locator('appwrite-emulator-inbox button.badge').click(); // close the panel again
    const challenge = page.getByRole('form', { name: 'Enter the code' });
    await challenge.getByLabel('Code from the e-mail').fill(code);
    await challenge.getByRole('button', { name: 'Verify' }).click();
    await expect.poll(() => heading(page)).toBe('Your account');
    expect(await page.getByTestId('user-chip').textContent()).toBe('Mia Mail');
  });

  it('shows recovery codes once, signs in with one, and regenerates them after confirming with the authenticator', async () => {
    const page = await app.newPage();
    await openDemo(page, app.url);
    const email = uniqueEmail('codes');
    await signUp(page, { name: 'Rita Recovery', email });
    await nav(page, 'Two-step verification', 'Two-step verification');
    await page.getByTestId('add-authenticator').click();
    await openAuthenticator(page);
    const verifyForm = page.getByRole('form', { name: 'Verify the authenticator' });
    await verifyForm.getByLabel('Code from your authenticator app').fill(await panelCode(page, email));
    await verifyForm.getByRole('button', { name: 'Verify' }).click();
    await expect.poll(() => page.locator('.flashes').textContent()).toContain('Authenticator added.');
    await closeConsole(page);
    await page.getByTestId('create-recovery-codes').click();
    const codes = await (async () => {
      await page.getByTestId('recovery-codes').waitFor();
      return page.getByTestId('recovery-codes').locator('li').allTextContents();
    })();
    expect(codes).toHaveLength(6);
    for (const code of codes) expect(code).toMatch(/^[0-9a-f]{10}$/);
    await page.getByTestId('toggle-mfa').click();
    await expect.poll(() => page.getByTestId('mfa-status').textContent()).toBe('Two-step verification is on');

    await signOut(page);
    await signIn(page, email);
    await expect.poll(() => heading(page)).toBe('Two-step verification');
    await page.getByTestId('factor-recoveryCode').click();
    const challenge = page.getByRole('form', { name: 'Enter the code' });
    await challenge.getByLabel('Recovery code').fill(codes[0]!);
    await challenge.getByRole('button', { name: 'Verify' }).click();
    await expect.poll(() => heading(page)).toBe('Your account');

    // 31 minutes on (the emulator's clock), the challenge is no longer recent: regenerating asks for a code first.
    await page.evaluate(() => (window as unknown as { __appwriteEmulator: { clock: { advance(ms: number): void } } }).__appwriteEmulator.clock.advance(31 * 60_000));
    await nav(page, 'Two-step verification', 'Two-step verification');
    await page.getByTestId('regenerate-recovery-codes').click();
    const confirm = page.getByRole('form', { name: 'Confirm it is you' });
    await confirm.waitFor();
    await openAuthenticator(page);
    await confirm.getByLabel('Code from your authenticator app').fill(await panelCode(page, email));
    await confirm.getByRole('button', { name: 'Confirm' }).click();
    await page.getByTestId('recovery-codes').waitFor();
    const renewed = await page.getByTestId('recovery-codes').locator('li').allTextContents();
    expect(renewed).toHaveLength(6);
    expect(renewed).not.toEqual(codes);
    expect(await page.evaluate(async (e) => (window as unknown as { __appwriteEmulator: { mfa: { recoveryCodes(u: string): Promise<string[]> } } })
      .__appwriteEmulator.mfa.recoveryCodes(e), email)).toEqual(renewed);
  });
});
