import { formatDate } from '../clock.js';
import type { RequestContext } from '../http/context.js';
import { mergeQuery } from '../inbox/links.js';
import { toToken } from '../models/models.js';
import { TOKEN_TYPE, type UserRecord } from '../storage/records.js';
import { AppwriteError } from '../errors/appwrite-error.js';
import { assertEmailNotInIdentities, addUser, assertUserLimit, newUser } from './account.js';
import { assertSmtp } from './delivery.js';
import { emailFields } from './email-parser.js';
import { agentVars, emailMessage, signInEmail } from './emails.js';
import { securityPhrase } from './phrase.js';
import { apiPageUrl, newId } from './shared.js';
import { TOKEN_LIFETIME, TOKEN_LIFETIME_1_9, issueToken, sessionFromToken } from './tokens.js';

/** Where the link points when the app gives no `url`: `<protocol>://<API host>/auth/magic-url`. */
const defaultUrl = (ctx: RequestContext) => apiPageUrl(ctx, '/auth/magic-url');

/**
 * POST /account/sessions/magic-url: e-mails a 7-day sign-in link, creating the user on first use.
 * Appwrite looks the user up by the e-mail exactly as sent, on a case-insensitive (MariaDB) column; we look it
 * up by our case-insensitive `emailKey`, which behaves the same. A new user keeps the e-mail as given (not
 * lower-cased, spec §6). An existing user is used as is: `userId` is ignored and blocked users still get a link.
 */
export async function createMagicURLSession(ctx: RequestContext, p: { userId: string; email: string; url: string }) {
  assertSmtp(ctx, 'SMTP disabled');
  const db = await ctx.core.db();
  let user: UserRecord | undefined = await db.users.where('emailKey').equals(p.email.toLowerCase()).first();
  let created: UserRecord | null = null;
  if (!user) {
    await assertUserLimit(ctx);
    await assertEmailNotInIdentities(ctx, p.email);
    user = created = newUser(ctx, newId(ctx, p.userId), { email: p.email });
  }
  const recipient = user;
  const token = await issueToken(ctx, recipient, {
    type: TOKEN_TYPE.magicUrl,
    lifetime: TOKEN_LIFETIME.magicUrl,
    format: 'hex',
    alsoWrite: created ? (tx) => addUser(ctx, tx, created) : undefined,
    message: (secret, t) => emailMessage(ctx, 'magic-url', recipient.email ?? p.email, '', mergeQuery(p.url || defaultUrl(ctx), {
      userId: recipient.$id, secret, expire: formatDate(t.expire), project: ctx.core.config.projectId,
    })),
  });
  return { status: 201, body: toToken(token, ''), auditUser: recipient };
}

/** PUT /account/sessions/magic-url: the link's secret for a session, and the e-mail is verified. */
export const updateMagicURLSession = (ctx: RequestContext, p: { userId: string; secret: string }) =>
  sessionFromToken(ctx, p, TOKEN_TYPE.magicUrl, 'magic-url', { emailVerification: true });

/** 1.9.6's default link target: the console's magic-URL page (on the API's host, with its port, see apiPageUrl). */
const defaultUrl19 = (ctx: RequestContext) => apiPageUrl(ctx, '/console/auth/magic-url');

/**
 * The user a 1.9.6 e-mail token goes to: the one with that e-mail (as sent, on the case-insensitive key), used as
 * is; else, after the user limit and the identity guard (`taken`: the route's answer), a new one with the parsed
 * e-mail, shaped by `fill` (its target or `mfa` flag), stored by the caller with the token.
 */
export async function emailTokenUser(
  ctx: RequestContext, p: { userId: string; email: string }, taken: AppwriteError | undefined, fill: (user: UserRecord) => UserRecord,
): Promise<{ user: UserRecord; created: UserRecord | null }> {
  const db = await ctx.core.db();
  const existing = await db.users.where('emailKey').equals(p.email.toLowerCase()).first();
  if (existing) return { user: existing, created: null };
  await assertUserLimit(ctx);
  await assertEmailNotInIdentities(ctx, p.email, undefined, taken);
  const created = fill(newUser(ctx, newId(ctx, p.userId), { email: p.email, ...emailFields(p.email) }));
  return { user: created, created };
}

/**
 * POST /account/tokens/magic-url (and 1.9.6's POST /account/sessions/magic-url alias): e-mails a one-hour link
 * with a 64-hex secret, creating the user on first use (e-mail parsed, no target). The lookup and the new user's
 * e-mail are as 1.4's; the identity guard still answers 409 here, unlike 1.9.6's other routes. `phrase: true`
 * adds a security phrase to the answer and the mail.
 */
export async function createMagicURLToken(ctx: RequestContext, p: { userId: string; email: string; url: string; phrase: boolean }) {
  assertSmtp(ctx, 'SMTP disabled');
  const phrase = p.phrase ? securityPhrase(ctx.core.random) : '';
  const { user: recipient, created } = await emailTokenUser(ctx, p, new AppwriteError('user_email_already_exists'),
    (fresh) => ({ ...fresh, mfa: false }));
  const agent = await agentVars(ctx);
  const token = await issueToken(ctx, recipient, {
    type: TOKEN_TYPE.magicUrl,
    lifetime: TOKEN_LIFETIME_1_9.magicUrl,
    format: 'hex64',
    alsoWrite: created ? (tx) => addUser(ctx, tx, created) : undefined,
    message: (secret, t) => signInEmail(ctx, 'magic-url', recipient.email ?? p.email, {
      ...agent, user: recipient.name ?? '', phrase: phrase || undefined,
      redirect: mergeQuery(p.url || defaultUrl19(ctx), {
        userId: recipient.$id, secret, expire: formatDate(t.expire), project: ctx.core.config.projectId,
      }),
    }),
  });
  return { status: 201, body: toToken(token, '', phrase), auditUser: recipient };
}
