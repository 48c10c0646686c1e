/** appwrite-emulator's own version, as in package.json (a unit test keeps the two equal); the console shows it. */
export const EMULATOR_VERSION = '0.1.0';

/**
 * The servers emulated, for the console's Settings tab: copies of config.ts's APPWRITE_VERSION and behaviour.ts's
 * SERVER_VERSION_1_9 (a unit test keeps them equal). Importing those modules into the tab's chunk made the bundler
 * split them out of the start chunk into start-up chunks of their own (+700 B gzipped at start).
 */
export const APPWRITE_VERSION = '1.4.13';
export const SERVER_VERSION_1_9 = '1.9.6';
