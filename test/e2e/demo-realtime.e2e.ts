/**
 * The demo's live "account events" strip in real Chromium: the realtime `account` channel served by the
 * emulator in the page (msw's WebSocket interception), across two tabs of one origin (the emulators of the
 * tabs pass their changes on through a BroadcastChannel).
 */
import { describe, expect, it } from 'vitest';
import { heading, openDemo, signUp, uniqueEmail } from './demo-helpers.js';
import { useBrowserApp } from './harness.js';

const app = useBrowserApp('demo');

describe('demo: account events', () => {
  it('shows a prefs change made in one tab in the other tab within a second', async () => {
    const first = await app.newPage();
    await openDemo(first, app.url);
    await signUp(first, { name: 'Ada Lovelace', email: uniqueEmail('ada') });
    const strip = (page: typeof first) => page.getByRole('region', { name: 'Account events' });

    // The strip is live in the first tab: its own change shows up.
    const nameForm = first.getByRole('form', { name: 'Change your name' });
    await nameForm.getByLabel('Name').fill('Augusta Ada King');
    await nameForm.getByRole('button', { name: 'Save name' }).click();
    await strip(first).getByText(/^users\.\w+\.update\.name$/).waitFor({ timeout: 5000 });

    // A second tab of the same origin: same browser profile, signed in by the stored session.
    const second = await first.context().newPage();
    await openDemo(second, app.url);
    await expect.poll(() => heading(second)).toBe('Your account');
    const prefs = second.getByRole('form', { name: 'Edit preferences' });
    await prefs.getByLabel('Preferences (JSON object)').fill('{"theme": "dark"}');
    await prefs.getByRole('button', { name: 'Save preferences' }).click();

    await strip(first).getByText(/^users\.\w+\.update\.prefs$/).waitFor({ timeout: 1000 });
    await strip(second).getByText(/^users\.\w+\.update\.prefs$/).waitFor({ timeout: 1000 });
    const userId = await first.evaluate(async () => (await window.__appwriteEmulator!.db()).users.toCollection().first().then((u) => u!.$id));
    expect(await strip(first).locator('code').first().textContent()).toBe(`users.${userId}.update.prefs`);
  });
});
