import { findUnknownOption, resolveConfig } from './config.js';
import { CREATE_OPTION_KEYS, createEmulator as create, type CreateEmulatorOptions, type Emulator } from './emulator.js';
import { unknownOptionError } from './option-keys.js';

/**
 * Creates an emulated Appwrite Account API for one project. Misused options throw a TypeError, an unknown key
 * (`auth.sesionLength`) naming the nearest valid one.
 */
export function createEmulator(options: CreateEmulatorOptions): Emulator {
  const unknown = findUnknownOption(options, resolveConfig(options), CREATE_OPTION_KEYS);
  if (unknown) throw unknownOptionError(unknown);
  return create(options);
}

export type { Emulator, CreateEmulatorOptions };
export { AppwriteError } from './errors/appwrite-error.js';
export type { UsersApi, SeedUser, UserChanges } from './testing/users.js';
export type { SessionsApi, SessionOptions, CreatedSession } from './testing/sessions.js';
export type { Snapshot } from './testing/snapshot.js';
export type { Account, Session } from './models/models.js';
export type { EmulatorOptions, AuthOptions, AuthMethods, MockNumber, PasswordHashOptions, PasswordStrength, ResolvedConfig } from './config.js';
export type { Clock } from './clock.js';
export type { Inbox, InboxFilter, InboxMessage } from './inbox/inbox.js';
export type { RequestLog, RequestLogEntry, RequestDetails } from './http/request-log.js';
export type { IdTokenOptions, IdTokenProvider } from './services/id-token.js';
export type { AuthenticatorView } from './services/mfa/test-api.js';
