import { app } from '../../app.js';
import { confirmDialog } from '../../ui/confirm.js';
import { feedbackRegion, runAction, unblockHint } from '../../ui/feedback.js';
import { h } from '../../ui/h.js';
import { card } from '../../ui/page.js';

/**
 * updateStatus blocks the account for good (only the server Users API can unblock it), so it asks first. With
 * the emulator, the dev console's Users tab is that administrator: the blocked screen points there.
 */
export function blockCard(): HTMLElement {
  const region = feedbackRegion();
  const button = h('button', { type: 'button', class: 'button button-danger-outline', 'data-testid': 'block-account' }, 'Block account…');
  button.addEventListener('click', async () => {
    const sure = await confirmDialog({
      title: 'Block your account?',
      text: 'You are signed out everywhere and cannot sign in again. Only an administrator can unblock the account: here, the emulator console\'s Users tab.',
      confirm: 'Block my account',
      danger: true,
    });
    if (!sure) return;
    await runAction(button, region, async () => {
      await app().account.updateStatus();
      app().user = null;
      app().flash(h('div', { class: 'alert alert-info', role: 'status' }, h('p', { class: 'alert-message' }, 'Your account is blocked. You were signed out.'), unblockHint()));
      app().go('sign-in');
    });
  });
  return h('div', { class: 'danger-zone' },
    card('Block account', 'Blocks this account and ends its sessions. This cannot be undone from the app.', h('div', null, button), region));
}
