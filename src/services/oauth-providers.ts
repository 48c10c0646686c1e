/** OAuth2 provider keys of Appwrite 1.4.14 (spec §9.1), in the order of the WhiteList's message. */
export const OAUTH_PROVIDERS = [
  'amazon', 'apple', 'auth0', 'authentik', 'autodesk', 'bitbucket', 'bitly', 'box', 'dailymotion', 'discord',
  'disqus', 'dropbox', 'etsy', 'facebook', 'github', 'gitlab', 'google', 'linkedin', 'microsoft', 'notion', 'oidc',
  'okta', 'paypal', 'paypalSandbox', 'podio', 'salesforce', 'slack', 'spotify', 'stripe', 'tradeshift',
  'tradeshiftBox', 'twitch', 'wordpress', 'yahoo', 'yammer', 'yandex', 'zoom',
] as const;

export type OAuthProvider = (typeof OAUTH_PROVIDERS)[number];

/** Lifetime of the emulated provider's access tokens (the Appwrite test provider's `expires_in`). */
export const PROVIDER_TOKEN_SECONDS = 14_400;

export function isOAuthProvider(value: string): value is OAuthProvider {
  return (OAUTH_PROVIDERS as readonly string[]).includes(value);
}
