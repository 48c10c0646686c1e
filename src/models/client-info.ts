import type { ClientInfo } from '../storage/records.js';

const cache = new Map<string, ClientInfo>();

// The parser and its name tables load on the first session or log that needs them: ~10 kB gzipped the start-up
// bundle does without.
let parse: Promise<(userAgent: string) => Promise<ClientInfo>> | null = null;

/**
 * Session and log fields derived from the User-Agent (Appwrite: matomo device-detector; here ua-parser-js mapped
 * to matomo's short codes, client-info-parse.ts), remembered per user agent.
 */
export async function clientInfo(userAgent: string): Promise<ClientInfo> {
  const hit = cache.get(userAgent);
  if (hit) return hit;
  const info = await (await (parse ??= import('./client-info-parse.js').then((m) => m.parseClientInfo)))(userAgent);
  if (cache.size > 500) cache.clear();
  cache.set(userAgent, info);
  return info;
}
