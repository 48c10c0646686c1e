import type { ModelName } from './model-name.js';

/** Formats before 1.9.0 (SDK 14 to 23): Appwrite's Response V21 filter drops the impersonation keys of the user. */
export const before1_9: Partial<Record<ModelName, readonly string[]>> = {
  account: ['impersonator', 'impersonatorUserId'],
};
