import type { EmulatorCore } from '../core.js';
import type { Validator } from './validators.js';

const WEB_SCHEMES: Record<string, string> = {
  'http:': 'Web', 'https:': 'Web', 'chrome-extension:': 'Web (Chrome Extension)', 'moz-extension:': 'Web (Firefox Extension)',
  'safari-web-extension:': 'Web (Safari Extension)', 'ms-browser-extension:': 'Web (Edge Extension)', 'tauri:': 'Web (Tauri)',
};

/**
 * Redirect (`url`, `success`, `failure`; 1.9 spec §6.0): the Origin rules applied to a URL. A web scheme needs an
 * allowed host (the port does not matter); any other scheme must be `exp` or `appwrite-callback-<projectId>`.
 * Like Appwrite it looks only at the scheme and host: what the page may navigate to is checked where it navigates.
 * The host rule comes from the caller (allowed-hosts.ts's isAllowedHost): this lazy chunk imports no code of the start
 * bundle's hub, which would make the bundler split the start bundle.
 */
export function redirect(core: EmulatorCore, isAllowedHost: (core: EmulatorCore, host: string) => boolean): Validator {
  const check = (v: unknown): string | null => {
    if (typeof v !== 'string' || /\s/.test(v)) return 'Invalid URI.';
    let url: URL;
    try {
      url = new URL(v);
    } catch {
      return 'Invalid URI.';
    }
    const platform = WEB_SCHEMES[url.protocol];
    if (platform) {
      if (url.hostname && isAllowedHost(core, url.hostname.toLowerCase())) return null;
      return `Invalid URI. Register your new client (${url.hostname}) as a new ${platform} platform on your project console dashboard`;
    }
    const scheme = url.protocol.slice(0, -1);
    if (scheme === 'exp' || scheme === `appwrite-callback-${core.config.projectId}`) return null;
    return `Invalid URI. Register your new client (${url.hostname}) as a new  platform on your project console dashboard`;
  };
  return { description: 'Invalid URI.', isValid: (v) => check(v) === null, describe: (v) => check(v) ?? '' };
}
