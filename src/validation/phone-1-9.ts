import { parsePhoneNumberWithError } from 'libphonenumber-js/min';
import { phone as phone14, type Validator } from './validators.js';

/**
 * Appwrite 1.9.6's Phone validator (`src/Appwrite/Auth/Validator/Phone.php`, 1.9 spec §6.0): libphonenumber must
 * parse the number, and it must match 1.4's `^\+[1-9]\d{6,14}$`. Parsing adds one rule to the pattern: the country
 * calling code must exist (`+2801234567` matches the pattern but no country has code 280). The description is 1.4's.
 * Loaded on first use (decisions/008-phone-validator.md): libphonenumber-js with its `min` metadata, the smallest
 * build that knows every country calling code, which is all that parsing a `+` number needs.
 * @note PHP's `$` also matches before a final newline; like 1.4's validator here, we refuse such a value.
 */
export const phone: Validator = {
  description: phone14.description,
  isValid(value) {
    if (!phone14.isValid(value)) return false;
    try {
      parsePhoneNumberWithError(value as string);
      return true;
    } catch {
      return false;
    }
  },
};
