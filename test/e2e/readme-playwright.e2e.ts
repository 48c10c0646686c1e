/**
 * The README's "Quick start: Playwright", run as written by the real Playwright Test runner (@playwright/test) with
 * Debian's Chromium against the demo on a Vite dev server. The spec file is the README's code block, read from
 * README.md at test time; only the runner's config (baseURL, the browser binary) and the module resolution of
 * `appwrite-emulator/playwright` (to this repository's sources, through tsconfig paths) are this test's.
 * Then the helpers once more from Vitest: seeding from a snapshot made in Node.
 */
import { execFile } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator } from 'appwrite-emulator';
import { clock, inbox, seed, signInAs } from '../../src/testing/playwright.js';
import { readmeSection } from '../readme.js';
import { heading, openDemo } from './demo-helpers.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH, RESULTS_DIR, startApp, useBrowserApp, type AppServer } from './harness.js';

const run = promisify(execFile);
const projectRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The README section's TypeScript block (the spec file). */
async function readmeSpec(): Promise<string> {
  const block = /```ts\n([\s\S]*?)```/.exec(await readmeSection('Quick start: Playwright'))?.[1];
  if (!block) throw new Error('README.md has no TypeScript block under "## Quick start: Playwright"');
  return block;
}

describe('README: Quick start: Playwright, under the Playwright Test runner', () => {
  let app: AppServer;
  const dir = resolve(RESULTS_DIR, 'readme-playwright');
  beforeAll(async () => {
    app = await startApp('demo');
  });
  afterAll(async () => {
    await app?.close();
  });

  it('passes as written against the demo', async () => {
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    await writeFile(resolve(dir, 'auth.spec.ts'), await readmeSpec());
    await writeFile(resolve(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: { baseUrl: '.', paths: { 'appwrite-emulator/playwright': ['../../src/testing/playwright.ts'] } },
    }));
    await writeFile(resolve(dir, 'playwright.config.mjs'), `export default ${JSON.stringify({
      testDir: '.', workers: 1, retries: 0, timeout: 60_000, reporter: 'line', outputDir: './output',
      expect: { timeout: 10_000 },
      use: { baseURL: app.url, browserName: 'chromium', launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS } },
    })};\n`);
    const cli = resolve(projectRoot, 'node_modules/@playwright/test/cli.js');
    const result = await run(process.execPath, [cli, 'test', '--config', resolve(dir, 'playwright.config.mjs')], { cwd: dir, env: { ...process.env, CI: '1', FORCE_COLOR: '0' } })
      .catch((error: { stdout: string; stderr: string }) => error);
    expect(result.stdout, result.stderr).toContain('2 passed');
  }, 180_000);
});

describe('appwrite-emulator/playwright from Vitest', () => {
  const app = useBrowserApp('demo');

  it('seeds a snapshot made in Node, signs in as its user, reads the inbox and expires a token with the clock', async () => {
    const node = createEmulator({ projectId: 'demo', auth: { passwordHash: { memoryCost: 64, timeCost: 1, threads: 1 } } });
    await node.users.create({ userId: 'seeded', email: 'seeded@example.com', password: 'password123', name: 'Seeded User' });
    const snapshot = await node.export();
    await node.close();

    const page = await app.newPage();
    await openDemo(page, app.url);
    await seed(page, snapshot);
    await page.locator('#view-title').waitFor();
    const session = await signInAs(page, 'seeded@example.com');
    expect(session).toMatchObject({ userId: 'seeded', provider: 'email', factors: ['password'] });
    await expect.poll(() => heading(page)).toBe('Your account');
    expect(await page.getByTestId('account-email').textContent()).toBe('seeded@example.com');

    // A verification mail from the account page, read through the helpers, then expired by the clock.
    const mail = inbox(page).waitFor({ kind: 'verification' });
    await page.getByRole('button', { name: /verif/i }).first().click();
    const message = await mail;
    expect(message).toMatchObject({ to: 'seeded@example.com', userId: 'seeded' });
    expect((await inbox(page).latest())!.id).toBe(message.id);
    const before = (await clock(page).now()).getTime();
    await clock(page).advance(8 * 24 * 3600 * 1000);
    await page.reload();
    await page.locator('#view-title').waitFor();
    expect((await clock(page).now()).getTime() - before).toBeGreaterThanOrEqual(8 * 24 * 3600 * 1000);
    await openDemo(page, message.url!);
    await expect.poll(() => page.locator('.flashes .alert-type').textContent()).toBe('user_invalid_token · HTTP 401');
  });
});
