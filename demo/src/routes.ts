import { accountPage } from './views/account/account-page.js';
import { emailCodeView } from './views/auth/email-code.js';
import { magicLinkView } from './views/auth/magic-link.js';
import { phoneView } from './views/auth/phone.js';
import { recoverView, resetPasswordView } from './views/auth/recover.js';
import { signInView } from './views/auth/sign-in.js';
import { signUpView } from './views/auth/sign-up.js';
import { identitiesPage } from './views/identities.js';
import { jwtPage } from './views/jwt.js';
import { secondFactorView } from './views/auth/second-factor.js';
import { mfaPage } from './views/mfa.js';
import { sessionsPage } from './views/sessions.js';

/** `#/<name>` routes. `who` says which visitors may see a route; others are sent to their default route. */
export interface Route {
  who: 'guest' | 'user' | 'anyone';
  title: string;
  view: () => HTMLElement;
  /** Shown in the signed-in navigation. */
  nav?: boolean;
}

export const routes: Record<string, Route> = {
  'sign-in': { who: 'guest', title: 'Sign in', view: signInView },
  'sign-up': { who: 'guest', title: 'Create account', view: signUpView },
  'email-code': { who: 'guest', title: 'E-mail code', view: emailCodeView },
  'magic-link': { who: 'guest', title: 'Magic link', view: magicLinkView },
  phone: { who: 'guest', title: 'Phone sign-in', view: phoneView },
  recover: { who: 'guest', title: 'Reset password', view: recoverView },
  'reset-password': { who: 'anyone', title: 'Choose a new password', view: resetPasswordView },
  'second-factor': { who: 'guest', title: 'Two-step verification', view: secondFactorView },
  account: { who: 'user', title: 'Account', view: accountPage, nav: true },
  mfa: { who: 'user', title: 'Two-step verification', view: mfaPage, nav: true },
  sessions: { who: 'user', title: 'Sessions', view: sessionsPage, nav: true },
  identities: { who: 'user', title: 'Identities', view: identitiesPage, nav: true },
  jwt: { who: 'user', title: 'JWT', view: jwtPage, nav: true },
};

/** `pendingMfa`: signed in with one factor of two; only the second-factor screen is shown then. */
export function resolveRoute(hash: string, signedIn: boolean, pendingMfa = false): [string, Route] {
  if (pendingMfa) return ['second-factor', routes['second-factor']!];
  const name = hash.replace(/^#\/?/, '');
  const route = routes[name];
  if (route && (route.who === 'anyone' || (route.who === 'user') === signedIn)) return [name, route];
  return signedIn ? ['account', routes.account!] : ['sign-in', routes['sign-in']!];
}
