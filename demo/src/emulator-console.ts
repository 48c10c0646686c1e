import type { BrowserEmulator } from 'appwrite-emulator/browser';

/**
 * The emulator's dev console, for screens that point to it (a blocked account is unblocked in its Users tab: the
 * app itself cannot, only the server's Users API can).
 */
let emulator: BrowserEmulator | null = null;

export const setEmulator = (started: BrowserEmulator) => void (emulator = started);

export function openConsole(tab: 'inbox' | 'users' | 'requests' | 'settings'): void {
  emulator?.panel?.open(tab);
}
