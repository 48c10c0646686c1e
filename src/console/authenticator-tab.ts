/**
 * The console's Authenticator tab, loaded when first chosen: inbox/authenticator-view.ts (every TOTP authenticator
 * with its live code) inside a tab. It ticks only while the tab is shown.
 */
import { createAuthenticatorView } from '../inbox/authenticator-view.js';
import { h } from '../inbox/panel.js';
import type { ConsoleContext, ConsoleTab } from '../inbox/panel-view.js';

export function createAuthenticatorTab(ctx: ConsoleContext): ConsoleTab {
  let shown = false;
  const view = createAuthenticatorView({
    h, copy: ctx.copy, announce: ctx.announce, authenticators: () => ctx.emulator.mfa!.authenticators(), visible: () => shown,
  });
  return {
    element: h('div', { class: 'tabpanel' }, h('div', { class: 'scroll' }, view.element)),
    show() {
      shown = true;
      view.start();
    },
    hide() {
      shown = false;
      view.stop();
    },
  };
}
