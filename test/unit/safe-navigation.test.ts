// The URL-safety check the page applies before it navigates by itself (the end of an OAuth2 flow, the inbox
// panel's "Open link"): absolute http(s) URLs only, read by the URL parser as a navigation would read them.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { followLink, OFF_HOST_LINK_MESSAGE, REFUSED_LINK_MESSAGE, webUrl } from '../../src/browser/safe-navigation.js';

describe('webUrl', () => {
  it('allows absolute http: and https: URLs and returns the parsed href', () => {
    expect(webUrl('http://localhost:5173/?userId=u&secret=s')).toBe('http://localhost:5173/?userId=u&secret=s');
    expect(webUrl('https://example.com')).toBe('https://example.com/');
    expect(webUrl('HTTPS://Example.COM/Path#x')).toBe('https://example.com/Path#x');
    expect(webUrl('  https://example.com/ ')).toBe('https://example.com/'); // the parser trims surrounding spaces
    expect(webUrl('ht\ttp://example.com/')).toBe('http://example.com/'); // and drops tabs and newlines anywhere
    expect(webUrl('http:example.com')).toBe('http://example.com/'); // a special scheme without slashes
  });

  it.each([
    'javascript://localhost/%0Aalert(1)//',
    'javascript:alert(1)',
    ' JaVaScRiPt:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    '\u0000javascript:alert(1)',
    '\u001fjavascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'blob:http://localhost/0b7f0e59-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
    'file:///etc/passwd',
    'about:blank',
    'ftp://localhost/file',
    'ws://localhost/socket',
    'mailto:ada@example.com',
  ])('refuses %j', (url) => {
    expect(webUrl(url)).toBeNull();
  });

  it.each([
    '//evil.example/path', // protocol-relative
    '/account',
    '?userId=u',
    '#/route',
    'localhost/path',
    '',
    '   ',
    'http://', // no host
    'https://exa mple.com/', // a space in the host
  ])('refuses the relative or unparsable %j (only absolute URLs are followed)', (url) => {
    expect(webUrl(url)).toBeNull();
  });

  it('refuses what is not a string', () => {
    expect(webUrl(undefined)).toBeNull();
    expect(webUrl(null)).toBeNull();
    expect(webUrl(new URL('http://localhost/'))).toBeNull();
  });

  it('agrees with the URL parser on the scheme, whatever the spelling', () => {
    for (const url of [' JaVaScRiPt:alert(1)', 'java\tscript:alert(1)', '\njavascript:alert(1)', 'j\ra\nv\ta:script']) {
      const protocol = (() => { try { return new URL(url).protocol; } catch { return null; } })();
      expect(protocol === 'http:' || protocol === 'https:').toBe(false);
      expect(webUrl(url)).toBeNull();
    }
  });
});

describe('followLink', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    document.querySelectorAll('appwrite-emulator-refused-link').forEach((element) => element.remove());
  });

  it('navigates to an http(s) URL: assign by default, replace when asked', () => {
    const assign = vi.spyOn(location, 'assign').mockImplementation(() => undefined);
    const replace = vi.spyOn(location, 'replace').mockImplementation(() => undefined);
    expect(followLink(' https://example.com/a', { source: 'inbox' })).toBe(true);
    expect(followLink('http://localhost/b', { source: 'oauth2', replace: true })).toBe(true);
    expect(assign.mock.calls).toEqual([['https://example.com/a']]);
    expect(replace.mock.calls).toEqual([['http://localhost/b']]);
  });

  it('refuses a javascript: URL: no navigation, the URL shown as text with the explanation', async () => {
    const assign = vi.spyOn(location, 'assign').mockImplementation(() => undefined);
    const replace = vi.spyOn(location, 'replace').mockImplementation(() => undefined);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const url = 'javascript://localhost/%0Aalert(1)//<b>bold</b>';
    expect(followLink(url, { source: 'inbox' })).toBe(false);
    expect(assign).not.toHaveBeenCalled();
    expect(replace).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(document.querySelector('appwrite-emulator-refused-link')).not.toBeNull());
    const root = document.querySelector('appwrite-emulator-refused-link')!.shadowRoot!;
    expect(root.querySelector('[role=alertdialog]')!.textContent).toContain(REFUSED_LINK_MESSAGE);
    const code = root.querySelector('[data-refused-url]')!;
    expect(code.textContent).toBe(url);
    expect(code.children.length).toBe(0); // text, never HTML
    expect(root.querySelector('a')).toBeNull(); // and never a link to it
    (root.querySelector('button') as HTMLButtonElement).click();
    expect(document.querySelector('appwrite-emulator-refused-link')).toBeNull();
  });

  it('with `host`, refuses a web URL whose host as the browser reads it is not allowed (PHP read another)', async () => {
    const assign = vi.spyOn(location, 'assign').mockImplementation(() => undefined);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const host = (name: string) => name === 'localhost';
    expect(followLink('http://localhost/ok', { source: 'oauth2', host })).toBe(true);
    // parse_url() says localhost (user info up to the last @); the browser's parser says evil.example.
    const url = 'https://evil.example\\@localhost/landing';
    expect(new URL(url).hostname).toBe('evil.example');
    expect(followLink(url, { source: 'oauth2', host })).toBe(false);
    expect(assign.mock.calls).toEqual([['http://localhost/ok']]);
    await vi.waitFor(() => expect(document.querySelector('appwrite-emulator-refused-link')).not.toBeNull());
    const root = document.querySelector('appwrite-emulator-refused-link')!.shadowRoot!;
    expect(root.querySelector('#desc')!.textContent).toBe(OFF_HOST_LINK_MESSAGE);
    expect(root.querySelector('[data-refused-url]')!.textContent).toBe(url);
  });
});
