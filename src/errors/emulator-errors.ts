/**
 * The emulator's own errors: set-up mistakes (a service it does not emulate, a request that reached the dev server
 * instead of the service worker), answered in Appwrite's error shape so that the SDK throws them as an
 * AppwriteException with a message saying what to do, instead of resolving with an HTML page. Not Appwrite's
 * types (Appwrite never says these), so they live apart from error-types.ts, and out of the browser's start
 * bundle: only lazy code and the Vite plugin (Node) use them. It imports nothing, so a bundler need not split the
 * modules it would share with the start bundle into chunks of their own.
 */
export const EMULATOR_ERRORS = {
  /** A request to the emulator's endpoint for an Appwrite service other than Account (Databases, Storage, …). */
  emulator_service_not_emulated: 501,
  /** A request to the emulator's endpoint that reached the dev server: no service worker answered it. */
  emulator_not_intercepting: 503,
} as const;

export type EmulatorErrorType = keyof typeof EMULATOR_ERRORS;

/** The body Appwrite sends for an error (key order: the Error model's, respond.ts), with the request's server version. */
export function emulatorErrorBody(type: EmulatorErrorType, message: string, version: string) {
  return { message, code: EMULATOR_ERRORS[type], type, version };
}

/** Appwrite's REST services by their first path segment, as the SDKs name them. */
const SERVICE_NAMES: Record<string, string> = {
  account: 'Account', databases: 'Databases', tablesdb: 'TablesDB', storage: 'Storage', functions: 'Functions', teams: 'Teams',
  users: 'Users', messaging: 'Messaging', locale: 'Locale', avatars: 'Avatars', graphql: 'GraphQL', health: 'Health',
  sites: 'Sites', tokens: 'Tokens', projects: 'Projects', project: 'Project', proxy: 'Proxy', migrations: 'Migrations',
  vcs: 'VCS', console: 'Console', realtime: 'Realtime',
};

/** The service a path under the endpoint belongs to: `/databases/…` -> Databases. */
export function serviceName(pathUnderEndpoint: string): string {
  const segment = pathUnderEndpoint.replace(/^\/+/, '').split('/')[0] ?? '';
  return SERVICE_NAMES[segment.toLowerCase()] ?? (segment || '(the API root)');
}

/** What the emulator answers (and warns once) for another service's request. */
export function notEmulatedMessage(service: string, method: string, path: string): string {
  return `appwrite-emulator: the ${service} API (${method} ${path}) is not emulated: the emulator covers Account only. `
    + 'Answer it with your own msw handlers (startEmulator({ handlers: [...] }), or server.use(...) in tests; they are '
    + `tried before the emulator's), or let it through to a real server with the option otherServices: 'passthrough'.`;
}
