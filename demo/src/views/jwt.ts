import { app } from '../app.js';
import { feedbackRegion, runAction } from '../ui/feedback.js';
import { formatDate } from '../ui/format.js';
import { h, replace } from '../ui/h.js';
import { card, page } from '../ui/page.js';

/** Decodes one base64url JWT segment (no verification: that is the server's job). */
function decodeSegment(segment: string): unknown {
  const base64 = segment.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(segment.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

/** createJWT: a 15-minute token a backend can use to act as this user (client.setJWT on the server side). */
export function jwtPage(): HTMLElement {
  const output = h('div', { class: 'stack', 'aria-live': 'polite' });
  const region = feedbackRegion();
  const create = h('button', { type: 'button', class: 'button button-primary', 'data-testid': 'create-jwt' }, 'Create JWT');
  create.addEventListener('click', () => runAction(create, region, async () => {
    const { jwt } = await app().account.createJWT();
    const [header = '', payload = ''] = jwt.split('.');
    const claims = decodeSegment(payload) as { exp?: number };
    const token = h('textarea', { class: 'mono', rows: 4, readonly: true, 'aria-label': 'JWT', 'data-testid': 'jwt' });
    token.value = jwt;
    const copy = h('button', { type: 'button', class: 'button button-secondary button-small', onclick: async () => {
      await navigator.clipboard?.writeText(jwt).catch(() => token.select());
      copy.textContent = 'Copied';
    } }, 'Copy');
    replace(output,
      h('div', { class: 'field' }, token, h('div', null, copy)),
      h('div', { class: 'grid-2' },
        h('div', null, h('h3', null, 'Header'), h('pre', { class: 'code' }, JSON.stringify(decodeSegment(header), null, 2))),
        h('div', null, h('h3', null, 'Payload'), h('pre', { class: 'code', 'data-testid': 'jwt-payload' }, JSON.stringify(claims, null, 2)))),
      claims.exp ? h('p', { class: 'muted' }, `Expires ${formatDate(new Date(claims.exp * 1000).toISOString())}.`) : null);
  }));
  return page('JWT', 'Hand a short-lived token to your own backend so it can call Appwrite as you.',
    card('JSON Web Token', 'Valid for 15 minutes, tied to this session: signing out invalidates it.', h('div', null, create), region, output));
}
