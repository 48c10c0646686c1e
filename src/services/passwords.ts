import { AppwriteError } from '../errors/appwrite-error.js';
// The PHC/argon2id code loads with the first password hashed or checked (argon2 itself is lazy inside it).
const passwordCrypto = () => import('../crypto/password.js');
import type { RequestContext } from '../http/context.js';
import type { UserRecord } from '../storage/records.js';
import type { PersonalData } from './personal-data.js';

/** `auth.personalDataCheck`: the rule (personal-data.ts) loads only for projects that turned it on. */
export async function assertNoPersonalData(ctx: RequestContext, password: string, data: PersonalData): Promise<void> {
  if (!ctx.core.config.auth.personalDataCheck) return;
  if ((await import('./personal-data.js')).containsPersonalData(password, data)) throw new AppwriteError('password_personal_data');
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
