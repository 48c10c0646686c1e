import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { maskHeaders, maskUrl, maskValue } from '../../src/http/request-mask.js';
import { placement } from '../../src/inbox/panel-view.js';
import { APPWRITE_VERSION as V14 } from '../../src/config.js';
import { SERVER_VERSION_1_9 as V19 } from '../../src/http/behaviour.js';
import { APPWRITE_VERSION, EMULATOR_VERSION, SERVER_VERSION_1_9 } from '../../src/version.js';

const rect = (left: number, top: number, width: number, height: number) =>
  ({ left, top, width, height, right: left + width, bottom: top + height, x: left, y: top }) as DOMRect;

describe('console placement (never over the focused field)', () => {
  it('docks right beside a field on the left, left beside one on the right, at most 480 px wide', () => {
    expect(placement(null, 1280, 800)).toEqual({ dock: 'right', size: 480 });
    expect(placement(rect(400, 400, 400, 40), 1280, 800)).toEqual({ dock: 'right', size: 468 });
    expect(placement(rect(800, 400, 400, 40), 1280, 800)).toEqual({ dock: 'left', size: 480 });
  });

  it('falls back to a sheet below or above the field when neither side has 340 px', () => {
    expect(placement(rect(300, 100, 700, 40), 1280, 800)).toEqual({ dock: 'bottom', size: 440 });
    expect(placement(rect(300, 700, 700, 40), 1280, 800)).toEqual({ dock: 'top', size: 440 });
  });

  it('is a bottom sheet on phones, a top sheet when the field is low, never covering it', () => {
    expect(placement(null, 390, 844)).toEqual({ dock: 'bottom', size: 464 });
    expect(placement(rect(16, 100, 358, 44), 390, 844)).toEqual({ dock: 'bottom', size: 464 });
    expect(placement(rect(16, 600, 358, 44), 390, 844)).toEqual({ dock: 'top', size: 464 });
    // A field in the middle: the sheet shrinks to the space below it.
    const middle = placement(rect(16, 380, 358, 44), 390, 844);
    expect(middle).toEqual({ dock: 'bottom', size: 412 });
    expect(844 - middle.size).toBeGreaterThanOrEqual(380 + 44);
  });
});

describe('request masking', () => {
  it('masks credential keys at any depth (strings only), secret= in URLs, and credential headers', () => {
    expect(maskValue({ email: 'a@b.c', password: 'pw', nested: { oldPassword: 'x', otp: '123456' }, code: 401, recoveryCodes: ['a', 'b'], secret: '' }))
      .toEqual({ email: 'a@b.c', password: '***', nested: { oldPassword: '***', otp: '***' }, code: 401, recoveryCodes: ['***', '***'], secret: '' });
    expect(maskValue({ url: 'http://localhost/?userId=u&secret=abc' })).toEqual({ url: 'http://localhost/?userId=u&secret=***' });
    expect(maskUrl('/v1/x?a=1&secret=s3&b=2#secret=zz')).toBe('/v1/x?a=1&secret=***&b=2#secret=***');
    const headers = new Headers({ 'X-Fallback-Cookies': '{"a":"b"}', Cookie: 'a=b', 'X-Appwrite-Session': 's', 'X-Appwrite-JWT': 'j', 'Content-Type': 'application/json', Location: 'http://x/?secret=1' });
    expect(maskHeaders(headers)).toEqual({ 'x-fallback-cookies': '***', cookie: '***', 'x-appwrite-session': '***', 'x-appwrite-jwt': '***', 'content-type': 'application/json', location: 'http://x/?secret=***' });
  });
});

describe('EMULATOR_VERSION', () => {
  it('is package.json\'s version (the console shows it)', () => {
    expect([APPWRITE_VERSION, SERVER_VERSION_1_9]).toEqual([V14, V19]);
    expect(EMULATOR_VERSION).toBe((JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version);
  });
});
