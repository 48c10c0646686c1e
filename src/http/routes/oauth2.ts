import type { OAuthProvider } from '../../services/oauth-providers.js';
import type * as Oauth2Service from '../../services/oauth2.js';
import type * as ProviderService from '../../services/oauth2-provider.js';
import * as v from '../../validation/validators.js';
import * as v19 from '../../validation/validators-1-9.js';
import { allowedHosts } from '../allowed-hosts.js';
import type { ParamSpec, Route } from '../route.js';
import { lazy } from '../lazy.js';

const oauth2 = lazy(() => import('../../services/oauth2.js'));
const provider = lazy(() => import('../../services/oauth2-provider.js'));

// The provider lists load with the first OAuth2 request, as the rest of the group does.
const providerLists = lazy(async () => {
  const { OAUTH_PROVIDERS, OAUTH_PROVIDERS_19 } = await import('../../services/oauth-providers.js');
  return { '1.4': v.whiteList(OAUTH_PROVIDERS), '1.9': v.whiteList(OAUTH_PROVIDERS_19) };
});
const providerParam: ParamSpec = {
  name: 'provider', validator: async () => (await providerLists())['1.4'], validator19: async () => (await providerLists())['1.9'],
};

/** The start routes' params: 1.4 checks the redirect URLs' hosts, 1.9.6 its Redirect validator (hosts or schemes). */
const startParams: ParamSpec[] = [
  providerParam,
  { name: 'success', validator: (core) => v.host(allowedHosts(core)), validator19: v19.redirect, optional: true, default: '' },
  { name: 'failure', validator: (core) => v.host(allowedHosts(core)), validator19: v19.redirect, optional: true, default: '' },
  {
    name: 'scopes', validator: v.arrayList(v.text(4096), 100), optional: true, default: [],
    // utopia-php/validators 0.2.6 ArrayList.php:47-51 names the item limit; 1.4's framework did not.
    validator19: { ...v.arrayList(v.text(4096), 100), description: `Value must a valid array no longer than 100 items and ${v.text(4096).description}` },
  },
];

/** What the provider sends back (code, state, error, error_description), in Appwrite's declaration order. */
const providerAnswer: ParamSpec[] = [
  { name: 'code', validator: v19.text0(2048), optional: true, default: '' },
  // Text(2048) in Appwrite; the callback always forwards `state=`, so an empty one must pass (as no state).
  { name: 'state', validator: { ...v19.text0(2048), description: v.text(2048).description }, optional: true, default: '' },
  { name: 'error', validator: v19.text0(2048), optional: true, default: '' },
  { name: 'error_description', validator: v19.text0(2048), optional: true, default: '' },
];

const callback: Omit<Route, 'method'> = {
  // `:project` (Appwrite's `projectId`) names the project the way the pipeline reads it.
  path: '/account/sessions/oauth2/callback/:provider/:project', scope: 'public',
  params: [{ name: 'project', validator: v.text(1024) }, providerParam, ...providerAnswer],
  action: async (ctx, p) => (await oauth2()).oauth2Callback(ctx, p as Oauth2Service.CallbackParams),
};

/** What the emulated provider's consent page posts and reads (emulator-only routes). */
const consentParams: ParamSpec[] = [
  providerParam,
  { name: 'redirect_uri', validator: v.text(2048) },
  { name: 'state', validator: v19.text0(2048), optional: true, default: '' },
];

/** OAuth2 sign-in (spec §8.21, §9) and the emulated provider it talks to. */
export const oauth2Routes: Route[] = [
  {
    method: 'GET', path: '/account/sessions/oauth2/:provider', scope: 'public',
    rateLimit: { limit: 50, keys: ['ip:{ip}'] },
    params: startParams,
    action: async (ctx, p) => (await oauth2()).createOAuth2Session(ctx, p as Oauth2Service.StartParams),
  },
  {
    // 1.9.6's token flow: the redirect ends in a token for POST /account/sessions/token, not in a session.
    method: 'GET', path: '/account/tokens/oauth2/:provider', scope: 'public', behaviours: ['1.9'],
    rateLimit: { limit: 50, keys: ['ip:{ip}'] },
    params: startParams,
    action: async (ctx, p) => (await oauth2()).createOAuth2Token(ctx, p as Oauth2Service.StartParams),
  },
  { ...callback, method: 'GET' },
  // Apple answers with a form POST; Appwrite accepts it from any origin.
  { ...callback, method: 'POST' },
  {
    method: 'GET', path: '/account/sessions/oauth2/:provider/redirect', scope: 'public', audit: 'session.create',
    rateLimit: { limit: 50, keys: ['ip:{ip}'] },
    params: [providerParam, ...providerAnswer],
    action: async (ctx, p) => (await oauth2()).oauth2Redirect(ctx, p as Omit<Oauth2Service.CallbackParams, 'project'>),
  },
  {
    method: 'GET', path: '/account/sessions/oauth2/emulator/:provider/authorize', scope: 'public',
    params: [...consentParams, { name: 'scope', validator: v19.text0(4096 * 100), optional: true, default: '' }],
    action: async (ctx, p) => ({
      status: 200,
      body: await (await provider()).consentInfo(ctx, p.provider as OAuthProvider, p as { redirect_uri: string; scope: string; state: string }),
    }),
  },
  {
    method: 'POST', path: '/account/sessions/oauth2/emulator/:provider/authorize', scope: 'public',
    params: [
      ...consentParams,
      { name: 'decision', validator: v.whiteList(['approve', 'deny']) },
      { name: 'providerUid', validator: { ...v19.text0(128), isValid: (x) => typeof x === 'string' && /^[A-Za-z0-9._-]{0,128}$/.test(x) }, optional: true, default: '' },
      { name: 'email', validator: { ...v.email, isValid: (x) => x === '' || v.email.isValid(x) }, optional: true, default: '' },
      { name: 'name', validator: v19.text0(128), optional: true, default: '' },
    ],
    action: async (ctx, p) => ({
      status: 302,
      location: await (await provider()).authorize(ctx, p.provider as OAuthProvider, p as ProviderService.AuthorizeDecision),
    }),
  },
];
