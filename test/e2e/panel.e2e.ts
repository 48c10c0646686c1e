import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { InboxMessage } from 'appwrite-emulator';
import { useBrowserApp } from './harness.js';

const app = useBrowserApp('test/e2e/fixtures/app');

async function openApp(page: Page, path = '') {
  await page.goto(app.url + path);
  await page.waitForSelector('html[data-ready=true]');
}

const badge = (page: Page) => page.getByRole('button', { name: /^Emulator inbox/ });
const panel = (page: Page) => page.getByRole('dialog', { name: 'Appwrite emulator inbox' });
const messages = (page: Page) => panel(page).getByRole('article');

/** Stores messages straight into the inbox table, as if the emulator had sent them (no live notification). */
async function inject(page: Page, list: Partial<InboxMessage & { createdAt: number }>[]) {
  await page.evaluate(async (records) => {
    const db = await window.__appwriteEmulator!.db();
    await db.inbox.bulkAdd(records.map((r, i) => ({
      id: `m${i}`, channel: 'email' as const, kind: 'verification' as const, to: 'x@example.com', text: 'text', userId: 'u1',
      secret: 's3cr3t', createdAt: Date.parse('2026-01-15T10:00:00Z') + i * 60_000, ...r,
    })));
  }, list);
}

describe('inbox panel (magic URL sign-in in real Chromium)', () => {
  it('shows the magic-link e-mail; "Open link" lands on the app with userId and secret and the app signs in', async () => {
    const page = await app.newPage();
    const visited: string[] = [];
    page.on('framenavigated', (frame) => frame === page.mainFrame() && visited.push(frame.url()));
    await openApp(page);
    await expect.poll(() => page.textContent('#status')).toBe('signed out');
    await expect.poll(() => badge(page).getAttribute('aria-label')).toBe('Emulator inbox, 0 messages, 0 unread');

    await page.click('#send-magic');
    await expect.poll(() => badge(page).getAttribute('aria-label')).toBe('Emulator inbox, 1 message, 1 unread');
    await badge(page).click();
    await expect.poll(() => messages(page).count()).toBe(1);
    const mail = messages(page).first();
    expect(await mail.getByRole('heading').textContent()).toBe('Login');
    expect(await mail.textContent()).toContain('To: ada@example.com');
    expect(await mail.textContent()).toContain('Magic URL sign-in');
    // The rendered HTML e-mail, in a sandboxed frame.
    const frame = page.frameLocator('appwrite-emulator-inbox iframe');
    await expect.poll(() => frame.locator('body').textContent()).toContain('Follow this link to login.');
    expect(await mail.locator('iframe').getAttribute('sandbox')).toBe('');
    await expect.poll(() => badge(page).getAttribute('aria-label')).toBe('Emulator inbox, 1 message, 0 unread');
    await app.screenshot(page, 'inbox-panel');

    await mail.getByRole('button', { name: 'Open link' }).click();
    await expect.poll(() => page.textContent('#status')).toBe('signed in');
    expect(await page.textContent('#email')).toBe('ada@example.com');
    // The link's page load (the app then drops the query with history.replaceState).
    const landed = new URL(visited.find((url) => url.includes('secret='))!);
    expect(landed.origin + landed.pathname).toBe(app.url);
    expect(landed.searchParams.get('userId')).toBe(await page.textContent('#user-id'));
    expect(landed.searchParams.get('secret')).toMatch(/^[0-9a-f]{256}$/);
  });
});

describe('inbox panel', () => {
  it('lists messages newest first and filters by recipient and by e-mail / SMS', async () => {
    const page = await app.newPage();
    await openApp(page);
    await inject(page, [
      { to: 'ada@example.com', subject: 'Account Verification' },
      { channel: 'sms', kind: 'phone-session', to: '+15550100', text: '123456', secret: '123456' },
      { to: 'grace@example.com', subject: 'Password Reset', kind: 'recovery' },
    ]);
    await badge(page).click();
    await expect.poll(() => messages(page).count()).toBe(3);
    expect(await messages(page).getByRole('heading').allTextContents()).toEqual(['Password Reset', 'SMS', 'Account Verification']);

    await panel(page).getByRole('button', { name: 'SMS', exact: true }).click();
    expect(await messages(page).getByRole('heading').allTextContents()).toEqual(['SMS']);
    expect(await panel(page).getByRole('button', { name: 'SMS', exact: true }).getAttribute('aria-pressed')).toBe('true');

    await panel(page).getByRole('button', { name: 'E-mail', exact: true }).click();
    await panel(page).getByRole('searchbox', { name: 'Filter by recipient' }).fill('GRACE');
    expect(await messages(page).getByRole('heading').allTextContents()).toEqual(['Password Reset']);

    await panel(page).getByRole('searchbox', { name: 'Filter by recipient' }).fill('nobody');
    expect(await messages(page).count()).toBe(0);
    expect(await panel(page).textContent()).toContain('No message matches the filters.');
  });

  it('renders e-mail HTML in an iframe with sandbox="" so its script never runs', async () => {
    const page = await app.newPage();
    await openApp(page);
    await inject(page, [{ subject: 'Evil', html: '<p id="p">hello</p><script>parent.document.title = "pwned"; document.getElementById("p").textContent = "ran"</script>' }]);
    await badge(page).click();
    const frame = page.frameLocator('appwrite-emulator-inbox iframe');
    await expect.poll(() => frame.locator('#p').textContent()).toBe('hello');
    expect(await page.title()).toBe('appwrite-emulator e2e fixture');
  });

  it('updates live when a message is sent, also from another tab, and announces it', async () => {
    const page = await app.newPage();
    await openApp(page);
    await badge(page).click();
    const other = await page.context().newPage();
    await openApp(other);
    await other.click('#send-magic');
    await expect.poll(() => messages(page).count()).toBe(1);
    expect(await page.locator('appwrite-emulator-inbox [aria-live=polite]').textContent()).toBe('New e-mail to ada@example.com: Login');
  });

  it('is keyboard usable: Enter on the badge opens it with focus in the panel, Escape closes it and refocuses the badge', async () => {
    const page = await app.newPage();
    await openApp(page);
    // Until the first open only the badge is there: the panel's body is not even loaded.
    expect(await page.evaluate(() => document.querySelector('appwrite-emulator-inbox')!.shadowRoot!.querySelector('.panel'))).toBeNull();
    await badge(page).focus();
    await page.keyboard.press('Enter');
    expect(await badge(page).getAttribute('aria-expanded')).toBe('true');
    // The panel's body loads on first open: focus moves into it once it is there.
    await expect.poll(() => page.evaluate(() => document.querySelector('appwrite-emulator-inbox')!.shadowRoot!.activeElement?.getAttribute('aria-label'))).toBe('Filter by recipient');
    await page.keyboard.press('Escape');
    expect(await panel(page).isHidden()).toBe(true);
    expect(await badge(page).getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.querySelector('appwrite-emulator-inbox')!.shadowRoot!.activeElement?.className)).toBe('badge');
  });

  it('"Copy" puts the secret on the clipboard and "Clear all" empties the inbox', async () => {
    const page = await app.newPage();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await openApp(page);
    await inject(page, [{ channel: 'sms', kind: 'phone-verification', to: '+15550100', text: '654321', secret: '654321' }]);
    await badge(page).click();
    await messages(page).getByRole('button', { name: /^Copy code/ }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe('654321');

    await panel(page).getByRole('button', { name: 'Clear all' }).click();
    await expect.poll(() => messages(page).count()).toBe(0);
    expect(await page.evaluate(() => window.__appwriteEmulator!.inbox.list())).toEqual([]);
  });

  it('is not styled by the page (shadow root), in light and dark colour schemes', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await app.newPage({ colorScheme, viewport: { width: 900, height: 760 } });
      await openApp(page);
      await inject(page, [{ subject: 'Account Verification', html: '<p>Hey,</p><p>Follow this link to verify your email address.</p>', url: 'http://x/' }]);
      await badge(page).click();
      const style = await panel(page).getByRole('button', { name: 'Clear all' }).evaluate((b) => {
        const s = getComputedStyle(b);
        return { font: s.fontFamily, transform: s.textTransform, border: s.borderStyle };
      });
      expect(style.font).not.toContain('Georgia');
      expect(style).toMatchObject({ transform: 'none', border: 'solid' });
      await app.screenshot(page, `inbox-panel-${colorScheme}`);
    }
  });
});
