import { app, type User } from '../../app.js';
import { successView } from '../../ui/feedback.js';
import { h, replace } from '../../ui/h.js';
import { page } from '../../ui/page.js';
import { blockCard } from './block.js';
import { overview } from './overview.js';
import { prefsCard } from './prefs.js';
import { profileForms } from './profile-forms.js';
import { verificationCard } from './verification.js';

export function accountPage(): HTMLElement {
  const user = app().user as User;
  const overviewSlot = h('div', null, overview(user));
  const verificationSlot = h('div', null);
  // A form's own message stays where the user looks; only the read-only parts are redrawn.
  const changed = (updated: User) => {
    const passwordAppeared = Boolean(updated.passwordUpdate) !== Boolean(app().user?.passwordUpdate);
    app().user = updated;
    if (passwordAppeared) {
      // The forms ask for "current password" from now on: redraw them all.
      app().flash(successView('Saved. Your account has a password now.'));
      app().render();
      return;
    }
    replace(overviewSlot, overview(updated));
    replace(verificationSlot, verificationCard(updated, changed));
  };
  replace(verificationSlot, verificationCard(user, changed));
  // Two columns on wide screens (what Appwrite keeps, and the forms that change it), one on narrow ones.
  return page('Your account', 'Everything Appwrite keeps about you, and how to change it.',
    h('div', { class: 'account-columns' },
      h('div', null, overviewSlot, verificationSlot, prefsCard(user, changed)),
      h('div', null, h('div', { class: 'grid-2' }, ...profileForms(user, changed)))),
    blockCard());
}
