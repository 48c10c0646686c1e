import type { Behaviour } from '../http/behaviour.js';
import { errorEntry, type ErrorType } from './error-types.js';

/**
 * The one exception the emulator throws for Appwrite-level failures; the HTTP layer turns it into a response.
 * `code` and `message` are 1.4's defaults; `resolve(behaviour)` gives what the request's server says (the
 * 1.9.6 table where the two differ), unless the throw site set its own message.
 */
export class AppwriteError extends Error {
  readonly type: ErrorType;
  readonly code: number;
  /** The throw site's own message, if any (it wins over both tables). */
  readonly explicitMessage: string | undefined;

  /** `behaviour` picks the table `code` and the default message come from (the test API reports 1.9.6's). */
  constructor(type: ErrorType, message?: string, behaviour: Behaviour = '1.4') {
    const [code, defaultMessage] = errorEntry(type, behaviour);
    super(message ?? defaultMessage);
    this.name = 'AppwriteError';
    this.type = type;
    this.code = code;
    this.explicitMessage = message;
  }

  /** Code and message as the `behaviour` server has them. */
  resolve(behaviour: Behaviour): { code: number; message: string } {
    const [code, defaultMessage] = errorEntry(this.type, behaviour);
    return { code, message: this.explicitMessage ?? defaultMessage };
  }
}

/** Firebase-style guard: `assert(user, 'user_not_found')`. */
export function assert(condition: unknown, type: ErrorType, message?: string): asserts condition {
  if (!condition) throw new AppwriteError(type, message);
}
