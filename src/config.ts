import type { Behaviour } from './http/behaviour.js';
/**
 * Emulator options and Appwrite 1.4's defaults. Misuse of the options is a programming error and throws
 * TypeError (never an Appwrite error).
 */
export interface AuthMethods {
  emailPassword?: boolean;
  anonymous?: boolean;
  magicURL?: boolean;
  phone?: boolean;
  jwt?: boolean;
  /** E-mail OTP sign-in (`createEmailToken`, Appwrite 1.5+). */
  emailOtp?: boolean;
}

/** A mock phone number (Appwrite 1.9.6 `auths.mockNumbers`): its phone token gets this fixed code and no SMS. */
export interface MockNumber {
  /** E.164, e.g. `+15555550100`. */
  phone: string;
  /** Six digits. */
  otp: string;
}

/** Appwrite 1.9.6's password strength policy (`auths.passwordStrength`) for new passwords. */
export interface PasswordStrength {
  /** Minimum length in bytes (8..256, default 8). */
  min?: number;
  uppercase?: boolean;
  lowercase?: boolean;
  number?: boolean;
  symbols?: boolean;
}

/** argon2id cost parameters (memory in KiB). */
export interface PasswordHashOptions {
  memoryCost?: number;
  timeCost?: number;
  threads?: number;
}

export interface AuthOptions {
  /** Session length in seconds (Appwrite: `auths.duration`, default one year). */
  sessionLength?: number;
  /**
   * Sessions kept per user; the oldest are pruned (1..100). Default: each server's own, 10 for 1.4 and
   * unlimited for 1.9.6 (its default for new projects).
   */
  maxSessions?: number;
  /** How many previous passwords may not be reused (0 = off, up to 20). */
  passwordHistory?: number;
  /** Refuse the 10 000 most common passwords on sign-up and password change. */
  passwordDictionary?: boolean;
  /** Refuse passwords containing the user's id, e-mail, name or phone. */
  personalDataCheck?: boolean;
  /** Maximum number of users (0 = unlimited). */
  limit?: number;
  methods?: AuthMethods;
  /** argon2id parameters for new password hashes. */
  passwordHash?: PasswordHashOptions;
  /** 1.9.6: phone numbers whose sign-in and verification codes are fixed and never texted (at most 10). */
  mockNumbers?: MockNumber[];
  /**
   * 1.9.6: a password change signs out the user's other sessions, a password recovery all of them (default true,
   * 1.9.6's default for new projects).
   */
  invalidateSessions?: boolean;
  /** 1.9.6: e-mail the user a security alert when a new session is created (default false). */
  sessionAlerts?: boolean;
  /** 1.9.6: what a new password needs besides 8 characters (default: nothing more). */
  passwordStrength?: PasswordStrength;
}

export interface EmulatorOptions {
  projectId: string;
  /**
   * Which Appwrite serves the requests: 'auto' (default) picks per request by `X-Appwrite-Response-Format`, as
   * Appwrite does (SDK 13 -> 1.4, SDK 14+ or no header -> 1.9.6); '1.4' or '1.9' serve every request alike.
   */
  behaviour?: 'auto' | Behaviour;
  /** The API endpoint the SDK is configured with; the handlers intercept `<endpoint>/account…`. */
  endpoint?: string;
  projectName?: string;
  /** Allowed hosts for redirect URLs and request origins, besides `localhost` and the endpoint's host. */
  platforms?: string[];
  /**
   * Requests to the endpoint for the Appwrite services the emulator does not emulate (Databases, TablesDB,
   * Storage, Functions, …): 'error' (default) answers an Appwrite-shaped 501 naming the service and warns once per
   * service; 'passthrough' lets them go on, to the app's later msw handlers or the network (a real server, a proxy).
   */
  otherServices?: 'error' | 'passthrough';
  /** Apply Appwrite's per-route rate limits (default true). */
  rateLimits?: boolean;
  /** Whether the server has SMTP (default true); false: the routes that send mail answer 503 general_smtp_disabled. */
  smtp?: boolean;
  /** Whether the server has an SMS provider (default true); false: the routes that text answer 503 general_phone_disabled. */
  sms?: boolean;
  auth?: AuthOptions;
  /** The emulator's clock; `clock.advance()` moves time on from it. Default: the system clock. */
  now?: () => Date;
  /** Makes ids and secrets deterministic. Default: cryptographically random. */
  seed?: number;
  /** IndexedDB database name (default `appwrite-emulator-<projectId>`). */
  databaseName?: string;
  /** The IndexedDB factory to use; default the global `indexedDB`, else an in-memory fake-indexeddb. */
  indexedDB?: IDBFactory;
  /** The client IP the emulator reports when no `X-Forwarded-For` header is sent (default 127.0.0.1). */
  ip?: string;
  /**
   * The User-Agent recorded for sessions and logs when a request carries none (default `UNKNOWN`, as Appwrite).
   * startEmulator() defaults it to `navigator.userAgent`: requests a service worker sees have no User-Agent header.
   */
  userAgent?: string;
}

export interface ResolvedConfig {
  projectId: string;
  behaviour: 'auto' | Behaviour;
  projectName: string;
  endpoint: string;
  endpointUrl: URL;
  platforms: string[];
  otherServices: 'error' | 'passthrough';
  rateLimits: boolean;
  smtp: boolean;
  sms: boolean;
  ip: string;
  userAgent: string;
  databaseName: string;
  auth: {
    sessionLength: number;
    /** null: the server's default (10 for 1.4, unlimited for 1.9.6). */
    maxSessions: number | null;
    passwordHistory: number;
    passwordDictionary: boolean;
    personalDataCheck: boolean;
    limit: number;
    methods: Required<AuthMethods>;
    passwordHash: Required<PasswordHashOptions>;
    mockNumbers: MockNumber[];
    invalidateSessions: boolean;
    sessionAlerts: boolean;
    passwordStrength: Required<PasswordStrength>;
  };
}

export const APPWRITE_VERSION = '1.4.13';
export const DEFAULT_ENDPOINT = 'https://cloud.appwrite.io/v1';
export const ONE_YEAR_SECONDS = 31_536_000;

/**
 * @note Appwrite 1.4 stores hashOptions {memoryCost: 2048, timeCost: 4, threads: 3} but PHP ignores those keys and
 * hashes with m=65536 KiB: about a second per hash in JavaScript. The emulator defaults to a minimal argon2id
 * cost (m=16 KiB, t=1, p=1): still a salted argon2id hash stored as a PHC string, but sign-up and sign-in then
 * cost about what a bare msw handler costs (`npm run bench`: within 3x), so a test suite pays nothing for hashing
 * it does not care about. The advertised parameters cost ~35-65 ms per hash; pass them as `auth.passwordHash` to
 * feel a real server's sign-in delay. Hashes carry their parameters, so either setting verifies the other's.
 */
export const DEFAULT_PASSWORD_HASH: Required<PasswordHashOptions> = { memoryCost: 16, timeCost: 1, threads: 1 };

/**
 * The options each options object accepts are the keys it resolves to (so a new option is known as soon as it is
 * resolved), plus the top-level ones that resolve elsewhere, listed here. The compiler checks the lists: a key of
 * an options interface that is neither resolved nor listed is a type error below.
 */
const UNRESOLVED_KEYS = ['now', 'seed', 'indexedDB'] as const;
type Unresolved = (typeof UNRESOLVED_KEYS)[number];
type Missing<Options, Resolved> = Exclude<keyof Options, keyof Resolved>;
// Each must be `never`: an option key the resolved config lacks would be refused as unknown.
const keysChecked: [Missing<EmulatorOptions, ResolvedConfig & Record<Unresolved, 1>>, Missing<AuthOptions, ResolvedConfig['auth']>,
  Missing<AuthMethods, ResolvedConfig['auth']['methods']>, Missing<PasswordHashOptions, ResolvedConfig['auth']['passwordHash']>,
  Missing<PasswordStrength, ResolvedConfig['auth']['passwordStrength']>] extends [never, never, never, never, never] ? true : false = true;
void keysChecked;

/** An options key that no option has (`auth.sesionLength`), with the keys valid where it was found. */
export interface UnknownOption {
  /** The path of the object it was found in, with a trailing dot (`'auth.'`), or '' at the top level. */
  prefix: string;
  key: string;
  known: string[];
}

/** The first key of `options` not in `known`. Cheap: the error naming the nearest key is built in option-keys.ts. */
export function findUnknownKey(prefix: string, options: object, known: readonly string[]): UnknownOption | null {
  const key = Object.keys(options).find((k) => !known.includes(k));
  return key === undefined ? null : { prefix, key, known: [...known] };
}

/**
 * A key no option has is a set-up mistake (`auth.sesionLength` would silently keep the default). createEmulator()
 * and startEmulator() refuse it; `alsoKnown`: startEmulator's own top-level keys.
 */
export function findUnknownOption(options: EmulatorOptions, resolved: ResolvedConfig, alsoKnown: readonly string[] = []): UnknownOption | null {
  const { auth } = resolved;
  const given = options.auth ?? {};
  return findUnknownKey('', options, [...Object.keys(resolved).filter((k) => k !== 'endpointUrl'), ...UNRESOLVED_KEYS, ...alsoKnown])
    ?? findUnknownKey('auth.', given, Object.keys(auth))
    ?? findUnknownKey('auth.methods.', given.methods ?? {}, Object.keys(auth.methods))
    ?? findUnknownKey('auth.passwordHash.', given.passwordHash ?? {}, Object.keys(auth.passwordHash))
    ?? findUnknownKey('auth.passwordStrength.', given.passwordStrength ?? {}, Object.keys(auth.passwordStrength));
}

function int(name: string, value: unknown, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new TypeError(`appwrite-emulator: option ${name} must be an integer from ${min} to ${max}, got ${String(value)}`);
  }
  return value;
}

function str(name: string, value: unknown, fallback: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || value === '') throw new TypeError(`appwrite-emulator: option ${name} must be a non-empty string`);
  return value;
}

/** A nested options object: absent is `{}`; anything but a plain object (null, a list, a number) is misuse. */
function obj<T extends object>(name: string, value: T | undefined): Partial<T> {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new TypeError(`appwrite-emulator: option ${name} must be an object`);
  return value;
}

function bool(name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new TypeError(`appwrite-emulator: option ${name} must be a boolean`);
  return value;
}

/**
 * `auth.mockNumbers`: at most 10 `{phone, otp}` pairs, as Appwrite's MockNumber validator takes them (an E.164
 * phone, a 6-digit otp).
 * @note Appwrite also runs libphonenumber on the phone; the emulator checks the E.164 form only here, so the
 * library stays out of the start bundle (the routes still validate what callers send with it).
 */
function mockNumbers(value: unknown): MockNumber[] {
  if (value === undefined) return [];
  // One pattern over `phone otp`, so a non-string field (rendered as '') fails it too.
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  if (!Array.isArray(value) || value.length > 10 || value.some((n) => !/^\+[1-9]\d{6,14} \d{6}$/.test(`${text(n?.phone)} ${text(n?.otp)}`))) {
    throw new TypeError('appwrite-emulator: option auth.mockNumbers must be an array of at most 10 {phone: E.164, otp: six digits}');
  }
  return value.map((n: MockNumber) => ({ phone: n.phone, otp: n.otp }));
}

export function resolveConfig(options: EmulatorOptions): ResolvedConfig {
  if (!options || typeof options !== 'object') throw new TypeError('appwrite-emulator: createEmulator(options) needs an options object');
  const { projectId } = options;
  if (typeof projectId !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]{0,35}$/.test(projectId)) {
    throw new TypeError('appwrite-emulator: option projectId must be a valid Appwrite id (1-36 chars of a-z, A-Z, 0-9, ".", "-", "_")');
  }
  if (options.endpoint !== undefined && typeof options.endpoint !== 'string') {
    throw new TypeError(`appwrite-emulator: option endpoint must be an absolute http(s) URL, got ${String(options.endpoint)}`);
  }
  const endpoint = (options.endpoint ?? DEFAULT_ENDPOINT).replace(/\/+$/, '');
  let endpointUrl: URL;
  try {
    endpointUrl = new URL(endpoint);
  } catch {
    throw new TypeError(`appwrite-emulator: option endpoint must be an absolute http(s) URL, got ${String(options.endpoint)}`);
  }
  // The SDK only speaks http(s), and a query or fragment would never match a request path.
  if (!/^https?:$/.test(endpointUrl.protocol) || endpointUrl.search || endpointUrl.hash || endpointUrl.username || endpointUrl.password) {
    throw new TypeError(`appwrite-emulator: option endpoint must be an absolute http(s) URL without query or credentials, got ${endpoint}`);
  }
  // Host names only (`app.example.com`, `*.example.com`): a URL or a port here would silently never match.
  if (options.platforms !== undefined && (!Array.isArray(options.platforms)
    || options.platforms.some((p) => typeof p !== 'string' || !/^(\*\.)?[^\s/:*]+$/.test(p)))) {
    throw new TypeError('appwrite-emulator: option platforms must be an array of host names like "app.example.com" or "*.example.com"');
  }
  if (options.now !== undefined && typeof options.now !== 'function') throw new TypeError('appwrite-emulator: option now must be a function returning a Date');
  if (options.seed !== undefined && (typeof options.seed !== 'number' || !Number.isFinite(options.seed))) {
    throw new TypeError('appwrite-emulator: option seed must be a finite number');
  }
  if (options.indexedDB !== undefined && (options.indexedDB === null || typeof options.indexedDB !== 'object')) {
    throw new TypeError('appwrite-emulator: option indexedDB must be an IDBFactory');
  }
  const auth = obj('auth', options.auth);
  const methods = obj('auth.methods', auth.methods);
  const hash = obj('auth.passwordHash', auth.passwordHash);
  const strength = obj('auth.passwordStrength', auth.passwordStrength);
  if (options.otherServices !== undefined && options.otherServices !== 'error' && options.otherServices !== 'passthrough') {
    throw new TypeError(`appwrite-emulator: option otherServices must be 'error' or 'passthrough', got ${String(options.otherServices)}`);
  }
  if (options.behaviour !== undefined && !['auto', '1.4', '1.9'].includes(options.behaviour as string)) {
    throw new TypeError(`appwrite-emulator: option behaviour must be 'auto', '1.4' or '1.9', got ${String(options.behaviour)}`);
  }
  return {
    projectId,
    behaviour: options.behaviour ?? 'auto',
    projectName: str('projectName', options.projectName, projectId),
    endpoint,
    endpointUrl,
    platforms: (options.platforms ?? []).map((p) => p.toLowerCase()),
    otherServices: options.otherServices ?? 'error',
    rateLimits: bool('rateLimits', options.rateLimits, true),
    smtp: bool('smtp', options.smtp, true),
    sms: bool('sms', options.sms, true),
    ip: str('ip', options.ip, '127.0.0.1'),
    userAgent: str('userAgent', options.userAgent, 'UNKNOWN'),
    databaseName: str('databaseName', options.databaseName, `appwrite-emulator-${projectId}`),
    auth: {
      sessionLength: int('auth.sessionLength', auth.sessionLength, ONE_YEAR_SECONDS, 0, ONE_YEAR_SECONDS),
      maxSessions: auth.maxSessions === undefined ? null : int('auth.maxSessions', auth.maxSessions, 10, 1, 100),
      passwordHistory: int('auth.passwordHistory', auth.passwordHistory, 0, 0, 20),
      passwordDictionary: bool('auth.passwordDictionary', auth.passwordDictionary, false),
      personalDataCheck: bool('auth.personalDataCheck', auth.personalDataCheck, false),
      limit: int('auth.limit', auth.limit, 0, 0, 10_000),
      methods: {
        emailPassword: bool('auth.methods.emailPassword', methods.emailPassword, true),
        anonymous: bool('auth.methods.anonymous', methods.anonymous, true),
        magicURL: bool('auth.methods.magicURL', methods.magicURL, true),
        phone: bool('auth.methods.phone', methods.phone, true),
        jwt: bool('auth.methods.jwt', methods.jwt, true),
        emailOtp: bool('auth.methods.emailOtp', methods.emailOtp, true),
      },
      passwordHash: {
        memoryCost: int('auth.passwordHash.memoryCost', hash.memoryCost, DEFAULT_PASSWORD_HASH.memoryCost, 8, 1_048_576),
        timeCost: int('auth.passwordHash.timeCost', hash.timeCost, DEFAULT_PASSWORD_HASH.timeCost, 1, 100),
        threads: int('auth.passwordHash.threads', hash.threads, DEFAULT_PASSWORD_HASH.threads, 1, 16),
      },
      mockNumbers: mockNumbers(auth.mockNumbers),
      invalidateSessions: bool('auth.invalidateSessions', auth.invalidateSessions, true),
      sessionAlerts: bool('auth.sessionAlerts', auth.sessionAlerts, false),
      passwordStrength: {
        min: int('auth.passwordStrength.min', strength.min, 8, 8, 256),
        uppercase: bool('auth.passwordStrength.uppercase', strength.uppercase, false),
        lowercase: bool('auth.passwordStrength.lowercase', strength.lowercase, false),
        number: bool('auth.passwordStrength.number', strength.number, false),
        symbols: bool('auth.passwordStrength.symbols', strength.symbols, false),
      },
    },
  };
}
