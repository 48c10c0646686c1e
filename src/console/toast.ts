import { h } from '../inbox/panel.js';

/**
 * The toast the badge shows for a new e-mail or SMS while the console is closed: one line, six seconds, a click
 * opens the console on that message. Loaded on the first message, not at start.
 */
const STYLE = `.toast{position:absolute;bottom:48px;right:0;width:max-content;max-width:min(340px,calc(100vw - 32px));text-align:left;background:var(--bg);border:1px solid var(--accent);box-shadow:0 4px 16px #0004;animation:in .2s ease-out}
:host([data-position=bottom-left]) .toast{right:auto;left:0}
@keyframes in{from{opacity:0;transform:translateY(6px)}}
@media (prefers-reduced-motion:reduce){.toast{animation:none}}`;

let timer: ReturnType<typeof setTimeout> | undefined;

/** `open` gets the page's focused element from before the click (the field "Fill" is for). */
export function showToast(box: HTMLElement, text: string, open: (from: Element | null) => void): void {
  if (!box.querySelector('style[data-toast]')) box.append(h('style', { 'data-toast': '' }, STYLE));
  box.querySelector('.toast')?.remove();
  let from: Element | null = null;
  const toast = h('button', { type: 'button', class: 'toast', onpointerdown: () => (from = document.activeElement), onclick: () => (toast.remove(), open(from)) }, text);
  box.prepend(toast);
  clearTimeout(timer);
  timer = setTimeout(() => toast.remove(), 6000);
}
