/**
 * OAuth2 provider keys of Appwrite 1.4.14 (spec §9.1), in the order of the WhiteList's message. The last one,
 * `mock`, is Appwrite's test-only provider: hidden from the docs but accepted by the `provider` param, so it is
 * part of the WhiteList description apps may see.
 */
export const OAUTH_PROVIDERS = [
  'amazon', 'apple', 'auth0', 'authentik', 'autodesk', 'bitbucket', 'bitly', 'box', 'dailymotion', 'discord',
  'disqus', 'dropbox', 'etsy', 'facebook', 'github', 'gitlab', 'google', 'linkedin', 'microsoft', 'notion', 'oidc',
  'okta', 'paypal', 'paypalSandbox', 'podio', 'salesforce', 'slack', 'spotify', 'stripe', 'tradeshift',
  'tradeshiftBox', 'twitch', 'wordpress', 'yahoo', 'yammer', 'yandex', 'zoom', 'mock',
] as const;

/**
 * 1.9.6's keys (1.9 spec §6.14): 1.4's plus figma, fusionauth, keycloak, kick, x and zoho, in the config's
 * alphabetical order, and the test provider `mock-unverified`, whose e-mails are not verified.
 */
export const OAUTH_PROVIDERS_19 = [
  'amazon', 'apple', 'auth0', 'authentik', 'autodesk', 'bitbucket', 'bitly', 'box', 'dailymotion', 'discord',
  'disqus', 'dropbox', 'etsy', 'facebook', 'figma', 'fusionauth', 'github', 'gitlab', 'google', 'keycloak', 'kick',
  'linkedin', 'microsoft', 'notion', 'oidc', 'okta', 'paypal', 'paypalSandbox', 'podio', 'salesforce', 'slack',
  'spotify', 'stripe', 'tradeshift', 'tradeshiftBox', 'twitch', 'wordpress', 'x', 'yahoo', 'yammer', 'yandex', 'zoho',
  'zoom', 'mock', 'mock-unverified',
] as const;

export type OAuthProvider = (typeof OAUTH_PROVIDERS_19)[number];

/** Whether the provider vouches for the account's e-mail: every one but the `mock-unverified` test provider. */
export const emailVerifiedBy = (provider: OAuthProvider) => provider !== 'mock-unverified';

/** Display names from Appwrite's app/config/oAuthProviders.php: they appear in its error messages. */
const NAMES: Record<OAuthProvider, string> = {
  amazon: 'Amazon', apple: 'Apple', auth0: 'Auth0', authentik: 'Authentik', autodesk: 'Autodesk',
  bitbucket: 'BitBucket', bitly: 'Bitly', box: 'Box', dailymotion: 'Dailymotion', discord: 'Discord',
  disqus: 'Disqus', dropbox: 'Dropbox', etsy: 'Etsy', facebook: 'Facebook', github: 'GitHub', gitlab: 'GitLab',
  google: 'Google', linkedin: 'LinkedIn', microsoft: 'Microsoft', notion: 'Notion', oidc: 'OpenID Connect',
  okta: 'Okta', paypal: 'PayPal', paypalSandbox: 'PayPal Sandbox', podio: 'Podio', salesforce: 'Salesforce',
  slack: 'Slack', spotify: 'Spotify', stripe: 'Stripe', tradeshift: 'Tradeshift', tradeshiftBox: 'Tradeshift Sandbox',
  twitch: 'Twitch', wordpress: 'WordPress', yahoo: 'Yahoo', yammer: 'Yammer', yandex: 'Yandex', zoom: 'Zoom',
  mock: 'Mock',
  figma: 'Figma', fusionauth: 'FusionAuth', keycloak: 'Keycloak', kick: 'Kick', x: 'X', zoho: 'Zoho',
  'mock-unverified': 'MockUnverified',
};

/** Lifetime of the emulated provider's access tokens (the Appwrite test provider's `expires_in`). */
export const PROVIDER_TOKEN_SECONDS = 14_400;

export function isOAuthProvider(value: string): value is OAuthProvider {
  return (OAUTH_PROVIDERS_19 as readonly string[]).includes(value);
}

export function providerName(provider: OAuthProvider): string {
  return NAMES[provider];
}
