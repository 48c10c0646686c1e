import { h, nextId, type Child } from './h.js';

/** A signed-in screen: its heading takes the focus after navigation (see main.ts). */
export function page(title: string, intro: Child, ...sections: Child[]): HTMLElement {
  return h('div', { class: 'page' },
    h('header', { class: 'page-header' }, h('h1', { id: 'view-title', tabindex: -1 }, title), intro ? h('p', { class: 'muted' }, intro) : null),
    ...sections);
}

export function card(title: string, description: Child, ...content: Child[]): HTMLElement {
  const id = nextId('card');
  return h('section', { class: 'card', 'aria-labelledby': id },
    h('h2', { id }, title),
    description ? h('p', { class: 'muted' }, description) : null,
    ...content);
}

export function badge(text: string, tone: 'ok' | 'warn' | 'neutral' | 'danger' = 'neutral'): HTMLElement {
  return h('span', { class: `badge badge-${tone}` }, text);
}
