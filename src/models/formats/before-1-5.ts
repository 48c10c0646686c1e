import type { ModelName } from './model-name.js';

/**
 * Formats before 1.5.0 (SDK 13) get Appwrite 1.4.14, whose models lack everything added since (1.4 spec §7).
 * Appwrite's own V17 filter removes the same keys except Session `$updatedAt`/`mfaUpdatedAt`; the emulator
 * serves SDK 13 the 1.4.14 server itself, so those go too.
 */
export const before1_5: Partial<Record<ModelName, readonly string[]>> = {
  account: ['emailCanonical', 'emailIsFree', 'emailIsDisposable', 'emailIsCorporate', 'emailIsCanonical', 'mfa', 'targets',
    'impersonator', 'impersonatorUserId'],
  session: ['$updatedAt', 'factors', 'secret', 'mfaUpdatedAt'],
  token: ['phrase'],
  log: ['userType'],
};
