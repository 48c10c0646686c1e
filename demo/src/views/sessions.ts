import type { Models } from 'appwrite';
import { app } from '../app.js';
import { actionButton, errorView, feedbackRegion, infoView, runAction } from '../ui/feedback.js';
import { describeClient, describeDevice, formatDate, providerName } from '../ui/format.js';
import { h, replace } from '../ui/h.js';
import { badge, card, page } from '../ui/page.js';

/** listSessions with device details; deleteSession for one, deleteSessions for all. */
export function sessionsPage(): HTMLElement {
  const list = h('div', { class: 'stack', 'aria-busy': 'true' }, h('p', { class: 'muted' }, 'Loading sessions…'));
  const region = feedbackRegion();
  const signedOut = (message: string) => {
    app().user = null;
    app().flash(infoView(message));
    app().go('sign-in');
  };
  const load = async () => {
    try {
      const { total, sessions } = await app().account.listSessions();
      replace(list, h('p', { class: 'muted' }, `${total} active ${total === 1 ? 'session' : 'sessions'}`),
        h('ul', { class: 'session-list', 'data-testid': 'sessions' }, sessions.map((s) => sessionItem(s, region, load, signedOut))));
    } catch (error) {
      replace(list, errorView(error));
    }
    list.removeAttribute('aria-busy');
  };
  const all = actionButton('Sign out everywhere', region, async () => {
    await app().account.deleteSessions();
    signedOut('You were signed out of every device.');
  }, { class: 'button-danger-outline', testId: 'revoke-all' });
  void load();
  return page('Sessions', 'Devices signed in to your account. Revoke any you do not recognise.',
    card('Active sessions', null, list, region, h('div', { class: 'form-actions' }, all)));
}

function sessionItem(s: Models.Session, region: HTMLElement, reload: () => Promise<void>, signedOut: (m: string) => void): HTMLElement {
  const device = describeDevice(s);
  const revoke = h('button', { type: 'button', class: 'button button-secondary button-small', 'aria-label': s.current ? 'Sign out of this device' : `Revoke session ${s.$id}` }, s.current ? 'Sign out' : 'Revoke');
  revoke.addEventListener('click', () => runAction(revoke, region, async () => {
    await app().account.deleteSession({ sessionId: s.$id });
    if (s.current) signedOut('You signed out.');
    else await reload();
  }));
  const location = [s.ip, s.countryName && s.countryName !== 'Unknown' ? s.countryName : ''].filter(Boolean).join(' · ');
  return h('li', { class: `session${s.current ? ' session-current' : ''}`, 'data-session-id': s.$id },
    h('div', { class: 'session-main' },
      h('p', { class: 'session-title' }, describeClient(s), ' ', s.current ? badge('this device', 'ok') : null),
      h('p', { class: 'muted small' }, [providerName(s.provider), device, location].filter(Boolean).join(' · ')),
      h('p', { class: 'muted small' }, `Signed in ${formatDate(s.$createdAt)} · expires ${formatDate(s.expire)}`)),
    revoke);
}
