/**
 * The dev inbox panel: a floating badge that opens the e-mails and SMS the emulator "sent".
 * Framework-free custom element `<appwrite-emulator-inbox>` with a shadow root, so the page's CSS cannot reach in
 * and ours cannot leak out. This module is the badge (unread count, live announcements), fetched at start; the
 * console itself (panel-view.ts: the tabs Inbox, Users, Requests, Settings, each tab's code in src/console/)
 * loads on first open, so it costs the start bundle nothing. What must work before that stays here, small: the
 * toast for a new message, the page's last focused field (for the console's "Fill") and a moved badge's place.
 */
import type { Emulator } from '../emulator.js';
import type { InboxMessage } from './inbox.js';
import type { PanelView } from './panel-view.js';

export interface InboxPanelOptions {
  /** Start with the panel open (default false: only the badge shows). */
  open?: boolean;
  /** Corner of the badge (default 'bottom-right'). */
  position?: 'bottom-right' | 'bottom-left';
}

export interface InboxPanel {
  element: HTMLElement;
  /** Opens the console, on `tab` if given (e.g. `'users'`: the demo's "unblock" hint). */
  open(tab?: 'inbox' | 'authenticator' | 'users' | 'requests' | 'settings'): void;
  close(): void;
  unmount(): void;
}

const TAG = 'appwrite-emulator-inbox';

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
.badge{display:flex;align-items:center;gap:8px;touch-action:none;background:var(--fg);color:var(--bg);border:0;border-radius:999px;padding:9px 14px;box-shadow:0 4px 16px #0004;font-weight:600;margin-left:auto}
.count{background:var(--accent);color:var(--accent-fg);border-radius:999px;min-width:22px;padding:0 6px;text-align:center;font-size:12px;line-height:20px}
.count[hidden]{display:none}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
`;

type Attrs = Record<string, string | boolean | ((event: Event) => void)>;

/** Minimal DOM builder: text goes through textContent, never innerHTML. */
export function h(tag: string, attrs: Attrs = {}, ...children: (Node | string | null)[]): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (value === true) element.setAttribute(name, '');
    else if (value !== false) element.setAttribute(name, value);
  }
  for (const child of children) if (child !== null) element.append(child);
  return element;
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

/** What the console uses of the emulator: the inbox and options always; tabs whose API is absent are not shown. */
export type PanelEmulator = Pick<Emulator, 'inbox' | 'config'> & Partial<Emulator>;

/** A field of the page that can take a code. */
export type PageField = HTMLInputElement | HTMLTextAreaElement;

export const BADGE_KEY = 'appwrite-emulator-badge';

export function mountInboxPanel(emulator: PanelEmulator, options: InboxPanelOptions = {}): InboxPanel {
  if (!customElements.get(TAG)) customElements.define(TAG, InboxPanelElement);
  const host = document.createElement(TAG);
  host.dataset.position = options.position ?? 'bottom-right';
  const root = host.attachShadow({ mode: 'open' });
  const { inbox, config } = emulator;
  const seen = seenStore(`appwrite-emulator-inbox-seen:${config.databaseName}`);
  let messages: InboxMessage[] = [];
  let isOpen = false;
  let view: PanelView | null = null;
  let loading: Promise<PanelView> | null = null;

  const count = h('span', { class: 'count', hidden: true });
  const badge = h('button', { class: 'badge', type: 'button', 'aria-expanded': 'false', 'aria-controls': 'inbox-panel', onclick: () => (isOpen ? close() : open()) },
    h('span', { 'aria-hidden': 'true' }, '✉'), 'Inbox', count);
  const live = h('div', { class: 'sr', role: 'status', 'aria-live': 'polite' });
  // The page's element that had focus before the badge took it (a click or Tab): the console's "Fill" puts the
  // code there (panel-view.ts checks it is a field, and tracks the page's focus itself once loaded).
  let field: EventTarget | null = null;
  badge.addEventListener('focus', (event) => (field = (event as FocusEvent).relatedTarget));
  // A moved badge goes back to its place (console/badge-move.ts; dragging is wired up with the console's code).
  try {
    if (localStorage.getItem(BADGE_KEY)) void import('../console/badge-move.js').then((m) => m.placeBadge(host));
  } catch { /* no storage: the default corner */ }
  // The console's code starts loading as the pointer or focus reaches the badge, so a click rarely waits for it.
  const preload = () => void loadView().catch(() => undefined);
  badge.addEventListener('pointerenter', preload, { once: true });
  badge.addEventListener('focus', preload, { once: true });
  // Dragging (console/badge-move.ts, ~1 kB, loaded on the first press): wired here, not with the console's code, so
  // the very first drag moves it, a finger's too (on touch, the press comes with no hover before it).
  badge.addEventListener('pointerdown', (event) => void import('../console/badge-move.js').then((m) => m.dragBadge(host, root, badge, event)));
  const box = h('div', { class: 'root' }, badge, live);
  root.append(h('style', {}, STYLE), box);

  function updateBadge() {
    const unread = messages.filter((m) => !seen.has(m.id)).length;
    count.textContent = String(unread);
    count.hidden = unread === 0;
    badge.setAttribute('aria-label', `Emulator inbox, ${messages.length} message${messages.length === 1 ? '' : 's'}, ${unread} unread`);
  }

  function render() {
    if (view && isOpen) {
      view.render(messages);
      seen.mark(messages);
    }
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

  const loadView = () => (loading ??= import('./panel-view.js').then(({ createPanelView }) => {
    view = createPanelView({ root, host, emulator, live, close, refresh, field: () => field });
    box.insertBefore(view.element, live);
    return view;
  }));

  function open(focus = true, messageId?: string, tab?: string) {
    isOpen = true;
    box.querySelector('.toast')?.remove();
    badge.setAttribute('aria-expanded', 'true');
    loadView().then((loaded) => {
      if (!isOpen) return; // closed while the panel's code loaded
      loaded.element.hidden = false;
      render();
      void refresh(); // another tab may have added or cleared messages meanwhile
      if (focus) loaded.focus(messageId, tab);
    }, (error: unknown) => {
      isOpen = false;
      badge.setAttribute('aria-expanded', 'false');
      console.error('[appwrite-emulator] the inbox panel could not load', error);
    });
  }

  function close() {
    const hadFocus = root.activeElement !== null;
    isOpen = false;
    if (view) view.element.hidden = true;
    badge.setAttribute('aria-expanded', 'false');
    if (hadFocus) badge.focus();
  }

  root.addEventListener('keydown', (event) => {
    if ((event as KeyboardEvent).key === 'Escape' && isOpen) {
      event.stopPropagation();
      close();
    }
  });

  const unsubscribe = inbox.subscribe((message) => {
    live.textContent = `New ${message.channel === 'email' ? 'e-mail' : 'SMS'} to ${message.to}${message.subject ? `: ${message.subject}` : ''}`;
    // A new message while the console is closed: a short toast that opens it (its code loads on the first one).
    if (!isOpen) void import('../console/toast.js').then((m) => m.showToast(box, `${live.textContent} · Open`, (from) => ((field = from), open(true, message.id))));
    void refresh();
  });

  document.documentElement.append(host);
  void refresh().then(() => options.open && open(false));

  return {
    element: host,
    open: (tab) => open(true, undefined, tab),
    close,
    unmount() {
      unsubscribe();
      host.remove();
    },
  };
}
