/**
 * Unknown option keys are set-up mistakes: `auth.sesionLength` would silently keep the default. Every options
 * object throws a TypeError naming the key and the nearest valid one.
 */
import { describe, expect, it } from 'vitest';
import { createEmulator, type EmulatorOptions } from 'appwrite-emulator';
import { startEmulator, type StartEmulatorOptions } from 'appwrite-emulator/browser';
import { appwriteEmulator, type AppwriteEmulatorPluginOptions } from 'appwrite-emulator/vite';

const VALID_TOP = 'projectId, behaviour, projectName, endpoint, platforms, otherServices, rateLimits, smtp, sms, ip, userAgent, databaseName, auth, now, seed, indexedDB, snapshot';

describe('createEmulator(options) with an unknown key', () => {
  it.each([
    ['a misspelled auth option', { auth: { sesionLength: 60 } }, 'auth.sesionLength', 'auth.sessionLength',
      'sessionLength, maxSessions, passwordHistory, passwordDictionary, personalDataCheck, limit, methods, passwordHash, mockNumbers, invalidateSessions, sessionAlerts, passwordStrength'],
    ['a top-level key in the wrong case', { projectID: 'x' }, 'projectID', 'projectId', VALID_TOP],
    ['the resolved-only endpointUrl', { endpointUrl: 'x' }, 'endpointUrl', 'endpoint', VALID_TOP],
    ['a misspelled top-level key', { rateLimit: false }, 'rateLimit', 'rateLimits', VALID_TOP],
    ['a misspelled key in another case', { databasename: 'x' }, 'databasename', 'databaseName', VALID_TOP],
    ['a misspelled method', { auth: { methods: { magicUrl: false } } }, 'auth.methods.magicUrl', 'auth.methods.magicURL',
      'emailPassword, anonymous, magicURL, phone, jwt, emailOtp'],
    ['a misspelled password strength rule', { auth: { passwordStrength: { symbol: true } } }, 'auth.passwordStrength.symbol',
      'auth.passwordStrength.symbols', 'min, uppercase, lowercase, number, symbols'],
    ['a misspelled hash parameter', { auth: { passwordHash: { memory: 64 } } }, 'auth.passwordHash.memory',
      'auth.passwordHash.memoryCost', 'memoryCost, timeCost, threads'],
  ])('throws a TypeError for %s, naming the nearest valid key', (_label, extra, key, nearest, valid) => {
    const options = { projectId: 'p', ...extra } as unknown as EmulatorOptions;
    expect(() => createEmulator(options)).toThrow(new TypeError(
      `appwrite-emulator: unknown option ${key}: did you mean ${nearest}? (valid: ${valid})`,
    ));
  });

  it('accepts every documented key', () => {
    const emulator = createEmulator({
      projectId: 'p', behaviour: 'auto', endpoint: 'https://example.com/v1', projectName: 'P', platforms: [], rateLimits: true,
      now: () => new Date(), seed: 1, databaseName: 'db-known-keys', ip: '127.0.0.1', userAgent: 'UA',
      auth: {
        sessionLength: 60, maxSessions: 5, passwordHistory: 0, passwordDictionary: false, personalDataCheck: false, limit: 0,
        methods: { emailPassword: true, anonymous: true, magicURL: true, phone: true, jwt: true, emailOtp: true },
        passwordHash: { memoryCost: 64, timeCost: 1, threads: 1 },
      },
    });
    expect(emulator.config.auth.sessionLength).toBe(60);
  });
});

describe('startEmulator(options) with an unknown key', () => {
  it('names its own options beside createEmulator\'s', async () => {
    await expect(startEmulator({ projectId: 'p', workerURL: '/sw.js' } as unknown as StartEmulatorOptions)).rejects.toThrow(
      new TypeError(`appwrite-emulator: unknown option workerURL: did you mean workerUrl? (valid: ${VALID_TOP}, panel, workerUrl, allowInProduction, exposeForTests, quiet, handlers, logRequests)`),
    );
  });

  it('checks the panel options', async () => {
    await expect(startEmulator({ projectId: 'p', panel: { opened: true } } as unknown as StartEmulatorOptions)).rejects.toThrow(
      new TypeError('appwrite-emulator: unknown option panel.opened: did you mean panel.open? (valid: open, position)'),
    );
  });

  it('checks the nested createEmulator options too', async () => {
    await expect(startEmulator({ projectId: 'p', auth: { maxSesions: 2 } } as unknown as StartEmulatorOptions)).rejects.toThrow(
      'appwrite-emulator: unknown option auth.maxSesions: did you mean auth.maxSessions?',
    );
  });
});

describe('appwriteEmulator(options) (the Vite plugin) with an unknown key', () => {
  it('throws a TypeError naming the nearest valid key', () => {
    expect(() => appwriteEmulator({ emitt: false } as unknown as AppwriteEmulatorPluginOptions)).toThrow(TypeError);
    expect(() => appwriteEmulator({ emitt: false } as unknown as AppwriteEmulatorPluginOptions)).toThrow(
      'appwrite-emulator: unknown option emitt: did you mean emit?',
    );
  });
});
