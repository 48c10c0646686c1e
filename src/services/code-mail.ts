import type { RequestContext } from '../http/context.js';
import { toToken } from '../models/models.js';
import type { UserRecord } from '../storage/records.js';
import { codeEmail } from './emails.js';
import { securityPhrase } from './phrase.js';
import { CODE_LIFETIME_CLOUD, issueToken } from './tokens.js';

/**
 * Cloud 2.x's mailed codes (recovery and e-mail verification by 6-digit code, 1.9 spec §7.2, §7.4): a token of
 * `type` living 15 minutes, its code mailed with the optional security phrase; answers 201 Token.
 */
export async function mailCode(
  ctx: RequestContext, user: UserRecord, type: number, kind: 'recovery' | 'verification', wantsPhrase: boolean,
) {
  const phrase = wantsPhrase ? securityPhrase(ctx.core.random) : '';
  const token = await issueToken(ctx, user, {
    type,
    lifetime: CODE_LIFETIME_CLOUD,
    format: 'code',
    message: (code) => codeEmail(ctx, kind, user.email ?? '', { user: user.name, otp: code, phrase: phrase || undefined }),
  });
  return { status: 201, body: toToken(token, '', phrase), auditUser: user };
}
