/**
 * The inbox panel's body, loaded on its first open (panel.ts is the badge): the message list with filters, each
 * e-mail rendered in `<iframe sandbox="">` (no script, no access to the page), "Open link" for http(s) links only
 * (safe-navigation.ts), copy of the secret or code; and the Authenticator view (authenticator-view.ts): the live
 * TOTP codes of the emulator's authenticators.
 */
import { followLink } from '../browser/safe-navigation.js';
import type { ResolvedConfig } from '../config.js';
import type { Emulator } from '../emulator.js';
import { createAuthenticatorView } from './authenticator-view.js';
import type { InboxMessage } from './inbox.js';
import { h } from './panel.js';

const KIND_LABELS: Record<InboxMessage['kind'], string> = {
  'magic-url': 'Magic URL sign-in',
  recovery: 'Password recovery',
  verification: 'E-mail verification',
  'phone-session': 'Phone sign-in',
  'phone-verification': 'Phone verification',
  'email-otp': 'E-mail code sign-in',
  'session-alert': 'New session alert',
  'mfa-challenge': 'Two-step verification',
};

const STYLE = `
:host([data-position=bottom-left]) .panel{right:auto;left:0}
.panel{position:absolute;bottom:52px;right:0;width:min(440px,calc(100vw - 32px));max-height:min(680px,calc(100vh - 88px));display:flex;flex-direction:column;
 background:var(--bg);border:1px solid var(--line);border-radius:14px;box-shadow:0 12px 40px #0005;overflow:hidden}
.panel[hidden]{display:none}
header{display:flex;align-items:center;gap:8px;padding:12px 14px;border-bottom:1px solid var(--line)}
h2{font-size:16px;margin:0;flex:1}
h2 small{display:block;font-size:12px;font-weight:400;color:var(--muted)}
.x{border:0;background:none;font-size:20px;line-height:1;padding:4px 8px}
.filters{display:flex;gap:8px;padding:10px 14px;border-bottom:1px solid var(--line);flex-wrap:wrap}
input{flex:1;min-width:150px;border:1px solid var(--line);background:var(--bg);border-radius:8px;padding:5px 9px}
.seg{display:flex;gap:4px}
.seg [aria-pressed=true]{background:var(--fg);color:var(--bg);border-color:var(--fg)}
ol{list-style:none;margin:0;padding:0;overflow:auto;flex:1}
li{padding:12px 14px;border-bottom:1px solid var(--line)}
li:last-child{border-bottom:0}
.meta{display:flex;justify-content:space-between;gap:8px;color:var(--muted);font-size:12px}
h3{font-size:15px;margin:2px 0}
.to{margin:0 0 6px;color:var(--muted);overflow-wrap:anywhere}
.text{white-space:pre-wrap;overflow-wrap:anywhere;margin:6px 0;background:var(--soft);border-radius:8px;padding:8px 10px;font-size:13px}
.sms{font-size:18px;letter-spacing:2px;font-family:ui-monospace,monospace}
iframe{display:block;width:100%;height:220px;border:1px solid var(--line);border-radius:8px;background:#fff}
details{margin:6px 0;font-size:13px}summary{cursor:pointer;color:var(--muted)}
.actions{display:flex;gap:8px;margin-top:8px;flex-wrap:wrap}
.primary{background:var(--accent);color:var(--accent-fg);border-color:var(--accent);font-weight:600}
.empty{margin:0;padding:28px 14px;text-align:center;color:var(--muted)}
.empty[hidden]{display:none}
.filters[hidden],.auth[hidden]{display:none}
.auth{overflow:auto;flex:1}
`;

async function copyText(text: string, root: ShadowRoot): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard API (insecure context, denied permission): the old selection-based copy.
    const area = h('textarea', { class: 'sr', 'aria-hidden': 'true' }) as HTMLTextAreaElement;
    area.value = text;
    root.append(area);
    area.select();
    let copied = false;
    try {
      copied = document.execCommand('copy');
    } catch {
      copied = false;
    }
    area.remove();
    return copied;
  }
}

function formatTime(createdAt: string): string {
  const date = new Date(createdAt);
  if (Number.isNaN(date.getTime())) return createdAt;
  const sameDay = date.toDateString() === new Date().toDateString();
  return sameDay ? date.toLocaleTimeString() : date.toLocaleString();
}

export interface PanelView {
  element: HTMLElement;
  render(messages: InboxMessage[]): void;
  focus(): void;
}

export function createPanelView(ctx: {
  root: ShadowRoot;
  config: ResolvedConfig;
  live: HTMLElement;
  close(): void;
  clear(): Promise<void>;
  refresh(): Promise<void>;
  /** The emulator's MFA test API; without it the panel has no Authenticator view. */
  mfa?: Emulator['mfa'];
}): PanelView {
  const { root, config, live } = ctx;
  let messages: InboxMessage[] = [];
  let channel: '' | 'email' | 'sms' = '';
  const search = h('input', { type: 'search', placeholder: 'Filter by recipient', 'aria-label': 'Filter by recipient', oninput: () => render() }) as HTMLInputElement;
  const channels = ['', 'email', 'sms'] as const;
  const segButtons = channels.map((value) =>
    h('button', { type: 'button', 'aria-pressed': String(value === ''), onclick: () => {
      channel = value;
      segButtons.forEach((button, i) => button.setAttribute('aria-pressed', String(channels[i] === value)));
      render();
    } }, value === '' ? 'All' : value === 'email' ? 'E-mail' : 'SMS'));
  const list = h('ol', { 'aria-label': 'Messages, newest first' });
  const empty = h('p', { class: 'empty' });
  const filters = h('div', { class: 'filters' }, search, h('div', { class: 'seg', role: 'group', 'aria-label': 'Channel' }, ...segButtons));
  // The Authenticator view replaces the message list while its button is pressed.
  let showingCodes = false;
  const { mfa } = ctx;
  const codes = mfa && createAuthenticatorView({
    h, copy: (text) => copyText(text, root), announce: (text) => (live.textContent = text),
    authenticators: () => mfa.authenticators(), visible: () => showingCodes && !panel.hidden,
  });
  const codesButton = codes
    ? h('button', { type: 'button', 'aria-pressed': 'false', onclick: () => showCodes(!showingCodes) }, 'Authenticator')
    : null;
  const panel = h('section', { class: 'panel', id: 'inbox-panel', role: 'dialog', 'aria-label': 'Appwrite emulator inbox', hidden: true },
    h('style', {}, STYLE),
    h('header', {},
      h('h2', {}, 'Inbox', h('small', {}, `appwrite-emulator · project ${config.projectId}`)),
      codesButton,
      h('button', { type: 'button', onclick: () => void clearAll() }, 'Clear all'),
      h('button', { type: 'button', class: 'x', 'aria-label': 'Close inbox', onclick: () => ctx.close() }, '×')),
    filters, list, empty, codes ? codes.element : null);
  if (codes) codes.element.hidden = true;

  function showCodes(on: boolean) {
    showingCodes = on;
    codesButton?.setAttribute('aria-pressed', String(on));
    filters.hidden = list.hidden = on;
    codes!.element.hidden = !on;
    if (on) codes!.start();
    else codes!.stop();
    render();
  }

  function item(message: InboxMessage): HTMLElement {
    const isEmail = message.channel === 'email';
    const title = message.subject ?? (isEmail ? '(no subject)' : 'SMS');
    const copyLabel = isEmail ? 'Copy secret' : 'Copy code';
    const copy = h('button', { type: 'button', 'aria-label': `${copyLabel} of the message to ${message.to}`, onclick: async () => {
      const ok = await copyText(message.secret, root);
      copy.textContent = ok ? 'Copied' : 'Copy failed';
      live.textContent = ok ? `${isEmail ? 'Secret' : 'Code'} copied to the clipboard` : 'Could not copy';
      setTimeout(() => (copy.textContent = copyLabel), 1500);
    } }, copyLabel);
    // sandbox="" grants nothing: no script, an opaque origin, no popups (the mail's target=_blank link is inert)
    // and no navigation of the page. Never add allow-scripts, allow-same-origin, allow-popups or allow-top-navigation.
    const body = isEmail && message.html !== undefined
      ? [h('iframe', { sandbox: '', srcdoc: message.html, title: `E-mail: ${title}`, loading: 'lazy', referrerpolicy: 'no-referrer' }),
        h('details', {}, h('summary', {}, 'Plain text'), h('p', { class: 'text' }, message.text))]
      : [h('p', { class: isEmail ? 'text' : 'text sms' }, message.text)];
    return h('li', { 'data-id': message.id },
      h('article', { 'aria-label': `${title} to ${message.to}` },
        h('div', { class: 'meta' }, h('span', {}, `${isEmail ? 'E-mail' : 'SMS'} · ${KIND_LABELS[message.kind] ?? message.kind}`),
          h('time', { datetime: message.createdAt }, formatTime(message.createdAt))),
        h('h3', {}, title),
        h('p', { class: 'to' }, `To: ${message.to}`),
        ...body,
        h('div', { class: 'actions' },
          message.url ? h('button', { type: 'button', class: 'primary', onclick: () => followLink(message.url!, { source: 'inbox' }) }, 'Open link') : null,
          // A session alert carries no secret: nothing to copy.
          message.secret ? copy : null)));
  }

  function render() {
    const query = search.value.trim().toLowerCase();
    const shown = messages.filter((m) => (!channel || m.channel === channel) && (!query || m.to.toLowerCase().includes(query)));
    // Keep keyboard focus on the same button when the list is rebuilt under it.
    const focused = root.activeElement;
    const focusedLi = focused?.closest('li');
    const focusedIndex = focusedLi ? [...focusedLi.querySelectorAll('button')].indexOf(focused as HTMLButtonElement) : -1;
    list.replaceChildren(...shown.map(item));
    if (focusedLi) list.querySelector(`li[data-id="${CSS.escape(focusedLi.dataset.id ?? '')}"]`)?.querySelectorAll('button')[focusedIndex]?.focus();
    empty.hidden = showingCodes || shown.length > 0;
    empty.textContent = messages.length ? 'No message matches the filters.' : 'No messages yet. E-mails and SMS the emulator sends appear here.';
  }

  async function clearAll() {
    await ctx.clear();
    live.textContent = 'Inbox cleared';
    await ctx.refresh();
  }

  return {
    element: panel,
    render(next) {
      messages = next;
      render();
      if (showingCodes) codes?.start(); // the panel was opened again
    },
    focus: () => search.focus(),
  };
}
