/**
 * How 1.9.6 keys and counts its rate limits, beyond the per-route limits the route tests pin:
 * - an alias shares the counters of its main path: `{url}` is the hostname plus the route's getPath(), which
 *   utopia-php/http 2.0.0-rc9 keeps at the main path for every alias (shared/api.php:511; Route::alias only
 *   registers the extra path with the router);
 * - a route with two keys counts them in order and stops at the first exhausted one: the keys before it stay
 *   counted (shared/api.php:498-545).
 */
import * as sdk14 from 'appwrite-14';
import { describe, expect, it } from 'vitest';
import { ENDPOINT, PROJECT, error, raw, useEmulator } from '../helpers.js';
import { PASSWORD, RATE_LIMITED, triple } from './session-helpers.js';
import { trackResponses } from './modern-sdk-helpers.js';
import { account19, SDKS } from './sdk19-helpers.js';

const { server } = useEmulator();
const seen = trackResponses(server);
const FORMAT = { 'x-appwrite-response-format': '1.9.5' };
const remaining = (res: { headers: Headers }) => res.headers.get('x-ratelimit-remaining');

describe('aliases share their main path\'s counters', () => {
  it('POST /account/sessions counts with /account/sessions/email (SDK 28 fails ten sign-ins, the alias gets 429)', async () => {
    const { account } = account19(SDKS[1]);
    await account.create({ userId: 'ada', email: 'ada@example.com', password: PASSWORD });
    for (let i = 0; i < 10; i++) await error(() => account.createEmailPasswordSession({ email: 'ada@example.com', password: 'wrong-password' }));
    const alias = await raw('POST', '/account/sessions', { body: { email: 'ada@example.com', password: PASSWORD }, headers: FORMAT });
    expect([alias.status, alias.body.type]).toEqual([429, 'general_rate_limit_exceeded']);
  });

  it('POST /account/sessions/phone counts with /account/tokens/phone', async () => {
    const body = { userId: 'unique()', phone: '+14155550100' };
    expect(remaining(await raw('POST', '/account/tokens/phone', { body, headers: FORMAT }))).toBe('9');
    expect(remaining(await raw('POST', '/account/sessions/phone', { body, headers: FORMAT }))).toBe('8');
    expect(remaining(await raw('POST', '/account/tokens/phone', { body, headers: FORMAT }))).toBe('7');
  });

  it('SDK 14\'s createVerification (/account/verification) counts with SDK 28\'s createEmailVerification', async () => {
    const { account } = account19(SDKS[1]);
    await account.create({ userId: 'ada', email: 'ada@example.com', password: PASSWORD });
    await account.createEmailPasswordSession({ email: 'ada@example.com', password: PASSWORD });
    for (let i = 0; i < 9; i++) await account.createEmailVerification({ url: 'http://localhost/verify' });
    // The same page: SDK 14 reads the session SDK 28 stored in localStorage.cookieFallback.
    const account14 = new sdk14.Account(new sdk14.Client().setEndpoint(ENDPOINT).setProject(PROJECT));
    await account14.createVerification('http://localhost/verify');
    expect(remaining(seen.at(-1)!)).toBe('0');
    expect(triple(await error(() => account.createEmailVerification({ url: 'http://localhost/verify' })))).toEqual(RATE_LIMITED);
    expect(triple(await error(() => account14.createVerification('http://localhost/verify')))).toEqual(RATE_LIMITED);
  });
});

describe('two keys: counted in order up to the first exhausted one', () => {
  it('POST /account/tokens/email: a 429 on the IP key still counts the e-mail key before it', async () => {
    const from = (ip: string, email: string) =>
      raw('POST', '/account/tokens/email', { body: { userId: 'unique()', email }, headers: { ...FORMAT, 'x-forwarded-for': ip } });
    for (let i = 0; i < 10; i++) expect((await from('10.0.0.1', `user${i}@example.com`)).status).toBe(201);
    // Keys: url+email, then url+ip. The e-mail key has room and is counted; the IP key is exhausted.
    expect((await from('10.0.0.1', 'yan@example.com')).status).toBe(429);
    // From another IP the e-mail key now shows the earlier count: 10 - (1 + 1).
    const again = await from('10.0.0.2', 'yan@example.com');
    expect([again.status, remaining(again)]).toEqual([201, '8']);
  });
});
