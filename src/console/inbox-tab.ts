/**
 * The console's Inbox tab: the e-mails and SMS the emulator "sent", newest first, filterable. Each e-mail is
 * rendered in `<iframe sandbox="">` (no script, no access to the page); nothing from a message is ever rendered
 * as HTML anywhere else. Per message: the state of its token (fresh, expires in, used, expired: read from the
 * tokens table, which holds SHA-256 digests of the secrets), Open link (http(s) only, safe-navigation.ts), open in
 * a new tab, Copy link, copy of the secret or code, "Fill" (puts a code into the app's last focused field), Delete.
 */
import { followLink, webUrl } from '../browser/safe-navigation.js';
import { sha256Hex } from '../crypto/hash.js';
import type { InboxMessage } from '../inbox/inbox.js';
import { h } from '../inbox/panel.js';
import type { ConsoleContext, ConsoleTab } from '../inbox/panel-view.js';

const KIND_LABELS: Record<string, string> = {
  'magic-url': 'Magic URL sign-in',
  recovery: 'Password recovery',
  verification: 'E-mail verification',
  'phone-session': 'Phone sign-in',
  'phone-verification': 'Phone verification',
  'email-otp': 'E-mail code sign-in',
  'mfa-challenge': 'Two-step verification',
  'session-alert': 'New session alert',
};

export type TokenState = 'fresh' | 'expiring' | 'used' | 'expired';

function formatTime(createdAt: string, now: Date): string {
  const date = new Date(createdAt);
  if (Number.isNaN(date.getTime())) return createdAt;
  return date.toDateString() === now.toDateString() ? date.toLocaleTimeString() : date.toLocaleString();
}

const minutes = (ms: number) => (ms < 60_000 ? `${Math.max(1, Math.round(ms / 1000))} s` : ms < 7_200_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 3_600_000)} h`);

/** Sets a field's value as typing would: through the element's own setter, then input and change events (React & co.). */
export function fillField(field: HTMLInputElement | HTMLTextAreaElement, value: string): void {
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(field) as object, 'value')?.set;
  if (setter) setter.call(field, value);
  else field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true }));
  field.dispatchEvent(new Event('change', { bubbles: true }));
  field.focus();
}

export function createInboxTab(ctx: ConsoleContext): ConsoleTab & { render(messages: InboxMessage[]): void; reveal(id: string): void } {
  const { emulator, announce } = ctx;
  let messages: InboxMessage[] = [];
  let channel: '' | 'email' | 'sms' = '';
  let highlight = '';
  let visible = false;
  let timer: ReturnType<typeof setInterval> | undefined;
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
  const element = h('div', { class: 'tabpanel' },
    h('div', { class: 'bar filters' }, search, h('div', { class: 'seg', role: 'group', 'aria-label': 'Channel' }, ...segButtons),
      h('button', { type: 'button', onclick: () => void clearAll() }, 'Clear all')),
    h('div', { class: 'scroll' }, list, empty));

  /** The token's state, from the tokens table: absent = used (tokens are single-use) or replaced. */
  async function tokenState(message: InboxMessage): Promise<{ state: TokenState; label: string } | null> {
    if ((message.kind as string) === 'mfa-challenge' || !message.secret || !emulator.db || !emulator.clock) return null;
    const db = await emulator.db();
    const hash = sha256Hex(message.secret);
    const token = (await db.tokens.where('userId').equals(message.userId).toArray()).find((t) => t.secret === hash);
    if (!token) return { state: 'used', label: 'Used' };
    const left = token.expire - emulator.clock.now().getTime();
    if (left < 0) return { state: 'expired', label: `Expired ${minutes(-left)} ago` };
    return left < 5 * 60_000 ? { state: 'expiring', label: `Expires in ${minutes(left)}` } : { state: 'fresh', label: `Fresh · expires in ${minutes(left)}` };
  }

  const states = new Map<HTMLElement, InboxMessage>();
  function showState(el: HTMLElement, message: InboxMessage) {
    void tokenState(message).then((s) => {
      el.hidden = !s;
      if (!s) return;
      el.dataset.state = s.state;
      el.textContent = s.label;
    }, () => (el.hidden = true));
  }
  const refreshStates = () => states.forEach((message, el) => showState(el, message));

  function item(message: InboxMessage): HTMLElement {
    const isEmail = message.channel === 'email';
    const title = message.subject ?? (isEmail ? '(no subject)' : 'SMS');
    const isCode = /^\d{4,10}$/.test(message.secret);
    const copyLabel = isEmail && !isCode ? 'Copy secret' : 'Copy code';
    const flash = (button: HTMLElement, text: string, back: string) => {
      button.textContent = text;
      setTimeout(() => (button.textContent = back), 1500);
    };
    const copy = h('button', { type: 'button', 'aria-label': `${copyLabel} of the message to ${message.to}`, onclick: async () => {
      const ok = await ctx.copy(message.secret);
      flash(copy, ok ? 'Copied' : 'Copy failed', copyLabel);
      announce(ok ? `${isCode ? 'Code' : 'Secret'} copied to the clipboard` : 'Could not copy');
    } }, copyLabel);
    const link = message.url !== undefined ? webUrl(message.url) : null;
    const copyLink = message.url !== undefined ? h('button', { type: 'button', onclick: async () => {
      const ok = await ctx.copy(message.url!);
      flash(copyLink!, ok ? 'Copied' : 'Copy failed', 'Copy link');
      announce(ok ? 'Link copied to the clipboard' : 'Could not copy');
    } }, 'Copy link') : null;
    const fill = isCode ? h('button', { type: 'button', class: 'primary', 'aria-label': `Fill the code ${message.secret} into the app's field`, onclick: () => {
      const field = ctx.field();
      if (!field || field.disabled || field.readOnly) {
        announce('Click the field in the app first, then Fill');
        flash(fill!, 'Click a field first', 'Fill');
        return;
      }
      fillField(field, message.secret);
      announce(`Code filled into the app's ${field.labels?.[0]?.textContent?.trim() || field.name || 'field'}`);
    } }, 'Fill') : null;
    const state = h('span', { class: 'state', 'data-token-state': '' });
    states.set(state, message);
    showState(state, message);
    // sandbox="" grants nothing: no script, an opaque origin, no popups (the mail's target=_blank link is inert)
    // and no navigation of the page. Never add allow-scripts, allow-same-origin, allow-popups or allow-top-navigation.
    const body = isEmail && message.html !== undefined
      ? [h('iframe', { sandbox: '', srcdoc: message.html, title: `E-mail: ${title}`, loading: 'lazy', referrerpolicy: 'no-referrer' }),
        h('details', {}, h('summary', {}, 'Plain text'), h('p', { class: 'text' }, message.text))]
      : [h('p', { class: isEmail ? 'text' : 'text sms' }, message.text)];
    return h('li', { 'data-id': message.id, ...(message.id === highlight ? { 'data-highlight': '' } : {}) },
      h('article', { 'aria-label': `${title} to ${message.to}` },
        h('div', { class: 'meta' }, h('span', {}, `${isEmail ? 'E-mail' : 'SMS'} · ${KIND_LABELS[message.kind] ?? message.kind}`), state,
          h('time', { datetime: message.createdAt }, formatTime(message.createdAt, new Date()))),
        h('h3', {}, title),
        h('p', { class: 'to' }, `To: ${message.to}`),
        ...body,
        h('div', { class: 'actions' },
          fill,
          message.url ? h('button', { type: 'button', class: isCode ? '' : 'primary', onclick: () => followLink(message.url!, { source: 'inbox' }) }, 'Open link') : null,
          // Only a web URL gets a new tab; any other is refused by followLink above with an explanation.
          link ? h('a', { href: link, target: '_blank', rel: 'noopener noreferrer', class: 'button' }, 'New tab') : null,
          // A session alert carries no secret: nothing to copy.
          copyLink, message.secret ? copy : null,
          h('button', { type: 'button', class: 'danger', 'aria-label': `Delete the message to ${message.to}`, onclick: async () => {
            await emulator.inbox.delete(message.id);
            announce('Message deleted');
            await ctx.refresh();
          } }, 'Delete'))));
  }

  function render() {
    const query = search.value.trim().toLowerCase();
    const shown = messages.filter((m) => (!channel || m.channel === channel) && (!query || m.to.toLowerCase().includes(query)));
    // Keep keyboard focus on the same button when the list is rebuilt under it.
    const focused = ctx.root.activeElement;
    const focusedLi = focused?.closest('li');
    const focusedIndex = focusedLi ? [...focusedLi.querySelectorAll('button')].indexOf(focused as HTMLButtonElement) : -1;
    states.clear();
    list.replaceChildren(...shown.map(item));
    if (focusedLi) list.querySelector(`li[data-id="${CSS.escape(focusedLi.dataset.id ?? '')}"]`)?.querySelectorAll('button')[focusedIndex]?.focus();
    empty.hidden = shown.length > 0;
    empty.textContent = messages.length ? 'No message matches the filters.' : 'No messages yet. E-mails and SMS the emulator sends appear here.';
  }

  async function clearAll() {
    await emulator.inbox.clear();
    announce('Inbox cleared');
    await ctx.refresh();
  }

  return {
    element,
    render(next) {
      messages = next;
      render();
    },
    reveal(id) {
      highlight = id;
      search.value = '';
      render();
      const li = list.querySelector<HTMLElement>(`li[data-id="${CSS.escape(id)}"]`);
      li?.scrollIntoView({ block: 'nearest' });
      li?.querySelector<HTMLElement>('button')?.focus();
    },
    // Token states change with time ("expires in"): re-read them while the tab is shown.
    show() {
      visible = true;
      refreshStates();
      timer ??= setInterval(() => visible && refreshStates(), 10_000);
    },
    hide() {
      visible = false;
      clearInterval(timer);
      timer = undefined;
    },
    focus: () => search.focus(),
  };
}
