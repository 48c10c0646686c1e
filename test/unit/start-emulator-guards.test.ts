import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator } from 'appwrite-emulator/browser';

const nodeEnv = process.env.NODE_ENV;
afterEach(() => {
  process.env.NODE_ENV = nodeEnv;
});

describe('startEmulator', () => {
  it('refuses to start in a production build', async () => {
    process.env.NODE_ENV = 'production';
    await expect(startEmulator({ projectId: 'p' })).rejects.toThrow(
      'appwrite-emulator: refusing to start in a production build (it would fake sign-ins for real users). Start it only in development, or pass allowInProduction: true for a deliberate demo deployment.',
    );
  });

  it('starts in a production build with allowInProduction: true (here it then stops at the missing service worker API)', async () => {
    process.env.NODE_ENV = 'production';
    await expect(startEmulator({ projectId: 'p', allowInProduction: true })).rejects.toThrow(
      'appwrite-emulator: startEmulator() needs a browser page with service workers (https or localhost). In Node tests use createEmulator() with msw/node instead.',
    );
  });
});
