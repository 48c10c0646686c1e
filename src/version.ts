/** appwrite-emulator's own version, as in package.json (a unit test keeps the two equal); the console shows it. */
export const EMULATOR_VERSION = '0.1.0';
