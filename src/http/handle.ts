import { AppwriteError } from '../errors/appwrite-error.js';
import type { EmulatorCore } from '../core.js';
import { writeAudit } from '../services/logs.js';
import { filterModels } from '../models/formats/index.js';
import { resolveBehaviour, type Behaviour } from './behaviour.js';
import { encodeSession, hasSessionCookie, resolveCaller } from './caller.js';
import type { RequestContext, RouteResult } from './context.js';
import { readParams, validateParams } from './params.js';
import { refreshAccessedAt } from './accessed-at.js';
import { isAllowedHost } from './allowed-hosts.js';
import { baseHeaders, corsHeaders, errorResponse, formatWarning, json, preflightHeaders } from './respond.js';
import type { Route } from './route.js';
import type { SessionRecord, UserRecord } from '../storage/records.js';
import { lazy } from './lazy.js';
import { createRouter, type LazyRouteGroup } from './router.js';
import type { RequestNote } from './request-log.js';

const METHOD_MESSAGES: Record<string, string> = {
  emailPassword: 'Email / Password authentication is disabled for this project',
  anonymous: 'Anonymous authentication is disabled for this project',
  jwt: 'JWT authentication is disabled for this project',
  magicURL: 'Magic URL authentication is disabled for this project',
  phone: 'Phone authentication is disabled for this project',
  emailOtp: 'Email OTP authentication is disabled for this project',
};

/** 1.9.6's Origin validator names these browser-extension and app schemes' platforms (1.9 spec §2 step 3). */
const PLATFORMS_1_9: Record<string, string> = {
  'http:': 'Web', 'https:': 'Web', 'chrome-extension:': 'Web (Chrome Extension)', 'moz-extension:': 'Web (Firefox Extension)',
  'safari-web-extension:': 'Web (Safari Extension)', 'ms-browser-extension:': 'Web (Edge Extension)', 'tauri:': 'Web (Tauri)',
};

function platformName(scheme: string): string | null {
  if (scheme === 'http:' || scheme === 'https:') return 'Web';
  if (scheme === 'appwrite-ios:') return 'iOS';
  if (scheme === 'appwrite-android:') return 'Android';
  return null;
}

/**
 * CSRF check (1.4 spec §1 step 5, 1.9 spec §2 step 3): the Origin host must be an allowed platform. 1.4 also
 * reads the Referer; 1.9.6 reads the Origin alone and knows browser-extension schemes.
 */
function checkOrigin(core: EmulatorCore, request: Request, behaviour: Behaviour): void {
  const source = behaviour === '1.4' ? request.headers.get('origin') || request.headers.get('referer') : request.headers.get('origin');
  if (!source) return;
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    return;
  }
  if (behaviour === '1.9' && !PLATFORMS_1_9[url.protocol]) {
    throw new AppwriteError('general_unknown_origin', `Invalid Scheme. The scheme used (${url.protocol.slice(0, -1)}) in the Origin (${source}) is not supported. If you are using a custom scheme, please change it to \`appwrite-callback-${core.config.projectId}\``);
  }
  if (!url.hostname) return;
  const host = url.hostname.toLowerCase();
  if (isAllowedHost(core, host)) return;
  const platform = behaviour === '1.4' ? platformName(url.protocol) : PLATFORMS_1_9[url.protocol];
  throw new AppwriteError('general_unknown_origin', platform
    ? `Invalid Origin. Register your new client (${host}) as a new ${platform} platform on your project console dashboard`
    : 'Unsupported platform');
}

/** The scope error: 1.4 says `missing scope (account)`, 1.9.6 `missing scopes (["account"])`. */
export function missingScope(behaviour: Behaviour, scope: string): AppwriteError {
  return new AppwriteError('general_unauthorized_scope', behaviour === '1.4'
    ? `User (role: guests) missing scope (${scope})`
    : `User (role: guests) missing scopes (${JSON.stringify([scope])})`);
}

/**
 * The request pipeline, in the order of the request's server. Appwrite 1.4 (1.4 spec §1): route, project,
 * caller, origin, scope, blocked user, rate limit, auth-method gate, params, action. Appwrite 1.9.6 (1.9 spec §2):
 * origin, caller, project, (an unknown route runs the pipeline too, then 404), scope, blocked user, missing second
 * factor (MFA), rate limit, auth-method gate, session rule, recent MFA challenge (`before`), params, action. Then the audit entry. Every failure is turned into a response
 * here, in the request's server's error format.
 */
/**
 * The abuse counters load with the first rate-limited request (a sign-up, a sign-in), not at start: `GET /account`,
 * a page's usual first call, has no limit (`npm run bench`, bundle size).
 */
const rateLimits = lazy(() => import('./rate-limit.js'));

export function createRequestHandler(core: EmulatorCore, routes: Route[], groups: LazyRouteGroup[] = []) {
  const match = createRouter(routes, groups);
  const base = core.config.endpointUrl.pathname.replace(/\/$/, '');

  // The one place requests are recorded for `emulator.requests` (request-log.ts): a note of references, filled
  // in as the request is answered; nothing is copied or masked here.
  return async function handle(request: Request): Promise<Response> {
    const note = core.requests.begin(request, core.clock.now().getTime());
    // 1.9.6 (utopia-php/http 2.0.0-rc9, Http.php:548, 570-573) runs HEAD as the GET route and sends no body.
    const head = request.method === 'HEAD' && resolveBehaviour(request, core.config.behaviour).behaviour === '1.9';
    const answered = await answer(head ? new Request(request.url, { method: 'GET', headers: request.headers }) : request, note);
    const response = head ? new Response(null, { status: answered.status, headers: answered.headers }) : answered;
    core.requests.end(note, response);
    return response;
  };

  async function answer(request: Request, note: RequestNote): Promise<Response> {
    const allowed = (host: string) => isAllowedHost(core, host);
    const seen = resolveBehaviour(request, core.config.behaviour);
    const { behaviour, format } = seen;
    note.behaviour = behaviour;
    note.format = format;
    // What the SDK talking to us speaks (preflights and page navigations carry no format): the realtime socket's.
    if (format) core.lastRequest = seen;
    let headers = baseHeaders(request, allowed, behaviour);
    const warning = formatWarning(behaviour, format);
    if (warning) headers['X-Appwrite-Warning'] = warning;
    try {
      const url = new URL(request.url);
      // Preflights are answered on any path, before routing and project checks.
      if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: preflightHeaders(request, allowed, behaviour) });
      const found = await match(request.method, url.pathname.slice(base.length), behaviour, format);
      // 1.4 routes first; 1.9.6 sends an unknown path through its wildcard route, which runs the checks below first.
      if (!found && behaviour === '1.4') throw new AppwriteError('general_route_not_found');
      const raw = { ...(await readParams(request, url)), ...found?.pathParams };
      note.params = raw;
      const project = typeof raw.project === 'string' && raw.project ? raw.project : request.headers.get('x-appwrite-project');
      // The database holds the clock's offset (clock.advance() before a reload): it must be read before `now`.
      await core.db();
      const now = core.clock.now();
      note.time = now.getTime();
      let early: Awaited<ReturnType<typeof resolveCaller>> | null = null;
      if (behaviour === '1.9') {
        // 1.9.6 resolves the caller while it injects its first init hook's resources (general.php:819, whose
        // `apiKey` needs `user`), so a JWT error comes before that hook's headers and the origin check, and its
        // answer carries only what the error handler adds (CORS, no-cache). An unknown project has no user and
        // its JWT is never read (request.php:412, 436): the project check below answers instead.
        if (project === core.config.projectId) {
          try {
            early = await resolveCaller(core, request, now, behaviour);
          } catch (error) {
            note.error = error;
            return errorResponse(error, corsHeaders(request, url, allowed, behaviour), behaviour);
          }
        }
        // 1.9.6 checks every method (general.php:1013-1024); 1.4 exempted GET (checked further down).
        checkOrigin(core, request, behaviour);
      }
      // @note Appwrite serves a request without a project id as its console project; we have none, so a missing
      // id is 404 project_not_found like any unknown one.
      if (project !== core.config.projectId) throw new AppwriteError('project_not_found');
      // Appwrite says whether it had to fall back from the session cookie to X-Fallback-Cookies.
      headers = { ...headers, 'X-Debug-Fallback': hasSessionCookie(request, core.config.projectId, behaviour) ? 'false' : 'true' };

      const caller = early ?? await resolveCaller(core, request, now, behaviour);
      if (behaviour === '1.4' && request.method !== 'GET') checkOrigin(core, request, behaviour);
      // Blocked users, then (1.9.6) sessions still missing a factor, are refused on every route but the `mfa`
      // group's, the wildcard route of unknown paths included.
      const checkUser = async (mfaGroup?: boolean) => {
        if (caller.user && !caller.user.status) throw new AppwriteError('user_blocked');
        if (behaviour === '1.9' && caller.user && caller.session && !mfaGroup) await moreFactorsRule(core, caller.user, caller.session);
      };
      if (!found) {
        await checkUser();
        throw new AppwriteError('general_route_not_found');
      }
      const { route } = found;
      if (route.scope !== 'public' && !caller.user) throw missingScope(behaviour, route.scope);
      await checkUser(route.mfa);
      const access = caller.user ? await refreshAccessedAt(core, caller.user, now, behaviour) : null;

      const forwarded = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
      const ctx: RequestContext = {
        core, request, url, now, routePath: (behaviour === '1.9' && route.aliasOf) || route.path, behaviour, format,
        ip: forwarded || core.config.ip,
        userAgent: request.headers.get('user-agent') || core.config.userAgent,
        user: access?.user ?? null,
        accessRefreshedFrom: access?.refreshedFrom,
        session: caller.session,
      };
      if (route.rateLimit) headers = { ...headers, ...(await (await rateLimits()).applyRateLimit(ctx, route.rateLimit, raw)) };
      if (route.authMethod && !core.config.auth.methods[route.authMethod]) {
        throw new AppwriteError('user_auth_method_unsupported', METHOD_MESSAGES[route.authMethod]);
      }
      // 1.9.6's `session` group: no new session while one is active (1.4 refused only anonymous ones, in the service).
      if (behaviour === '1.9' && route.session && caller.user && !url.pathname.includes('oauth2')) {
        throw new AppwriteError('user_session_already_exists');
      }
      await route.before?.(ctx);
      const params = await validateParams(route, raw, core, behaviour);
      const result = await route.action(ctx, params);
      note.result = result;
      if (resetsAbuse(route, behaviour, result)) await (await rateLimits()).resetRateLimit(ctx, route.rateLimit!, raw);
      if (route.audit && result.auditUser) await audit(ctx, route.audit, result.auditUser);
      // Events (realtime/route-events.ts says which routes fire one): the payload is the body of a change.
      const payload = (result.eventPayload ?? (request.method !== 'GET' && result.body)) as Record<string, unknown>;
      if (payload) core.publish({ route: result.eventRoute ?? `${request.method} ${route.path}`, payload, user: result.auditUser?.$id, at: +now });
      return toResponse(result, headers, core, format);
    } catch (error) {
      note.error = error;
      return errorResponse(error, headers, behaviour);
    }
  }
}

/**
 * 1.9.6's MFA enforcement (1.9 spec §2 step 5.7): a user with MFA on and a verified factor (e-mail, phone or TOTP
 * authenticator) needs two factors in the current session, others one; until then only the `mfa` group answers.
 * A JWT-only request has no current session and is never checked, as on the server. Sessions stored before
 * factors were recorded count as one factor.
 */
async function moreFactorsRule(core: EmulatorCore, user: UserRecord, session: SessionRecord): Promise<void> {
  const count = session.factors?.length ?? 1;
  if (count >= 2) return;
  const needsTwo = async () => user.emailVerification || user.phoneVerification
    || (await (await core.db()).authenticators.where('userId').equals(user.$id).filter((a) => a.verified).count()) > 0;
  if (count < 1 || (user.mfa && await needsTwo())) throw new AppwriteError('user_more_factors_required');
}

/**
 * The response body of a recorded request (emulator.requests' details(), request-log-view.ts), derived when read:
 * its model in the request's format, its HTML or text, the redirect, or the error body. Here because it needs the
 * start bundle's response code, which the log's lazy chunk must not import (request-mask.ts says why).
 */
export async function recordedBody(note: RequestNote): Promise<unknown> {
  if (note.error !== undefined) {
    const error = note.error instanceof AppwriteError ? note.error : new AppwriteError('general_unknown');
    return errorResponse(error, {}, note.behaviour ?? '1.9').json();
  }
  const result = note.result;
  if (!result || result.location) return result ? { location: result.location } : null;
  return result.html ?? result.text ?? (result.body === undefined ? null : filterModels(result.body, note.format ?? ''));
}

/** 1.9.6's abuse reset after a successful sign-in (1.4 has no such label: its counters keep counting). */
function resetsAbuse(route: Route, behaviour: Behaviour, result: RouteResult): boolean {
  return behaviour === '1.9' && !!route.abuseReset && !!route.rateLimit && result.status === 201;
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

function toResponse(result: RouteResult, headers: Record<string, string>, core: EmulatorCore, format: string): Response {
  const out = { ...headers, ...result.headers };
  if (result.sessionCookie === 'clear') {
    // Repeated header lines arrive joined by ', ', as fetch's Headers joins them.
    out['X-Fallback-Cookies'] = Array(Math.max(1, result.clearCount ?? 1)).fill('[]').join(', ');
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
  if (result.text !== undefined) {
    return new Response(result.text, { status: result.status, headers: { ...out, 'Content-Type': 'text/plain; charset=UTF-8' } });
  }
  return json(result.status, filterModels(result.body, format), out);
}
