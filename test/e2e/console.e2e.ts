/**
 * The dev console (the inbox panel grown into tabs) driving the demo in real Chromium: one test per "Done when"
 * point of the console's issue. The console lives in an open shadow root; Playwright's role locators pierce it.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { heading, openDemo, openInbox, PASSWORD, requestPhoneCode, signIn, signOut, signUp, uniqueEmail } from './demo-helpers.js';
import { RESULTS_DIR, useBrowserApp } from './harness.js';

const app = useBrowserApp('demo');

const consoleDialog = (page: Page) => page.getByRole('dialog', { name: 'Appwrite emulator inbox' });

/** Opens the console (if closed) on `tab`. */
async function openTab(page: Page, tab: 'Inbox' | 'Users' | 'Requests' | 'Settings'): Promise<Locator> {
  await openInbox(page);
  const dialog = consoleDialog(page);
  await dialog.getByRole('tab', { name: tab }).click();
  const panel = dialog.getByRole('tabpanel', { name: tab });
  await panel.waitFor();
  return panel;
}

const userRow = (panel: Locator, email: string) => panel.locator('tbody[data-user]', { hasText: email });

describe('console: Users tab', () => {
  it('lists a user signed up in another tab, live', async () => {
    const page = await app.newPage();
    await openDemo(page, app.url);
    const users = await openTab(page, 'Users');
    await expect.poll(() => users.textContent()).toContain('No users yet');

    const other = await page.context().newPage();
    await openDemo(other, app.url);
    const email = uniqueEmail('live');
    await signUp(other, { name: 'Live Lovelace', email });
    // No reload, no click: the table follows the database (Dexie liveQuery across tabs).
    await expect.poll(() => userRow(users, email).count(), { timeout: 10_000 }).toBe(1);
    expect(await userRow(users, email).textContent()).toContain('Live Lovelace');
    expect(await userRow(users, email).textContent()).toContain('password');
  });

  it('"Sign in as" switches the demo\'s user (this page\'s session) and reloads', async () => {
    const page = await app.newPage();
    await openDemo(page, app.url);
    const ada = uniqueEmail('ada');
    await signUp(page, { name: 'Ada', email: ada });
    const grace = uniqueEmail('grace');
    await page.evaluate((email) => window.__appwriteEmulator!.users.create({ email, name: 'Grace Hopper', password: 'correct horse battery' }), grace);

    const users = await openTab(page, 'Users');
    await expect.poll(() => userRow(users, ada).textContent()).toContain('this page');
    await userRow(users, grace).getByRole('button', { name: `Sign in as ${grace}` }).click();
    await page.waitForEvent('load');
    await expect.poll(() => page.getByTestId('account-email').textContent()).toBe(grace);
    expect(await page.getByTestId('account-name').textContent()).toBe('Grace Hopper');
  });

  it('block then unblock from the console restores sign-in; the demo\'s blocked screen opens the Users tab', async () => {
    const page = await app.newPage();
    await openDemo(page, app.url);
    const email = uniqueEmail('blocky');
    await signUp(page, { name: 'Blocky', email });
    await signOut(page);

    let users = await openTab(page, 'Users');
    await userRow(users, email).getByRole('button', { name: `Block ${email}` }).click();
    await expect.poll(() => userRow(users, email).locator('[data-status]').textContent()).toBe('blocked');
    await page.locator('appwrite-emulator-inbox button.badge').click(); // close

    await signIn(page, email);
    await page.locator('form .alert-type').waitFor();
    expect(await page.locator('form .alert-type').textContent()).toBe('user_blocked · HTTP 403');
    // The error points to the console: its button opens the Users tab.
    await page.locator('form').getByTestId('open-console-users').click();
    users = consoleDialog(page).getByRole('tabpanel', { name: 'Users' });
    await users.waitFor();
    expect(await consoleDialog(page).getByRole('tab', { name: 'Users' }).getAttribute('aria-selected')).toBe('true');
    await userRow(users, email).getByRole('button', { name: `Unblock ${email}` }).click();
    await expect.poll(() => userRow(users, email).locator('[data-status]').textContent()).toBe('active');
    await page.locator('appwrite-emulator-inbox button.badge').click();

    await signIn(page, email);
    await expect.poll(() => heading(page)).toBe('Your account');
  });

  it('adds, edits (name, labels, prefs as JSON) and deletes a user, and lists and deletes its sessions', async () => {
    const page = await app.newPage();
    await openDemo(page, app.url);
    page.on('dialog', (dialog) => void dialog.accept());
    const users = await openTab(page, 'Users');
    const email = uniqueEmail('added');
    await users.getByRole('button', { name: 'Add user' }).click();
    const add = users.getByRole('form', { name: 'Add a user' });
    await add.getByLabel('E-mail').fill(email);
    await add.getByLabel('Name').fill('Added');
    await add.getByRole('button', { name: 'Create user' }).click();
    await expect.poll(() => userRow(users, email).count()).toBe(1);

    await userRow(users, email).getByRole('button', { name: `Edit ${email}` }).click();
    const edit = users.getByRole('form', { name: `Edit ${email}` });
    await edit.getByLabel('Name').fill('Edited Name');
    await edit.getByLabel('Labels (comma-separated)').fill('beta, admin');
    await edit.getByLabel('Prefs (JSON)').fill('{"theme":"dark"}');
    await edit.getByLabel('E-mail verified').check();
    await edit.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => userRow(users, email).textContent()).toContain('Edited Name');
    const stored = await page.evaluate((e) => window.__appwriteEmulator!.users.get(e), email);
    expect(stored).toMatchObject({ name: 'Edited Name', labels: ['beta', 'admin'], prefs: { theme: 'dark' }, emailVerification: true });

    await page.evaluate((e) => window.__appwriteEmulator!.sessions.create(e), email);
    await expect.poll(() => userRow(users, email).getByRole('button', { name: `Sessions of ${email}` }).textContent()).toBe('Sessions (1)');
    await userRow(users, email).getByRole('button', { name: `Sessions of ${email}` }).click();
    await users.getByRole('list', { name: `Sessions of ${email}` }).getByRole('button', { name: /^Delete session/ }).click();
    await expect.poll(() => userRow(users, email).getByRole('button', { name: `Sessions of ${email}` }).textContent()).toBe('Sessions (0)');

    await userRow(users, email).getByRole('button', { name: `Delete ${email}` }).click();
    await expect.poll(() => userRow(users, email).count()).toBe(0);
    expect(await page.evaluate((e) => window.__appwriteEmulator!.users.get(e), email)).toBeNull();
  });
});

describe('console: Requests tab', () => {
  it('shows a failed sign-in with its error type, highlighted; expands it with the password masked', async () => {
    const page = await app.newPage();
    await openDemo(page, app.url);
    const email = uniqueEmail('typo');
    await signUp(page, { name: 'Typo', email });
    await signOut(page);
    await signIn(page, email, 'not the password');
    await page.locator('form .alert-type').waitFor();

    const requests = await openTab(page, 'Requests');
    const failed = requests.locator('tr[data-status="401"]', { hasText: '/account/sessions/email' });
    await expect.poll(() => failed.count()).toBe(1);
    expect(await failed.textContent()).toContain('user_invalid_credentials');
    expect(await failed.textContent()).toContain('POST');
    expect(await failed.textContent()).toContain('web 28.0.0');
    expect(await failed.getAttribute('class')).toBe('err');

    await requests.getByRole('button', { name: 'Errors only' }).click();
    expect(await requests.locator('tr[data-status]').evaluateAll((rows) => rows.every((r) => Number(r.getAttribute('data-status')) >= 400))).toBe(true);
    await failed.getByRole('button', { name: /details$/ }).click();
    const detail = requests.locator('td.detail');
    await expect.poll(() => detail.textContent()).toContain('"password": "***"');
    expect(await detail.textContent()).not.toContain('not the password');
    expect(await detail.textContent()).toContain('user_invalid_credentials');

    await requests.getByRole('button', { name: 'Clear' }).click();
    await expect.poll(() => requests.locator('tr[data-status]').count()).toBe(0);
  });
});

describe('console: Requests tab across tabs', () => {
  it('shows the requests another tab of the app answers, live, marked as from another tab', async () => {
    const page = await app.newPage();
    await openDemo(page, app.url);
    const requests = await openTab(page, 'Requests');
    const other = await page.context().newPage();
    await openDemo(other, app.url);
    await signIn(other, uniqueEmail('nobody'), 'not the password');
    await other.locator('form .alert-type').waitFor();
    const failed = requests.locator('tr[data-status="401"]', { hasText: '/account/sessions/email' });
    await expect.poll(() => failed.count(), { timeout: 10_000 }).toBe(1);
    expect(await failed.textContent()).toContain('other tab');
    expect(await failed.textContent()).toContain('user_invalid_credentials');
    await failed.getByRole('button', { name: /details$/ }).click();
    await expect.poll(() => requests.locator('td.detail').textContent()).toContain('"password": "***"');
  });
});

describe('console: Settings tab', () => {
  it('advancing the clock expires a magic link: the inbox shows it expired', async () => {
    const page = await app.newPage();
    await openDemo(page, app.url);
    await page.getByRole('link', { name: 'Magic link' }).click();
    const form = page.getByRole('form', { name: 'Send a magic link' });
    await form.getByLabel('E-mail').fill(uniqueEmail('late'));
    await form.getByRole('button', { name: /Send/ }).click();
    await page.waitForFunction(async () => (await window.__appwriteEmulator!.inbox.list()).length === 1);

    const inbox = await openTab(page, 'Inbox');
    const state = inbox.locator('li').first().locator('[data-token-state]');
    await expect.poll(() => state.getAttribute('data-state')).toBe('fresh');
    expect(await state.textContent()).toMatch(/^Fresh · expires in \d+ (min|h)$/);

    const settings = await openTab(page, 'Settings');
    await settings.getByRole('button', { name: 'Advance the clock by 1 day' }).click();
    await expect.poll(() => settings.getByRole('status').textContent()).toBe('Clock advanced by 1 day');
    await openTab(page, 'Inbox');
    await expect.poll(() => state.getAttribute('data-state')).toBe('expired');
    expect(await state.textContent()).toMatch(/^Expired \d+ h ago$/);
    // Back to real time: the link is fresh again (it was never used).
    await (await openTab(page, 'Settings')).getByRole('button', { name: 'Back to real time' }).click();
    await openTab(page, 'Inbox');
    await expect.poll(() => state.getAttribute('data-state')).toBe('fresh');
  });

  it('a used link shows as used; rate limits can be turned off and their counters reset', async () => {
    const page = await app.newPage();
    await openDemo(page, app.url);
    await page.getByRole('link', { name: 'Magic link' }).click();
    const form = page.getByRole('form', { name: 'Send a magic link' });
    await form.getByLabel('E-mail').fill(uniqueEmail('used'));
    await form.getByRole('button', { name: /Send/ }).click();
    const inbox = await openTab(page, 'Inbox');
    await inbox.locator('li').first().getByRole('button', { name: 'Open link' }).click();
    await expect.poll(() => heading(page)).toBe('Your account');
    const reopened = await openTab(page, 'Inbox');
    await expect.poll(() => reopened.locator('li').first().locator('[data-token-state]').getAttribute('data-state')).toBe('used');

    const settings = await openTab(page, 'Settings');
    const toggle = settings.getByLabel(/Enforce Appwrite's rate limits/);
    expect(await toggle.isChecked()).toBe(true);
    await toggle.uncheck();
    expect(await page.evaluate(() => window.__appwriteEmulator!.config.rateLimits)).toBe(false);
    await settings.getByRole('button', { name: 'Reset counters' }).click();
    await expect.poll(() => settings.textContent()).toContain('0 counters stored');
  });

  it('"Wipe all data" clears users, sessions, tokens, the inbox and the request log', async () => {
    const page = await app.newPage();
    await openDemo(page, app.url);
    await signUp(page, { name: 'Wiped', email: uniqueEmail('wiped') });
    page.on('dialog', (dialog) => void dialog.accept());
    const settings = await openTab(page, 'Settings');
    await settings.getByRole('button', { name: 'Wipe all data' }).click();
    await expect.poll(() => settings.getByRole('status').textContent()).toBe('All data wiped. Reload the app to start fresh.');
    const counts = await page.evaluate(async () => {
      const db = await window.__appwriteEmulator!.db();
      return Object.fromEntries(await Promise.all(db.tables.map(async (t) => [t.name, await t.count()])));
    });
    expect(Object.values(counts).every((n) => n === 0), JSON.stringify(counts)).toBe(true);
    expect(await page.evaluate(async () => (await window.__appwriteEmulator!.requests.list()).length)).toBe(0);
    const users = await openTab(page, 'Users');
    await expect.poll(() => users.textContent()).toContain('No users yet');
    const inbox = await openTab(page, 'Inbox');
    await expect.poll(() => inbox.textContent()).toContain('No messages yet');
  });

  it('export, then import in a fresh browser profile, restores the users (they sign in with their passwords)', async () => {
    const page = await app.newPage();
    await openDemo(page, app.url);
    const email = uniqueEmail('moved');
    await signUp(page, { name: 'Moved', email });
    const settings = await openTab(page, 'Settings');
    const [download] = await Promise.all([page.waitForEvent('download'), settings.getByRole('button', { name: 'Export snapshot…' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^appwrite-emulator-demo-[\d-]+\.json$/);
    const file = await download.path();
    const snapshot = JSON.parse(await readFile(file, 'utf8')) as { tables: { users: Array<{ email: string }> } };
    expect(snapshot.tables.users.map((u) => u.email)).toEqual([email]);

    const fresh = await app.newPage(); // a new browser context: empty IndexedDB and localStorage
    await openDemo(fresh, app.url);
    const freshSettings = await openTab(fresh, 'Settings');
    await freshSettings.getByLabel('Snapshot file to import').setInputFiles(file);
    await expect.poll(() => freshSettings.getByRole('status').textContent()).toMatch(/^Imported .*: 1 users\. Reload the app to use them\.$/);
    const users = await openTab(fresh, 'Users');
    await expect.poll(() => userRow(users, email).count()).toBe(1);
    await fresh.locator('appwrite-emulator-inbox button.badge').click();
    await signIn(fresh, email, PASSWORD);
    await expect.poll(() => heading(fresh)).toBe('Your account');
  });
});

describe('console: Inbox tab', () => {
  it('"Fill" puts an SMS code into the demo\'s focused code field; the code then signs in', async () => {
    const page = await app.newPage();
    await openDemo(page, app.url);
    const { phone, codeForm } = await requestPhoneCode(page);
    const code = codeForm.getByLabel('Code');
    await code.focus();

    // The arrival toast opens the console on the message.
    const toast = page.locator('appwrite-emulator-inbox .toast');
    await toast.waitFor();
    expect(await toast.textContent()).toBe(`New SMS to ${phone} · Open`);
    await toast.click();
    const message = consoleDialog(page).locator('li[data-highlight]');
    await message.waitFor();
    const sent = (await message.locator('.sms').textContent())?.trim() ?? '';
    expect(sent).toMatch(/^\d{6}$/);
    // The console docks where it leaves the focused field free.
    const [field, dialog] = await Promise.all([code.boundingBox(), consoleDialog(page).boundingBox()]);
    expect(overlap(field!, dialog!)).toBe(false);

    await message.getByRole('button', { name: `Fill the code ${sent} into the app's field` }).click();
    expect(await code.inputValue()).toBe(sent);
    await codeForm.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => heading(page)).toBe('Your account');
  });

  it('copies the link, deletes a message, and the badge can be dragged and stays there after a reload', async () => {
    const page = await app.newPage();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await openDemo(page, app.url);
    await page.getByRole('link', { name: 'Magic link' }).click();
    const form = page.getByRole('form', { name: 'Send a magic link' });
    await form.getByLabel('E-mail').fill(uniqueEmail('copy'));
    await form.getByRole('button', { name: /Send/ }).click();
    const inbox = await openTab(page, 'Inbox');
    const mail = inbox.locator('li').first();
    await mail.getByRole('button', { name: 'Copy link' }).click();
    const url = await page.evaluate(async () => (await window.__appwriteEmulator!.inbox.latest())!.url);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
    expect(await mail.getByRole('link', { name: 'New tab' }).getAttribute('href')).toBe(url);
    expect(await mail.getByRole('link', { name: 'New tab' }).getAttribute('target')).toBe('_blank');
    await mail.getByRole('button', { name: /^Delete the message/ }).click();
    await expect.poll(() => inbox.textContent()).toContain('No messages yet');
    await page.locator('appwrite-emulator-inbox button.badge').click();

    const badge = page.locator('appwrite-emulator-inbox button.badge');
    const before = (await badge.boundingBox())!;
    await page.mouse.move(before.x + 20, before.y + 10);
    await page.mouse.down();
    await page.mouse.move(before.x - 300, before.y - 200, { steps: 8 });
    await page.mouse.up();
    const after = (await badge.boundingBox())!;
    expect(Math.round(before.x - after.x)).toBeGreaterThan(250);
    expect(await badge.getAttribute('aria-expanded')).toBe('false'); // a drag is no click
    await page.reload();
    await page.locator('#view-title').waitFor();
    await expect.poll(async () => Math.round((await badge.boundingBox())!.x)).toBe(Math.round(after.x));
  });
});

function overlap(a: { x: number; y: number; width: number; height: number }, b: { x: number; y: number; width: number; height: number }): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

describe('console: screenshots of every tab (desktop and phone, light and dark), never over the focused field', () => {
  const sizes = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } };
  for (const [size, viewport] of Object.entries(sizes)) {
    for (const colorScheme of ['light', 'dark'] as const) {
      it(`${size}, ${colorScheme}`, async () => {
        await mkdir(RESULTS_DIR, { recursive: true });
        const page = await app.newPage({ viewport, colorScheme });
        await openDemo(page, app.url);
        // Data for every tab: a user (and its requests), a failed sign-in, a magic link, then an SMS code to type.
        const email = uniqueEmail('shot');
        await signUp(page, { name: 'Ada Lovelace', email });
        await signOut(page);
        await signIn(page, email, 'not the password');
        await page.locator('form .alert-type').waitFor();
        await page.evaluate(async (e) => {
          const emulator = window.__appwriteEmulator!;
          await emulator.users.create({ email: `grace.${e}`, name: 'Grace Hopper', phone: '+14155550100', labels: ['beta'] });
        }, email);
        const code = (await requestPhoneCode(page)).codeForm.getByLabel('Code');
        await code.waitFor();
        await code.focus();

        for (const tab of ['Inbox', 'Users', 'Requests', 'Settings'] as const) {
          const panel = await openTab(page, tab);
          await expect.poll(() => panel.locator('.empty:not([hidden]), li, tbody[data-user], tr[data-status], section.group').count()).toBeGreaterThan(0);
          const [field, dialog] = await Promise.all([code.boundingBox(), consoleDialog(page).boundingBox()]);
          expect(overlap(field!, dialog!), `${tab}: the console covers the focused field`).toBe(false);
          // Viewport only: the console is fixed to the window.
          await page.screenshot({ path: resolve(RESULTS_DIR, `console-${tab.toLowerCase()}-${size}-${colorScheme}.png`) });
        }
      });
    }
  }
});

describe('console: on a phone', () => {
  it('shows every tab of the tab bar without scrolling it sideways', async () => {
    const page = await app.newPage({ viewport: { width: 360, height: 760 } });
    await openDemo(page, app.url);
    await openInbox(page);
    const tablist = consoleDialog(page).getByRole('tablist');
    const { scrollWidth, clientWidth } = await tablist.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
    expect(scrollWidth, 'the tab bar scrolls').toBeLessThanOrEqual(clientWidth);
    const bar = (await tablist.boundingBox())!;
    for (const tab of await tablist.getByRole('tab').all()) {
      const box = (await tab.boundingBox())!;
      expect(box.x >= bar.x && box.x + box.width <= bar.x + bar.width, `${await tab.textContent()} is cut`).toBe(true);
    }
  });
});

describe('console: the badge on a touch screen', () => {
  it('moves with the first drag, before the console has ever been opened', async () => {
    const page = await app.newPage({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    await openDemo(page, app.url);
    const badge = page.locator('appwrite-emulator-inbox button.badge');
    const before = (await badge.boundingBox())!;
    const cdp = await page.context().newCDPSession(page);
    const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', x: number, y: number) =>
      cdp.send('Input.dispatchTouchEvent', { type, touchPoints: type === 'touchEnd' ? [] : [{ x, y }] });
    const x0 = before.x + before.width / 2;
    const y0 = before.y + before.height / 2;
    await touch('touchStart', x0, y0);
    for (let i = 1; i <= 10; i++) {
      await touch('touchMove', x0 - 20 * i, y0 - 30 * i);
      await page.waitForTimeout(30); // a finger's pace: the drag code may still be loading at the first moves
    }
    await touch('touchEnd', 0, 0);
    const after = (await badge.boundingBox())!;
    expect(Math.round(before.x - after.x), 'moved left').toBeGreaterThan(100);
    expect(Math.round(before.y - after.y), 'moved up').toBeGreaterThan(150);
    expect(await badge.getAttribute('aria-expanded')).toBe('false'); // a drag is no tap
  });
});

describe('demo: rough edges the console review found', () => {
  it('drops the last screen\'s flash when a new outcome appears beside it', async () => {
    const page = await app.newPage();
    await openDemo(page, app.url);
    const email = uniqueEmail('stale');
    await signUp(page, { name: 'Stale', email });
    await signOut(page);
    expect(await page.locator('.flashes').textContent()).toBe('You signed out.');
    await signIn(page, email, 'not the password');
    await page.locator('form .alert-type').waitFor();
    expect(await page.locator('.flashes').textContent()).toBe('');
  });

  it('lays the account page out in two columns on a wide screen', async () => {
    const page = await app.newPage({ viewport: { width: 1440, height: 900 } });
    await openDemo(page, app.url);
    await signUp(page, { name: 'Wide', email: uniqueEmail('wide') });
    const columns = await page.locator('.account-columns > div').evaluateAll((cols) => cols.map((c) => Math.round(c.getBoundingClientRect().top)));
    expect(columns).toHaveLength(2);
    expect(columns[0]).toBe(columns[1]);
    await app.screenshot(page, 'demo-account-wide');
  });
});
