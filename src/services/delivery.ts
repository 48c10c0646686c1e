import { AppwriteError } from '../errors/appwrite-error.js';
import type { RequestContext } from '../http/context.js';

/**
 * The first check of every action that sends mail or SMS (options `smtp`, `sms`: a server without SMTP host or
 * SMS provider): 503 general_smtp_disabled / general_phone_disabled, with the text the route throws. Appwrite says
 * `SMTP disabled` on the sign-in mails and `SMTP Disabled` on recovery and verification (both servers), and
 * `Phone provider not configured` on texts. Only the services that send import this, so it loads with them.
 */
export function assertSmtp(ctx: RequestContext, message: 'SMTP disabled' | 'SMTP Disabled'): void {
  if (!ctx.core.config.smtp) throw new AppwriteError('general_smtp_disabled', message);
}

/** 1.4's phone verification throws the type's default text (1.4 spec §8.30); every other texting route, and 1.9.6's, this one. */
export function assertSms(ctx: RequestContext, defaultText = false): void {
  if (!ctx.core.config.sms) throw new AppwriteError('general_phone_disabled', defaultText ? undefined : 'Phone provider not configured');
}
