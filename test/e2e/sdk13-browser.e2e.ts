/**
 * SDK 13 in real Chromium, bundled by Vite: its requests go out as XMLHttpRequest (cross-fetch's browser
 * ponyfill) and get Appwrite 1.4's models, while SDK 28 on the same page (fetch) gets Appwrite 1.9.6's.
 */
import type { Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useBrowserApp } from './harness.js';

const app = useBrowserApp('test/e2e/fixtures/sdk13');

/** Appwrite 1.4's User model (SDK 13), every key. */
const USER_1_4 = ['$createdAt', '$id', '$updatedAt', 'accessedAt', 'email', 'emailVerification', 'labels', 'name', 'passwordUpdate',
  'phone', 'phoneVerification', 'prefs', 'registration', 'status'];

describe('SDK 13 next to SDK 28 in Chromium (fixture bundled by Vite)', () => {
  it('SDK 13 signs up and in over XMLHttpRequest and gets the 1.4 models; SDK 28 gets the 1.9.6 user for the same session', async () => {
    const page = await app.newPage();
    const requests: { path: string; method: string; type: string; sdk: string; format: string }[] = [];
    page.on('request', (request: Request) => {
      const url = new URL(request.url());
      if (!url.pathname.startsWith('/v1/')) return;
      const headers = request.headers();
      requests.push({ path: url.pathname, method: request.method(), type: request.resourceType(), sdk: headers['x-sdk-version'] ?? '', format: headers['x-appwrite-response-format'] ?? '' });
    });
    await page.goto(app.url);
    await page.waitForFunction(() => document.documentElement.dataset.ready === 'true');

    const { created, session, me } = await page.evaluate(() => window.sdkPair.signUpWith13('ada@example.com', 'correct horse battery'));
    expect(Object.keys(created).sort()).toEqual(USER_1_4);
    expect(Object.keys(me).sort()).toEqual(USER_1_4);
    expect(me).not.toHaveProperty('targets');
    expect(me).not.toHaveProperty('mfa');
    expect(me.email).toBe('ada@example.com');
    // 1.4's Session model has no factors/secret/mfaUpdatedAt.
    expect(session).not.toHaveProperty('factors');
    expect(session).not.toHaveProperty('mfaUpdatedAt');
    expect(session.provider).toBe('email');

    const me28 = await page.evaluate(() => window.sdkPair.getWith28());
    expect(me28.$id).toBe(me.$id);
    expect(me28).toHaveProperty('mfa', false);
    // Appwrite 1.4 had no messaging targets: a user signed up through SDK 13 has none.
    expect(me28.targets).toEqual([]);
    expect(Object.keys(me28)).toEqual(expect.arrayContaining([...USER_1_4, 'targets', 'mfa']));

    const by13 = requests.filter((r) => r.format === '1.4.0');
    const by28 = requests.filter((r) => r.format !== '1.4.0');
    expect(by13.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v1/account', 'POST /v1/account/sessions/email', 'GET /v1/account']);
    expect(new Set(by13.map((r) => r.type))).toEqual(new Set(['xhr']));
    expect(by28.map((r) => `${r.method} ${r.path} ${r.type}`)).toEqual(['GET /v1/account fetch']);
    expect(by28[0]!.format).not.toBe('');
    expect(by28[0]!.sdk).toMatch(/^28\./);
  });
});
