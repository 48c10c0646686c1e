import type { PasswordStrength } from '../config.js';
import type { Validator } from './validators.js';

const utf8Length = (s: string) => new TextEncoder().encode(s).length;

/** Appwrite's Password validator underneath: a string of 8 to 256 bytes (self-contained, so this chunk imports nothing). */
const isPassword = (v: unknown): v is string => typeof v === 'string' && utf8Length(v) >= 8 && utf8Length(v) <= 256;

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
    isValid: (v) => isPassword(v) && utf8Length(v) >= policy.min
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

