import type { ClientInfo } from '../storage/records.js';

/**
 * Session and log fields derived from the User-Agent, loaded with ua-parser-js on the first session or log that
 * needs them (client-info.ts). Appwrite uses matomo device-detector; we parse with
 * ua-parser-js and map names to matomo's short codes, which apps display (`WIN`, `CH`, ...).
 */
const OS_CODES: Record<string, string> = {
  Windows: 'WIN', 'Mac OS': 'MAC', macOS: 'MAC', iOS: 'IOS', Android: 'AND', Linux: 'LIN', Ubuntu: 'UBT',
  Debian: 'DEB', Fedora: 'FED', 'Chromium OS': 'COS', 'Chrome OS': 'COS', HarmonyOS: 'HAR', FreeBSD: 'BSD',
};
const CLIENT_CODES: Record<string, string> = {
  Chrome: 'CH', 'Chrome Headless': 'CH', 'Chrome WebView': 'CV', 'Mobile Chrome': 'CM', Chromium: 'CR', Firefox: 'FF',
  'Mobile Firefox': 'FM', Safari: 'SF', 'Mobile Safari': 'MF', Edge: 'PS', Opera: 'OP', 'Opera Mini': 'OI',
  'Samsung Browser': 'SB', Brave: 'BR', Vivaldi: 'VI', Yandex: 'YA', IE: 'IE', 'Android Browser': 'AN',
};
const ENGINES: Record<string, string> = { Blink: 'Blink', WebKit: 'WebKit', Gecko: 'Gecko', Trident: 'Trident', EdgeHTML: 'Edge', Presto: 'Presto' };
const DEVICE_NAMES: Record<string, string> = {
  mobile: 'smartphone', tablet: 'tablet', smarttv: 'tv', console: 'console', wearable: 'wearable', embedded: 'peripheral',
};
const DESKTOP_OS = new Set(['WIN', 'MAC', 'LIN', 'UBT', 'DEB', 'FED', 'COS', 'BSD']);

/** matomo reports versions as major.minor (Chrome/70.0.3538.77 -> 70.0). */
const majorMinor = (v: string | undefined) => (v ? v.split('.').slice(0, 2).join('.') : '');

// ua-parser-js 1.x is CommonJS: bundlers and Node expose `UAParser` as a named export or on `default`.
type Parser = typeof import('ua-parser-js').UAParser;
const loadParser = async (): Promise<Parser> => {
  const mod = (await import('ua-parser-js')) as unknown as { UAParser?: Parser; default?: Parser & { UAParser?: Parser } };
  return (mod.UAParser ?? mod.default?.UAParser ?? mod.default)!;
};
let parser: Promise<Parser> | null = null;

export async function parseClientInfo(userAgent: string): Promise<ClientInfo> {
  const UAParser = await (parser ??= loadParser());
  const { browser, os, engine, device } = new UAParser(userAgent).getResult();
  const osCode = os.name ? (OS_CODES[os.name] ?? os.name.slice(0, 3).toUpperCase()) : '';
  const clientCode = browser.name ? (CLIENT_CODES[browser.name] ?? browser.name.slice(0, 2).toUpperCase()) : '';
  const info: ClientInfo = {
    osCode,
    osName: os.name === 'Mac OS' ? 'Mac' : (os.name ?? ''),
    osVersion: os.version ?? '',
    clientType: browser.name ? 'browser' : '',
    clientCode,
    clientName: browser.name ?? '',
    clientVersion: majorMinor(browser.version),
    clientEngine: engine.name ? (ENGINES[engine.name] ?? engine.name) : '',
    clientEngineVersion: engine.version ?? '',
    deviceName: device.type ? (DEVICE_NAMES[device.type] ?? device.type) : DESKTOP_OS.has(osCode) ? 'desktop' : '',
    deviceBrand: device.vendor ?? '',
    deviceModel: device.model ?? '',
  };
  return info;
}
