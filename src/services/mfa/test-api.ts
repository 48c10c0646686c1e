import type { EmulatorCore } from '../../core.js';
import { formatDate } from '../../clock.js';
import { totpCode, totpSecondsLeft } from '../../crypto/totp.js';
import type { UserRecord } from '../../storage/records.js';

/** One TOTP authenticator as the test API and the panel's Authenticator view show it. */
export interface AuthenticatorView {
  userId: string;
  /** The user's e-mail: the authenticator's label ('' for a user without one). */
  email: string;
  /** The project name: the authenticator's issuer. */
  issuer: string;
  /** Whether `updateMFAAuthenticator` confirmed it (pending until then). */
  verified: boolean;
  /** The code at the emulator's time. */
  code: string;
  /** Seconds until `code` changes (1 … 30). */
  secondsLeft: number;
  createdAt: string;
}

async function findUser(core: EmulatorCore, method: string, userIdOrEmail: unknown): Promise<UserRecord> {
  if (typeof userIdOrEmail !== 'string' || !userIdOrEmail) {
    throw new TypeError(`appwrite-emulator: mfa.${method}(userIdOrEmail) needs a user id or e-mail (a non-empty string)`);
  }
  const db = await core.db();
  const user = (await db.users.get(userIdOrEmail)) ?? (await db.users.where('emailKey').equals(userIdOrEmail.toLowerCase()).first());
  if (!user) throw new TypeError(`appwrite-emulator: mfa.${method}(): no user with the id or e-mail "${userIdOrEmail}"`);
  return user;
}

/** emulator.mfa.totpCode(): the current code of the user's TOTP authenticator (verified or pending). */
export async function totpCodeOf(core: EmulatorCore, userIdOrEmail: string): Promise<string> {
  const user = await findUser(core, 'totpCode', userIdOrEmail);
  const authenticator = await (await core.db()).authenticators.where('userId').equals(user.$id).first();
  if (!authenticator) {
    throw new TypeError(`appwrite-emulator: mfa.totpCode(): user ${user.$id} has no TOTP authenticator (call account.createMFAAuthenticator first)`);
  }
  return totpCode(authenticator.secret, core.clock.now().getTime());
}

/** emulator.mfa.recoveryCodes(): the user's recovery codes left ([] when none were made or all are used). */
export async function recoveryCodesOf(core: EmulatorCore, userIdOrEmail: string): Promise<string[]> {
  return [...((await findUser(core, 'recoveryCodes', userIdOrEmail)).mfaRecoveryCodes ?? [])];
}

/** emulator.mfa.authenticators(): every TOTP authenticator of this emulator's database, oldest first. */
export async function listAuthenticators(core: EmulatorCore): Promise<AuthenticatorView[]> {
  const db = await core.db();
  const now = core.clock.now().getTime();
  const all = (await db.authenticators.toArray()).sort((a, b) => a.$createdAt - b.$createdAt);
  return Promise.all(all.map(async (a) => ({
    userId: a.userId,
    email: (await db.users.get(a.userId))?.email ?? '',
    issuer: core.config.projectName,
    verified: a.verified,
    code: totpCode(a.secret, now),
    secondsLeft: totpSecondsLeft(now),
    createdAt: formatDate(a.$createdAt),
  })));
}
