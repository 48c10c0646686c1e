import { app } from '../../app.js';
import { finishSignIn } from '../../links.js';
import { actionForm } from '../../ui/feedback.js';
import { field } from '../../ui/field.js';
import { h } from '../../ui/h.js';
import { authCard } from './auth-card.js';

export function signInView(): HTMLElement {
  return authCard('sign-in', 'Sign in', 'Use the e-mail address and password of your account.',
    actionForm({
      label: 'Sign in with e-mail and password',
      testId: 'sign-in-form',
      submit: 'Sign in',
      fields: [
        field({ label: 'E-mail', name: 'email', type: 'email', autocomplete: 'username' }),
        field({ label: 'Password', name: 'password', type: 'password', autocomplete: 'current-password' }),
      ],
      extra: [h('a', { href: '#/recover', class: 'link' }, 'Forgot password?')],
      async onSubmit({ email = '', password = '' }) {
        await app().account.createEmailPasswordSession({ email, password });
        await finishSignIn();
      },
    }));
}
