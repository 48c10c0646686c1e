import type { RequestContext } from '../http/context.js';
import { toToken } from '../models/models.js';
import { TOKEN_TYPE } from '../storage/records.js';
import { addUser } from './account.js';
import { assertSmtp } from './delivery.js';
import { agentVars, signInEmail } from './emails.js';
import { emailTokenUser } from './magic-url.js';
import { securityPhrase } from './phrase.js';
import { withTarget } from './targets.js';
import { TOKEN_LIFETIME_1_9, issueToken } from './tokens.js';

/**
 * POST /account/tokens/email (1.9.6, `createEmailToken`): e-mails a 6-digit code valid 15 minutes (token type 9),
 * redeemed with POST /account/sessions/token. The user is looked up like the magic URL's; a new one gets the
 * parsed e-mail and an `email` target, and the identity guard answers 400 general_bad_request (no account leak).
 * An existing user is used as is (`userId` ignored, no blocked check).
 */
export async function createEmailToken(ctx: RequestContext, p: { userId: string; email: string; phrase: boolean }) {
  assertSmtp(ctx, 'SMTP disabled');
  const phrase = p.phrase ? securityPhrase(ctx.core.random) : '';
  const { user: recipient, created } = await emailTokenUser(ctx, p, undefined, (fresh) => withTarget(ctx, fresh, 'email', p.email));
  const agent = await agentVars(ctx);
  const token = await issueToken(ctx, recipient, {
    type: TOKEN_TYPE.email,
    lifetime: TOKEN_LIFETIME_1_9.emailOtp,
    format: 'code',
    alsoWrite: created ? (tx) => addUser(ctx, tx, created) : undefined,
    message: (code) => signInEmail(ctx, 'email-otp', recipient.email ?? p.email, {
      ...agent, user: recipient.name ?? '', otp: code, phrase: phrase || undefined,
    }),
  });
  return { status: 201, body: toToken(token, '', phrase), auditUser: recipient };
}
