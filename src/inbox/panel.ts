/**
 * The dev inbox panel: a floating badge that opens the e-mails and SMS the emulator "sent".
 * Framework-free custom element `<appwrite-emulator-inbox>` with a shadow root, so the page's CSS cannot reach in
 * and ours cannot leak out. E-mail HTML renders in `<iframe sandbox="">`: no script, no access to the page.
 * "Open link" follows only http(s) links (safe-navigation.ts).
 */
import { followLink } from '../browser/safe-navigation.js';
import type { Emulator } from '../emulator.js';
import type { InboxMessage } from './inbox.js';

export interface InboxPanelOptions {
  /** Start with the panel open (default false: only the badge shows). */
  open?: boolean;
  /** Corner of the badge (default 'bottom-right'). */
  position?: 'bottom-right' | 'bottom-left';
}

export interface InboxPanel {
  element: HTMLElement;
  open(): void;
  close(): void;
  unmount(): void;
}

const TAG = 'appwrite-emulator-inbox';

const KIND_LABELS: Record<InboxMessage['kind'], string> = {
  'magic-url': 'Magic URL sign-in',
  recovery: 'Password recovery',
  verification: 'E-mail verification',
  'phone-session': 'Phone sign-in',
  'phone-verification': 'Phone verification',
  'email-otp': 'E-mail code sign-in',
  'session-alert': 'New session alert',
};

const STYLE = `
:host{all:initial!important;position:fixed!important;z-index:2147483647!important;bottom:16px!important;right:16px!important;display:block!important}
:host([data-position=bottom-left]){right:auto!important;left:16px!important}
*{box-sizing:border-box}
.root{--bg:#fff;--fg:#1b1b1f;--muted:#5c5c66;--line:#dcdce2;--soft:#f3f3f6;--accent:#d6195a;--accent-fg:#fff;
 font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--fg);color-scheme:light}
@media (prefers-color-scheme:dark){.root{--bg:#1d1d22;--fg:#ededf0;--muted:#a9a9b4;--line:#3a3a44;--soft:#2a2a31;--accent:#ff5c8d;--accent-fg:#1d1d22;color-scheme:dark}}
button,input{font:inherit;color:inherit}
button{cursor:pointer;border:1px solid var(--line);background:var(--soft);border-radius:8px;padding:5px 10px}
button:hover{border-color:var(--muted)}
:focus-visible{outline:3px solid var(--accent);outline-offset:2px}
.badge{display:flex;align-items:center;gap:8px;background:var(--fg);color:var(--bg);border:0;border-radius:999px;padding:9px 14px;box-shadow:0 4px 16px #0004;font-weight:600;margin-left:auto}
.count{background:var(--accent);color:var(--accent-fg);border-radius:999px;min-width:22px;padding:0 6px;text-align:center;font-size:12px;line-height:20px}
.count[hidden]{display:none}
.panel{position:absolute;bottom:52px;right:0;width:min(440px,calc(100vw - 32px));max-height:min(680px,calc(100vh - 88px));display:flex;flex-direction:column;
 background:var(--bg);border:1px solid var(--line);border-radius:14px;box-shadow:0 12px 40px #0005;overflow:hidden}
:host([data-position=bottom-left]) .panel{right:auto;left:0}
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
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
`;

type Attrs = Record<string, string | boolean | ((event: Event) => void)>;

/** Minimal DOM builder: text goes through textContent, never innerHTML. */
function h(tag: string, attrs: Attrs = {}, ...children: (Node | string | null)[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (value === true) element.setAttribute(name, '');
    else if (value !== false) element.setAttribute(name, value);
  }
  for (const child of children) if (child !== null) element.append(child);
  return element;
}

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

/** Ids of messages the developer has seen, kept per database so the badge count survives reloads. */
function seenStore(key: string) {
  let ids = new Set<string>();
  try {
    ids = new Set(JSON.parse(localStorage.getItem(key) ?? '[]') as string[]);
  } catch { /* unreadable or no storage: start empty */ }
  return {
    has: (id: string) => ids.has(id),
    mark(messages: InboxMessage[]) {
      ids = new Set(messages.slice(0, 200).map((m) => m.id)); // the newest are the only ones that can still count
      try {
        localStorage.setItem(key, JSON.stringify([...ids]));
      } catch { /* storage full or blocked: unread counts reset on reload */ }
    },
  };
}

class InboxPanelElement extends HTMLElement {}

export function mountInboxPanel(emulator: Pick<Emulator, 'inbox' | 'config'>, options: InboxPanelOptions = {}): InboxPanel {
  if (!customElements.get(TAG)) customElements.define(TAG, InboxPanelElement);
  const host = document.createElement(TAG);
  host.dataset.position = options.position ?? 'bottom-right';
  const root = host.attachShadow({ mode: 'open' });
  const { inbox, config } = emulator;
  const seen = seenStore(`appwrite-emulator-inbox-seen:${config.databaseName}`);
  let messages: InboxMessage[] = [];
  let channel: '' | 'email' | 'sms' = '';
  let isOpen = false;

  const count = h('span', { class: 'count', hidden: true });
  const badge = h('button', { class: 'badge', type: 'button', 'aria-expanded': 'false', 'aria-controls': 'inbox-panel', onclick: () => (isOpen ? close() : open()) },
    h('span', { 'aria-hidden': 'true' }, '✉'), 'Inbox', count);
  const live = h('div', { class: 'sr', role: 'status', 'aria-live': 'polite' });
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
  const panel = h('section', { class: 'panel', id: 'inbox-panel', role: 'dialog', 'aria-label': 'Appwrite emulator inbox', hidden: true },
    h('header', {},
      h('h2', {}, 'Inbox', h('small', {}, `appwrite-emulator · project ${config.projectId}`)),
      h('button', { type: 'button', onclick: () => void clearAll() }, 'Clear all'),
      h('button', { type: 'button', class: 'x', 'aria-label': 'Close inbox', onclick: () => close() }, '×')),
    h('div', { class: 'filters' }, search, h('div', { class: 'seg', role: 'group', 'aria-label': 'Channel' }, ...segButtons)),
    list, empty);
  root.append(h('style', {}, STYLE), h('div', { class: 'root' }, badge, panel, live));

  function updateBadge() {
    const unread = messages.filter((m) => !seen.has(m.id)).length;
    count.textContent = String(unread);
    count.hidden = unread === 0;
    badge.setAttribute('aria-label', `Emulator inbox, ${messages.length} message${messages.length === 1 ? '' : 's'}, ${unread} unread`);
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
    empty.hidden = shown.length > 0;
    empty.textContent = messages.length ? 'No message matches the filters.' : 'No messages yet. E-mails and SMS the emulator sends appear here.';
    if (isOpen) seen.mark(messages);
    updateBadge();
  }

  async function refresh() {
    try {
      messages = await inbox.list();
    } catch (error) {
      console.error('[appwrite-emulator] the inbox panel could not read the inbox', error);
    }
    render();
  }

  function open(focus = true) {
    isOpen = true;
    panel.hidden = false;
    badge.setAttribute('aria-expanded', 'true');
    render();
    void refresh(); // another tab may have added or cleared messages meanwhile
    if (focus) search.focus();
  }

  function close() {
    const hadFocus = root.activeElement !== null;
    isOpen = false;
    panel.hidden = true;
    badge.setAttribute('aria-expanded', 'false');
    if (hadFocus) badge.focus();
  }

  async function clearAll() {
    await inbox.clear();
    live.textContent = 'Inbox cleared';
    await refresh();
  }

  root.addEventListener('keydown', (event) => {
    if ((event as KeyboardEvent).key === 'Escape' && isOpen) {
      event.stopPropagation();
      close();
    }
  });

  const unsubscribe = inbox.subscribe((message) => {
    live.textContent = `New ${message.channel === 'email' ? 'e-mail' : 'SMS'} to ${message.to}${message.subject ? `: ${message.subject}` : ''}`;
    void refresh();
  });

  document.documentElement.append(host);
  void refresh().then(() => options.open && open(false));

  return {
    element: host,
    open: () => open(),
    close,
    unmount() {
      unsubscribe();
      host.remove();
    },
  };
}
