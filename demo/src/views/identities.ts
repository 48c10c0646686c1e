import { OAuthProvider, type Models } from 'appwrite';
import { app, appUrl } from '../app.js';
import { confirmDialog } from '../ui/confirm.js';
import { errorView, feedbackRegion, runAction } from '../ui/feedback.js';
import { formatDate, providerName } from '../ui/format.js';
import { h, replace } from '../ui/h.js';
import { icon } from '../ui/icons.js';
import { card, page } from '../ui/page.js';

/**
 * OAuth2 identities linked to the account (listIdentities / deleteIdentity). Signing in with a provider while
 * signed in links it to this account, which is also how a guest account is kept.
 */
export function identitiesPage(): HTMLElement {
  const list = h('div', { class: 'stack', 'aria-busy': 'true' }, h('p', { class: 'muted' }, 'Loading identities…'));
  const region = feedbackRegion();
  const load = async () => {
    try {
      const { total, identities } = await app().account.listIdentities();
      replace(list, total === 0
        ? h('p', { class: 'muted' }, 'No identities linked yet.')
        : h('ul', { class: 'session-list', 'data-testid': 'identities' }, identities.map((identity) => identityItem(identity, region, load))));
    } catch (error) {
      replace(list, errorView(error));
    }
    list.removeAttribute('aria-busy');
  };
  void load();
  const home = appUrl();
  const connect = (provider: OAuthProvider.Github | OAuthProvider.Google, label: string) => h('button', { type: 'button', class: `button button-oauth button-${provider}`, onclick: () => {
    app().account.createOAuth2Session({ provider, success: home, failure: `${home}?oauth=failed` });
  } }, icon(provider), label);
  return page('Identities', 'Sign-in providers connected to your account.',
    card('Linked identities', null, list, region),
    card('Connect a provider', 'You are sent to the provider and come back signed in to this same account.',
      h('div', { class: 'button-row' }, connect(OAuthProvider.Github, 'Connect GitHub'), connect(OAuthProvider.Google, 'Connect Google'))));
}

function identityItem(identity: Models.Identity, region: HTMLElement, reload: () => Promise<void>): HTMLElement {
  const remove = h('button', { type: 'button', class: 'button button-secondary button-small', 'aria-label': `Remove ${providerName(identity.provider)} identity` }, 'Remove');
  remove.addEventListener('click', async () => {
    const sure = await confirmDialog({
      title: `Remove ${providerName(identity.provider)}?`,
      text: `You will no longer be able to sign in with ${providerName(identity.provider)} (${identity.providerEmail || identity.providerUid}). Sessions it created stay signed in.`,
      confirm: 'Remove identity',
      danger: true,
    });
    if (!sure) return;
    await runAction(remove, region, async () => {
      await app().account.deleteIdentity({ identityId: identity.$id });
      await reload();
      return `${providerName(identity.provider)} identity removed.`;
    });
  });
  return h('li', { class: 'session', 'data-identity-id': identity.$id },
    h('span', { class: 'identity-icon' }, identity.provider === 'github' || identity.provider === 'google' ? icon(identity.provider) : null),
    h('div', { class: 'session-main' },
      h('p', { class: 'session-title' }, providerName(identity.provider)),
      h('p', { class: 'muted small' }, [identity.providerEmail, `ID ${identity.providerUid}`].filter(Boolean).join(' · ')),
      h('p', { class: 'muted small' }, `Linked ${formatDate(identity.$createdAt)}`)),
    remove);
}
