import { AppwriteError } from '../errors/appwrite-error.js';

/**
 * What Appwrite 1.9.6's e-mail parser (utopia-php/emails 0.7.1, `new Email($email)`) says of an address, stored on
 * the user as `emailCanonical` and `emailIs*` (1.9 spec §6.0). The project policies built on them
 * (`user_email_disposable`, ...) fire only on the console project or paid plans, so for the emulator these are
 * informational model keys.
 *
 * @note This approximates utopia-php/emails: the canonical form is the lower-cased address without a `+tag`
 * (every domain) and, for gmail.com/googlemail.com, without dots in the local part; "free" and "disposable" come
 * from small built-in lists of well-known domains (the library ships lists of thousands); "corporate" is neither.
 */

export interface ParsedEmail {
  emailCanonical: string;
  emailIsFree: boolean;
  emailIsDisposable: boolean;
  emailIsCorporate: boolean;
  emailIsCanonical: boolean;
}

const FREE = new Set([
  'gmail.com', 'googlemail.com', 'yahoo.com', 'yahoo.co.uk', 'yahoo.fr', 'ymail.com', 'hotmail.com', 'hotmail.co.uk',
  'hotmail.fr', 'outlook.com', 'live.com', 'msn.com', 'aol.com', 'icloud.com', 'me.com', 'mac.com', 'gmx.com', 'gmx.de',
  'gmx.net', 'web.de', 'mail.com', 'mail.ru', 'yandex.com', 'yandex.ru', 'protonmail.com', 'proton.me', 'zoho.com',
  'qq.com', '163.com', '126.com', 'free.fr', 'orange.fr', 'laposte.net', 'libero.it', 'rediffmail.com', 'tutanota.com',
]);

const DISPOSABLE = new Set([
  'mailinator.com', '10minutemail.com', 'guerrillamail.com', 'guerrillamail.net', 'sharklasers.com', 'yopmail.com',
  'temp-mail.org', 'tempmail.com', 'trashmail.com', 'getnada.com', 'dispostable.com', 'maildrop.cc', 'throwawaymail.com',
  'fakeinbox.com', 'mailnesia.com', 'mintemail.com', 'mohmal.com', 'emailondeck.com', 'spamgourmet.com', 'tempr.email',
]);

const DOTLESS = new Set(['gmail.com', 'googlemail.com']);

/** PHP's trim(): only these characters. */
const phpTrim = (s: string) => s.replace(/^[ \t\n\r\0\x0B]+|[ \t\n\r\0\x0B]+$/g, '');
/** PHP's empty() on a string: '' and '0'. */
const phpEmpty = (s: string) => s === '' || s === '0';

/**
 * Parses a syntactically valid address (the route's Email validator ran first); null where `new Email()` throws.
 * The library reads the address trimmed and lower-cased (`mb_strtolower(trim($email))`), and `get()` returns that
 * form, which is what 1.9.6 compares with the canonical one (account.php:333, 1685): `Ada@Example.com` is canonical.
 */
export function parseEmail(input: string): ParsedEmail | null {
  const email = phpTrim(input).toLowerCase();
  const parts = email.split('@');
  if (parts.length !== 2 || phpEmpty(parts[0]!) || phpEmpty(parts[1]!)) return null;
  const domain = parts[1]!;
  let local = parts[0]!;
  const plus = local.indexOf('+');
  if (plus > 0) local = local.slice(0, plus);
  if (DOTLESS.has(domain)) local = local.replace(/\./g, '');
  if (local === '' || local === '0') return null; // the Gmail rule throws on a local part it empties (`empty()`)
  const emailCanonical = `${local}@${domain}`;
  const emailIsFree = FREE.has(domain);
  const emailIsDisposable = DISPOSABLE.has(domain);
  return {
    emailCanonical,
    emailIsFree,
    emailIsDisposable,
    emailIsCorporate: !emailIsFree && !emailIsDisposable,
    emailIsCanonical: email === emailCanonical,
  };
}

/** The parser's fields for a new or changed e-mail; an address it cannot parse is 400 general_invalid_email. */
export function emailFields(email: string): ParsedEmail {
  const parsed = parseEmail(email);
  if (!parsed) throw new AppwriteError('general_invalid_email');
  return parsed;
}
