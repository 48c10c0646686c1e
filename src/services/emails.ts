import type { RequestContext } from '../http/context.js';
import { renderEmail, type EmailKind } from '../inbox/templates.js';
import { renderEmail19, type EmailKind19, type EmailVars19 } from '../inbox/templates-1-9.js';
import { clientInfo } from '../models/client-info.js';
import { renderAccountEmail19 } from '../inbox/templates-account-1-9.js';
import type { Outgoing } from './tokens.js';

/**
 * An e-mail as Appwrite's mail worker would send it, with the project's name filled in: the texts of the
 * request's server (1.9.6 reworded recovery and verification mails).
 */
export function emailMessage(ctx: RequestContext, kind: EmailKind, to: string, userName: string, link: string): Outgoing {
  const vars = { user: userName, project: ctx.core.config.projectName, redirect: link };
  const mail19 = ctx.behaviour === '1.9' ? renderAccountEmail19(kind, vars) : null;
  if (mail19) return { channel: 'email', kind, to, subject: mail19.subject, preview: mail19.preview, text: mail19.text, html: mail19.html, url: link };
  const { subject, html, text } = renderEmail(kind, vars);
  return { channel: 'email', kind, to, subject, text, html, url: link };
}

/** An SMS: Appwrite's default template is just `{{token}}`, the 6-digit code. */
export function smsMessage(kind: 'phone-session' | 'phone-verification', to: string, code: string): Outgoing {
  return { channel: 'sms', kind, to, text: code };
}

/** What 1.9.6's mails say about the requesting client (`{{agentClient}}`, `{{agentDevice}}`, `{{agentOs}}`). */
export async function agentVars(ctx: RequestContext): Promise<Pick<EmailVars19, 'agentClient' | 'agentDevice' | 'agentOs'>> {
  const info = await clientInfo(ctx.userAgent);
  return { agentClient: info.clientName || 'UNKNOWN', agentDevice: info.deviceBrand || 'UNKNOWN', agentOs: info.osName || 'UNKNOWN' };
}

/** A 1.9.6 sign-in mail (magic URL or e-mail OTP); `phrase` is recorded on the message when the mail shows one. */
export function signInEmail(
  ctx: RequestContext, kind: Extract<EmailKind19, 'magic-url' | 'email-otp'>, to: string, vars: Omit<EmailVars19, 'project'>,
): Outgoing {
  const { subject, preview, html, text } = renderEmail19(kind, { ...vars, project: ctx.core.config.projectName });
  return {
    channel: 'email', kind, to, subject, preview, text, html,
    ...(vars.redirect !== undefined ? { url: vars.redirect } : {}),
    ...(vars.phrase ? { phrase: vars.phrase } : {}),
  };
}

/**
 * A Cloud 2.x code mail (recovery or e-mail verification by 6-digit code, 1.9 spec §7.2, §7.4): the inbox kind is
 * the flow's, and the message has no link.
 */
export function codeEmail(
  ctx: RequestContext, kind: 'recovery' | 'verification', to: string, vars: { user: string; otp: string; phrase?: string },
): Outgoing {
  const { subject, preview, html, text } = renderEmail19(`${kind}-otp`, {
    ...vars, project: ctx.core.config.projectName, agentClient: '', agentDevice: '', agentOs: '',
  });
  return { channel: 'email', kind, to, subject, preview, text, html, ...(vars.phrase ? { phrase: vars.phrase } : {}) };
}
