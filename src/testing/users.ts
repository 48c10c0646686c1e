import type { EmulatorCore } from '../core.js';
import { AppwriteError } from '../errors/appwrite-error.js';
import { toAccount, type Account } from '../models/models.js';
import { addUser, newUser, withKeys } from '../services/account.js';
import { hash, nextHistory, assertNoPersonalData } from '../services/passwords.js';
import { isConstraintError, newId } from '../services/shared.js';
import { withTarget } from '../services/targets.js';
import type { UserRecord } from '../storage/records.js';
import { commonPasswords } from '../validation/common-passwords.js';
import { assoc, customId, email as emailValidator, text, type Validator } from '../validation/validators.js';
import { phone as phone19 } from '../validation/validators-1-9.js';
import { newPassword } from '../validation/password-strength.js';
import { adminContext, asServer19, assertUserRef, findUser, findUserOrFail } from './admin-context.js';

/** What `emulator.users.create()` takes: the Users API's fields, each optional. */
export interface SeedUser {
  /** Custom id, or omitted / `'unique()'` for a generated one. */
  userId?: string;
  email?: string;
  phone?: string;
  /** Hashed with argon2id as the API hashes it; omitted for a password-less user. */
  password?: string;
  name?: string;
  emailVerification?: boolean;
  phoneVerification?: boolean;
  prefs?: Record<string, unknown>;
  labels?: string[];
  /** MFA required at sign-in (`account.updateMFA`). */
  mfa?: boolean;
}

/** What `emulator.users.update()` takes: any field of a seed user but its id, plus the status. */
export type UserChanges = Omit<SeedUser, 'userId'> & { status?: boolean };

export interface UsersApi {
  /** Creates a user through the API's rules and hashing; resolves with the user model (Appwrite 1.9.6's shape). */
  create(user?: SeedUser): Promise<Account>;
  /** Every user, oldest first. */
  list(): Promise<Account[]>;
  /** The user with this id or e-mail, or null. */
  get(userIdOrEmail: string): Promise<Account | null>;
  update(userIdOrEmail: string, changes: UserChanges): Promise<Account>;
  /** Deletes the user with its sessions, tokens, identities and everything else of it (not its logs and mail). */
  delete(userIdOrEmail: string): Promise<void>;
  /** Blocks the user (status false): what `account.updateStatus()` does, and what only an administrator undoes. */
  block(userIdOrEmail: string): Promise<Account>;
  unblock(userIdOrEmail: string): Promise<Account>;
}

const SEED_KEYS = ['userId', 'email', 'phone', 'password', 'name', 'emailVerification', 'phoneVerification', 'prefs', 'labels', 'mfa'] as const;
const CHANGE_KEYS = [...SEED_KEYS.filter((k) => k !== 'userId'), 'status'] as const;
const STRINGS = new Set(['userId', 'email', 'phone', 'password', 'name']);
const BOOLEANS = new Set(['emailVerification', 'phoneVerification', 'mfa', 'status']);

/** Appwrite's label rule (Users API `updateLabels`): up to 1000 labels of 1-36 letters and digits. */
const labelsValidator: Validator = {
  description: 'Value must a valid array no longer than 1000 items and Value must be a valid string and at least 1 chars and no longer than 36 chars',
  isValid: (v) => Array.isArray(v) && v.length <= 1000 && v.every((l) => typeof l === 'string' && /^[A-Za-z0-9]{1,36}$/.test(l)),
};

/** Misuse (unknown keys, wrong types) is a TypeError; a value the API would refuse is that API error. */
function checkInput(call: string, input: unknown, keys: readonly string[]): Record<string, unknown> {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw new TypeError(`appwrite-emulator: ${call} needs an object`);
  for (const [key, value] of Object.entries(input)) {
    if (!keys.includes(key)) throw new TypeError(`appwrite-emulator: ${call}: unknown field "${key}" (fields: ${keys.join(', ')})`);
    if (value === undefined) continue;
    if (STRINGS.has(key) && typeof value !== 'string') throw new TypeError(`appwrite-emulator: ${call}: ${key} must be a string`);
    if (BOOLEANS.has(key) && typeof value !== 'boolean') throw new TypeError(`appwrite-emulator: ${call}: ${key} must be a boolean`);
    if (key === 'prefs' && (value === null || typeof value !== 'object' || Array.isArray(value))) throw new TypeError(`appwrite-emulator: ${call}: prefs must be an object`);
    if (key === 'labels' && !Array.isArray(value)) throw new TypeError(`appwrite-emulator: ${call}: labels must be an array of strings`);
  }
  return input as Record<string, unknown>;
}

/** The Users API's validators as 1.9.6 has them: its phone validator (libphonenumber) loads with a phone. */
async function validate(core: EmulatorCore, fields: Record<string, unknown>): Promise<void> {
  const validators: Record<string, Validator> = {
    userId: customId,
    email: emailValidator,
    ...(fields.phone !== undefined ? { phone: await phone19() } : {}),
    password: newPassword(core.config.auth.passwordStrength, core.config.auth.passwordDictionary, commonPasswords),
    name: text(128),
    prefs: assoc,
    labels: labelsValidator,
  };
  for (const [key, validator] of Object.entries(validators)) {
    const value = fields[key];
    if (value !== undefined && !validator.isValid(value)) {
      throw new AppwriteError('general_argument_invalid', `Invalid \`${key}\` param: ${validator.describe?.(value) ?? validator.description}`);
    }
  }
}

export function createUsersApi(core: EmulatorCore): UsersApi {
  return asServer19(buildUsersApi(core));
}

function buildUsersApi(core: EmulatorCore): UsersApi {
  const mustFind = (call: string, ref: unknown) => findUserOrFail(core, call, ref);

  /** One transaction per write: a refused write (a taken e-mail or phone) leaves nothing behind. */
  const write = async (user: UserRecord, isNew: boolean) => {
    const ctx = adminContext(core);
    const db = await core.db();
    try {
      await db.transaction('rw', db.users, async () => {
        if (isNew) await addUser(ctx, db, user);
        else await db.users.put(user);
      });
    } catch (error) {
      if (isConstraintError(error)) throw new AppwriteError('user_already_exists');
      throw error;
    }
    core.callers.clear();
    return toAccount(user);
  };

  /** The stored user with `changes` applied: keys, targets and password fields kept in step, as the API keeps them. */
  const applyChanges = async (user: UserRecord, changes: Record<string, unknown>): Promise<UserRecord> => {
    const ctx = adminContext(core);
    let next: UserRecord = { ...user, $updatedAt: ctx.now.getTime() };
    const { email, phone, password, ...rest } = changes as UserChanges;
    for (const [key, value] of Object.entries(rest)) if (value !== undefined) (next as unknown as Record<string, unknown>)[key] = value;
    if (email !== undefined && email.toLowerCase() !== user.email) {
      const lower = email.toLowerCase();
      const { emailFields } = await import('../services/email-parser.js');
      const targets = (user.targets ?? []).filter((t) => !(t.providerType === 'email' && t.identifier === user.email));
      next = withTarget(ctx, { ...next, ...emailFields(lower), email: lower, targets, emailVerification: changes.emailVerification === true }, 'email', lower);
    }
    if (phone !== undefined && phone !== user.phone) {
      const targets = (next.targets ?? []).filter((t) => !(t.providerType === 'sms' && t.identifier === user.phone));
      next = withTarget(ctx, { ...next, phone, targets, phoneVerification: changes.phoneVerification === true }, 'sms', phone);
    }
    if (password !== undefined) {
      await assertNoPersonalData(ctx, password, { id: next.$id, email: next.email, name: next.name, phone: next.phone });
      const passwordHash = await hash(ctx, password);
      next = { ...next, password: passwordHash, passwordUpdate: ctx.now.getTime(), passwordHistory: nextHistory(ctx, next, passwordHash) };
    }
    return withKeys(next);
  };

  const setStatus = async (ref: string, status: boolean, call: string) => write({ ...(await mustFind(call, ref)), status, $updatedAt: core.clock.now().getTime() }, false);

  return {
    async create(input = {}) {
      const fields = checkInput('users.create()', input, SEED_KEYS);
      await validate(core, fields);
      const ctx = adminContext(core);
      const seed = fields as SeedUser;
      const base = newUser(ctx, newId(ctx, seed.userId), { mfa: false });
      // The e-mail's parser fields and the targets come with the changes, as a sign-up or the Users API gives them.
      return write(await applyChanges({ ...base, email: null }, { ...seed, userId: undefined }), true);
    },
    async list() {
      const users = await (await core.db()).users.toArray();
      return users.sort((a, b) => a.$createdAt - b.$createdAt || a.$id.localeCompare(b.$id)).map(toAccount);
    },
    async get(ref) {
      assertUserRef('users.get()', ref);
      const user = await findUser(core, ref);
      return user ? toAccount(user) : null;
    },
    async update(ref, input) {
      const user = await mustFind('users.update()', ref);
      const fields = checkInput('users.update()', input, CHANGE_KEYS);
      await validate(core, fields);
      return write(await applyChanges(user, fields), false);
    },
    async delete(ref) {
      const user = await mustFind('users.delete()', ref);
      const db = await core.db();
      // Every table that records a user id, so stores added later (MFA authenticators, ...) go too; logs and
      // the inbox stay, as the server keeps audit logs and a mail stays delivered.
      const owned = db.tables.filter((t) => t.schema.indexes.some((i) => i.name === 'userId') && t !== db.logs && t !== db.inbox);
      await db.transaction('rw', [db.users, ...owned], async () => {
        for (const table of owned) await table.where('userId').equals(user.$id).delete();
        await db.users.delete(user.$id);
      });
      core.callers.clear();
    },
    block: (ref) => setStatus(ref, false, 'users.block()'),
    unblock: (ref) => setStatus(ref, true, 'users.unblock()'),
  };
}
