/**
 * OAuth2 under 1.9.6 (the navigations carry no format header, so they get 1.9.6): console default pages, the
 * Redirect validator, the 1.9.6 provider list, the token flow and its JWT wrapper, and 1.9.6's failure redirects.
 * The SDK 28 builds the start URLs.
 */
import { Account, Client, ID } from 'appwrite-28';
import { describe, expect, it, vi } from 'vitest';
import { sha256Hex } from '../../src/crypto/hash.js';
import type { RequestContext } from '../../src/http/context.js';
import { unwrapOAuth2TokenSecret } from '../../src/services/oauth2-token.js';
import { decideOAuth2Consent, startOAuth2Flow } from '../../src/browser/oauth2-flow.js';
import { ENDPOINT, PROJECT, useEmulator } from '../helpers.js';
import { FAILURE, SUCCESS, approve, browser, failureError, hop } from './oauth2-helpers.js';

const { emulator } = useEmulator();
const account = () => new Account(new Client().setEndpoint(ENDPOINT).setProject(PROJECT));

/** The URL SDK 28 navigates to (it sets window.location.href). */
function navigation(start: (a: Account) => unknown): string {
  const fake = { location: { href: '' } };
  vi.stubGlobal('window', fake);
  try {
    start(account());
  } finally {
    vi.unstubAllGlobals();
  }
  return fake.location.href;
}

async function through(url: string, email: string) {
  const consent = await startOAuth2Flow(emulator, url, browser());
  if (consent.kind !== 'consent') throw new Error(JSON.stringify(consent));
  return decideOAuth2Consent(emulator, consent.authorizeUrl, approve(email, 'Octo'), browser());
}

/** What unwrapOAuth2TokenSecret needs of a request context: the emulator's key and clock. */
async function ctxAt(now: Date): Promise<RequestContext> {
  const db = await emulator.db();
  const jwtKey = async () => {
    const stored = await db.meta.get('jwtKey');
    return stored ? Uint8Array.from(atob(stored.value), (c) => c.charCodeAt(0)) : null;
  };
  return { core: { jwtKey }, now } as unknown as RequestContext;
}

describe('createOAuth2Token (1.9.6 token flow)', () => {
  it('ends on the success URL with a 60-second JWT wrapping a type-7 token, and no session', async () => {
    const url = navigation((a) => a.createOAuth2Token({ provider: 'github' as never, success: SUCCESS, failure: FAILURE }));
    expect(new URL(url).pathname).toBe('/v1/account/tokens/oauth2/github');
    const done = await through(url, 'octo@example.com');
    if (done.kind !== 'navigate') throw new Error(JSON.stringify(done));
    expect(done.cookieFallback).toBeNull();
    const landed = new URL(done.url);
    expect(`${landed.origin}${landed.pathname}`).toBe(SUCCESS);
    expect([...landed.searchParams.keys()]).toEqual(['secret', 'userId']);
    const db = await emulator.db();
    const userId = landed.searchParams.get('userId')!;
    expect(await db.sessions.where('userId').equals(userId).count()).toBe(0);
    const [token] = await db.tokens.where('userId').equals(userId).toArray();
    expect(token).toMatchObject({ type: 7, expire: Date.parse('2027-01-15T10:00:00.000Z') });

    const jwt = landed.searchParams.get('secret')!;
    const now = new Date('2026-01-15T10:00:00.000Z');
    const unwrapped = await unwrapOAuth2TokenSecret(await ctxAt(now), jwt);
    expect(unwrapped).toEqual({ secret: expect.stringMatching(/^[0-9a-f]{64}$/), provider: 'github' });
    expect(sha256Hex(unwrapped!.secret)).toBe(token!.secret);
    // Expired after 60 s (no leeway): then it is a plain secret.
    expect(await unwrapOAuth2TokenSecret(await ctxAt(new Date(now.getTime() + 59_000)), jwt)).not.toBeNull();
    expect(await unwrapOAuth2TokenSecret(await ctxAt(new Date(now.getTime() + 60_000)), jwt)).toBeNull();
    expect(await unwrapOAuth2TokenSecret(await ctxAt(now), 'a'.repeat(64))).toBeNull();
    expect(await unwrapOAuth2TokenSecret(await ctxAt(now), `${jwt}x`)).toBeNull();
  });

  it('is a 404 for SDK 13 (Appwrite 1.4 has no token flow)', async () => {
    const response = await hop(emulator, `${ENDPOINT}/account/tokens/oauth2/github?project=${PROJECT}`, { headers: { 'x-appwrite-response-format': '1.4.0' } });
    expect(response.status).toBe(404);
    expect((await response.json()).type).toBe('general_route_not_found');
  });
});

describe('createOAuth2Session (1.9.6)', () => {
  it('defaults to the console\'s success/failure pages and puts `token:false` in the state', async () => {
    const response = await hop(emulator, navigation((a) => a.createOAuth2Session({ provider: 'github' as never })));
    expect(response.status).toBe(301);
    const state = JSON.parse(new URL(response.headers.get('location')!).searchParams.get('state')!);
    expect(state).toEqual({
      success: 'https://cloud.appwrite.io/console/auth/oauth2/success',
      failure: 'https://cloud.appwrite.io/console/auth/oauth2/failure',
      token: false,
    });
  });

  it('checks success and failure with the Redirect validator', async () => {
    const response = await hop(emulator, navigation((a) => a.createOAuth2Session({ provider: 'github' as never, success: 'https://evil.example/x' })));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      message: 'Invalid `success` param: Invalid URI. Register your new client (evil.example) as a new Web platform on your project console dashboard',
      code: 400, version: '1.9.6', type: 'general_argument_invalid',
    });
    const scheme = await hop(emulator, navigation((a) => a.createOAuth2Session({ provider: 'github' as never, failure: `appwrite-callback-${PROJECT}://done` })));
    expect(scheme.status).toBe(301);
  });

  it('knows 1.9.6\'s providers (x, zoho, …), which 1.4 refuses', async () => {
    expect((await hop(emulator, `${ENDPOINT}/account/sessions/oauth2/x?project=${PROJECT}`)).status).toBe(301);
    const old = await hop(emulator, `${ENDPOINT}/account/sessions/oauth2/x?project=${PROJECT}`, { headers: { 'x-appwrite-response-format': '1.4.0' } });
    expect(old.status).toBe(400);
    expect((await old.json()).message).toMatch(/^Invalid `provider` param: Value must be one of \(amazon, .*, zoom, mock\)$/);
  });

  it('links an existing account only when the provider vouches for the e-mail, else 400 general_bad_request at the failure URL', async () => {
    await account().create({ userId: ID.unique(), email: 'octo@example.com', password: 'password123' });
    const url = navigation((a) => a.createOAuth2Session({ provider: 'mock-unverified' as never, success: SUCCESS, failure: FAILURE }));
    expect(failureError(await through(url, 'octo@example.com'))).toEqual({
      message: 'There was an error processing your request. Please check the inputs and try again.', type: 'general_bad_request', code: 400,
    });
    const verified = navigation((a) => a.createOAuth2Session({ provider: 'github' as never, success: SUCCESS, failure: FAILURE }));
    expect(await through(verified, 'octo@example.com')).toMatchObject({ kind: 'navigate', url: SUCCESS });
  });

  it('sends a blocked user to the failure URL with 1.9.6\'s 403 user_blocked', async () => {
    const user = await account().create({ userId: ID.unique(), email: 'octo@example.com', password: 'password123' });
    await (await emulator.db()).users.update(user.$id, { status: false });
    const url = navigation((a) => a.createOAuth2Session({ provider: 'github' as never, success: SUCCESS, failure: FAILURE }));
    expect(failureError(await through(url, 'octo@example.com'))).toEqual({ message: 'The current user has been blocked.', type: 'user_blocked', code: 403 });
  });

  it('sends a missing provider e-mail to the failure URL (1.4 answered it)', async () => {
    const url = navigation((a) => a.createOAuth2Session({ provider: 'github' as never, success: SUCCESS, failure: FAILURE }));
    expect(failureError(await through(url, ''))).toEqual({ message: 'OAuth provider failed to return email.', type: 'user_unauthorized', code: 401 });
  });
});
