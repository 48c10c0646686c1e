import { ID } from 'appwrite';
import { app, appUrl } from '../../app.js';
import { actionForm } from '../../ui/feedback.js';
import { field } from '../../ui/field.js';
import { h } from '../../ui/h.js';
import { authCard } from './auth-card.js';

export function magicLinkView(): HTMLElement {
  return authCard('magic-link', 'Sign in with a magic link', 'We e-mail you a link that signs you in. New e-mail addresses get a new account.',
    actionForm({
      label: 'Send a magic link',
      testId: 'magic-link-form',
      submit: 'Send magic link',
      fields: [field({ label: 'E-mail', name: 'email', type: 'email', autocomplete: 'email' })],
      async onSubmit({ email = '' }) {
        // The link comes back here with ?flow=magic&userId=…&secret=…; links.ts trades it for a session (createSession).
        await app().account.createMagicURLToken({ userId: ID.unique(), email, url: appUrl('magic') });
        return [`We sent a sign-in link to ${email}. `, h('strong', null, 'Open it from the inbox panel'), ' (the emulator keeps every e-mail there).'];
      },
    }));
}
