import { describe, expect, it } from 'vitest';
import { heading, openDemo, PASSWORD, signIn, signOut, signUp, uniqueEmail } from './demo-helpers.js';
import { useBrowserApp } from './harness.js';

const app = useBrowserApp('demo');

describe('demo: sign up and sign in with e-mail and password', () => {
  it('signs up, lands on the account page, and signs in again after signing out', async () => {
    const page = await app.newPage();
    await openDemo(page, app.url);
    expect(await heading(page)).toBe('Sign in');
    await app.screenshot(page, 'demo-sign-in');

    const email = uniqueEmail('ada');
    await signUp(page, { name: 'Ada Lovelace', email });
    expect(await page.getByTestId('account-name').textContent()).toBe('Ada Lovelace');
    expect(await page.getByTestId('account-email').textContent()).toBe(email);
    await app.screenshot(page, 'demo-account');

    await signOut(page);
    await signIn(page, email);
    await expect.poll(() => heading(page)).toBe('Your account');
    expect(await page.getByTestId('account-email').textContent()).toBe(email);
  });
});
