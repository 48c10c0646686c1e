import type { EmulatorCore } from '../core.js';
import { AppwriteError } from '../errors/appwrite-error.js';
import type { RequestContext } from '../http/context.js';

/**
 * The context the test API's calls run in: Appwrite 1.9.6's rules and the newest model shape, the emulator's
 * clock, its configured IP and User-Agent, no caller. Like the server's Users API (an API key), not a user.
 */
export function adminContext(core: EmulatorCore, routePath = '/emulator/test-api'): RequestContext {
  const url = new URL(`${core.config.endpoint}${routePath}`);
  return {
    core,
    request: new Request(url),
    url,
    routePath,
    now: core.clock.now(),
    behaviour: '1.9',
    format: '',
    ip: core.config.ip,
    userAgent: core.config.userAgent,
    user: null,
    session: null,
  };
}

/** Finds a user by id or (case-insensitive) e-mail, in that order. */
export async function findUser(core: EmulatorCore, userIdOrEmail: string) {
  const db = await core.db();
  return (await db.users.get(userIdOrEmail)) ?? (await db.users.where('emailKey').equals(userIdOrEmail.toLowerCase()).first());
}

/** The user a test-API call names (a TypeError for a non-string, the API's 404 user_not_found for nobody). */
export async function findUserOrFail(core: EmulatorCore, call: string, ref: unknown) {
  assertUserRef(call, ref);
  const user = await findUser(core, ref);
  if (!user) throw new AppwriteError('user_not_found');
  return user;
}

/** A test-API argument that must be a user id or e-mail. */
export function assertUserRef(name: string, value: unknown): asserts value is string {
  if (typeof value !== 'string' || value === '') {
    throw new TypeError(`appwrite-emulator: ${name} needs a user id or e-mail (a non-empty string), got ${String(value)}`);
  }
}

/**
 * The test API answers as Appwrite 1.9.6 does: its errors carry that server's code and message (user_blocked is
 * 403 there, 401 in 1.4's table, which AppwriteError defaults to).
 */
export function asServer19<T extends object>(api: T): T {
  const wrapped = {} as Record<string, unknown>;
  for (const [name, fn] of Object.entries(api)) {
    wrapped[name] = async (...args: unknown[]) => {
      try {
        return await (fn as (...a: unknown[]) => Promise<unknown>)(...args);
      } catch (error) {
        if (error instanceof AppwriteError) throw new AppwriteError(error.type, error.resolve('1.9').message, '1.9');
        throw error;
      }
    };
  }
  return wrapped as T;
}
