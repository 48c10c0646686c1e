import type { AuthMethods } from '../config.js';
import type { EmulatorCore } from '../core.js';
import type { Validator } from '../validation/validators.js';
import type { Behaviour } from './behaviour.js';
import type { RequestContext, RouteResult } from './context.js';

export type ValidatorSource = Validator | ((core: EmulatorCore) => Validator | Promise<Validator>);

export interface ParamSpec {
  name: string;
  /**
   * A validator, or a function building one from the emulator's options (e.g. allowed redirect hosts), or
   * loading it on first use (the list routes' query validators).
   */
  validator: ValidatorSource;
  /** Where 1.9.6's validator differs, it (the route's other servers keep `validator`). */
  validator19?: ValidatorSource;
  optional?: boolean;
  /** Value used when an optional param is absent. */
  default?: unknown;
}

export interface RateLimitSpec {
  limit: number;
  /** Key templates with `{url}`, `{ip}`, `{userId}`, `{param-<name>}` placeholders (spec §2.3). */
  keys: string[];
  /** Window length in seconds (default 3600; 1.9.6's JWT route counts per 60 s). */
  period?: number;
}

export type Params = Record<string, any>;

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path below the endpoint, with `:name` placeholders. */
  path: string;
  /**
   * `public` routes accept guests; the others need a signed-in caller and name the scope the error reports
   * (`account`, or 1.9.6's `targets.write`).
   */
  scope: 'public' | 'account' | 'targets.write';
  /** The servers that have this route (default both). A route missing from the request's server is a 404. */
  behaviours?: readonly Behaviour[];
  /**
   * The oldest response format that has this route: Cloud 2.x routes (1.9 spec §7) are served to SDK 27/28
   * (formats 2.0.0, 2.3.0) and to requests without a format, and are a 404 for older SDKs, as on a 1.9.6 server.
   */
  sinceFormat?: string;
  /** 1.9.6 group `session`: refused while signed in (401 user_session_already_exists), unless the path has `oauth2`. */
  session?: boolean;
  /**
   * 1.9.6 group `mfa`: served while the session still lacks its second factor (DELETE a session, list factors,
   * create and complete challenges); every other route then answers 401 user_more_factors_required.
   */
  mfa?: boolean;
  /** Runs after the session rule and before param validation (1.9.6's `mfaProtected` group: a recent challenge). */
  before?(ctx: RequestContext): void | Promise<void>;
  /** The auth-method toggle that gates this route (501 when disabled). */
  authMethod?: keyof AuthMethods;
  rateLimit?: RateLimitSpec;
  /**
   * 1.9.6 registers this path as an alias of the route at `aliasOf` (utopia-php/http's Route::alias): the route's
   * getPath() stays the main path, so `{url}` in the rate-limit keys names it and both paths share their counters
   * (shared/api.php:511). 1.4 counts each path on its own.
   */
  aliasOf?: string;
  /** 1.9.6's `abuse-reset`: a 201 answer resets the route's rate-limit counters (1.9 behaviour only). */
  abuseReset?: boolean;
  /** Declared in Appwrite's order: validation stops at the first failure. */
  params?: ParamSpec[];
  /** Audit event written to the user's log on success (when the action names an audit user). */
  audit?: string;
  action(ctx: RequestContext, params: Params): Promise<RouteResult>;
}
