import { app, type User } from '../../app.js';
import { actionForm } from '../../ui/feedback.js';
import { field } from '../../ui/field.js';
import { card } from '../../ui/page.js';

/** Each form sends one Account update and hands the returned user to `changed` (the page refreshes its overview). */
export function profileForms(user: User, changed: (user: User) => void): HTMLElement[] {
  const { account } = app();
  // Accounts without a password (guest, magic link, phone, OAuth2) choose one with their first e-mail/phone change.
  const hasPassword = Boolean(user.passwordUpdate);
  const passwordField = () => field({
    label: hasPassword ? 'Current password' : 'Choose a password',
    name: 'password', type: 'password', autocomplete: hasPassword ? 'current-password' : 'new-password',
    hint: hasPassword ? 'Appwrite asks for it to confirm the change.' : 'Your account has no password yet; this one becomes it.',
  });

  return [
    card('Name', null, actionForm({
      label: 'Change your name', testId: 'name-form', submit: 'Save name',
      fields: [field({ label: 'Name', name: 'name', value: user.name, autocomplete: 'name', maxlength: 128 })],
      async onSubmit({ name = '' }) {
        changed(await account.updateName({ name }));
        return 'Your name was saved.';
      },
    })),
    card('E-mail address', 'Changing it marks the new address as unverified.', actionForm({
      label: 'Change your e-mail address', testId: 'email-form', submit: 'Save e-mail',
      fields: [field({ label: 'E-mail', name: 'email', type: 'email', value: user.email, autocomplete: 'email' }), passwordField()],
      async onSubmit({ email = '', password = '' }) {
        changed(await account.updateEmail({ email, password }));
        return 'Your e-mail address was changed.';
      },
    })),
    card('Phone number', 'International format, e.g. +14155550123.', actionForm({
      label: 'Change your phone number', testId: 'phone-number-form', submit: 'Save phone',
      fields: [field({ label: 'Phone', name: 'phone', type: 'tel', value: user.phone, autocomplete: 'tel' }), passwordField()],
      async onSubmit({ phone = '', password = '' }) {
        changed(await account.updatePhone({ phone, password }));
        return 'Your phone number was changed.';
      },
    })),
    card('Password', null, actionForm({
      label: 'Change your password', testId: 'password-form', submit: 'Change password', resetOnSuccess: true,
      fields: [
        field({ label: 'New password', name: 'password', type: 'password', autocomplete: 'new-password', hint: 'At least 8 characters.' }),
        hasPassword ? field({ label: 'Current password', name: 'oldPassword', type: 'password', autocomplete: 'current-password' }) : null,
      ],
      async onSubmit({ password = '', oldPassword }) {
        changed(await account.updatePassword({ password, oldPassword }));
        return 'Your password was changed.';
      },
    })),
  ];
}
