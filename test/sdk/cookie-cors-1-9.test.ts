// @vitest-environment node
// Node's own fetch: happy-dom's drops the forbidden request headers Origin and Cookie, which servers-side SDK use
// (SDK 26+ `setCookie`) and these CORS checks need.
import * as sdk28 from 'appwrite-28';
import { describe, expect, it } from 'vitest';
import { ENDPOINT, PROJECT, error, raw, useEmulator } from '../helpers.js';
import { PASSWORD, triple } from './session-helpers.js';

const { emulator } = useEmulator();

describe('SDK 28 setCookie (server-side, no localStorage)', () => {
  it('signs in with Cookie: a_session_<project>=<value> (or its _legacy twin); a JWT beside it is 403', async () => {
    const client = new sdk28.Client().setEndpoint(ENDPOINT).setProject(PROJECT);
    const account = new sdk28.Account(client);
    const user = await account.create({ userId: sdk28.ID.unique(), email: 'ada@example.com', password: PASSWORD });
    const login = await emulator.handle(new Request(`${ENDPOINT}/account/sessions/email`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-appwrite-project': PROJECT },
      body: JSON.stringify({ email: 'ada@example.com', password: PASSWORD }),
    }));
    const value = (JSON.parse(login.headers.get('x-fallback-cookies')!) as Record<string, string>)[`a_session_${PROJECT}`]!;
    client.setCookie(`a_session_${PROJECT}=${value}`);
    expect((await account.get()).$id).toBe(user.$id);
    const legacy = new sdk28.Client().setEndpoint(ENDPOINT).setProject(PROJECT).setCookie(`a_session_${PROJECT}_legacy=${value}`);
    expect((await new sdk28.Account(legacy).get()).$id).toBe(user.$id);
    const { jwt } = await account.createJWT();
    client.setJWT(jwt);
    expect(triple(await error(() => account.get()))).toEqual([403, 'user_jwt_and_cookie_set', 'JWT and cookie used in the same request. Use either `setJWT` or `setCookie`. Learn about which authentication method to use in the SSR docs: https://appwrite.io/docs/products/auth/server-side-rendering']);
  });
});

describe('CORS headers', () => {
  const h19 = { 'x-appwrite-response-format': '1.9.5' };

  it('1.9.6: its header list, Expose X-Appwrite-Session, Max-Age 86400, Allow-Origin (lower-cased) only for an allowed Origin', async () => {
    const allowed = await raw('GET', '/account', { headers: { ...h19, origin: 'http://LOCALHOST:3000' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(allowed.headers.get('access-control-expose-headers')).toBe('X-Appwrite-Session, X-Fallback-Cookies');
    expect(allowed.headers.get('access-control-max-age')).toBe('86400');
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    expect(allowed.headers.get('access-control-allow-headers')).toBe('Accept, Origin, Cookie, Set-Cookie, Content-Type, Content-Range, X-Appwrite-Project, X-Appwrite-Key, X-Appwrite-Dev-Key, X-Appwrite-Locale, X-Appwrite-Mode, X-Appwrite-JWT, X-Appwrite-Organization, X-Appwrite-Response-Format, X-Appwrite-Timeout, X-Appwrite-ID, X-Appwrite-Timestamp, X-Appwrite-Session, X-Appwrite-Platform, X-Appwrite-Impersonate-User-Id, X-Appwrite-Impersonate-User-Email, X-Appwrite-Impersonate-User-Phone, X-SDK-Version, X-SDK-Name, X-SDK-Language, X-SDK-Platform, X-SDK-GraphQL, X-SDK-Profile, Range, Cache-Control, Expires, Pragma, X-Fallback-Cookies, X-Requested-With, X-Forwarded-For, X-Forwarded-User-Agent');
    expect((await raw('GET', '/account', { headers: { ...h19, origin: 'https://evil.example' } })).headers.get('access-control-allow-origin')).toBeNull();
    expect((await raw('GET', '/account', { headers: h19 })).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('1.9.6 preflight echoes the Origin; 1.4 (SDK 13 format) keeps its localhost fallback and no Max-Age', async () => {
    const preflight = await fetch(`${ENDPOINT}/account`, { method: 'OPTIONS', headers: { origin: 'https://App.example' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(preflight.headers.get('access-control-max-age')).toBe('86400');
    // No init hook runs for OPTIONS in 1.9.6: the options handler adds CORS and `Server` only.
    expect(preflight.headers.get('server')).toBe('Appwrite');
    expect(preflight.headers.get('x-content-type-options')).toBeNull();
    expect(preflight.headers.get('strict-transport-security')).toBeNull();
    expect((await raw('GET', '/account', { headers: { 'x-appwrite-response-format': '1.9.5' } })).headers.get('x-content-type-options')).toBe('nosniff');
    const old = await raw('GET', '/account', { headers: { origin: 'https://evil.example' } });
    expect(old.headers.get('access-control-allow-origin')).toBe('https://localhost');
    expect(old.headers.get('access-control-expose-headers')).toBe('X-Fallback-Cookies');
    expect(old.headers.get('access-control-max-age')).toBeNull();
  });
});
