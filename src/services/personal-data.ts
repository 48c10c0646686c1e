/** The personal-data password rule (`auth.personalDataCheck`), loaded only for projects that turn it on. */

/** PHP's strtolower(): ASCII letters only (PHP 8 is locale-independent), so `Ä` never matches `ä`. */
const phpLower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** PHP truthiness of a string: empty and "0" are false. */
const phpTruthy = (s: string | null | undefined): s is string => typeof s === 'string' && s !== '' && s !== '0';

export interface PersonalData {
  id?: string;
  email?: string | null;
  name?: string | null;
  phone?: string | null;
}

/**
 * Appwrite's PersonalData rule (spec §5): no id, e-mail, e-mail local part, name or phone (with or without `+`)
 * inside, ignoring ASCII case. Each check is guarded, as in PHP, by the truthiness of the whole value: an empty
 * value, or "0", is skipped.
 */
export function containsPersonalData(password: string, data: PersonalData): boolean {
  const lower = phpLower(password);
  const checks: Array<[string | null | undefined, string | null | undefined]> = [
    [data.id, data.id], [data.email, data.email], [data.email, data.email?.split('@')[0]], [data.name, data.name],
    [data.phone, data.phone?.replace(/\+/g, '')], [data.phone, data.phone],
  ];
  return checks.some(([guard, needle]) => phpTruthy(guard) && typeof needle === 'string' && lower.includes(phpLower(needle)));
}
