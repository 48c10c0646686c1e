import { formatDate } from '../clock.js';
import type { RequestContext } from '../http/context.js';
import { mergeQuery } from '../inbox/links.js';
import { toToken } from '../models/models.js';
import { TOKEN_TYPE, type UserRecord } from '../storage/records.js';
import { assertEmailNotInIdentities, addUser, assertUserLimit, newUser } from './account.js';
import { emailMessage } from './emails.js';
import { apiPageUrl, newId } from './shared.js';
import { TOKEN_LIFETIME, issueToken, sessionFromToken } from './tokens.js';

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
