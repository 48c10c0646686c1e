import type { EmulatorCore } from '../core.js';

/*
 * The host rule of the Origin check (handle.ts) and of the redirect validators, in a module of its own that imports
 * nothing: validators-1-9.ts needs it, and it is imported by lazy chunks (the MFA group). When it imported handle.ts
 * for this rule, Rolldown emitted the modules the entry shares with the lazy chunks as extra start-up chunks
 * (about +1 kB gzipped, decisions/003).
 */

type HostConfig = Pick<EmulatorCore['config'], 'endpointUrl' | 'platforms'>;

/** Hosts a request may come from or redirect to: localhost, the endpoint's host and the configured platforms. */
export function allowedHosts(core: { config: HostConfig }): string[] {
  return [...new Set(['localhost', core.config.endpointUrl.hostname, ...core.config.platforms])];
}

/** Whether a request may come from `host`: an allowed host, or a sub-domain of a `*.example.com` platform. */
export function isAllowedHost(core: { config: HostConfig }, host: string): boolean {
  return allowedHosts(core).some((h) => h === host || (h.startsWith('*.') && host.endsWith(h.slice(1))));
}
