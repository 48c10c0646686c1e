import { Account, Client } from 'appwrite-13';
import { setupServer, type SetupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createEmulator, type Emulator, type EmulatorOptions } from 'appwrite-emulator';

export const PROJECT = 'test-project';
export const ENDPOINT = 'https://cloud.appwrite.io/v1';

/** Cheap argon2id parameters: tests hash hundreds of passwords. */
export const FAST_HASH = { memoryCost: 64, timeCost: 1, threads: 1 };

/**
 * One emulator behind msw/node for a test file, reset before each test, with the real Appwrite SDK.
 * `now` is a fixed clock so dates in models are predictable.
 */
export function useEmulator(options: Partial<EmulatorOptions> = {}) {
  const emulator = createEmulator({
    projectId: PROJECT,
    now: () => new Date('2026-01-15T10:00:00.000Z'),
    seed: 1,
    ...options,
    auth: { passwordHash: FAST_HASH, ...options.auth },
  });
  const server = setupServer(...emulator.handlers);
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(async () => {
    server.close();
    await emulator.close();
  });
  beforeEach(() => emulator.reset());
  return { emulator, server };
}

/** A fresh SDK client, like a new browser page. */
export function sdk() {
  const client = new Client().setEndpoint(ENDPOINT).setProject(PROJECT);
  return { client, account: new Account(client) };
}

/** Runs `fn` and returns the AppwriteException it throws (fails if it does not throw). */
export async function error(fn: () => Promise<unknown>): Promise<{ code: number; type: string; message: string; response: unknown }> {
  try {
    await fn();
  } catch (e) {
    return e as { code: number; type: string; message: string; response: unknown };
  }
  throw new Error('expected the call to fail');
}

/**
 * A second emulator with other options behind an existing msw server (two msw servers cannot listen in one
 * process), at `https://<name>.alt.test/v1` — its endpoint is `emulator.config.endpoint`. Reset before each test.
 */
export function useSecondEmulator(server: SetupServer, name: string, options: Partial<EmulatorOptions> = {}): Emulator {
  const emulator = createEmulator({
    projectId: PROJECT,
    endpoint: `https://${name}.alt.test/v1`,
    databaseName: `alt-${name}`,
    now: () => new Date('2026-01-15T10:00:00.000Z'),
    seed: 2,
    ...options,
    auth: { passwordHash: FAST_HASH, ...options.auth },
  });
  beforeAll(() => server.use(...emulator.handlers));
  beforeEach(() => emulator.reset());
  afterAll(() => emulator.close());
  return emulator;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  body: any;
}

/**
 * A hand-rolled request for what the SDK cannot send: absent params, malformed bodies. `session` is a stored
 * cookieFallback value sent as X-Fallback-Cookies; `body` strings are sent as they are.
 */
export async function raw(method: string, path: string, options: {
  body?: unknown; session?: string | null; headers?: Record<string, string>; endpoint?: string;
} = {}): Promise<RawResponse> {
  // SDK 13's format: these tests pin Appwrite 1.4 behaviour, as SDK 13 gets it.
  const headers: Record<string, string> = {
    'content-type': 'application/json', 'x-appwrite-project': PROJECT, 'x-appwrite-response-format': '1.4.0', ...options.headers,
  };
  if (options.session) headers['x-fallback-cookies'] = options.session;
  const response = await fetch(`${options.endpoint ?? ENDPOINT}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}
