import type { PasswordStrength } from '../config.js';
import type { EmulatorCore } from '../core.js';
import { isAllowedHost } from '../http/handle.js';
import { lazy } from '../http/lazy.js';
import type { Validator } from './validators.js';

/**
 * Appwrite 1.9.6's validators where they differ from 1.4's (1.9 spec §6.0), with their exact descriptions. The
 * routes of the 1.9.6 behaviour use these; validators.ts keeps 1.4's.
 */

const utf8Length = (s: string) => new TextEncoder().encode(s).length;

/** Password (sign-in and confirmations): 8 to 256 bytes. */
export const password: Validator = {
  description: 'Password must be between 8 and 256 characters long.',
  isValid: (v) => typeof v === 'string' && utf8Length(v) >= 8 && utf8Length(v) <= 256,
};

/**
 * PasswordStrength (`src/Appwrite/Auth/Validator/PasswordStrength.php`) with the project's policy
 * (`auth.passwordStrength`): 8 to 256 bytes, at least `min` bytes (PHP strlen), and the character classes it asks
 * for, tested as PHP does (`[A-Z]`, `[a-z]`, `\d` are ASCII; a symbol is `[^\p{L}\p{N}\s]`).
 */
export function passwordStrength(policy: Required<PasswordStrength>): Validator {
  const requirements = [`between ${policy.min} and 256 characters long`];
  if (policy.uppercase) requirements.push('include an uppercase letter');
  if (policy.lowercase) requirements.push('include a lowercase letter');
  if (policy.number) requirements.push('include a number');
  if (policy.symbols) requirements.push('include a symbol');
  return {
    description: `Password must be ${requirements.join(', ')}.`,
    isValid: (v) => password.isValid(v) && utf8Length(v as string) >= policy.min
      && (!policy.uppercase || /[A-Z]/.test(v as string)) && (!policy.lowercase || /[a-z]/.test(v as string))
      && (!policy.number || /[0-9]/.test(v as string)) && (!policy.symbols || /[^\p{L}\p{N}\s]/u.test(v as string)),
  };
}

/**
 * A new password (POST /account, PATCH /account/password, PUT /account/recovery): PasswordStrength with the
 * project's policy, then the dictionary when `auth.passwordDictionary` is on; the first failing one reports (AllOf).
 */
export function newPassword(policy: Required<PasswordStrength>, enabled: boolean, common: () => ReadonlySet<string>): Validator {
  const dictionary = 'Password must be between 8 and 265 characters long, and should not be one of the commonly used password.';
  const strength = passwordStrength(policy);
  return {
    description: strength.description,
    isValid: (v) => strength.isValid(v) && !(enabled && common().has(v as string)),
    describe: (v) => (strength.isValid(v) ? dictionary : strength.description),
  };
}

/** The new-password validator of this emulator's options. */
export const newPasswordOf = (core: EmulatorCore, common: () => ReadonlySet<string>) =>
  newPassword(core.config.auth.passwordStrength, core.config.auth.passwordDictionary, common);

/** Text(N, 0): a string of at most N characters, empty allowed. */
export function text0(max: number): Validator {
  return {
    description: `Value must be a valid string and no longer than ${max} chars`,
    isValid: (v) => typeof v === 'string' && [...v].length <= max,
  };
}

/** Strict Boolean (`mfa`, `phrase`): a JSON boolean. */
export const boolean: Validator = {
  description: 'Value must be a valid boolean',
  isValid: (v) => typeof v === 'boolean',
};

/** Loose Boolean (`total`): also the strings true/false/1/0 a query string carries. */
export const looseBoolean: Validator = {
  description: 'Value must be a valid boolean',
  isValid: (v) => typeof v === 'boolean' || v === 1 || v === 0 || ['true', 'false', '1', '0'].includes(v as string),
};

/** `true` for a loose-boolean value that means true. */
export const isTrue = (v: unknown) => v === true || v === 1 || v === 'true' || v === '1';

/** Range(min, max) of integers; PHP formats the bounds with thousands separators. */
export function range(min: number, max: number): Validator {
  return {
    description: `Value must be a valid range between ${min.toLocaleString('en-US')} and ${max.toLocaleString('en-US')}`,
    isValid: (v) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max,
  };
}

const WEB_SCHEMES: Record<string, string> = {
  'http:': 'Web', 'https:': 'Web', 'chrome-extension:': 'Web (Chrome Extension)', 'moz-extension:': 'Web (Firefox Extension)',
  'safari-web-extension:': 'Web (Safari Extension)', 'ms-browser-extension:': 'Web (Edge Extension)', 'tauri:': 'Web (Tauri)',
};

/**
 * Redirect (`url`, `success`, `failure`; 1.9 spec §6.0): the Origin rules applied to a URL. A web scheme needs an
 * allowed host (the port does not matter); any other scheme must be `exp` or `appwrite-callback-<projectId>`.
 * Like Appwrite it looks only at the scheme and host: what the page may navigate to is checked where it navigates.
 */
export function redirect(core: EmulatorCore): Validator {
  const check = (v: unknown): string | null => {
    if (typeof v !== 'string' || /\s/.test(v)) return 'Invalid URI.';
    let url: URL;
    try {
      url = new URL(v);
    } catch {
      return 'Invalid URI.';
    }
    const platform = WEB_SCHEMES[url.protocol];
    if (platform) {
      if (url.hostname && isAllowedHost(core, url.hostname.toLowerCase())) return null;
      return `Invalid URI. Register your new client (${url.hostname}) as a new ${platform} platform on your project console dashboard`;
    }
    const scheme = url.protocol.slice(0, -1);
    if (scheme === 'exp' || scheme === `appwrite-callback-${core.config.projectId}`) return null;
    return `Invalid URI. Register your new client (${url.hostname}) as a new  platform on your project console dashboard`;
  };
  return { description: 'Invalid URI.', isValid: (v) => check(v) === null, describe: (v) => check(v) ?? '' };
}

/**
 * 1.9.6's Phone validator (phone-1-9.ts), loaded with libphonenumber on the first request that sends a phone number,
 * outside any transaction (a route's validator source may be a loader).
 */
export const phone = lazy(async () => (await import('./phone-1-9.js')).phone);
