import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../src/config.js';
import { cookieDomain, httpBuildQuery, phpJsonEncode } from '../../src/services/oauth2-urls.js';

describe('phpJsonEncode', () => {
  it('escapes slashes and non-ASCII like PHP json_encode with default flags', () => {
    expect(phpJsonEncode({ success: 'http://x/ok', name: 'Zoë 😀', n: 424 }))
      .toBe('{"success":"http:\\/\\/x\\/ok","name":"Zo\\u00eb \\ud83d\\ude00","n":424}');
  });

  it('leaves ASCII control escapes and quotes as JSON.stringify writes them', () => {
    expect(phpJsonEncode({ m: 'a "b"\n\u007f' })).toBe('{"m":"a \\"b\\"\\n\u007f"}');
  });
});

describe('httpBuildQuery', () => {
  it('keeps empty values and encodes like PHP urlencode', () => {
    expect(httpBuildQuery({ project: 'p', code: '', state: '{"a":"b c~"}' })).toBe('project=p&code=&state=%7B%22a%22%3A%22b+c%7E%22%7D');
  });
});

describe('cookieDomain', () => {
  it('is empty for localhost and IP addresses, else the API host with a leading dot', () => {
    const domain = (endpoint: string) => cookieDomain(resolveConfig({ projectId: 'p', endpoint }));
    expect([domain('http://localhost:5173/v1'), domain('http://127.0.0.1/v1'), domain('https://cloud.appwrite.io/v1')])
      .toEqual(['', '', '.cloud.appwrite.io']);
  });
});
