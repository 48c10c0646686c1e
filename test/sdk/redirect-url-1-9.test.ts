/**
 * Appwrite 1.9.6's Redirect validator (src/Appwrite/Network/Validator/Redirect.php and Origin.php at tag 1.9.6)
 * through the real SDKs 26 and 28, on the `url` of createMagicURLToken and createRecovery and on the `success` and
 * `failure` of createOAuth2Session. 1.9.6 reads scheme and host with PHP's parse_url(), so a host-less URL gets no
 * parentheses, an unnamed scheme an empty platform name, and `HTTP:` is not `http:`. The expected texts were
 * produced by running Origin.php, Redirect.php, Platform.php (1.9.6) and utopia-php/validators 0.2.6's Hostname
 * under PHP 8.2 with the hosts and schemes of this emulator.
 */
import { describe, expect, it, vi } from 'vitest';
import { ENDPOINT, PROJECT, error, useEmulator } from '../helpers.js';
import { PASSWORD, triple } from './session-helpers.js';
import { SDKS, account19, invalidParam, type Sdk } from './sdk19-helpers.js';
import { hop } from './oauth2-helpers.js';

const { emulator } = useEmulator({ platforms: ['app.example.com', '*.example.org'] });

const register = (client: string, platform: string) =>
  `Invalid URI. Register your new client ${client} as a new ${platform} platform on your project console dashboard`;

/** URLs 1.9.6 refuses, with its description. */
const REFUSED: [string, string][] = [
  // No host: no parentheses; a scheme without a platform name: an empty one (two spaces either way).
  ['javascript:alert(1)', register('', '')],
  ['mailto:x@y.z', register('', '')],
  // Native app schemes are named; this project has no native platform, so they are not allowed.
  ['appwrite-ios://x', register('(x)', 'iOS')],
  ['appwrite-android://cb', register('(cb)', 'Android')],
  ['appwrite-macos://cb', register('(cb)', 'macOS')],
  // parse_url() keeps the scheme's case and the comparison is strict.
  ['HTTP://localhost/x', register('(localhost)', '')],
  ['Https://app.example.com/x', register('(app.example.com)', '')],
  ['EXP://x', register('(x)', '')],
  ['APPWRITE-IOS://x', register('(x)', '')],
  // parse_url() finds no host in these (WHATWG URL would find `localhost`).
  ['http:localhost/x', register('', 'Web')],
  ['http:/localhost/x', register('', 'Web')],
  ['http:\\\\localhost/x', register('', 'Web')],
  ['http:///localhost/x', register('', 'Web')],
  ['http://localhost:99999/x', register('', 'Web')], // parse_url() fails on the port
  ['http://0/', register('', 'Web')], // PHP's empty('0')
  // The host as parse_url() gives it, lower-cased: not decoded, not normalised.
  ['http://local%68ost/', register('(local%68ost)', 'Web')],
  ['https://127.1/', register('(127.1)', 'Web')],
  ['https://[::1]/', register('([::1])', 'Web')],
  ['https://EVIL.example/', register('(evil.example)', 'Web')],
  ['https://localhost.evil.example/', register('(localhost.evil.example)', 'Web')],
  ['https://user@evil.example/', register('(evil.example)', 'Web')],
  // A wildcard platform allows sub-domains only.
  ['https://example.org/', register('(example.org)', 'Web')],
  // Other web schemes need an allowed host too, and have names of their own.
  ['chrome-extension://abcdef/x', register('(abcdef)', 'Web (Chrome Extension)')],
  ['tauri://evil.example', register('(evil.example)', 'Web (Tauri)')],
  // Only the project's own callback scheme.
  ['appwrite-callback-other-project://done', register('(done)', '')],
  ['myapp://done', register('(done)', '')],
  // Without a scheme: parse_url() reads `localhost:3000` as host and port, `//localhost` as a host.
  ['localhost:3000', register('(localhost)', '')],
  ['//localhost/x', register('(localhost)', '')],
  ['exp:123', register('(exp)', '')],
  // Neither scheme nor host.
  ['not a url', 'Invalid URI.'],
  ['0:x', 'Invalid URI.'],
];

/** URLs 1.9.6 lets through. */
const ALLOWED = [
  'http://localhost/finish',
  'https://app.example.com/x?y=1#z',
  'http://localhost:3000/cb', // the port does not matter
  'https://LOCALHOST/x', // the host is lower-cased
  'https://a.b.example.org/x', // `*.example.org`
  'https://cloud.appwrite.io/console/done', // the endpoint's host
  'https://user:pass@app.example.com/x',
  'https://evil.example\\@localhost/x', // parse_url(): everything up to the last `@` is user info
  'exp://192.168.0.2:8081',
  `appwrite-callback-${PROJECT}://done`,
];

describe.each(SDKS)('1.9.6 Redirect validator through $name', (sdk: Sdk) => {
  describe('createMagicURLToken `url`', () => {
    it.each(REFUSED)('refuses %j', async (url, description) => {
      const { account } = account19(sdk);
      expect(triple(await error(() => account.createMagicURLToken({ userId: 'ada', email: 'ada@example.com', url }))))
        .toEqual(invalidParam('url', description));
      expect(await emulator.inbox.list()).toEqual([]);
    });

    it.each(ALLOWED)('accepts %j', async (url) => {
      const { account } = account19(sdk);
      const token = await account.createMagicURLToken({ userId: 'ada', email: 'ada@example.com', url });
      expect(token.userId).toBe('ada');
      expect((await emulator.inbox.list({ kind: 'magic-url' }))).toHaveLength(1);
    });
  });

  describe('createRecovery `url`', () => {
    it.each(REFUSED)('refuses %j', async (url, description) => {
      const { account } = account19(sdk);
      await account.create({ userId: 'ada', email: 'ada@example.com', password: PASSWORD });
      expect(triple(await error(() => account.createRecovery({ email: 'ada@example.com', url }))))
        .toEqual(invalidParam('url', description));
      expect(await emulator.inbox.list({ kind: 'recovery' })).toEqual([]);
    });

    it.each(ALLOWED)('accepts %j', async (url) => {
      const { account } = account19(sdk);
      await account.create({ userId: 'ada', email: 'ada@example.com', password: PASSWORD });
      const token = await account.createRecovery({ email: 'ada@example.com', url });
      expect(token.userId).toBe('ada');
      expect(await emulator.inbox.list({ kind: 'recovery' })).toHaveLength(1);
    });
  });

  describe('createOAuth2Session `success` and `failure`', () => {
    /** The start URL the SDK navigates to (it sets window.location.href), answered by the emulator. */
    async function start(params: { success?: string; failure?: string }): Promise<Response> {
      const fake = { location: { href: '' } };
      vi.stubGlobal('window', fake);
      try {
        account19(sdk, ENDPOINT).account.createOAuth2Session({ provider: 'github' as never, ...params });
      } finally {
        vi.unstubAllGlobals();
      }
      return hop(emulator, fake.location.href);
    }

    const CASES = REFUSED.filter(([url]) => ['javascript:alert(1)', 'appwrite-ios://x', 'HTTP://localhost/x'].includes(url));

    it.each(CASES)('refuses %j', async (url, description) => {
      for (const param of ['success', 'failure'] as const) {
        const response = await start({ [param]: url });
        expect(response.status).toBe(400);
        expect(await response.json()).toEqual({
          message: `Invalid \`${param}\` param: ${description}`, code: 400, version: '1.9.6', type: 'general_argument_invalid',
        });
      }
    });

    it('accepts an allowed http(s) URL and the callback scheme', async () => {
      const response = await start({ success: 'http://localhost/ok', failure: `appwrite-callback-${PROJECT}://failed` });
      expect(response.status).toBe(301);
    });
  });
});
