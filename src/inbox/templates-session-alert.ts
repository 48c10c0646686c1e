import { escapeHtml, htmlToText, layout } from './templates.js';

/**
 * Appwrite 1.9.6's session alert mail (1.9 spec §6.40; `email-session-alert.tpl` and en.json
 * `emails.sessionAlert.*`): the lines with `{{b}}…{{/b}}` as <strong>, the variables HTML-escaped, inside the small
 * layout of templates.ts. Subject and preview are rendered with the same variables, tags stripped.
 */
export interface SessionAlertVars {
  user: string;
  project: string;
  /** PHP `F j`, e.g. `January 15`. */
  date: string;
  /** PHP `YYYY`: see sessionAlertDate. */
  year: string;
  /** `H:i:s`, UTC. */
  time: string;
  device: string;
  ipAddress: string;
  country: string;
}

const SUBJECT = 'Security alert: new session on your {{project}} account';
const PREVIEW = 'New login detected on {{project}} at {{time}} UTC.';
const HELLO = 'Hello {{user}},';
const BODY = 'A new session has been created on your {{b}}{{project}}{{/b}} account, {{b}}on {{date}}, {{year}} at {{time}} UTC{{/b}}.\nHere are the details of the new session: ';
const LIST = ['Device: {{b}}{{device}}{{/b}}', 'IP Address: {{b}}{{ipAddress}}{{/b}}', 'Country: {{b}}{{country}}{{/b}}'];
const FOOTER = "If this was you, there's nothing more you need to do.\nIf you didn't initiate this session or suspect any unauthorized activity, please secure your account.";

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const two = (n: number) => String(n).padStart(2, '0');

/**
 * The mail's date variables, from the emulator's clock (Appwrite's listener reads the server clock, UTC).
 * @note Appwrite formats the year with PHP's `format('YYYY')`, where each `Y` is the full year, so the mail says
 * `on January 15, 2026202620262026 at 10:00:00 UTC`. Reproduced as it is: apps that parse the mail see what
 * Appwrite sends.
 */
export function sessionAlertDate(now: Date): Pick<SessionAlertVars, 'date' | 'year' | 'time'> {
  const year = String(now.getUTCFullYear());
  return {
    date: `${MONTHS[now.getUTCMonth()]} ${now.getUTCDate()}`,
    year: year.repeat(4),
    time: `${two(now.getUTCHours())}:${two(now.getUTCMinutes())}:${two(now.getUTCSeconds())}`,
  };
}

const VARIABLES = /\{\{(user|project|date|year|time|device|ipAddress|country)\}\}/g;

function fill(template: string, vars: SessionAlertVars, escape: (s: string) => string): string {
  return template
    .replace(VARIABLES, (_, key: keyof SessionAlertVars) => escape(vars[key]))
    .replace(/\{\{b\}\}/g, '<strong>')
    .replace(/\{\{\/b\}\}/g, '</strong>');
}

const stripTags = (s: string) => s.replace(/<[^>]*>/g, '');

export function renderSessionAlert(vars: SessionAlertVars) {
  const html = (s: string) => fill(s, vars, escapeHtml);
  const page = layout([
    `<p>${html(HELLO)}</p>`,
    `<p>${html(BODY)}</p>`,
    `<ol>${LIST.map((item) => `<li>${html(item)}</li>`).join('\n')}</ol>`,
    `<p>${html(FOOTER)}</p>`,
    '<p style="margin-bottom: 0px;">Thanks,</p>',
    `<p style="margin-top: 0px;">${html('{{project}} team')}</p>`,
  ].join('\n'));
  return {
    subject: stripTags(fill(SUBJECT, vars, (s) => s)),
    preview: stripTags(fill(PREVIEW, vars, (s) => s)),
    html: page,
    text: htmlToText(page),
  };
}
