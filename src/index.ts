import { findUnknownOption, resolveConfig, type EmulatorOptions } from './config.js';
import { createEmulator as create, type Emulator } from './emulator.js';
import { unknownOptionError } from './option-keys.js';

/**
 * Creates an emulated Appwrite Account API for one project. Misused options throw a TypeError, an unknown key
 * (`auth.sesionLength`) naming the nearest valid one.
 */
export function createEmulator(options: EmulatorOptions): Emulator {
  const unknown = findUnknownOption(options, resolveConfig(options));
  if (unknown) throw unknownOptionError(unknown);
  return create(options);
}

export type { Emulator };
export type { EmulatorOptions, AuthOptions, AuthMethods, PasswordHashOptions, ResolvedConfig } from './config.js';
export type { Clock } from './clock.js';
export type { Inbox, InboxFilter, InboxMessage } from './inbox/inbox.js';
export type { IdTokenOptions, IdTokenProvider } from './services/id-token.js';
