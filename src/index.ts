export { createEmulator, type Emulator } from './emulator.js';
export type { EmulatorOptions, AuthOptions, AuthMethods, MockNumber, PasswordHashOptions, PasswordStrength, ResolvedConfig } from './config.js';
export type { Clock } from './clock.js';
export type { Inbox, InboxFilter, InboxMessage } from './inbox/inbox.js';
export type { IdTokenOptions, IdTokenProvider } from './services/id-token.js';
