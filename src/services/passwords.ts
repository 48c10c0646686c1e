import { AppwriteError } from '../errors/appwrite-error.js';
// The PHC/argon2id code loads with the first password hashed or checked (argon2 itself is lazy inside it).
const passwordCrypto = () => import('../crypto/password.js');
import type { RequestContext } from '../http/context.js';
import type { UserRecord } from '../storage/records.js';

/** PHP's strtolower(): ASCII letters only (PHP 8 is locale-independent), so `Ä` never matches `ä`. */
const phpLower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** PHP truthiness of a string: empty and "0" are false. */
const phpTruthy = (s: string | null | undefined): s is string => typeof s === 'string' && s !== '' && s !== '0';

/**
 * Appwrite's PersonalData rule (spec §5): no id, e-mail, e-mail local part, name or phone (with or without `+`)
 * inside, ignoring ASCII case. Each check is guarded, as in PHP, by the truthiness of the whole value: an empty
 * value, or "0", is skipped.
 */
export function containsPersonalData(password: string, data: { id?: string; email?: string | null; name?: string | null; phone?: string | null }): boolean {
  const lower = phpLower(password);
  const checks: Array<[string | null | undefined, string | null | undefined]> = [
    [data.id, data.id], [data.email, data.email], [data.email, data.email?.split('@')[0]], [data.name, data.name],
    [data.phone, data.phone?.replace(/\+/g, '')], [data.phone, data.phone],
  ];
  return checks.some(([guard, needle]) => phpTruthy(guard) && typeof needle === 'string' && lower.includes(phpLower(needle)));
}

export function assertNoPersonalData(ctx: RequestContext, password: string, data: Parameters<typeof containsPersonalData>[1]): void {
  if (ctx.core.config.auth.personalDataCheck && containsPersonalData(password, data)) {
    throw new AppwriteError('password_personal_data');
  }
}

/** History check: the new password may not verify against any of the last N hashes. */
export async function assertNotRecentlyUsed(ctx: RequestContext, user: UserRecord, password: string): Promise<void> {
  if (ctx.core.config.auth.passwordHistory === 0) return;
  for (const old of user.passwordHistory ?? []) {
    if (await (await passwordCrypto()).verifyPassword(password, old)) throw new AppwriteError('password_recently_used');
  }
}

export async function hash(ctx: RequestContext, password: string): Promise<string> {
  return (await passwordCrypto()).hashPassword(password, ctx.core.random, ctx.core.config.auth.passwordHash);
}

/**
 * The history after a password change: appended and trimmed to the last N. With history off Appwrite leaves the
 * stored list as it was (it matters once the option is turned on again over the same database).
 */
export function nextHistory(ctx: RequestContext, user: UserRecord, newHash: string): string[] {
  const n = ctx.core.config.auth.passwordHistory;
  return n === 0 ? [...(user.passwordHistory ?? [])] : [...(user.passwordHistory ?? []), newHash].slice(-n);
}

/** Users who set a password must prove it; password-less users (anonymous, magic URL, phone, OAuth) need not. */
export async function assertPassword(user: UserRecord, password: string): Promise<void> {
  if (user.passwordUpdate && !(await (await passwordCrypto()).verifyPassword(password, user.password))) {
    throw new AppwriteError('user_invalid_credentials');
  }
}
