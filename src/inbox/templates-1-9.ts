import { escapeHtml, htmlToText, layout } from './templates.js';

/**
 * Appwrite 1.9.6's English sign-in mails (1.9 spec §6.17, §6.18; en.json and the mails worker): the inner
 * template's lines with `{{b}}…{{/b}}` as <strong>, the variables filled in (HTML-escaped), inside the small layout
 * of templates.ts. The subject is rendered with the same variables, tags stripped; the plain-text part is the
 * HTML with tags stripped, as for 1.4's mails.
 */

export type EmailKind19 = 'magic-url' | 'email-otp' | 'recovery-otp' | 'verification-otp' | 'mfa-challenge';

export interface EmailVars19 {
  /** `{{user}}`: the user's name ('' when none). */
  user: string;
  project: string;
  /** The sign-in link (magic URL). */
  redirect?: string;
  /** The 6-digit code (e-mail OTP). */
  otp?: string;
  /** The security phrase; its line is left out when absent. */
  phrase?: string;
  agentClient: string;
  agentDevice: string;
  agentOs: string;
}

export interface RenderedEmail19 {
  subject: string;
  preview: string;
  html: string;
  text: string;
}

const CLIENT_INFO = "This sign in was requested using {{b}}{{agentClient}}{{/b}} on {{b}}{{agentDevice}}{{/b}} {{b}}{{agentOs}}{{/b}}. If you didn't request the sign in, you can safely ignore this email.";
const PHRASE_LINE = 'Security phrase for this email is {{b}}{{phrase}}{{/b}}. You can trust this email if this phrase matches the phrase shown during sign in.';

type Line = { p: string } | { button: string } | { link: true } | { code: true } | { heading: string };

/** A mail's subject, preview line (preheader, rendered like the subject) and inner lines. */
interface Template {
  subject: string;
  preview: string;
  lines: Line[];
}

const TEMPLATES: Record<EmailKind19, Template> = {
  'magic-url': {
    subject: '{{project}} Login',
    preview: 'Sign in to {{project}} with your secure link. Expires in 1 hour.',
    lines: [
      { p: 'Hello {{user}},' },
      { p: 'Click the button below to securely sign in to your {{b}}{{project}}{{/b}} account. This link will expire in 1 hour.' },
      { button: 'Sign in to {{project}}' },
      { p: 'If you are unable to sign in using the button above, please visit the following link:' },
      { link: true },
      { p: CLIENT_INFO },
      { p: 'Thanks,' },
      { p: '{{project}} team' },
    ],
  },
  'email-otp': {
    subject: 'OTP for {{project}} Login',
    preview: 'Use OTP {{otp}} to sign in to {{project}}. Expires in 15 minutes.',
    lines: [
      { heading: 'Login with OTP to use {{project}}' },
      { p: 'Hello {{user}},' },
      { p: 'Enter the following verification code when prompted to securely sign in to your {{b}}{{project}}{{/b}} account. This code will expire in 15 minutes.' },
      { code: true },
      { p: CLIENT_INFO },
      { p: 'Thanks,' },
      { p: '{{project}} team' },
    ],
  },
  /** The code of an `email` MFA challenge (1.9 spec §6.34; `email-mfa-challenge.tpl`). The 15 minutes are the text's: the challenge lives an hour. */
  'mfa-challenge': {
    subject: 'Verification Code for {{project}}',
    preview: 'Use code {{otp}} for two-step verification in {{project}}. Expires in 15 minutes.',
    lines: [
      { heading: 'Complete two-step verification to use {{project}}' },
      { p: 'Hello {{user}},' },
      { p: 'Enter the following code to confirm your two-step verification in {{b}}{{project}}{{/b}}. This code will expire in 15 minutes.' },
      { code: true },
      { p: "This verification code was requested using {{b}}{{agentClient}}{{/b}} on {{b}}{{agentDevice}}{{/b}} {{b}}{{agentOs}}{{/b}}. If you didn't request the verification code, you can safely ignore this email." },
      { p: 'Thanks,' },
      { p: '{{project}} team' },
    ],
  },
  /**
   * @note Cloud 2.x's code mails (1.9 spec §7.2, §7.4): their texts are not published; these follow the e-mail
   * OTP layout with the subjects of 1.9.6's link mails (confidence C).
   */
  'recovery-otp': {
    subject: 'Password Reset for {{project}}',
    preview: 'Use code {{otp}} to reset your {{project}} password. Expires in 15 minutes.',
    lines: [
      { p: 'Hello {{user}},' },
      { p: 'Enter the following code when prompted to reset your {{b}}{{project}}{{/b}} password. This code will expire in 15 minutes.' },
      { code: true },
      { p: "If you didn't ask to reset your password, you can ignore this message." },
      { p: 'Thanks,' },
      { p: '{{project}} team' },
    ],
  },
  'verification-otp': {
    subject: 'Account Verification for {{project}}',
    preview: 'Use code {{otp}} to verify your email for {{project}}. Expires in 15 minutes.',
    lines: [
      { heading: 'Verify your email to start using {{project}}' },
      { p: 'Hello {{user}},' },
      { p: 'Enter the following code when prompted to verify your email address for your {{b}}{{project}}{{/b}} account. This code will expire in 15 minutes.' },
      { code: true },
      { p: 'If you didn’t ask to verify this address, you can ignore this message.' },
      { p: 'Thanks,' },
      { p: '{{project}} team' },
    ],
  },
};

const VARIABLES = /\{\{(user|project|redirect|otp|phrase|agentClient|agentDevice|agentOs)\}\}/g;

function fill(template: string, vars: EmailVars19, escape: (s: string) => string): string {
  return template
    .replace(VARIABLES, (_, key: keyof EmailVars19) => escape(vars[key] ?? ''))
    .replace(/\{\{b\}\}/g, '<strong>')
    .replace(/\{\{\/b\}\}/g, '</strong>');
}

function renderLine(line: Line, vars: EmailVars19): string {
  const html = (s: string) => fill(s, vars, escapeHtml);
  if ('heading' in line) return `<h1 style="font-size:20px">${html(line.heading)}</h1>`;
  if ('p' in line) return `<p>${html(line.p)}</p>`;
  const link = escapeHtml(vars.redirect ?? '');
  if ('button' in line) return `<p><a href="${link}" target="_blank" style="display:inline-block;padding:8px 16px;border-radius:6px;background:#fd366e;color:#ffffff;text-decoration:none">${html(line.button)}</a></p>`;
  if ('link' in line) return `<p><a href="${link}" target="_blank">${link}</a></p>`;
  return `<p style="font-size:24px;letter-spacing:4px"><strong>${escapeHtml(vars.otp ?? '')}</strong></p>`;
}

const stripTags = (s: string) => s.replace(/<[^>]*>/g, '');

export function renderEmail19(kind: EmailKind19, vars: EmailVars19): RenderedEmail19 {
  const template = TEMPLATES[kind];
  const lines = [...template.lines, ...(vars.phrase ? [{ p: PHRASE_LINE }] : [])];
  const html = layout(lines.map((line) => renderLine(line, vars)).join('\n'));
  return {
    subject: stripTags(fill(template.subject, vars, (s) => s)),
    preview: stripTags(fill(template.preview, vars, (s) => s)),
    html,
    text: htmlToText(html),
  };
}
