import { ID } from 'appwrite';
import { app } from '../../app.js';
import { finishSignIn } from '../../links.js';
import { actionForm } from '../../ui/feedback.js';
import { field } from '../../ui/field.js';
import { authCard } from './auth-card.js';

export function signUpView(): HTMLElement {
  return authCard('sign-up', 'Create an account', 'Sign up with an e-mail address and a password.',
    actionForm({
      label: 'Create an account',
      testId: 'sign-up-form',
      submit: 'Create account',
      fields: [
        field({ label: 'Name', name: 'name', autocomplete: 'name', required: false }),
        field({ label: 'E-mail', name: 'email', type: 'email', autocomplete: 'email' }),
        field({ label: 'Password', name: 'password', type: 'password', autocomplete: 'new-password', hint: 'At least 8 characters.' }),
      ],
      async onSubmit({ name = '', email = '', password = '' }) {
        const { account } = app();
        // Appwrite creates the user but no session: sign in right after, as the docs show.
        await account.create({ userId: ID.unique(), email, password, name: name || undefined });
        await account.createEmailPasswordSession({ email, password });
        await finishSignIn(`Welcome${name ? `, ${name}` : ''}! Your account was created.`);
      },
    }));
}
