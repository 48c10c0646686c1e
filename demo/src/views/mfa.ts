import { AppwriteException, type AuthenticationFactor, AuthenticatorType, type Models } from 'appwrite';
import { app } from '../app.js';
import { actionButton, actionForm, errorView, feedbackRegion, infoView, runAction } from '../ui/feedback.js';
import { field } from '../ui/field.js';
import { h, replace, type Child } from '../ui/h.js';
import { badge, card, page } from '../ui/page.js';
import { qrSvg } from '../ui/qr.js';

/**
 * MFA settings: updateMFA({ mfa }) turns the second step on and off; createMFAAuthenticator / updateMFAAuthenticator
 * add an authenticator app (its QR code, secret and otpauth:// URI shown once; ui/qr.ts draws the code); create / update MFARecoveryCodes show recovery
 * codes once. Removing the authenticator and regenerating codes need a challenge completed in the last 30 minutes:
 * the page asks for a code then (createMFAChallenge + updateMFAChallenge) and retries.
 */
export function mfaPage(): HTMLElement {
  const body = h('div', { class: 'stack' });
  const region = feedbackRegion();
  void runAction(null, region, async () => {
    const factors = await app().account.listMFAFactors();
    replace(body, statusCard(factors), authenticatorCard(factors), recoveryCard(factors));
  });
  return page('Two-step verification', 'Ask for a second factor after the password: an authenticator app, an e-mail or SMS code, or a recovery code.', region, body);
}

const rerender = () => app().render();

function statusCard(factors: Models.MfaFactors): HTMLElement {
  const user = app().user!;
  const region = feedbackRegion();
  const any = factors.totp || factors.email || factors.phone;
  const toggle = actionButton(user.mfa ? 'Turn off two-step verification' : 'Turn on two-step verification', region, async () => {
    await app().account.updateMFA({ mfa: !user.mfa });
    await app().refresh();
    rerender();
  }, { class: user.mfa ? 'button-secondary' : 'button-primary', testId: 'toggle-mfa' });
  return card('Status', null,
    h('p', { 'data-testid': 'mfa-status' }, 'Two-step verification is ', user.mfa ? badge('on', 'ok') : badge('off', 'neutral')),
    user.mfa && !any ? infoView('Add an authenticator app or verify your e-mail or phone: until then sign-in asks for the password only.') : null,
    h('div', null, toggle), region);
}

function authenticatorCard(factors: Models.MfaFactors): HTMLElement {
  const region = feedbackRegion();
  const area = h('div', { class: 'stack' });
  if (factors.totp) {
    const remove = actionButton('Remove authenticator', region, () => withRecentChallenge(area, factors, async () => {
      await app().account.deleteMFAAuthenticator({ type: AuthenticatorType.Totp });
      rerender();
    }), { testId: 'remove-authenticator' });
    return card('Authenticator app', null, h('p', null, badge('verified', 'ok'), ' Codes from your authenticator app can complete sign-in.'), h('div', null, remove), area, region);
  }
  const add = actionButton('Add authenticator', region, async () => {
    const { secret, uri } = await app().account.createMFAAuthenticator({ type: AuthenticatorType.Totp });
    replace(area,
      h('p', null, 'Scan the code with your authenticator app, or enter the secret by hand. ',
        'In the emulator, the inbox panel\'s Authenticator view shows the codes.'),
      h('img', { class: 'qr', src: `data:image/svg+xml,${encodeURIComponent(qrSvg(uri))}`, alt: `QR code of ${uri}`, 'data-testid': 'totp-qr' }),
      h('div', { class: 'field' }, h('label', null, 'Secret'), h('code', { class: 'mono', 'data-testid': 'totp-secret' }, secret)),
      h('p', { class: 'small' }, h('a', { href: uri, 'data-testid': 'totp-uri' }, uri)),
      actionForm({
        label: 'Verify the authenticator', testId: 'verify-authenticator', submit: 'Verify',
        fields: [field({ label: 'Code from your authenticator app', name: 'otp', autocomplete: 'one-time-code', inputmode: 'numeric', maxlength: 6, pattern: '[0-9]{6}' })],
        async onSubmit({ otp = '' }) {
          await app().account.updateMFAAuthenticator({ type: AuthenticatorType.Totp, otp: otp.trim() });
          app().flash(infoView('Authenticator added. Turn on two-step verification to ask for it at sign-in.'));
          rerender();
        },
      }));
  }, { class: 'button-primary', testId: 'add-authenticator' });
  return card('Authenticator app', 'Time-based codes (TOTP) from an app such as an authenticator on your phone.', h('div', null, add), area, region);
}

function recoveryCard(factors: Models.MfaFactors): HTMLElement {
  const region = feedbackRegion();
  const area = h('div', { class: 'stack' });
  const show = (codes: string[], intro: Child) => replace(area, infoView(intro),
    h('ol', { class: 'recovery-codes mono', 'data-testid': 'recovery-codes' }, codes.map((code) => h('li', null, code))));
  const button = factors.recoveryCode
    ? actionButton('Regenerate recovery codes', region, () => withRecentChallenge(area, factors, async () => {
      show((await app().account.updateMFARecoveryCodes()).recoveryCodes, 'New recovery codes: the old ones no longer work. Save these now.');
    }), { testId: 'regenerate-recovery-codes' })
    : actionButton('Create recovery codes', region, async () => {
      show((await app().account.createMFARecoveryCodes()).recoveryCodes, 'Save these codes now: they are shown once. Each completes one sign-in.');
    }, { class: 'button-primary', testId: 'create-recovery-codes' });
  return card('Recovery codes', 'For when the authenticator app or phone is lost.', h('div', null, button), area, region);
}

/**
 * Runs `task`; on 401 user_challenge_required asks for a code (TOTP if the account has it, else the e-mail or SMS
 * code it sends) to complete a challenge, then runs `task` again.
 */
async function withRecentChallenge(area: HTMLElement, factors: Models.MfaFactors, task: () => Promise<void>): Promise<void> {
  try {
    await task();
  } catch (error) {
    if (!(error instanceof AppwriteException) || error.type !== 'user_challenge_required') throw error;
    const factor = factors.totp ? 'totp' : factors.email ? 'email' : factors.phone ? 'phone' : 'recoveryCode';
    const challenge = await app().account.createMFAChallenge({ factor: factor as AuthenticationFactor });
    replace(area, actionForm({
      label: 'Confirm it is you', testId: 'confirm-challenge', submit: 'Confirm',
      fields: [field({ label: factor === 'totp' ? 'Code from your authenticator app' : factor === 'recoveryCode' ? 'Recovery code' : 'Code we sent you', name: 'otp', autocomplete: 'one-time-code', autofocus: true })],
      async onSubmit({ otp = '' }) {
        await app().account.updateMFAChallenge({ challengeId: challenge.$id, otp: otp.trim() });
        replace(area);
        await task().catch((again: unknown) => replace(area, errorView(again)));
      },
    }));
  }
}
