// @vitest-environment node
// (Node's Request keeps the Cookie header; happy-dom's drops it as a "forbidden" header.)
/** Session values in cookies and X-Fallback-Cookies (src/http/caller.ts, spec §3.2-3.4): encoding and leniency. */
import { describe, expect, it } from 'vitest';
import { decodeSession, encodeSession, hasSessionCookie, sessionValue } from '../../src/http/caller.js';

const SECRET = 'ab'.repeat(128);
const PROJECT = 'test-project';
const request = (headers: Record<string, string>) => new Request('https://cloud.appwrite.io/v1/account', { headers });

describe('encodeSession', () => {
  it('is base64 of {"id": <user id>, "secret": <secret>}, as Appwrite\'s Auth::encodeSession', () => {
    const value = encodeSession('user1', SECRET);
    expect(value).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(atob(value)).toBe(`{"id":"user1","secret":"${SECRET}"}`);
  });
});

describe('decodeSession', () => {
  it('reads back what encodeSession wrote, also without base64 padding', () => {
    expect(decodeSession(encodeSession('user1', SECRET))).toEqual({ id: 'user1', secret: SECRET });
    const unpadded = btoa('{"id":"u","secret":"s"}').replace(/=+$/, '');
    expect(decodeSession(unpadded)).toEqual({ id: 'u', secret: 's' });
    expect(decodeSession(btoa('{"secret":"s","id":"u","extra":1}'))).toEqual({ id: 'u', secret: 's' });
  });

  it('is lenient: anything undecodable is no session (null), never an exception', () => {
    const garbage: unknown[] = [
      undefined, null, '', 42, {}, ['x'], '%%%', 'not base64!', btoa('not json'), btoa('[]'), btoa('null'), btoa('"s"'),
      btoa('{"id":"u"}'), btoa('{"secret":"s"}'), btoa('{"id":"","secret":"s"}'), btoa('{"id":"u","secret":""}'),
      btoa('{"id":1,"secret":"s"}'), btoa('{"id":"u","secret":["s"]}'), 'A',
    ];
    for (const value of garbage) expect(decodeSession(value), String(value)).toBeNull();
  });
});

describe('sessionValue', () => {
  const value = encodeSession('user1', SECRET);
  const fallback = JSON.stringify({ [`a_session_${PROJECT}`]: value });

  it('reads the a_session_<project> cookie (URL-decoded), else its _legacy twin', () => {
    expect(sessionValue(request({ cookie: `a=1; a_session_${PROJECT}=${encodeURIComponent(value)}` }), PROJECT)).toBe(value);
    expect(sessionValue(request({ cookie: `a_session_${PROJECT}_legacy=${encodeURIComponent(value)}` }), PROJECT)).toBe(value);
  });

  it('falls back to X-Fallback-Cookies when no cookie yields a session', () => {
    expect(sessionValue(request({ 'x-fallback-cookies': fallback }), PROJECT)).toBe(value);
    expect(sessionValue(request({ cookie: `a_session_${PROJECT}=garbage`, 'x-fallback-cookies': fallback }), PROJECT)).toBe(value);
    expect(sessionValue(request({ cookie: `a_session_${PROJECT}=%E0%A4%A`, 'x-fallback-cookies': fallback }), PROJECT)).toBe(value);
  });

  it('finds nothing in a malformed or foreign fallback header', () => {
    for (const header of ['', 'not json', '[]', 'null', '"x"', '42', JSON.stringify({ 'a_session_other': value }), JSON.stringify({ [`a_session_${PROJECT}`]: 42 })]) {
      expect(sessionValue(request({ 'x-fallback-cookies': header }), PROJECT), header).toBeNull();
    }
    expect(sessionValue(request({}), PROJECT)).toBeNull();
  });
});

describe('hasSessionCookie (X-Debug-Fallback)', () => {
  it('is true only for a decodable session cookie', () => {
    const value = encodeURIComponent(encodeSession('user1', SECRET));
    expect(hasSessionCookie(request({ cookie: `a_session_${PROJECT}=${value}` }), PROJECT)).toBe(true);
    expect(hasSessionCookie(request({ cookie: `a_session_${PROJECT}_legacy=${value}` }), PROJECT)).toBe(true);
    expect(hasSessionCookie(request({ cookie: `a_session_${PROJECT}=garbage` }), PROJECT)).toBe(false);
    expect(hasSessionCookie(request({ cookie: `a_session_other=${value}` }), PROJECT)).toBe(false);
    expect(hasSessionCookie(request({}), PROJECT)).toBe(false);
  });
});
