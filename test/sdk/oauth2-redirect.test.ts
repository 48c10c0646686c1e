/**
 * createOAuth2Session: the redirect route hop by hop (spec §9.2 step 3) — state and URL checks, provider errors,
 * the authorization code's rules — and the emulated provider's own checks.
 */
import { describe, expect, it } from 'vitest';
import { ENDPOINT, PROJECT, sdk, useEmulator } from '../helpers.js';
import { FAILURE, SUCCESS, browser, hop, oauth2Url } from './oauth2-helpers.js';
import { startOAuth2Flow } from '../../src/browser/oauth2-flow.js';

// OAuth2 navigations carry no format header: pin the 1.4 server these tests describe.
const { emulator } = useEmulator({ behaviour: '1.4' });

const REDIRECT = `${ENDPOINT}/account/sessions/oauth2/github/redirect`;
const CALLBACK = `${ENDPOINT}/account/sessions/oauth2/callback/github/${PROJECT}`;
const STATE = JSON.stringify({ success: SUCCESS, failure: FAILURE });
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

const redirectUrl = (params: Record<string, string>) => `${REDIRECT}?${new URLSearchParams({ project: PROJECT, ...params })}`;

/** The provider's answer to an approved consent: the callback URL with `code` and `state`. */
async function approvedCallback(provider = 'github', email = 'octo@example.com'): Promise<string> {
  const consent = await startOAuth2Flow(emulator, oauth2Url(sdk().account, provider, SUCCESS, FAILURE), browser());
  if (consent.kind !== 'consent') throw new Error(`no consent: ${JSON.stringify(consent)}`);
  const response = await hop(emulator, consent.authorizeUrl, { method: 'POST', headers: FORM, body: new URLSearchParams({ decision: 'approve', email }) });
  expect(response.status).toBe(302);
  return response.headers.get('location')!;
}

/** The redirect route's URL for a callback URL (what the callback route answers). */
async function viaCallback(callback: string): Promise<string> {
  const response = await hop(emulator, callback);
  expect(response.status).toBe(301);
  return response.headers.get('location')!;
}

async function json(response: Response) {
  return { status: response.status, body: await response.json() };
}

function errorParam(response: Response) {
  expect(response.status).toBe(301);
  const url = new URL(response.headers.get('location')!);
  expect(`${url.origin}${url.pathname}`).toBe(FAILURE);
  return JSON.parse(url.searchParams.get('error')!);
}

describe('createOAuth2Session: the redirect route', () => {
  it('answers 301 to the success URL with the session in X-Fallback-Cookies and no-cache headers', async () => {
    const response = await hop(emulator, await viaCallback(await approvedCallback()));
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe(SUCCESS);
    expect(response.headers.get('cache-control')).toBe('no-store, no-cache, must-revalidate, max-age=0');
    expect(JSON.parse(response.headers.get('x-fallback-cookies')!)).toEqual({ [`a_session_${PROJECT}`]: expect.any(String) });
    expect(response.headers.get('x-ratelimit-limit')).toBe('50');
  });

  it('answers 500 general_server_error for a state that is not a JSON object', async () => {
    for (const state of ['not json', '"a string"', '42']) {
      expect(await json(await hop(emulator, redirectUrl({ code: 'x', state })))).toEqual({
        status: 500, body: { message: 'Server Error', code: 500, type: 'general_server_error', version: '1.4.13' },
      });
    }
  });

  it('answers 400 project_invalid_success_url when the state has no valid success URL', async () => {
    for (const state of ['{}', '{"success":"not a url"}', '{"success":42}', '']) {
      expect(await json(await hop(emulator, redirectUrl({ code: 'x', state })))).toEqual({
        status: 400, body: { message: 'Invalid redirect URL for OAuth success.', code: 400, type: 'project_invalid_success_url', version: '1.4.13' },
      });
    }
  });

  it('answers 400 project_invalid_failure_url for a failure URL that is not a URL (any host is fine here)', async () => {
    const state = JSON.stringify({ success: 'https://anywhere.example/ok', failure: 'nope' });
    expect(await json(await hop(emulator, redirectUrl({ code: 'x', state })))).toEqual({
      status: 400, body: { message: 'Invalid redirect URL for OAuth failure.', code: 400, type: 'project_invalid_failure_url', version: '1.4.13' },
    });
  });

  it('sends a provider error to the failure URL, with the description when there is one', async () => {
    expect(errorParam(await hop(emulator, redirectUrl({ state: STATE, error: 'access_denied' })))).toEqual({
      message: 'The GitHub OAuth2 provider returned an error: access_denied', type: 'user_oauth2_provider_error', code: 424,
    });
    expect(errorParam(await hop(emulator, redirectUrl({ state: STATE, error: 'server_error', error_description: 'Down' })))).toEqual({
      message: 'The GitHub OAuth2 provider returned an error: server_error: Down', type: 'user_oauth2_provider_error', code: 424,
    });
  });

  it('answers the error itself when the state has no failure URL (424 sent as 500)', async () => {
    const state = JSON.stringify({ success: SUCCESS });
    expect(await json(await hop(emulator, redirectUrl({ state, error: 'access_denied' })))).toEqual({
      status: 500, body: { message: 'Server Error', code: 500, type: 'user_oauth2_provider_error', version: '1.4.13' },
    });
  });

  it('sends a missing code to the failure URL', async () => {
    expect(errorParam(await hop(emulator, redirectUrl({ state: STATE })))).toEqual({
      message: 'Missing OAuth2 code. Please contact the Appwrite team for additional support.', type: 'user_oauth2_provider_error', code: 424,
    });
  });

  it('refuses a code used twice: the provider answers invalid_grant, sent to the failure URL as user_oauth2_bad_request', async () => {
    const redirect = await viaCallback(await approvedCallback());
    expect((await hop(emulator, redirect)).status).toBe(301);
    localStorage.clear();
    expect(errorParam(await hop(emulator, redirect))).toEqual({
      message: 'Failed to obtain access token. The GitHub OAuth2 provider returned an error: invalid_grant: The code passed is incorrect or expired.',
      type: 'user_oauth2_bad_request', code: 400,
    });
    expect(await (await emulator.db()).sessions.count()).toBe(1);
  });

  it('refuses a code after its 10 minutes, and an unknown code', async () => {
    const redirect = await viaCallback(await approvedCallback());
    emulator.clock.advance(10 * 60_000 + 1);
    expect(errorParam(await hop(emulator, redirect)).type).toBe('user_oauth2_bad_request');
    expect(errorParam(await hop(emulator, redirectUrl({ state: STATE, code: 'f'.repeat(40) }))).type).toBe('user_oauth2_bad_request');
    expect(await (await emulator.db()).users.count()).toBe(0);
  });

  it('accepts a code within its 10 minutes', async () => {
    const redirect = await viaCallback(await approvedCallback());
    emulator.clock.advance(10 * 60_000);
    expect((await hop(emulator, redirect)).headers.get('location')).toBe(SUCCESS);
  });

  it('refuses a code issued for another provider', async () => {
    const callback = new URL(await approvedCallback('google'));
    const redirect = redirectUrl({ state: callback.searchParams.get('state')!, code: callback.searchParams.get('code')! });
    expect(errorParam(await hop(emulator, redirect))).toMatchObject({ type: 'user_oauth2_bad_request', code: 400 });
  });

  it('stores the code only as a hash', async () => {
    const code = new URL(await approvedCallback()).searchParams.get('code')!;
    expect(code).toMatch(/^[0-9a-f]{40}$/);
    const stored = JSON.stringify(await (await emulator.db()).meta.toArray());
    expect(stored).not.toContain(code);
  });

  it('validates its params in Appwrite\'s order: provider first', async () => {
    const response = await hop(emulator, `${ENDPOINT}/account/sessions/oauth2/nope/redirect?project=${PROJECT}&code=${'x'.repeat(3000)}`);
    expect((await json(response)).body.message).toMatch(/^Invalid `provider` param: Value must be one of \(amazon, /);
    const long = await hop(emulator, redirectUrl({ code: 'x'.repeat(2049) }));
    expect((await json(long)).body.message).toBe('Invalid `code` param: Value must be a valid string and no longer than 2048 chars');
  });
});

describe('createOAuth2Session: the emulated provider', () => {
  it('only sends the browser back to this project\'s callback', async () => {
    const consent = await startOAuth2Flow(emulator, oauth2Url(sdk().account, 'github', SUCCESS, FAILURE), browser());
    if (consent.kind !== 'consent') throw new Error('no consent');
    const evil = new URL(consent.authorizeUrl);
    evil.searchParams.set('redirect_uri', 'https://evil.example/callback');
    for (const method of ['GET', 'POST']) {
      const response = await hop(emulator, evil.href, method === 'POST'
        ? { method, headers: FORM, body: new URLSearchParams({ decision: 'approve', email: 'a@example.com' }) }
        : {});
      expect(await json(response)).toEqual({
        status: 400,
        body: { message: `Invalid \`redirect_uri\` param: Value must be ${CALLBACK}`, code: 400, type: 'general_argument_invalid', version: '1.4.13' },
      });
    }
  });

  it('refuses an invalid e-mail or decision on the consent form', async () => {
    const consent = await startOAuth2Flow(emulator, oauth2Url(sdk().account, 'github', SUCCESS, FAILURE), browser());
    if (consent.kind !== 'consent') throw new Error('no consent');
    const post = (form: Record<string, string>) => hop(emulator, consent.authorizeUrl, { method: 'POST', headers: FORM, body: new URLSearchParams(form) });
    expect((await json(await post({ decision: 'approve', email: 'not-an-email' }))).body.message).toBe('Invalid `email` param: Value must be a valid email address');
    expect((await json(await post({ decision: 'maybe' }))).body.message).toBe('Invalid `decision` param: Value must be one of (approve, deny)');
  });

  it('echoes the state and sends access_denied on deny', async () => {
    const consent = await startOAuth2Flow(emulator, oauth2Url(sdk().account, 'github', SUCCESS, FAILURE), browser());
    if (consent.kind !== 'consent') throw new Error('no consent');
    const response = await hop(emulator, consent.authorizeUrl, { method: 'POST', headers: FORM, body: 'decision=deny' });
    const location = new URL(response.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(CALLBACK);
    expect(Object.fromEntries(location.searchParams)).toEqual({
      error: 'access_denied', error_description: 'The user has denied your application access.',
      state: new URL(consent.authorizeUrl).searchParams.get('state'),
    });
  });
});
