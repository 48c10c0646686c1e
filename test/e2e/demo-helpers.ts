/**
 * Helpers for the demo's end-to-end tests: they drive the demo (demo/) the way a person would, through its
 * labelled controls and the emulator's inbox panel.
 */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

export const PASSWORD = 'correct horse battery';

/** Opens `url` and waits until the demo has booted (the emulator started and the first screen rendered). */
export async function openDemo(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('#view-title').waitFor();
}

/** A unique e-mail per call, so tests never depend on each other's users. */
let counter = 0;
export const uniqueEmail = (name: string) => `${name}.${Date.now().toString(36)}${++counter}@example.com`;

export async function signUp(page: Page, user: { name: string; email: string; password?: string }): Promise<void> {
  await page.getByRole('link', { name: 'Create account' }).click();
  const form = page.getByRole('form', { name: 'Create an account' });
  await form.getByLabel('Name').fill(user.name);
  await form.getByLabel('E-mail').fill(user.email);
  await form.getByLabel('Password').fill(user.password ?? PASSWORD);
  await form.getByRole('button', { name: 'Create account' }).click();
  await expect.poll(() => heading(page)).toBe('Your account');
}

export async function signIn(page: Page, email: string, password = PASSWORD): Promise<void> {
  const form = page.getByRole('form', { name: 'Sign in with e-mail and password' });
  await form.getByLabel('E-mail').fill(email);
  await form.getByLabel('Password').fill(password);
  await form.getByRole('button', { name: 'Sign in' }).click();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByTestId('sign-out').click();
  await expect.poll(() => heading(page)).toBe('Sign in');
}

/** The current screen's title (every screen has one h1#view-title). */
export const heading = (page: Page) => page.locator('#view-title').textContent();

/** Opens the emulator's inbox panel (a badge in a shadow root; Playwright's CSS locators pierce open shadow roots). */
export async function openInbox(page: Page): Promise<void> {
  const badge = page.locator('appwrite-emulator-inbox button.badge');
  if ((await badge.getAttribute('aria-expanded')) !== 'true') await badge.click();
  await page.locator('appwrite-emulator-inbox .panel').waitFor();
}

/** The newest inbox message in the panel. */
export const newestMessage = (page: Page) => page.locator('appwrite-emulator-inbox li').first();

/** A unique E.164 number in the reserved 555 range. */
export const uniquePhone = () => `+1415555${String(Date.now() % 10_000).padStart(4, '0')}${++counter % 10}`;

/** Asks the demo's Phone screen for a sign-in code to a new number; returns the number and the code form. */
export async function requestPhoneCode(page: Page): Promise<{ phone: string; codeForm: Locator }> {
  await page.getByRole('link', { name: 'Phone' }).click();
  const phone = uniquePhone();
  await page.getByLabel('Phone number').fill(phone);
  await page.getByRole('button', { name: 'Send code' }).click();
  const codeForm = page.getByRole('form', { name: 'Enter the code' });
  await codeForm.waitFor();
  return { phone, codeForm };
}
