import { formatDate } from '../clock.js';
import type { RequestContext } from '../http/context.js';
import { mergeQuery } from '../inbox/links.js';
import { toToken } from '../models/models.js';
import { TOKEN_TYPE, type UserRecord } from '../storage/records.js';
import { AppwriteError } from '../errors/appwrite-error.js';
import { assertEmailNotInIdentities, addUser, assertUserLimit, newUser } from './account.js';
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
 * POST /account/tokens/magic-url (and 1.9.6's POST /account/sessions/magic-url alias): e-mails a one-hour link
 * with a 64-hex secret, creating the user on first use (e-mail parsed, no target). The lookup and the new user's
 * e-mail are as 1.4's; the identity guard still answers 409 here, unlike 1.9.6's other routes. `phrase: true`
 * adds a security phrase to the answer and the mail.
 */
export async function createMagicURLToken(ctx: RequestContext, p: { userId: string; email: string; url: string; phrase: boolean }) {
  const phrase = p.phrase ? securityPhrase(ctx.core.random) : '';
  const db = await ctx.core.db();
  let user: UserRecord | undefined = await db.users.where('emailKey').equals(p.email.toLowerCase()).first();
  let created: UserRecord | null = null;
  if (!user) {
    await assertUserLimit(ctx);
    await assertEmailNotInIdentities(ctx, p.email, undefined, new AppwriteError('user_email_already_exists'));
    user = created = newUser(ctx, newId(ctx, p.userId), { email: p.email, mfa: false, ...emailFields(p.email) });
  }
  const recipient = user;
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
