/**
 * The test API's code in one lazy chunk: users, sessions and snapshots load together on the first call of any
 * of them (one chunk keeps the modules they share with the start bundle in it, instead of split out).
 */
export { createUsersApi } from './users.js';
export { createSessionsApi } from './sessions.js';
export { exportSnapshot, importSnapshot, loadSnapshotOption, storedClockOffset } from './snapshot.js';
