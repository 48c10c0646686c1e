import { ERROR_TYPES, type ErrorType } from './error-types.js';

/** The one exception the emulator throws for Appwrite-level failures; the HTTP layer turns it into a response. */
export class AppwriteError extends Error {
  readonly type: ErrorType;
  readonly code: number;

  constructor(type: ErrorType, message?: string) {
    const [code, defaultMessage] = ERROR_TYPES[type];
    super(message ?? defaultMessage);
    this.name = 'AppwriteError';
    this.type = type;
    this.code = code;
  }
}

/** Firebase-style guard: `assert(user, 'user_not_found')`. */
export function assert(condition: unknown, type: ErrorType, message?: string): asserts condition {
  if (!condition) throw new AppwriteError(type, message);
}
