/**
 * The 10 000 common passwords Appwrite's PasswordDictionary refuses (app/assets/security/10k-common-passwords).
 * Loaded only when `auth.passwordDictionary` is on, so the list stays out of the main bundle.
 */
let loaded: ReadonlySet<string> | null = null;

export async function loadCommonPasswords(): Promise<void> {
  if (loaded) return;
  const { COMMON_PASSWORDS } = await import('./common-passwords-list.js');
  loaded = new Set(COMMON_PASSWORDS.split('\n').filter(Boolean));
}

/** The loaded list; empty until loadCommonPasswords() resolved (the emulator awaits it before serving). */
export function commonPasswords(): ReadonlySet<string> {
  return loaded ?? new Set();
}
