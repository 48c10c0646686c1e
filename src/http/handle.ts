import { AppwriteError } from '../errors/appwrite-error.js';
import type { EmulatorCore } from '../core.js';
import { writeAudit } from '../services/logs.js';
import { encodeSession, hasSessionCookie, resolveCaller } from './caller.js';
import type { RequestContext, RouteResult } from './context.js';
import { readParams, validateParams } from './params.js';
import { applyRateLimit } from './rate-limit.js';
import { baseHeaders, errorResponse, json, preflightHeaders } from './respond.js';
import type { Route } from './route.js';
import type { UserRecord } from '../storage/records.js';
import { createRouter } from './router.js';

const METHOD_MESSAGES: Record<string, string> = {
  emailPassword: 'Email / Password authentication is disabled for this project',
  anonymous: 'Anonymous authentication is disabled for this project',
  jwt: 'JWT authentication is disabled for this project',
  magicURL: 'Magic URL authentication is disabled for this project',
  phone: 'Phone authentication is disabled for this project',
};

function platformName(scheme: string): string | null {
  if (scheme === 'http:' || scheme === 'https:') return 'Web';
  if (scheme === 'appwrite-ios:') return 'iOS';
  if (scheme === 'appwrite-android:') return 'Android';
  return null;
}

/** Hosts a request may come from or redirect to: localhost, the endpoint's host and the configured platforms. */
export function allowedHosts(core: EmulatorCore): string[] {
  return [...new Set(['localhost', core.config.endpointUrl.hostname, ...core.config.platforms])];
}

/** Whether a request may come from `host`: an allowed host, or a sub-domain of a `*.example.com` platform. */
export function isAllowedHost(core: EmulatorCore, host: string): boolean {
  return allowedHosts(core).some((h) => h === host || (h.startsWith('*.') && host.endsWith(h.slice(1))));
}

/** CSRF check of spec §1 step 5: the Origin (or Referer) host must be an allowed platform. */
function checkOrigin(core: EmulatorCore, request: Request): void {
  const source = request.headers.get('origin') || request.headers.get('referer');
  if (!source) return;
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    return;
  }
  if (!url.hostname) return;
  const host = url.hostname.toLowerCase();
  if (isAllowedHost(core, host)) return;
  const platform = platformName(url.protocol);
  throw new AppwriteError('general_unknown_origin', platform
    ? `Invalid Origin. Register your new client (${host}) as a new ${platform} platform on your project console dashboard`
    : 'Unsupported platform');
}

/**
 * The request pipeline of spec §1, in Appwrite's order: route, project, caller, origin, scope, blocked user,
 * rate limit, auth-method gate, params, action; then audit. Every failure is turned into a response here.
 */
export function createRequestHandler(core: EmulatorCore, routes: Route[]) {
  const match = createRouter(routes);
  const base = core.config.endpointUrl.pathname.replace(/\/$/, '');

  return async function handle(request: Request): Promise<Response> {
    const allowed = (host: string) => isAllowedHost(core, host);
    let headers = baseHeaders(request, allowed);
    try {
      const url = new URL(request.url);
      // Preflights are answered on any path, before routing and project checks.
      if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: preflightHeaders(request, allowed) });
      const found = match(request.method, url.pathname.slice(base.length));
      if (!found) throw new AppwriteError('general_route_not_found');
      const { route, pathParams } = found;

      const raw = { ...(await readParams(request, url)), ...pathParams };
      const project = typeof raw.project === 'string' && raw.project ? raw.project : request.headers.get('x-appwrite-project');
      // @note Appwrite serves a request without a project id as its console project; we have none, so a missing
      // id is 404 project_not_found like any unknown one.
      if (project !== core.config.projectId) throw new AppwriteError('project_not_found');
      // Appwrite says whether it had to fall back from the session cookie to X-Fallback-Cookies.
      headers = { ...headers, 'X-Debug-Fallback': hasSessionCookie(request, core.config.projectId) ? 'false' : 'true' };

      const now = core.clock.now();
      const caller = await resolveCaller(core, request, now);
      if (request.method !== 'GET') checkOrigin(core, request);
      if (route.scope === 'account' && !caller.user) {
        throw new AppwriteError('general_unauthorized_scope', 'User (role: guests) missing scope (account)');
      }
      if (caller.user && !caller.user.status) throw new AppwriteError('user_blocked');

      const forwarded = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
      const ctx: RequestContext = {
        core, request, url, now, routePath: route.path,
        ip: forwarded || core.config.ip,
        userAgent: request.headers.get('user-agent') || core.config.userAgent,
        user: caller.user,
        session: caller.session,
      };
      if (route.rateLimit) headers = { ...headers, ...(await applyRateLimit(ctx, route.rateLimit, raw)) };
      if (route.authMethod && !core.config.auth.methods[route.authMethod]) {
        throw new AppwriteError('user_auth_method_unsupported', METHOD_MESSAGES[route.authMethod]);
      }
      const params = validateParams(route, raw, core);
      const result = await route.action(ctx, params);
      if (route.audit && result.auditUser) await audit(ctx, route.audit, result.auditUser);
      return toResponse(result, headers, core);
    } catch (error) {
      return errorResponse(error, headers);
    }
  };
}

/**
 * The audit entry follows the action's own transaction, as Appwrite writes it from a queue after the response
 * (spec §11): a log line is not part of the change it records. So a failed write cannot fail the request whose
 * change has committed (the client would retry a sign-up that happened); it is reported on the console instead.
 * decisions/005 says why the entry does not share the change's transaction.
 */
async function audit(ctx: RequestContext, event: string, user: UserRecord): Promise<void> {
  try {
    await writeAudit(ctx, event, user);
  } catch (error) {
    console.error(`[appwrite-emulator] the audit log entry "${event}" for user ${user.$id} could not be written; the request's change is stored`, error);
  }
}

function toResponse(result: RouteResult, headers: Record<string, string>, core: EmulatorCore): Response {
  const out = { ...headers, ...result.headers };
  if (result.sessionCookie === 'clear') {
    out['X-Fallback-Cookies'] = '[]';
  } else if (result.sessionCookie) {
    const { userId, secret } = result.sessionCookie;
    out['X-Fallback-Cookies'] = JSON.stringify({ [`a_session_${core.config.projectId}`]: encodeSession(userId, secret) });
  }
  if (result.location) {
    return new Response(null, {
      status: result.status,
      headers: { ...out, Location: result.location, 'Cache-Control': 'no-store, no-cache, must-revalidate, max-age=0', Pragma: 'no-cache' },
    });
  }
  if (result.html !== undefined) {
    return new Response(result.html, { status: result.status, headers: { ...out, 'Content-Type': 'text/html; charset=UTF-8' } });
  }
  return json(result.status, result.body, out);
}
