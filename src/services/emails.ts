import type { RequestContext } from '../http/context.js';
import { renderEmail, type EmailKind } from '../inbox/templates.js';
import { renderEmail19 } from '../inbox/templates-1-9.js';
import type { Outgoing } from './tokens.js';

/**
 * An e-mail as Appwrite's mail worker would send it, with the project's name filled in: the texts of the
 * request's server (1.9.6 reworded recovery and verification mails).
 */
export function emailMessage(ctx: RequestContext, kind: EmailKind, to: string, userName: string, link: string): Outgoing {
  const vars = { user: userName, project: ctx.core.config.projectName, redirect: link };
  const { subject, html, text } = (ctx.behaviour === '1.9' && renderEmail19(kind, vars)) || renderEmail(kind, vars);
  return { channel: 'email', kind, to, subject, text, html, url: link };
}

/** An SMS: Appwrite's default template is just `{{token}}`, the 6-digit code. */
export function smsMessage(kind: 'phone-session' | 'phone-verification', to: string, code: string): Outgoing {
  return { channel: 'sms', kind, to, text: code };
}
