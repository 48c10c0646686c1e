/**
 * The dev console's body, loaded on its first open (panel.ts is the badge): a dialog with tabs, docked to a side
 * of the window (a bottom or top sheet on phones) where it does not cover the app's focused field. The Inbox tab
 * comes with it (console/inbox-tab.ts); every other tab's code (Authenticator, Users, Requests, Settings) loads
 * when the tab is first chosen.
 */
import type { InboxMessage } from './inbox.js';
import { h, type PageField, type PanelEmulator } from './panel.js';
import { createInboxTab } from '../console/inbox-tab.js';
import { CONSOLE_STYLE } from '../console/style.js';

export interface PanelView {
  element: HTMLElement;
  render(messages: InboxMessage[]): void;
  /** Focuses the console: the message `messageId` (opened from a toast), else the current tab. */
  focus(messageId?: string, tab?: string): void;
}

/** What every tab gets. */
export interface ConsoleContext {
  root: ShadowRoot;
  host: HTMLElement;
  emulator: PanelEmulator;
  announce(text: string): void;
  copy(text: string): Promise<boolean>;
  /** The app's field that had focus last (for "Fill"), if it is still in the page. */
  field(): PageField | null;
  /** Re-reads the inbox (after the clock moved, a wipe, an import). */
  refresh(): Promise<void>;
  select(tab: TabName): void;
}

export interface ConsoleTab {
  element: HTMLElement;
  /** Called when the tab is shown (also when the console opens on it); tabs read fresh data here. */
  show?(): void;
  hide?(): void;
  focus?(): void;
}

export type TabName = 'inbox' | 'authenticator' | 'users' | 'requests' | 'settings';

const TABS: Array<{ name: TabName; label: string; needs?: keyof PanelEmulator; load?: () => Promise<(ctx: ConsoleContext) => ConsoleTab> }> = [
  { name: 'inbox', label: 'Inbox' },
  { name: 'authenticator', label: 'Authenticator', needs: 'mfa', load: async () => (await import('../console/authenticator-tab.js')).createAuthenticatorTab },
  { name: 'users', label: 'Users', needs: 'users', load: async () => (await import('../console/users-tab.js')).createUsersTab },
  { name: 'requests', label: 'Requests', needs: 'requests', load: async () => (await import('../console/requests-tab.js')).createRequestsTab },
  { name: 'settings', label: 'Settings', needs: 'clock', load: async () => (await import('../console/settings-tab.js')).createSettingsTab },
];

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

type Dock = 'right' | 'left' | 'bottom' | 'top';
const SIDE_MIN = 340;
const SIDE_MAX = 480;

/**
 * Where the console goes: a side sheet on the side the focused field leaves free (as wide as that space allows,
 * up to 480 px), else a sheet of at most half the height above or below the field. On phones always a sheet.
 */
export function placement(field: DOMRect | null, width: number, height: number): { dock: Dock; size: number } {
  const sheet = Math.round(Math.min(height * 0.55, 560));
  if (width > 720) {
    const right = field ? width - field.right - 12 : SIDE_MAX;
    const left = field ? field.left - 12 : 0;
    if (right >= SIDE_MIN || (!field && width >= SIDE_MIN)) return { dock: 'right', size: Math.min(SIDE_MAX, right) };
    if (left >= SIDE_MIN) return { dock: 'left', size: Math.min(SIDE_MAX, left) };
  }
  if (!field || field.bottom <= height - sheet - 8) return { dock: 'bottom', size: sheet };
  if (field.top >= sheet + 8) return { dock: 'top', size: sheet };
  // Neither half is free (a tall field in the middle): the smaller sheet below what the field needs.
  return { dock: 'bottom', size: Math.max(160, Math.round(height - field.bottom - 8)) };
}

export function createPanelView(ctx: {
  root: ShadowRoot;
  host: HTMLElement;
  emulator: PanelEmulator;
  live: HTMLElement;
  close(): void;
  refresh(): Promise<void>;
  /** The page's element focused before the badge or toast took the focus (panel.ts). */
  field(): EventTarget | null;
}): PanelView {
  const { root, host, emulator, live } = ctx;
  // The app's field for "Fill": the last one focused since this code loaded, else the one the badge saw.
  const isField = (el: unknown): el is PageField => (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) && el.isConnected;
  let tracked: PageField | null = null;
  document.addEventListener('focusin', (event) => {
    if (isField(event.target)) tracked = event.target;
  }, true);
  const field = () => {
    const before = ctx.field();
    return isField(tracked) ? tracked : isField(before) ? before : null;
  };
  const tabs = TABS.filter((t) => !t.needs || emulator[t.needs] !== undefined);
  const views = new Map<TabName, ConsoleTab>();
  const loading = new Map<TabName, Promise<ConsoleTab>>();
  let current: TabName = 'inbox';

  const consoleCtx: ConsoleContext = {
    root, host, emulator,
    announce: (text) => (live.textContent = text),
    copy: (text) => copyText(text, root),
    field,
    refresh: ctx.refresh,
    select: (name) => void select(name, true),
  };

  const tabButtons = tabs.map((tab) => h('button', {
    type: 'button', role: 'tab', id: `tab-${tab.name}`, 'aria-controls': `tabpanel-${tab.name}`, 'aria-selected': String(tab.name === 'inbox'),
    tabindex: tab.name === 'inbox' ? '0' : '-1', onclick: () => void select(tab.name, false),
  }, tab.label));
  const tabList = h('div', { role: 'tablist', 'aria-label': 'Console sections' }, ...tabButtons);
  // Arrow keys move between tabs (the WAI-ARIA tabs pattern); Tab leaves the list.
  tabList.addEventListener('keydown', (event) => {
    const key = (event as KeyboardEvent).key;
    const i = tabs.findIndex((t) => t.name === current);
    const next = key === 'ArrowRight' ? i + 1 : key === 'ArrowLeft' ? i - 1 : key === 'Home' ? 0 : key === 'End' ? tabs.length - 1 : null;
    if (next === null) return;
    event.preventDefault();
    void select(tabs[(next + tabs.length) % tabs.length]!.name, false).then(() => tabButtons[tabs.findIndex((t) => t.name === current)]?.focus());
  });
  const panels = new Map(tabs.map((tab) => [tab.name, h('div', { role: 'tabpanel', id: `tabpanel-${tab.name}`, 'aria-labelledby': `tab-${tab.name}`, class: 'tabpanel', hidden: tab.name !== 'inbox' })]));

  const inbox = createInboxTab(consoleCtx);
  views.set('inbox', inbox);
  panels.get('inbox')!.append(inbox.element);

  const panel = h('section', { class: 'panel', id: 'inbox-panel', role: 'dialog', 'aria-label': 'Appwrite emulator inbox', hidden: true },
    h('style', {}, CONSOLE_STYLE),
    h('header', {},
      h('h2', {}, 'Emulator console', h('small', {}, `appwrite-emulator · project ${emulator.config.projectId}`)),
      h('button', { type: 'button', class: 'x', 'aria-label': 'Close the console', onclick: () => ctx.close() }, '×')),
    tabList,
    ...panels.values());

  function load(name: TabName): Promise<ConsoleTab> {
    const ready = views.get(name);
    if (ready) return Promise.resolve(ready);
    const tab = tabs.find((t) => t.name === name)!;
    let pending = loading.get(name);
    if (!pending) {
      pending = tab.load!().then((create) => {
        const view = create(consoleCtx);
        views.set(name, view);
        panels.get(name)!.append(view.element);
        return view;
      });
      pending.catch(() => loading.delete(name)); // a failed chunk load can be retried
      loading.set(name, pending);
    }
    return pending;
  }

  async function select(name: TabName, focus: boolean) {
    if (!tabs.some((t) => t.name === name)) return;
    const previous = current;
    current = name;
    tabs.forEach((tab, i) => {
      tabButtons[i]!.setAttribute('aria-selected', String(tab.name === name));
      tabButtons[i]!.tabIndex = tab.name === name ? 0 : -1;
      panels.get(tab.name)!.hidden = tab.name !== name;
    });
    if (previous !== name) views.get(previous)?.hide?.();
    let view: ConsoleTab;
    try {
      view = await load(name);
    } catch (error) {
      console.error(`[appwrite-emulator] the console's ${name} tab could not load`, error);
      panels.get(name)!.textContent = 'This tab could not load. Reload the page to try again.';
      return;
    }
    if (current !== name || panel.hidden) return;
    view.show?.();
    if (focus) view.focus?.();
  }

  // Re-dock when the window changes or the app's focus moves while the console is open.
  const place = () => {
    if (panel.hidden) return;
    // The field's whole form stays free when it fits beside the console (its submit button is next), else the field.
    const at = field();
    const box = (el: Element | null | undefined) => (el && el.getClientRects().length ? el.getBoundingClientRect() : null);
    const form = box(at?.form);
    const wide = form && form.width < innerWidth - SIDE_MIN - 24 && form.height < innerHeight * 0.4 ? form : null;
    const { dock, size } = placement(wide ?? box(at), innerWidth, innerHeight);
    panel.dataset.dock = dock;
    panel.style.setProperty('--size', `${size}px`);
  };
  addEventListener('resize', place);
  document.addEventListener('focusin', () => requestAnimationFrame(place));
  new MutationObserver(() => {
    if (panel.hidden) views.get(current)?.hide?.();
    else {
      place();
      views.get(current)?.show?.();
    }
  }).observe(panel, { attributes: true, attributeFilter: ['hidden'] });

  return {
    element: panel,
    render(next) {
      inbox.render(next);
    },
    focus(messageId, tab) {
      place();
      if (tab) void select(tab as TabName, true);
      else if (messageId) {
        void select('inbox', false);
        inbox.reveal(messageId);
      } else views.get(current)?.focus?.();
    },
  };
}
