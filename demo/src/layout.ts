import { app } from './app.js';
import { routes, type Route } from './routes.js';
import { themeToggle } from './theme.js';
import { errorView, infoView } from './ui/feedback.js';
import { h } from './ui/h.js';
import { icon } from './ui/icons.js';

/** The frame around every screen: top bar, section navigation when signed in, and the main region. */
export function layout(routeName: string, route: Route, view: HTMLElement): HTMLElement {
  const { user } = app();
  const main = h('main', { id: 'main', tabindex: -1, class: 'main' },
    h('div', { class: 'flashes' }, app().takeFlash()),
    view);
  const skip = h('a', { href: '#main', class: 'skip-link', onclick: (event: MouseEvent) => {
    // The hash drives routing, so move focus by hand instead of following the link.
    event.preventDefault();
    main.focus();
  } }, 'Skip to content');
  return h('div', { class: `app ${user ? 'signed-in' : 'signed-out'}` },
    skip,
    h('header', { class: 'topbar' },
      h('a', { href: '#/', class: 'brand' }, icon('logo'), h('span', null, 'Emulator Demo')),
      h('div', { class: 'topbar-actions' }, themeToggle(), user ? userMenu() : null)),
    h('div', { class: 'shell' },
      user ? h('nav', { class: 'sidenav', 'aria-label': 'Account sections' },
        h('ul', null, Object.entries(routes).filter(([, r]) => r.nav).map(([name, r]) =>
          h('li', null, h('a', { href: `#/${name}`, 'aria-current': name === routeName ? 'page' : undefined }, r.title))))) : null,
      main),
    h('footer', { class: 'footer muted small' }, `${route.title} · Appwrite Web SDK 28 against the in-browser emulator`));
}

function userMenu(): HTMLElement {
  const user = app().user!;
  const signOut = h('button', { type: 'button', class: 'button button-secondary button-small', 'data-testid': 'sign-out' }, 'Sign out');
  signOut.addEventListener('click', async () => {
    signOut.disabled = true;
    try {
      await app().account.deleteSession({ sessionId: 'current' });
      app().flash(infoView('You signed out.'));
    } catch (error) {
      app().flash(errorView(error));
    }
    await app().refresh().catch(() => (app().user = null));
    app().go(app().user ? 'account' : 'sign-in');
  });
  return h('div', { class: 'user-menu' },
    h('span', { class: 'user-chip', 'data-testid': 'user-chip' }, user.name || user.email || user.phone || 'Guest'),
    signOut);
}
