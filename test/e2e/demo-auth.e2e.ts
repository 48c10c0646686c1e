import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { heading, newestMessage, openDemo, openInbox, PASSWORD, requestPhoneCode, signIn, signOut, signUp, uniqueEmail } from './demo-helpers.js';
import { RESULTS_DIR, useBrowserApp } from './harness.js';

const app = useBrowserApp('demo');

describe('demo: e-mail and password (account.create, createEmailPasswordSession)', () => {
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

  it('shows the AppwriteException message, with its type in small print, for a wrong password and a taken e-mail', async () => {
    const page = await app.newPage();
    await openDemo(page, app.url);
    const email = uniqueEmail('grace');
    await signUp(page, { name: 'Grace', email });
    await signOut(page);

    await signIn(page, email, 'not the password');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.locator('.alert-message').textContent()).toBe('Invalid credentials. Please check the email and password.');
    expect(await alert.locator('.alert-type').textContent()).toBe('user_invalid_credentials · HTTP 401');
    await app.screenshot(page, 'demo-sign-in-error');

    await page.getByRole('link', { name: 'Create account' }).click();
    const form = page.getByRole('form', { name: 'Create an account' });
    await form.getByLabel('E-mail').fill(email);
    await form.getByLabel('Password').fill(PASSWORD);
    await form.getByRole('button', { name: 'Create account' }).click();
    await form.getByRole('alert').waitFor();
    expect(await form.locator('.alert-message').textContent()).toBe('A user with the same id, email, or phone already exists in this project.');
    expect(await form.locator('.alert-type').textContent()).toBe('user_already_exists · HTTP 409');
  });
});

describe('demo: magic URL (createMagicURLToken, then createSession on the landing page)', () => {
  it('sends the link to the inbox panel; "Open link" signs the new user in with a verified e-mail', async () => {
    const page = await app.newPage();
    await openDemo(page, app.url);
    await page.getByRole('link', { name: 'Magic link' }).click();
    const email = uniqueEmail('magic');
    const form = page.getByRole('form', { name: 'Send a magic link' });
    await form.getByLabel('E-mail').fill(email);
    await form.getByRole('button', { name: 'Send magic link' }).click();
    await form.getByRole('status').waitFor();
    expect(await form.getByRole('status').textContent()).toContain(`We sent a sign-in link to ${email}.`);

    await openInbox(page);
    const message = newestMessage(page);
    expect(await message.locator('h3').textContent()).toBe('Emulator Demo Login');
    expect(await message.locator('.to').textContent()).toBe(`To: ${email}`);
    await app.screenshot(page, 'demo-magic-link-inbox');
    await message.getByRole('button', { name: 'Open link' }).click();

    await expect.poll(() => heading(page)).toBe('Your account');
    expect(await page.getByTestId('account-email').textContent()).toBe(email);
    expect(await page.locator('.flashes').textContent()).toContain('Signed in with your magic link.');
    expect(await page.locator('.facts').textContent()).toContain(`${email} verified`);
    // The spent secret is gone from the address bar.
    expect(new URL(page.url()).search).toBe('');
  });

  it('shows user_invalid_token when the same link is opened twice', async () => {
    const page = await app.newPage();
    await openDemo(page, app.url);
    await page.getByRole('link', { name: 'Magic link' }).click();
    const form = page.getByRole('form', { name: 'Send a magic link' });
    await form.getByLabel('E-mail').fill(uniqueEmail('twice'));
    await form.getByRole('button', { name: 'Send magic link' }).click();
    await form.getByRole('status').waitFor();
    const link = await page.evaluate(async () => (await window.__appwriteEmulator!.inbox.latest({ kind: 'magic-url' }))!.url!);
    await openDemo(page, link);
    await expect.poll(() => heading(page)).toBe('Your account');
    await signOut(page);

    await openDemo(page, link);
    await expect.poll(() => heading(page)).toBe('Sign in with a magic link');
    expect(await page.locator('.flashes .alert-type').textContent()).toBe('user_invalid_token · HTTP 401');
  });
});

describe('demo: e-mail code (createEmailToken with phrase, createSession)', () => {
  it('mails a 6-digit code and the security phrase to the inbox panel; typing the code signs the new user in', async () => {
    const page = await app.newPage();
    await openDemo(page, app.url);
    await page.getByRole('link', { name: 'E-mail code' }).click();
    await expect.poll(() => heading(page)).toBe('Sign in with an e-mail code');
    const email = uniqueEmail('otp');
    await page.getByRole('form', { name: 'Send a sign-in code by e-mail' }).getByLabel('E-mail').fill(email);
    await page.getByRole('button', { name: 'Send code' }).click();
    const codeForm = page.getByRole('form', { name: 'Enter the code from the e-mail' });
    await codeForm.waitFor();
    const phrase = (await page.getByTestId('security-phrase').textContent()) ?? '';
    expect(phrase).toMatch(/^\S+ \S+$/);

    await openInbox(page);
    const mail = newestMessage(page);
    expect(await mail.locator('h3').textContent()).toBe('OTP for Emulator Demo Login');
    expect(await mail.locator('.to').textContent()).toBe(`To: ${email}`);
    // The mail's plain-text part (under "Plain text" in the panel) carries the code and the same phrase.
    const text = (await mail.locator('p.text').textContent()) ?? '';
    expect(text).toContain(phrase);
    const code = /\b(\d{6})\b/.exec(text)?.[1] ?? '';
    expect(code).toMatch(/^\d{6}$/);
    await mail.getByText('Plain text').click();
    await app.screenshot(page, 'demo-email-code-inbox');

    await codeForm.getByLabel('Code').fill(code);
    await codeForm.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => heading(page)).toBe('Your account');
    expect(await page.getByTestId('account-email').textContent()).toBe(email);
    expect(await page.locator('.flashes').textContent()).toContain('Signed in with the code from your e-mail.');
    expect(await page.locator('.facts').textContent()).toContain(`${email} verified`);
    await app.screenshot(page, 'demo-email-code-signed-in');
    // What SDK 28 printed while signing in (the report reads it; X-Appwrite-Warning lines would show here).
    await writeFile(resolve(RESULTS_DIR, 'demo-console.txt'), app.logs.join('\n'));
  });

  it('shows user_invalid_token for a wrong code and keeps the form', async () => {
    const page = await app.newPage();
    await openDemo(page, app.url);
    await page.getByRole('link', { name: 'E-mail code' }).click();
    await page.getByRole('form', { name: 'Send a sign-in code by e-mail' }).getByLabel('E-mail').fill(uniqueEmail('wrong'));
    await page.getByRole('button', { name: 'Send code' }).click();
    const codeForm = page.getByRole('form', { name: 'Enter the code from the e-mail' });
    await codeForm.waitFor();
    const real = await page.evaluate(async () => (await window.__appwriteEmulator!.inbox.latest({ kind: 'email-otp' }))!.secret);
    await codeForm.getByLabel('Code').fill(real === '000000' ? '111111' : '000000');
    await codeForm.getByRole('button', { name: 'Sign in' }).click();
    await codeForm.getByRole('alert').waitFor();
    expect(await codeForm.locator('.alert-type').textContent()).toBe('user_invalid_token · HTTP 401');
  });
});

describe('demo: phone (createPhoneToken, createSession)', () => {
  it('texts a code to the inbox panel; typing it signs the new user in with a verified phone', async () => {
    const page = await app.newPage();
    await openDemo(page, app.url);
    const { phone, codeForm } = await requestPhoneCode(page);

    await openInbox(page);
    const sms = newestMessage(page);
    expect(await sms.locator('.to').textContent()).toBe(`To: ${phone}`);
    const code = (await sms.locator('.sms').textContent())?.trim() ?? '';
    expect(code).toMatch(/^\d{6}$/);
    await app.screenshot(page, 'demo-phone-code');

    await codeForm.getByLabel('Code').fill(code);
    await codeForm.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => heading(page)).toBe('Your account');
    expect(await page.getByTestId('account-email').textContent()).toBe(phone);
    expect(await page.locator('.facts').textContent()).toContain(`${phone} verified`);
  });

  it('shows the Appwrite error for a wrong code and keeps the form', async () => {
    const page = await app.newPage();
    await openDemo(page, app.url);
    const { codeForm } = await requestPhoneCode(page);
    const real = await page.evaluate(async () => (await window.__appwriteEmulator!.inbox.latest({ kind: 'phone-session' }))!.secret);
    await codeForm.getByLabel('Code').fill(real === '000000' ? '111111' : '000000');
    await codeForm.getByRole('button', { name: 'Sign in' }).click();
    await codeForm.getByRole('alert').waitFor();
    expect(await codeForm.locator('.alert-type').textContent()).toBe('user_invalid_token · HTTP 401');
  });
});

describe('demo: password recovery (createRecovery, updateRecovery)', () => {
  it('mails a reset link; the link opens the new-password page, and the new password signs in', async () => {
    const page = await app.newPage();
    await openDemo(page, app.url);
    const email = uniqueEmail('forgetful');
    await signUp(page, { name: 'Forgetful', email });
    await signOut(page);

    await page.getByRole('link', { name: 'Forgot password?' }).click();
    const form = page.getByRole('form', { name: 'Request a password reset' });
    await form.getByLabel('E-mail').fill(email);
    await form.getByRole('button', { name: 'Send reset link' }).click();
    await form.getByRole('status').waitFor();

    await openInbox(page);
    expect(await newestMessage(page).locator('h3').textContent()).toBe('Password Reset for Emulator Demo');
    await newestMessage(page).getByRole('button', { name: 'Open link' }).click();
    await expect.poll(() => heading(page)).toBe('Choose a new password');
    const reset = page.getByRole('form', { name: 'Set a new password' });
    await reset.getByLabel('New password', { exact: true }).fill('a brand new secret');
    await reset.getByLabel('Repeat the new password').fill('a different one!');
    await reset.getByRole('button', { name: 'Save new password' }).click();
    await reset.getByRole('alert').waitFor();
    // Appwrite 1.9 takes the password once (SDK 28 has no passwordAgain): the repeat is the demo's own check.
    expect(await reset.locator('.alert-message').textContent()).toBe('The two passwords do not match.');
    expect(await reset.locator('.alert-type').count()).toBe(0);
    await app.screenshot(page, 'demo-reset-password');

    await reset.getByLabel('Repeat the new password').fill('a brand new secret');
    await reset.getByRole('button', { name: 'Save new password' }).click();
    await expect.poll(() => heading(page)).toBe('Sign in');
    expect(await page.locator('.flashes').textContent()).toContain('Your password was changed.');
    await signIn(page, email, PASSWORD);
    await page.getByRole('alert').waitFor();
    await signIn(page, email, 'a brand new secret');
    await expect.poll(() => heading(page)).toBe('Your account');
  });
});

describe('demo: guest (createAnonymousSession, updateEmail)', () => {
  it('signs in as a guest, then keeps the account by adding an e-mail and a password', async () => {
    const page = await app.newPage();
    await openDemo(page, app.url);
    await page.getByRole('button', { name: 'Continue as guest' }).click();
    await expect.poll(() => heading(page)).toBe('Your account');
    expect(await page.getByTestId('account-name').textContent()).toBe('Guest');
    // One guest notice (the account page's), not a second one in the sign-in flash.
    expect(await page.getByText(/Add an e-mail and a password/).count()).toBe(1);
    expect(await page.locator('.flashes').textContent()).toBe('You are signed in as a guest.');
    const guestId = await page.getByTestId('account-id').textContent();

    const email = uniqueEmail('kept');
    const form = page.getByRole('form', { name: 'Change your e-mail address' });
    await form.getByLabel('E-mail').fill(email);
    await form.getByLabel('Choose a password').fill(PASSWORD);
    await form.getByRole('button', { name: 'Save e-mail' }).click();
    await expect.poll(() => page.getByTestId('account-email').textContent()).toBe(email);

    await signOut(page);
    await signIn(page, email);
    await expect.poll(() => heading(page)).toBe('Your account');
    expect(await page.getByTestId('account-id').textContent()).toBe(guestId);
  });
});
