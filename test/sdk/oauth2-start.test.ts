/**
 * createOAuth2Session: the SDK's navigation to GET /account/sessions/oauth2/{provider} (spec §8.21) and the
 * provider's way back through the callback route (spec §9.2 step 2).
 */
import { describe, expect, it } from 'vitest';
import { ENDPOINT, PROJECT, sdk, useEmulator } from '../helpers.js';
import { FAILURE, SUCCESS, hop, oauth2Url } from './oauth2-helpers.js';

// OAuth2 navigations carry no format header: pin the 1.4 server these tests describe.
const { emulator } = useEmulator({ behaviour: '1.4' });

const PROVIDERS = 'amazon, apple, auth0, authentik, autodesk, bitbucket, bitly, box, dailymotion, discord, disqus, '
  + 'dropbox, etsy, facebook, github, gitlab, google, linkedin, microsoft, notion, oidc, okta, paypal, paypalSandbox, '
  + 'podio, salesforce, slack, spotify, stripe, tradeshift, tradeshiftBox, twitch, wordpress, yahoo, yammer, yandex, zoom, mock';
const CALLBACK = `${ENDPOINT}/account/sessions/oauth2/callback/github/${PROJECT}`;

async function errorBody(response: Response) {
  expect(response.headers.get('content-type')).toContain('application/json');
  return { status: response.status, body: await response.json() };
}

describe('createOAuth2Session', () => {
  it('navigates to the start route with success, failure, scopes[N] and project in the query', () => {
    const url = oauth2Url(sdk().account, 'github', SUCCESS, FAILURE, ['read:user', 'user:email']);
    expect(url).toBe(`${ENDPOINT}/account/sessions/oauth2/github?success=http%3A%2F%2Flocalhost%2Fapp%2Fsuccess`
      + '&failure=http%3A%2F%2Flocalhost%2Fapp%2Ffailure&scopes%5B0%5D=read%3Auser&scopes%5B1%5D=user%3Aemail&project=test-project');
  });

  it('answers 301 to the emulated provider with the callback as redirect_uri and the URLs as PHP-encoded JSON state', async () => {
    const response = await hop(emulator, oauth2Url(sdk().account, 'github', SUCCESS, FAILURE, ['read:user', 'user:email']));
    expect(response.status).toBe(301);
    expect(response.headers.get('cache-control')).toBe('no-store, no-cache, must-revalidate, max-age=0');
    expect(response.headers.get('pragma')).toBe('no-cache');
    expect(response.headers.get('x-ratelimit-limit')).toBe('50');
    expect(response.headers.get('x-ratelimit-remaining')).toBe('49');
    const location = new URL(response.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(`${ENDPOINT}/account/sessions/oauth2/emulator/github/authorize`);
    expect([...location.searchParams]).toEqual([
      ['client_id', PROJECT],
      ['redirect_uri', CALLBACK],
      ['response_type', 'code'],
      ['scope', 'read:user user:email'],
      ['state', '{"success":"http:\\/\\/localhost\\/app\\/success","failure":"http:\\/\\/localhost\\/app\\/failure"}'],
      ['project', PROJECT],
    ]);
  });

  it('defaults success and failure to /auth/oauth2/success and /auth/oauth2/failure on the API host', async () => {
    const response = await hop(emulator, oauth2Url(sdk().account, 'google'));
    const state = JSON.parse(new URL(response.headers.get('location')!).searchParams.get('state')!);
    expect(state).toEqual({ success: 'https://cloud.appwrite.io/auth/oauth2/success', failure: 'https://cloud.appwrite.io/auth/oauth2/failure' });
  });

  it('accepts every provider of Appwrite 1.4.14, the test-only mock included', async () => {
    for (const provider of PROVIDERS.split(', ')) {
      const response = await hop(emulator, `${ENDPOINT}/account/sessions/oauth2/${provider}?project=${PROJECT}`);
      expect([provider, response.status]).toEqual([provider, 301]);
      expect(response.headers.get('location')).toContain(`/account/sessions/oauth2/emulator/${provider}/authorize?`);
    }
  });

  it('refuses an unknown or wrongly cased provider with the WhiteList message', async () => {
    for (const provider of ['twitter', 'GitHub']) {
      expect(await errorBody(await hop(emulator, oauth2Url(sdk().account, provider, SUCCESS, FAILURE)))).toEqual({
        status: 400,
        body: { message: `Invalid \`provider\` param: Value must be one of (${PROVIDERS})`, code: 400, type: 'general_argument_invalid', version: '1.4.13' },
      });
    }
  });

  it('refuses success and failure URLs outside the allowed hosts, success first', async () => {
    const hosts = 'URL host must be one of: localhost, cloud.appwrite.io';
    const cases: Array<[string, string, string]> = [
      ['https://evil.example/ok', 'https://evil.example/fail', `Invalid \`success\` param: ${hosts}`],
      [SUCCESS, 'https://evil.example/fail', `Invalid \`failure\` param: ${hosts}`],
      ['not a url', FAILURE, `Invalid \`success\` param: ${hosts}`],
      [SUCCESS, '/relative/path', `Invalid \`failure\` param: ${hosts}`],
    ];
    for (const [success, failure, message] of cases) {
      const { status, body } = await errorBody(await hop(emulator, oauth2Url(sdk().account, 'github', success, failure)));
      expect([status, body.type, body.message]).toEqual([400, 'general_argument_invalid', message]);
    }
  });

  it('refuses more than 100 scopes and empty or over-long ones', async () => {
    const message = 'Invalid `scopes` param: Value must a valid array and Value must be a valid string and at least 1 chars and no longer than 4096 chars';
    for (const scopes of [Array.from({ length: 101 }, (_, i) => `s${i}`), [''], ['x'.repeat(4097)]]) {
      const { status, body } = await errorBody(await hop(emulator, oauth2Url(sdk().account, 'github', SUCCESS, FAILURE, scopes)));
      expect([status, body.message]).toEqual([400, message]);
    }
  });

  it('answers 404 project_not_found for an unknown project', async () => {
    const { status, body } = await errorBody(await hop(emulator, `${ENDPOINT}/account/sessions/oauth2/github?project=other`));
    expect([status, body.type]).toEqual([404, 'project_not_found']);
  });

  it('allows 50 starts per hour and IP, then answers 429 until the next hour', async () => {
    const url = oauth2Url(sdk().account, 'github', SUCCESS, FAILURE);
    for (let i = 0; i < 50; i++) expect((await hop(emulator, url)).status).toBe(301);
    const refused = await hop(emulator, url);
    const { status, body } = await errorBody(refused);
    expect([status, body.type]).toEqual([429, 'general_rate_limit_exceeded']);
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    expect((await hop(emulator, url, { headers: { 'x-forwarded-for': '10.0.0.7' } })).status).toBe(301);
    emulator.clock.advance(3_600_000);
    expect((await hop(emulator, url)).status).toBe(301);
  });
});

describe('createOAuth2Session: the callback route', () => {
  it('forwards code, state, error and error_description to the redirect route with 301', async () => {
    const response = await hop(emulator, `${CALLBACK}?code=abc123&state=${encodeURIComponent('{"success":"x y"}')}`);
    expect(response.status).toBe(301);
    expect(response.headers.get('cache-control')).toBe('no-store, no-cache, must-revalidate, max-age=0');
    expect(response.headers.get('location')).toBe(`${ENDPOINT}/account/sessions/oauth2/github/redirect?project=${PROJECT}`
      + '&code=abc123&state=%7B%22success%22%3A%22x+y%22%7D&error=&error_description=');
  });

  it('forwards a provider error', async () => {
    const response = await hop(emulator, `${CALLBACK}?error=access_denied&error_description=No%20thanks&state=s`);
    expect(response.headers.get('location')).toBe(`${ENDPOINT}/account/sessions/oauth2/github/redirect?project=${PROJECT}`
      + '&code=&state=s&error=access_denied&error_description=No+thanks');
  });

  it('answers 404 project_not_found for a callback of another project', async () => {
    const { status, body } = await errorBody(await hop(emulator, `${ENDPOINT}/account/sessions/oauth2/callback/github/other?code=x`));
    expect([status, body.type]).toEqual([404, 'project_not_found']);
  });
});
