import { h } from './ui/h.js';
import { icon } from './ui/icons.js';

type Theme = 'system' | 'light' | 'dark';
const KEY = 'demo.theme';
const ORDER: Theme[] = ['system', 'light', 'dark'];

function current(): Theme {
  const stored = localStorage.getItem(KEY);
  return stored === 'light' || stored === 'dark' ? stored : 'system';
}

/** Light/dark follow the OS unless the user picks one; the CSS reads `data-theme` on <html>. */
export function applyTheme(theme: Theme = current()): void {
  if (theme === 'system') {
    delete document.documentElement.dataset.theme;
    localStorage.removeItem(KEY);
  } else {
    document.documentElement.dataset.theme = theme;
    localStorage.setItem(KEY, theme);
  }
}

export function themeToggle(): HTMLButtonElement {
  const button = h('button', { type: 'button', class: 'icon-button', 'data-testid': 'theme-toggle' });
  const label = (theme: Theme) => {
    button.replaceChildren(icon(theme === 'system' ? 'auto' : theme === 'light' ? 'sun' : 'moon'));
    button.setAttribute('aria-label', `Colour theme: ${theme}. Change theme`);
    button.title = `Theme: ${theme}`;
  };
  label(current());
  button.addEventListener('click', () => {
    const next = ORDER[(ORDER.indexOf(current()) + 1) % ORDER.length] ?? 'system';
    applyTheme(next);
    label(next);
  });
  return button;
}
