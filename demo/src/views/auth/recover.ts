import { app, appUrl } from '../../app.js';
import { actionForm } from '../../ui/feedback.js';
import { field } from '../../ui/field.js';
import { h } from '../../ui/h.js';

function simpleCard(title: string, intro: string, ...body: Node[]): HTMLElement {
  return h('section', { class: 'auth-card card', 'aria-labelledby': 'view-title' },
    h('h1', { id: 'view-title', tabindex: -1 }, title),
    h('p', { class: 'muted' }, intro),
    ...body);
}

/** Step 1 of password recovery: Appwrite e-mails a link back to this page with ?flow=recovery. */
export function recoverView(): HTMLElement {
  return simpleCard('Reset your password', 'Enter the e-mail of your account and we send you a link to choose a new password.',
    actionForm({
      label: 'Request a password reset',
      testId: 'recover-form',
      submit: 'Send reset link',
      fields: [field({ label: 'E-mail', name: 'email', type: 'email', autocomplete: 'email' })],
      extra: [h('a', { href: '#/sign-in', class: 'link' }, 'Back to sign in')],
      async onSubmit({ email = '' }) {
        await app().account.createRecovery({ email, url: appUrl('recovery') });
        return `We sent a reset link to ${email}. Open it from the inbox panel.`;
      },
    }));
}

/** Step 2: the link's userId and secret plus the new password go to updateRecovery. */
export function resetPasswordView(): HTMLElement {
  const params = new URLSearchParams(location.search);
  const userId = params.get('userId') ?? '';
  const secret = params.get('secret') ?? '';
  if (!userId || !secret) {
    return simpleCard('Reset your password', 'This reset link is incomplete. Request a new one.',
      h('a', { href: '#/recover', class: 'button button-primary' }, 'Request a new link'));
  }
  return simpleCard('Choose a new password', 'Your reset link is valid for one hour.',
    actionForm({
      label: 'Set a new password',
      testId: 'reset-password-form',
      submit: 'Save new password',
      fields: [
        field({ label: 'New password', name: 'password', type: 'password', autocomplete: 'new-password', hint: 'At least 8 characters.' }),
        field({ label: 'Repeat the new password', name: 'passwordAgain', type: 'password', autocomplete: 'new-password' }),
      ],
      async onSubmit({ password = '', passwordAgain = '' }) {
        // Appwrite 1.9 takes the new password once: the repeat is the app's own check.
        if (password !== passwordAgain) throw new Error('The two passwords do not match.');
        await app().account.updateRecovery({ userId, secret, password });
        // The secret is spent: drop it from the address bar and history.
        history.replaceState(null, '', appUrl());
        app().flash('Your password was changed. Sign in with the new password.');
        app().go(app().user ? 'account' : 'sign-in');
      },
    }));
}
