import type { AuthenticationFactor } from 'appwrite';
import { app } from '../../app.js';
import { finishSignIn } from '../../links.js';
import { actionButton, actionForm, feedbackRegion, runAction } from '../../ui/feedback.js';
import { field } from '../../ui/field.js';
import { h, replace } from '../../ui/h.js';

/** The factors a second step can use, in the order offered, with what each asks for. */
const FACTORS = [
  { factor: 'totp', label: 'Authenticator app', code: 'Code from your authenticator app', hint: 'The 6-digit code it shows now.' },
  { factor: 'email', label: 'E-mail code', code: 'Code from the e-mail', hint: 'We sent a 6-digit code to your e-mail address.' },
  { factor: 'phone', label: 'SMS code', code: 'Code from the SMS', hint: 'We sent a 6-digit code to your phone.' },
  { factor: 'recoveryCode', label: 'Recovery code', code: 'Recovery code', hint: 'One of the codes you saved; each works once.' },
] as const;

/**
 * The second step of an MFA sign-in: the password session answers 401 user_more_factors_required until one
 * challenge is completed. listMFAFactors() says which factors the account has; createMFAChallenge({ factor })
 * sends the e-mail or SMS code (nothing for TOTP and recovery codes); updateMFAChallenge({ challengeId, otp })
 * completes the sign-in.
 */
export function secondFactorView(): HTMLElement {
  const region = feedbackRegion();
  const choices = h('div', { class: 'button-column', 'data-testid': 'factor-choices' });
  const step = h('div', { class: 'stack' });

  void runAction(null, region, async () => {
    const available = await app().account.listMFAFactors();
    replace(choices, FACTORS.filter(({ factor }) => available[factor]).map((option) =>
      h('button', { type: 'button', class: 'button button-secondary', 'data-testid': `factor-${option.factor}`, onclick: () => void choose(option) }, option.label)));
  });

  function choose(option: (typeof FACTORS)[number]) {
    void runAction(null, region, async () => {
      // The SDK enum spells the last factor `recoverycode`, which Appwrite never completes: send Appwrite's name.
      const challenge = await app().account.createMFAChallenge({ factor: option.factor as AuthenticationFactor });
      replace(step, actionForm({
        label: 'Enter the code', testId: 'challenge-form', submit: 'Verify',
        fields: [field({
          label: option.code, name: 'otp', autocomplete: 'one-time-code', hint: option.hint, autofocus: true,
          ...(option.factor === 'recoveryCode' ? {} : { inputmode: 'numeric' as const, maxlength: 6, pattern: '[0-9]{6}' }),
        })],
        async onSubmit({ otp = '' }) {
          await app().account.updateMFAChallenge({ challengeId: challenge.$id, otp: otp.trim() });
          await finishSignIn('Signed in with two-step verification.');
        },
      }));
    });
  }

  const cancel = actionButton('Cancel and sign out', region, async () => {
    // DELETE /account/sessions/current is allowed before the second factor (Appwrite's `mfa` group).
    await app().account.deleteSession({ sessionId: 'current' });
    await app().refresh();
    app().go('sign-in');
  }, { testId: 'cancel-second-factor' });

  return h('section', { class: 'auth-card card', 'aria-labelledby': 'view-title' },
    h('h1', { id: 'view-title', tabindex: -1 }, 'Two-step verification'),
    h('p', { class: 'muted' }, 'Your password is right. Your account asks for a second step: choose how to confirm it is you.'),
    choices, step, region, h('div', null, cancel));
}
