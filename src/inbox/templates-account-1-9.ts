import { escapeHtml, htmlToText, layout, type EmailKind, type EmailVars, type RenderedEmail } from './templates.js';

/**
 * Appwrite 1.9.6's English texts for the mails whose wording changed since 1.4 (recovery, verification; the sign-in mails are in templates-1-9.ts) (1.9 spec §6.28, §6.39): subjects
 * name the project, the body is `email-inner-base.tpl` with a button. Kinds missing here keep 1.4's texts.
 * Apostrophes as in 1.9.6's en.json: the recovery footer has a straight one, the verification footer U+2019.
 */
interface Texts19 {
  subject: string;
  preview: string;
  heading?: string;
  hello: string;
  body: string;
  button: string;
  footer: string;
}

const TEXTS_1_9: Partial<Record<EmailKind, Texts19>> = {
  recovery: {
    subject: 'Password Reset for {{project}}',
    preview: 'Reset your {{project}} password using the link.',
    hello: 'Hello {{user}},',
    body: 'Follow this link to reset your <strong>{{project}}</strong> password.',
    button: 'Reset password',
    footer: "If you didn't ask to reset your password, you can ignore this message.",
  },
  verification: {
    subject: 'Account Verification for {{project}}',
    preview: 'Verify your email to activate your {{project}} account.',
    heading: 'Verify your email to start using {{project}}',
    hello: 'Hello {{user}},',
    body: 'Follow this link to verify your email address to your <strong>{{project}}</strong> account.',
    button: 'Confirm email address',
    footer: 'If you didn’t ask to verify this address, you can ignore this message.',
  },
};

const fill = (template: string, vars: EmailVars, escape: (s: string) => string) =>
  template.replace(/\{\{(user|project|redirect)\}\}/g, (_, key: keyof EmailVars) => escape(vars[key]));

/** The 1.9.6 mail of `kind`, or null when 1.9.6 kept 1.4's texts for it. */
export function renderAccountEmail19(kind: EmailKind, vars: EmailVars): (RenderedEmail & { preview: string }) | null {
  const texts = TEXTS_1_9[kind];
  if (!texts) return null;
  const html = (t: string) => fill(t, vars, escapeHtml);
  const link = escapeHtml(vars.redirect);
  const content = [
    ...(texts.heading ? [`<h1>${html(texts.heading)}</h1>`] : []),
    `<p>${html(texts.hello)}</p>`,
    `<p>${html(texts.body)}</p>`,
    `<p><a href="${link}" target="_blank" class="button">${html(texts.button)}</a></p>`,
    `<p>${html(texts.footer)}</p>`,
    `<p style="margin-bottom: 32px">Thanks,<br/>`,
    `${html('{{project}} team')}</p>`,
  ].join('\n');
  const page = layout(content);
  // Subject and preview are rendered with the same variables and stripped of tags (the mails worker).
  const plain = (t: string) => htmlToText(fill(t, vars, escapeHtml));
  return { subject: plain(texts.subject), preview: plain(texts.preview), html: page, text: htmlToText(page) };
}
