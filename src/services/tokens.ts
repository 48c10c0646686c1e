import { AppwriteError } from '../errors/appwrite-error.js';
import { sha256Hex, timingSafeEqual } from '../crypto/hash.js';
import { digitCode, randomHex, secret as newSecret } from '../crypto/random.js';
import type { RequestContext } from '../http/context.js';
import type { EmulatorDb } from '../storage/db.js';
import { TOKEN_TYPE, type InboxRecord, type TokenRecord, type UserRecord } from '../storage/records.js';
import { withKeys } from './account.js';
import { startSession } from './sessions.js';
import { isConstraintError, newId } from './shared.js';

const DAY = 86_400;

/** Token lifetimes in seconds, Appwrite 1.4 (spec §4). 1.5 shortened magic URL and e-mail verification to 1 h. */
export const TOKEN_LIFETIME = {
  magicUrl: 7 * DAY,
  recovery: 3600,
  verification: 7 * DAY,
  phoneSession: 15 * 60,
  phoneVerification: 7 * DAY,
} as const;

/** Lifetimes of 1.9.6's sign-in tokens (1.9 spec §9.1): magic URL 1 h, e-mail codes 15 minutes (phone codes keep 15). */
export const TOKEN_LIFETIME_1_9 = { magicUrl: 3600, emailOtp: 15 * 60 } as const;

/** Cloud 2.x's recovery and verification codes live 15 minutes (SDK 28's docs, 1.9 spec §7.2, §7.4). */
export const CODE_LIFETIME_CLOUD = 15 * 60;

/** The message that carries a token, minus what the inbox fills in (id, user, secret, time). */
export type Outgoing = Omit<InboxRecord, 'id' | 'userId' | 'secret' | 'createdAt' | 'seq' | 'read'>;

export interface IssueOptions {
  type: number;
  /** Lifetime in seconds. */
  lifetime: number;
  /** `hex`: 256 hex chars (links); `hex64`: 64 hex chars (1.9.6 magic URL); `code`: 6 digits (SMS, e-mail OTP). */
  format: 'hex' | 'hex64' | 'code';
  /** Builds the e-mail or SMS from the plain secret and the token (its expiry goes into links); null sends nothing. */
  message(secret: string, token: TokenRecord): Outgoing | null;
  /** A fixed plain secret instead of a random one (1.9.6's mock phone numbers). */
  secret?: string;
  /** Written in the same transaction before the token (e.g. the user a magic URL or phone sign-up creates). */
  alsoWrite?: (db: EmulatorDb) => Promise<unknown>;
}

/**
 * Creates a token for `user` and the message that carries it, in one transaction (with `alsoWrite`). Only the
 * secret's SHA-256 goes into the tokens table; the plain secret goes to the inbox, the developer's mailbox.
 * Subscribers are told after the commit, so a message they see is always stored.
 */
export async function issueToken(ctx: RequestContext, user: UserRecord, options: IssueOptions): Promise<TokenRecord> {
  const db = await ctx.core.db();
  const plain = options.secret ?? (options.format === 'code' ? digitCode(ctx.core.random)
    : options.format === 'hex64' ? randomHex(ctx.core.random, 64) : newSecret(ctx.core.random));
  const now = ctx.now.getTime();
  const token: TokenRecord = {
    $id: newId(ctx), $createdAt: now, userId: user.$id, type: options.type, secret: sha256Hex(plain),
    expire: now + options.lifetime * 1000, userAgent: ctx.userAgent, ip: ctx.ip,
  };
  const outgoing = options.message(plain, token);
  const message: InboxRecord | null = outgoing && { id: newId(ctx), ...outgoing, userId: user.$id, secret: plain, createdAt: now };
  try {
    await db.transaction('rw', [db.users, db.tokens, db.inbox], async () => {
      if (options.alsoWrite) await options.alsoWrite(db);
      await db.tokens.add(token);
      if (message) await addInboxRecord(db, message);
    });
  } catch (error) {
    // Only `alsoWrite` can clash (a new user's id, e-mail or phone taken meanwhile).
    // @note Appwrite 1.4 answers a taken `userId` here with an unhandled 500 (spec §14.2); we answer 409.
    if (isConstraintError(error)) throw new AppwriteError('user_already_exists');
    throw error;
  }
  if (message) ctx.core.onInboxMessage(message);
  return token;
}

/** Stores a message in the inbox (inside a transaction over `inbox`), numbered after those of the same millisecond. */
export async function addInboxRecord(db: EmulatorDb, message: InboxRecord): Promise<void> {
  const sameTime = await db.inbox.where('createdAt').equals(message.createdAt).toArray();
  message.seq = Math.max(0, ...sameTime.map((m) => m.seq ?? 0)) + 1;
  await db.inbox.add(message);
}

/**
 * 1.9.6's mock phone numbers (`auth.mockNumbers`, 1.9 spec §6.19 step 3, §6.39): the fixed code of the number,
 * or undefined (a random code, texted). 1.4 has no mock numbers.
 */
export function mockOtp(ctx: RequestContext, phone: string): string | undefined {
  if (ctx.behaviour === '1.4') return undefined;
  return ctx.core.config.auth.mockNumbers.find((n) => n.phone === phone)?.otp;
}

/** A live token of `userId` with this type and secret (Appwrite's Auth::tokenVerify: `expire >= now`). */
export async function findToken(db: EmulatorDb, userId: string, type: number, secret: string, now: Date): Promise<TokenRecord | undefined> {
  const hash = sha256Hex(secret);
  const tokens = await db.tokens.where('userId').equals(userId).toArray();
  return tokens.find((t) => t.type === type && t.expire >= now.getTime() && timingSafeEqual(t.secret, hash));
}

/**
 * Finds and deletes the token (single use). Call it inside the transaction that applies the token's effect, so
 * two concurrent confirmations cannot both succeed. None -> 401 user_invalid_token (also on reuse).
 */
export async function consumeToken(db: EmulatorDb, userId: string, type: number, secret: string, now: Date): Promise<TokenRecord> {
  const token = await findToken(db, userId, type, secret, now);
  if (!token) throw new AppwriteError('user_invalid_token');
  await db.tokens.delete(token.$id);
  return token;
}

/** Applies `changes` to the stored user (call inside a transaction over `users`) and returns the result. */
export async function patchUser(db: EmulatorDb, userId: string, changes: Partial<UserRecord>, now: Date): Promise<UserRecord> {
  const stored = await db.users.get(userId);
  if (!stored) throw new AppwriteError('user_not_found');
  const next = withKeys({ ...stored, ...changes, $updatedAt: now.getTime() });
  await db.users.put(next);
  return next;
}

/** The user a confirm route names by `userId`: 404 user_not_found when there is none. */
export async function getUser(ctx: RequestContext, userId: string): Promise<UserRecord> {
  const user = await (await ctx.core.db()).users.get(userId);
  if (!user) throw new AppwriteError('user_not_found');
  return user;
}

/**
 * PUT /account/sessions/magic-url and /phone: trades a token of `type` for a session (201, as Appwrite answers
 * despite its docs' 200). The token is consumed and `verified` set on the user in the session's transaction. No
 * blocked check: a blocked user gets a session that every later request refuses.
 */
export async function sessionFromToken(
  ctx: RequestContext, p: { userId: string; secret: string }, type: number, provider: string, verified: Partial<UserRecord>,
) {
  const user = await getUser(ctx, p.userId);
  return startSession(ctx, user, { provider, factors: [type === TOKEN_TYPE.phone ? 'phone' : 'email'], alert: true }, async (tx) => {
    await consumeToken(tx, user.$id, type, p.secret, ctx.now);
    await patchUser(tx, user.$id, verified, ctx.now);
  });
}
