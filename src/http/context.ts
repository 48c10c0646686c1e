import type { EmulatorCore } from '../core.js';
import type { SessionRecord, UserRecord } from '../storage/records.js';
import type { Behaviour } from './behaviour.js';

/** Everything a service needs to know about the request being served. */
export interface RequestContext {
  core: EmulatorCore;
  request: Request;
  url: URL;
  /** The route's path pattern, e.g. `/account/sessions/:sessionId` (rate-limit keys use it); 1.9.6 aliases give their main path. */
  routePath: string;
  now: Date;
  /** The server this request talks to (http/behaviour.ts): rules that differ read it, nothing reads headers. */
  behaviour: Behaviour;
  /** The response format models are filtered to ('' = newest). */
  format: string;
  ip: string;
  userAgent: string;
  /** The resolved caller, or null for guests. */
  user: UserRecord | null;
  /** 1.9.6: set when this request refreshed the caller's `accessedAt`, to the user's `$updatedAt` before it. */
  accessRefreshedFrom?: number;
  /** The request's own session (from the cookie or X-Fallback-Cookies), never set for JWT-only callers. */
  session: SessionRecord | null;
}

/** What a route action returns; the HTTP layer turns it into a Response. */
export interface RouteResult {
  status: number;
  body?: unknown;
  /** Set `X-Fallback-Cookies` for a new session, or clear it (`[]`) after a logout. */
  sessionCookie?: { userId: string; secret: string } | 'clear';
  /** The user an audit log entry is written for (routes with an `audit` event). */
  auditUser?: UserRecord;
  /** The payload of the route's realtime event when it is not the body (deletes, the OAuth2 redirect). */
  eventPayload?: object;
  /**
   * The realtime table's key when one route fires different events by outcome (the OAuth2 redirect: a session, or
   * in the token flow a token); default `<method> <route path>`.
   */
  eventRoute?: string;
  /** A redirect (OAuth2). */
  location?: string;
  /** Raw HTML (the emulated OAuth2 consent page). */
  html?: string;
  /** A plain-text body (`text/plain; charset=UTF-8`, GET /ping). */
  text?: string;
  /** How many `X-Fallback-Cookies: []` lines a 'clear' sends (1.9.6 DELETE /account/sessions: one per session). */
  clearCount?: number;
  headers?: Record<string, string>;
}
