import type { User } from '../../app.js';
import { formatDate, initials } from '../../ui/format.js';
import { h } from '../../ui/h.js';
import { badge } from '../../ui/page.js';

/** Who is signed in: the Account model at a glance. */
export function overview(user: User): HTMLElement {
  const guest = !user.email && !user.phone;
  const row = (term: string, ...value: (Node | string)[]) => [h('dt', null, term), h('dd', null, ...value)];
  return h('section', { class: 'card overview', 'aria-label': 'Account overview' },
    h('div', { class: 'overview-head' },
      h('span', { class: 'avatar', 'aria-hidden': 'true' }, initials(user.name, user.email || 'Guest')),
      h('div', null,
        h('p', { class: 'overview-name', 'data-testid': 'account-name' }, user.name || (guest ? 'Guest' : 'No name yet')),
        h('p', { class: 'muted', 'data-testid': 'account-email' }, user.email || user.phone || 'Anonymous account'))),
    guest ? h('p', { class: 'alert alert-info' }, 'This is a guest account. Add an e-mail and a password below, or connect GitHub or Google under Identities, to keep it.') : null,
    h('dl', { class: 'facts' },
      row('User ID', h('code', { 'data-testid': 'account-id' }, user.$id)),
      row('E-mail', user.email || '—', ' ', user.email ? badge(user.emailVerification ? 'verified' : 'unverified', user.emailVerification ? 'ok' : 'warn') : ''),
      row('Phone', user.phone || '—', ' ', user.phone ? badge(user.phoneVerification ? 'verified' : 'unverified', user.phoneVerification ? 'ok' : 'warn') : ''),
      row('Password', user.passwordUpdate ? `set ${formatDate(user.passwordUpdate)}` : 'not set'),
      row('Member since', formatDate(user.registration)),
      row('Status', user.status ? badge('active', 'ok') : badge('blocked', 'danger')),
      user.labels.length ? row('Labels', ...user.labels.map((label) => badge(label))) : []));
}
