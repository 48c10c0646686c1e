import type { AuthenticatorView } from '../services/mfa/test-api.js';

/**
 * The dev console's Authenticator tab (console/authenticator-tab.ts): every TOTP authenticator of this emulator's
 * database with its live code, the seconds it has left and a copy button, so a developer signs in with MFA without a
 * phone. It loads when the tab is first chosen; it ticks once a second while shown (and stops reading when the tab
 * or the console is closed); rows are kept and updated in place, so keyboard focus stays where it is.
 */
export interface ViewHelpers {
  h(tag: string, attrs?: Record<string, string | boolean | ((event: Event) => void)>, ...children: (Node | string | null)[]): HTMLElement;
  copy(text: string): Promise<boolean>;
  announce(text: string): void;
  authenticators(): Promise<AuthenticatorView[]>;
  /** Whether the view is on screen: ticks while it is not read nothing. */
  visible(): boolean;
}

export function createAuthenticatorView({ h, copy, announce, authenticators, visible }: ViewHelpers) {
  const list = h('ol', { 'aria-label': 'TOTP authenticators' });
  const empty = h('p', { class: 'empty' }, 'No authenticators yet. Those that createMFAAuthenticator() adds appear here, with their live codes.');
  const element = h('div', { class: 'auth' }, list, empty);
  const rows = new Map<string, { li: HTMLElement; state: HTMLElement; code: HTMLElement; left: HTMLElement; current: string }>();
  let timer: ReturnType<typeof setInterval> | null = null;

  function row(a: AuthenticatorView) {
    const entry = { current: a.code } as { li: HTMLElement; state: HTMLElement; code: HTMLElement; left: HTMLElement; current: string };
    const label = a.email || a.userId;
    const button = h('button', { type: 'button', class: 'primary', 'aria-label': `Copy the code for ${label}`, onclick: async () => {
      const ok = await copy(entry.current);
      button.textContent = ok ? 'Copied' : 'Copy failed';
      announce(ok ? 'Code copied to the clipboard' : 'Could not copy');
      setTimeout(() => (button.textContent = 'Copy code'), 1500);
    } }, 'Copy code');
    entry.state = h('span', {});
    entry.code = h('p', { class: 'text sms', 'data-code': '' });
    entry.left = h('span', { 'data-left': '' });
    entry.li = h('li', { 'data-user': a.userId },
      h('article', { 'aria-label': `Authenticator of ${label}` },
        h('div', { class: 'meta' }, entry.state, entry.left),
        h('h3', {}, label),
        h('p', { class: 'to' }, `Issuer: ${a.issuer} · user ${a.userId}`),
        entry.code,
        h('div', { class: 'actions' }, button)));
    return entry;
  }

  async function tick() {
    if (!visible()) return;
    let all: AuthenticatorView[];
    try {
      all = await authenticators();
    } catch (error) {
      console.error('[appwrite-emulator] the Authenticator view could not read the authenticators', error);
      return;
    }
    const ids = new Set(all.map((a) => a.userId));
    for (const [id, entry] of rows) if (!ids.has(id)) (entry.li.remove(), rows.delete(id));
    for (const a of all) {
      const entry = rows.get(a.userId) ?? row(a);
      if (!rows.has(a.userId)) rows.set(a.userId, entry);
      entry.current = a.code;
      entry.state.textContent = `TOTP · ${a.verified ? 'verified' : 'pending verification'}`;
      entry.code.textContent = a.code;
      entry.left.textContent = `${a.secondsLeft} s left`;
    }
    // In the order the emulator lists them (oldest first); append() moves rows that are already there.
    list.append(...all.map((a) => rows.get(a.userId)!.li));
    empty.hidden = all.length > 0;
  }

  return {
    element,
    start() {
      void tick();
      timer ??= setInterval(() => void tick(), 1000);
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
