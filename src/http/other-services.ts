/**
 * Requests to the emulator's endpoint for the Appwrite services it does not emulate (Databases, TablesDB, Storage,
 * Functions, …), with the default `otherServices: 'error'`. On a same-origin endpoint they would otherwise reach
 * the dev server and come back as its index.html with 200, which the SDK resolves with; the app then fails far
 * from the cause. Instead: an Appwrite-shaped 501 naming the service and the fix, and one console warning per
 * service per emulator (per page load in the browser). Loaded on the first such request, not at start.
 */
import { emulatorErrorBody, notEmulatedMessage, serviceName } from '../errors/emulator-errors.js';
import { baseHeaders, json, preflightHeaders } from './respond.js';
import { resolveBehaviour } from './behaviour.js';
import type { ResolvedConfig } from '../config.js';

export function answerOtherService(request: Request, config: ResolvedConfig, warned: Set<string>, isAllowedHost: (host: string) => boolean): Response {
  const url = new URL(request.url);
  const base = config.endpointUrl.pathname.replace(/\/+$/, '');
  const service = serviceName(url.pathname.slice(base.length));
  const message = notEmulatedMessage(service, request.method, url.pathname);
  if (!warned.has(service)) {
    warned.add(service);
    console.warn(`[appwrite-emulator] ${message}`);
  }
  const { behaviour } = resolveBehaviour(request, config.behaviour);
  if (request.method === 'OPTIONS') return new Response(null, { status: 204, headers: preflightHeaders(request, isAllowedHost, behaviour) });
  const body = emulatorErrorBody('emulator_service_not_emulated', message, request.headers.get('x-appwrite-response-format'));
  return json(501, body, baseHeaders(request, isAllowedHost, behaviour));
}
