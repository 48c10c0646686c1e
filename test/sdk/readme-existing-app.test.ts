/**
 * The README's "Using it in an existing app": the browser recipes are the files test/e2e/existing-app.e2e.ts runs
 * in Chromium (checked here to be the README's code blocks, verbatim); the Storybook recipe's handlers run here the
 * way msw-storybook-addon applies `parameters.msw.handlers` (not installed here: resetHandlers, then use() of every
 * list in the object); the token lifetimes table is checked against the constants the services use.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Account, Client, ID, TablesDB } from 'appwrite';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator } from 'appwrite-emulator';
import { HANDOFF_TTL_MS } from '../../src/browser/oauth2-handoff.js';
import { JWT_LIFETIME_SECONDS } from '../../src/crypto/jwt.js';
import { PROVIDER_TOKEN_SECONDS } from '../../src/services/oauth-providers.js';
import { CODE_SECONDS } from '../../src/services/oauth2-provider.js';
import { CODE_LIFETIME_CLOUD, TOKEN_LIFETIME, TOKEN_LIFETIME_1_9 } from '../../src/services/tokens.js';
import { ONE_YEAR_SECONDS } from '../../src/config.js';

const root = (path: string) => join(import.meta.dirname, '../..', path);
const readme = readFileSync(root('README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Using it in an existing app'), readme.indexOf('## SDK compatibility'));

function block(firstLine: string): string {
  const start = section.indexOf(`\`\`\`ts\n${firstLine}`);
  if (start < 0) throw new Error(`README has no ts block starting with ${firstLine}`);
  return section.slice(start + 6, section.indexOf('```\n', start + 6));
}

describe('the README browser recipes are the e2e fixture files', () => {
  it.each([
    ['// main.ts: the emulator answers Account', 'test/e2e/fixtures/existing-app/stubs.ts'],
    ['// mocks/browser.ts', 'test/e2e/fixtures/existing-app/mocks/browser.ts'],
  ])('%s… is %s', (first, file) => {
    expect(readFileSync(root(file), 'utf8')).toBe(block(first));
  });
});

describe('the Storybook recipe', () => {
  const preview = block('// .storybook/preview.ts');
  const endpoint = `${location.origin}/v1`;
  const emulator = createEmulator({
    projectId: 'my-project', endpoint, userAgent: navigator.userAgent, otherServices: 'passthrough', databaseName: 'readme-storybook',
  });
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(async () => {
    server.close();
    await emulator.close();
  });

  /** What msw-storybook-addon does with a story's `parameters.msw.handlers` (an object of handler lists). */
  const applyStoryHandlers = (handlers: Record<string, unknown[]>) => {
    server.resetHandlers();
    server.use(...(Object.values(handlers).flat() as Parameters<typeof server.use>));
  };

  it('passes the emulator\'s handlers as parameters.msw.handlers.appwrite, with the emulator\'s worker script', () => {
    expect(preview).toContain('parameters: { msw: { handlers: { appwrite: emulator.handlers } } }');
    expect(preview).toContain("initialize({ serviceWorker: { url: '/appwrite-emulator-worker.js' }, onUnhandledRequest: 'bypass' })");
    expect(preview).toContain("projectId: 'my-project', endpoint: `${location.origin}/v1`, userAgent: navigator.userAgent, otherServices: 'passthrough',");
  });

  it('a story with those handlers and a stub of its own signs up and in, and lists stubbed rows', async () => {
    applyStoryHandlers({
      appwrite: emulator.handlers,
      data: [http.get(`${endpoint}/tablesdb/:databaseId/tables/:tableId/rows`, () => HttpResponse.json({ total: 1, rows: [{ $id: 'r1' }] }))],
    });
    const client = new Client().setEndpoint(endpoint).setProject('my-project');
    const account = new Account(client);
    await account.create({ userId: ID.unique(), email: 'story@example.com', password: 'correct horse battery' });
    await account.createEmailPasswordSession({ email: 'story@example.com', password: 'correct horse battery' });
    expect((await account.get()).email).toBe('story@example.com');
    expect((await new TablesDB(client).listRows({ databaseId: 'db', tableId: 't' })).rows).toEqual([{ $id: 'r1' }]);
  });
});

describe('the token lifetimes table', () => {
  const table = section.slice(section.indexOf('### Token lifetimes'));
  const row = (name: string) => {
    const line = table.split('\n').find((l) => l.startsWith(`| ${name} |`));
    if (!line) throw new Error(`no row ${name}`);
    return line.split('|').slice(2, 4).map((cell) => cell.trim());
  };
  const n = (seconds: number) => seconds.toLocaleString('en-US').replace(/,/g, ' ');

  it.each([
    ['magic URL', `${n(TOKEN_LIFETIME.magicUrl)} (7 days)`, n(TOKEN_LIFETIME_1_9.magicUrl)],
    ['e-mail code (`createEmailToken`)', '—', n(TOKEN_LIFETIME_1_9.emailOtp)],
    ['phone sign-in code', n(TOKEN_LIFETIME.phoneSession), n(TOKEN_LIFETIME.phoneSession)],
    ['recovery link', n(TOKEN_LIFETIME.recovery), n(TOKEN_LIFETIME.recovery)],
    ['e-mail verification link', n(TOKEN_LIFETIME.verification), n(3600)],
    ['phone verification code', n(TOKEN_LIFETIME.phoneVerification), n(3600)],
    ['recovery and verification codes (Cloud 2.x, SDK 27/28)', '—', n(CODE_LIFETIME_CLOUD)],
    ['OAuth2 provider access token (emulated provider)', n(PROVIDER_TOKEN_SECONDS), n(PROVIDER_TOKEN_SECONDS)],
    ['OAuth2 authorization code of the emulated provider', n(CODE_SECONDS), n(CODE_SECONDS)],
    ['OAuth2 hand-off back to the page', n(HANDOFF_TTL_MS / 1000), n(HANDOFF_TTL_MS / 1000)],
  ])('%s: %s / %s', (name, v14, v19) => {
    expect(row(name)).toEqual([v14, v19]);
  });

  it('session and JWT', () => {
    expect(row('session')[0]).toContain(`default ${n(ONE_YEAR_SECONDS)}`);
    expect(row('JWT (`createJWT`)')).toEqual([String(JWT_LIFETIME_SECONDS), '`duration` (0–3600, default 900)']);
  });
});
