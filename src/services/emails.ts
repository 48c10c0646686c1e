import type { RequestContext } from '../http/context.js';
import { renderEmail, type EmailKind } from '../inbox/templates.js';
import type { Outgoing } from './tokens.js';

/** An e-mail as Appwrite's mail worker would send it, with the project's name filled in. */
export function emailMessage(ctx: RequestContext, kind: EmailKind, to: string, userName: string, link: string): Outgoing {
  const { subject, html, text } = renderEmail(kind, { user: userName, project: ctx.core.config.projectName, redirect: link });
  return { channel: 'email', kind, to, subject, text, html, url: link };
}

/** An SMS: Appwrite's default template is just `{{token}}`, the 6-digit code. */
export function smsMessage(kind: 'phone-session' | 'phone-verification', to: string, code: string): Outgoing {
  return { channel: 'sms', kind, to, text: code };
}
