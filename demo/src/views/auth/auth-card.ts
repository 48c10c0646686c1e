import { OAuthProvider } from 'appwrite';
import { app, appUrl } from '../../app.js';
import { finishSignIn } from '../../links.js';
import { actionButton, feedbackRegion } from '../../ui/feedback.js';
import { h, type Child } from '../../ui/h.js';
import { icon } from '../../ui/icons.js';

const TABS = [
  ['sign-in', 'Password'],
  ['sign-up', 'Create account'],
  ['email-code', 'E-mail code'],
  ['magic-link', 'Magic link'],
  ['phone', 'Phone'],
] as const;

/** The signed-out screens: one card with a tab row for each e-mail/phone method, then the one-click methods. */
export function authCard(route: string, title: string, intro: Child, ...body: Child[]): HTMLElement {
  return h('section', { class: 'auth-card card', 'aria-labelledby': 'view-title' },
    h('h1', { id: 'view-title', tabindex: -1 }, title),
    h('p', { class: 'muted' }, intro),
    h('nav', { class: 'tabs', 'aria-label': 'Ways to sign in' },
      TABS.map(([to, label]) => h('a', { href: `#/${to}`, class: 'tab', 'aria-current': to === route ? 'page' : undefined }, label))),
    ...body,
    oneClickMethods());
}

/**
 * OAuth2 and anonymous sign-in. createOAuth2Session navigates away (it returns nothing in a browser); the
 * emulator's consent step then redirects back to the success or failure URL.
 */
export function oneClickMethods(): HTMLElement {
  const region = feedbackRegion();
  const home = appUrl();
  const oauth = (provider: OAuthProvider.Github | OAuthProvider.Google, label: string) =>
    h('button', { type: 'button', class: `button button-oauth button-${provider}`, onclick: () => {
      app().account.createOAuth2Session({ provider, success: home, failure: `${home}?oauth=failed` });
    } }, icon(provider), label);
  const guest = actionButton([icon('guest'), 'Continue as guest'], region, async () => {
    await app().account.createAnonymousSession();
    // The account page's own guest notice says how to keep the account: one notice, not two.
    await finishSignIn('You are signed in as a guest.');
  }, { testId: 'anonymous' });
  return h('div', { class: 'one-click' },
    h('p', { class: 'divider' }, h('span', null, 'or')),
    h('div', { class: 'button-column' }, oauth(OAuthProvider.Github, 'Sign in with GitHub'), oauth(OAuthProvider.Google, 'Sign in with Google'), guest),
    region);
}
