import { app, appUrl, type User } from '../../app.js';
import { actionButton, actionForm, feedbackRegion } from '../../ui/feedback.js';
import { field } from '../../ui/field.js';
import { h } from '../../ui/h.js';
import { badge, card } from '../../ui/page.js';

/**
 * E-mail verification: createEmailVerification mails a link back to this page (?flow=verify-email, handled in links.ts).
 * Phone verification: createPhoneVerification texts a code that updatePhoneVerification confirms here.
 */
export function verificationCard(user: User, changed: (user: User) => void): HTMLElement {
  return card('Verification', 'Prove that the e-mail address and phone number are yours.',
    h('div', { class: 'verify-grid' }, emailPart(user), phonePart(user, changed)));
}

function emailPart(user: User): HTMLElement {
  const region = feedbackRegion();
  const title = h('h3', null, 'E-mail ', user.emailVerification ? badge('verified', 'ok') : badge('unverified', 'warn'));
  if (!user.email) return h('div', { class: 'stack' }, title, h('p', { class: 'muted' }, 'Add an e-mail address first.'));
  if (user.emailVerification) return h('div', { class: 'stack' }, title, h('p', { class: 'muted' }, `${user.email} is verified.`));
  const send = actionButton('Send verification e-mail', region, async () => {
    await app().account.createEmailVerification({ url: appUrl('verify-email') });
    return `We sent a verification link to ${user.email}. Open it from the inbox panel.`;
  }, { testId: 'send-verification' });
  return h('div', { class: 'stack' }, title, h('p', { class: 'muted' }, user.email), h('div', null, send), region);
}

function phonePart(user: User, changed: (user: User) => void): HTMLElement {
  const title = h('h3', null, 'Phone ', user.phoneVerification ? badge('verified', 'ok') : badge('unverified', 'warn'));
  if (!user.phone) return h('div', { class: 'stack' }, title, h('p', { class: 'muted' }, 'Add a phone number first.'));
  if (user.phoneVerification) return h('div', { class: 'stack' }, title, h('p', { class: 'muted' }, `${user.phone} is verified.`));
  const region = feedbackRegion();
  const codeForm = actionForm({
    label: 'Confirm your phone number', testId: 'phone-verification-form', submit: 'Verify', resetOnSuccess: true,
    fields: [field({ label: 'Code from the SMS', name: 'code', autocomplete: 'one-time-code', inputmode: 'numeric', maxlength: 6, pattern: '[0-9]{6}' })],
    async onSubmit({ code = '' }) {
      await app().account.updatePhoneVerification({ userId: user.$id, secret: code.trim() });
      changed(await app().account.get());
    },
  });
  const send = actionButton('Send code', region, async () => {
    await app().account.createPhoneVerification();
    return `We texted a code to ${user.phone}. It is in the inbox panel.`;
  }, { testId: 'send-phone-code' });
  return h('div', { class: 'stack' }, title, h('p', { class: 'muted' }, user.phone), h('div', null, send), region, codeForm);
}
