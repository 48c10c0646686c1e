import { ID } from 'appwrite';
import { app } from '../../app.js';
import { finishSignIn } from '../../links.js';
import { actionForm } from '../../ui/feedback.js';
import { field } from '../../ui/field.js';
import { h, replace } from '../../ui/h.js';
import { authCard } from './auth-card.js';

/** Two steps: createPhoneToken sends a 6-digit code by SMS, createSession trades it for a session. */
export function phoneView(): HTMLElement {
  const step = h('div', { class: 'stack' });
  const askNumber = (phone = '') => replace(step, actionForm({
    label: 'Send a sign-in code',
    testId: 'phone-form',
    submit: 'Send code',
    fields: [field({
      label: 'Phone number', name: 'phone', type: 'tel', autocomplete: 'tel', value: phone, placeholder: '+14155550123',
      hint: 'International format: a plus sign, the country code and the number.',
    })],
    async onSubmit({ phone: number = '' }) {
      const token = await app().account.createPhoneToken({ userId: ID.unique(), phone: number });
      askCode(token.userId, number);
    },
  }));
  const askCode = (userId: string, phone: string) => {
    replace(step,
      h('p', { class: 'muted', role: 'status' }, `We sent a code to ${phone}. The SMS is in the inbox panel.`),
      actionForm({
        label: 'Enter the code',
        testId: 'phone-code-form',
        submit: 'Sign in',
        fields: [field({ label: 'Code', name: 'code', autocomplete: 'one-time-code', inputmode: 'numeric', maxlength: 6, pattern: '[0-9]{6}', autofocus: true })],
        extra: [h('button', { type: 'button', class: 'button button-ghost', onclick: () => askNumber(phone) }, 'Use another number')],
        async onSubmit({ code = '' }) {
          await app().account.createSession({ userId, secret: code.trim() });
          await finishSignIn('Signed in with your phone.');
        },
      }));
    step.querySelector('input')?.focus();
  };
  askNumber();
  return authCard('phone', 'Sign in with your phone', 'We text you a 6-digit code. New numbers get a new account.', step);
}
