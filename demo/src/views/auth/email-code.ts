import { ID } from 'appwrite';
import { app } from '../../app.js';
import { finishSignIn } from '../../links.js';
import { actionForm } from '../../ui/feedback.js';
import { field } from '../../ui/field.js';
import { h, replace } from '../../ui/h.js';
import { authCard } from './auth-card.js';

/**
 * Two steps: createEmailToken e-mails a 6-digit code, createSession trades it for a session. With `phrase: true`
 * Appwrite also returns a security phrase that the e-mail repeats, so the user can tell the mail is theirs.
 */
export function emailCodeView(): HTMLElement {
  const step = h('div', { class: 'stack' });
  const askEmail = (email = '') => replace(step, actionForm({
    label: 'Send a sign-in code by e-mail',
    testId: 'email-code-form',
    submit: 'Send code',
    fields: [field({ label: 'E-mail', name: 'email', type: 'email', autocomplete: 'email', value: email })],
    async onSubmit({ email: address = '' }) {
      const token = await app().account.createEmailToken({ userId: ID.unique(), email: address, phrase: true });
      askCode(token.userId, address, token.phrase);
    },
  }));
  const askCode = (userId: string, email: string, phrase: string) => {
    replace(step,
      h('p', { class: 'muted', role: 'status' }, `We sent a 6-digit code to ${email}. The e-mail is in the inbox panel.`),
      phrase ? h('p', { class: 'phrase' }, 'Security phrase: ', h('strong', { 'data-testid': 'security-phrase' }, phrase),
        h('span', { class: 'muted small block' }, 'The e-mail shows the same phrase. Do not enter the code if it differs.')) : null,
      actionForm({
        label: 'Enter the code from the e-mail',
        testId: 'email-code-entry-form',
        submit: 'Sign in',
        fields: [field({ label: 'Code', name: 'code', autocomplete: 'one-time-code', inputmode: 'numeric', maxlength: 6, pattern: '[0-9]{6}', autofocus: true })],
        extra: [h('button', { type: 'button', class: 'button button-ghost', onclick: () => askEmail(email) }, 'Use another address')],
        async onSubmit({ code = '' }) {
          await app().account.createSession({ userId, secret: code.trim() });
          await finishSignIn('Signed in with the code from your e-mail.');
        },
      }));
    step.querySelector('input')?.focus();
  };
  askEmail();
  return authCard('email-code', 'Sign in with an e-mail code', 'We e-mail you a 6-digit code. New e-mail addresses get a new account.', step);
}
