/**
 * Appwrite 1.4's English e-mail texts (spec §4.1). The HTML part is the inner template wrapped in a small base
 * layout; the plain-text part is that HTML with the tags stripped (as Appwrite's mail worker does with
 * strip_tags), so it carries the raw link with literal `&` separators.
 */

export type EmailKind = 'magic-url' | 'recovery' | 'verification';

export interface EmailVars {
  /** The recipient's name (`{{user}}`); '' when the account has none. */
  user: string;
  /** The project name (`{{project}}`). */
  project: string;
  /** The full link (`{{redirect}}`). */
  redirect: string;
}

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

interface EmailTexts {
  subject: string;
  hello: string;
  body: string;
  footer: string;
}

const THANKS = 'Thanks';
const SIGNATURE = '{{project}} team';

// Verbatim from Appwrite's en.json, the typographic apostrophe (’) included.
const TEXTS: Record<EmailKind, EmailTexts> = {
  'magic-url': {
    subject: 'Login',
    hello: 'Hey,',
    body: 'Follow this link to login.',
    footer: 'If you didn’t ask to login using this email, you can ignore this message.',
  },
  recovery: {
    subject: 'Password Reset',
    hello: 'Hello {{user}}',
    body: 'Follow this link to reset your {{project}} password.',
    footer: 'If you didn’t ask to reset your password, you can ignore this message.',
  },
  verification: {
    subject: 'Account Verification',
    hello: 'Hey {{user}}',
    body: 'Follow this link to verify your email address.',
    footer: 'If you didn’t ask to verify this address, you can ignore this message.',
  },
};

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes the entities our templates can produce (named basics and numeric references). */
export function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-fA-F]+|#\d+|[a-zA-Z]+);/g, (whole, entity: string) => {
    if (entity.startsWith('#x') || entity.startsWith('#X')) return safeCodePoint(parseInt(entity.slice(2), 16), whole);
    if (entity.startsWith('#')) return safeCodePoint(parseInt(entity.slice(1), 10), whole);
    return NAMED_ENTITIES[entity] ?? whole;
  });
}

function safeCodePoint(point: number, fallback: string): string {
  return Number.isInteger(point) && point >= 0 && point <= 0x10ffff ? String.fromCodePoint(point) : fallback;
}

/**
 * The plain-text alternative: tags stripped, entities decoded, each line trimmed and runs of blank lines
 * collapsed (the layout's indentation would otherwise leak into the text).
 */
export function htmlToText(html: string): string {
  const stripped = decodeEntities(html.replace(/<[^>]*>/g, ''));
  const lines = stripped.split(/\r?\n/).map((line) => line.trim());
  const out: string[] = [];
  for (const line of lines) {
    if (line === '' && (out.length === 0 || out[out.length - 1] === '')) continue;
    out.push(line);
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out.join('\n');
}

function fill(template: string, vars: EmailVars): string {
  return template.replace(/\{\{(user|project|redirect)\}\}/g, (_, key: keyof EmailVars) => escapeHtml(vars[key]));
}

/** The inner template's order (spec §4.1): greeting, break, body, the link, footer, break, thanks, signature. */
function inner(texts: EmailTexts, vars: EmailVars): string {
  const link = escapeHtml(vars.redirect);
  return [
    `<p>${fill(texts.hello, vars)}</p>`,
    '<br>',
    `<p>${fill(texts.body, vars)}</p>`,
    `<a href="${link}" target="_blank">${link}</a>`,
    `<p>${fill(texts.footer, vars)}</p>`,
    '<br>',
    `<p>${fill(THANKS, vars)}</p>`,
    `<p>${fill(SIGNATURE, vars)}</p>`,
  ].join('\n');
}

/**
 * @note Appwrite's base layout is a large branded HTML page; ours is a small neutral one. The inner content and
 * the texts are Appwrite's; no `<title>`/`<style>` elements, so the stripped text holds only the message.
 */
export function layout(content: string): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '</head>',
    '<body style="margin:0;padding:32px 16px;background:#f5f5f7;font-family:Helvetica,Arial,sans-serif;color:#373b4d;line-height:1.5">',
    '<div style="max-width:560px;margin:0 auto;padding:32px;background:#ffffff;border-radius:8px;overflow-wrap:anywhere">',
    content,
    '</div>',
    '</body>',
    '</html>',
  ].join('\n');
}

export function renderEmail(kind: EmailKind, vars: EmailVars): RenderedEmail {
  const texts = TEXTS[kind];
  const html = layout(inner(texts, vars));
  return { subject: texts.subject, html, text: htmlToText(html) };
}
