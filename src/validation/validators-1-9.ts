import type { EmulatorCore } from '../core.js';
import { isAllowedHost } from '../http/allowed-hosts.js';
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
 * The new-password validator of this emulator's options (password-strength.ts), loaded with the first new
 * password of a 1.9.6 request.
 */
export const newPasswordOf = async (core: EmulatorCore, common: () => ReadonlySet<string>) =>
  (await import('./password-strength.js')).newPassword(core.config.auth.passwordStrength, core.config.auth.passwordDictionary, common);

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

/**
 * utopia's WhiteList as Appwrite declares it (not strict): compared lower-cased, and its description lists the
 * values lower-cased (`Value must be one of (email, phone, totp, recoverycode)`). The value itself goes on as sent.
 */
export function whiteListLoose(values: readonly string[]): Validator {
  const lower = values.map((value) => value.toLowerCase());
  return {
    description: `Value must be one of (${lower.join(', ')})`,
    isValid: (v) => (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') && lower.includes(String(v).toLowerCase()),
  };
}

/** Loose Boolean (`total`): also the strings true/false/1/0 a query string carries. */
export const looseBoolean: Validator = {
  description: 'Value must be a valid boolean',
  isValid: (v) => typeof v === 'boolean' || v === 1 || v === 0 || ['true', 'false', '1', '0'].includes(v as string),
};

/** `true` for a loose-boolean value that means true. */
export const isTrue = (v: unknown) => v === true || v === 1 || v === 'true' || v === '1';

/**
 * An integer with thousands separators, as PHP's number_format() writes it. Not toLocaleString('en-US'): a route
 * table calls range() as the start bundle is evaluated, and the first toLocaleString() loads the browser's number
 * formatting, ~19 ms of every cold page load in Chromium (`npm run bench`, browser start-up).
 */
const thousands = (n: number) => String(n).replace(/\B(?=(\d{3})+$)/g, ',');

/** Range(min, max) of integers; PHP formats the bounds with thousands separators. */
export function range(min: number, max: number): Validator {
  return {
    description: `Value must be a valid range between ${thousands(min)} and ${thousands(max)}`,
    isValid: (v) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max,
  };
}

/**
 * Redirect (`url`, `success`, `failure`; redirect-1-9.ts), loaded with the first 1.9.6 request that carries a
 * redirect URL (the sign-in mails, recovery, verification, OAuth2): most page loads send none.
 */
export const redirect = async (core: EmulatorCore) => (await import('./redirect-1-9.js')).redirect(core, isAllowedHost);

/**
 * 1.9.6's Phone validator (phone-1-9.ts), loaded with libphonenumber on the first request that sends a phone number,
 * outside any transaction (a route's validator source may be a loader).
 */
export const phone = lazy(async () => (await import('./phone-1-9.js')).phone);
