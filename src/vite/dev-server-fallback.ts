import type { IncomingMessage, ServerResponse } from 'node:http';
import { APPWRITE_VERSION } from '../config.js';
import { emulatorErrorBody, serviceName } from '../errors/emulator-errors.js';
import { compareVersions, SERVER_VERSION_1_9 } from '../http/behaviour.js';

/**
 * What the dev server answers for a request to the emulator's endpoint that reached it: the service worker did not
 * answer it, so without this the SPA fallback would send index.html with 200, which the SDK resolves with (an
 * `account.get()` "returns" `{ message: "<!doctype html>…" }` and the app believes a user is signed in). Instead an
 * Appwrite-shaped 503 that the SDK throws, saying why and what to do.
 */
export function notInterceptedMessage(method: string, path: string, endpointPath: string): string {
  const service = serviceName(path.slice(endpointPath.length));
  const why = service === 'Account' || /^\/ping\/?$/.test(path.slice(endpointPath.length))
    ? 'the emulator\'s service worker did not answer it: startEmulator() was not called, or not awaited before this '
      + 'request (await it before creating the Appwrite client), or the worker does not control this page yet '
      + '(reload it once)'
    : `the emulator does not emulate ${service} and let it through (otherServices: 'passthrough'), or it was not `
      + 'started yet; answer it with your own msw handlers (startEmulator({ handlers })), or proxy the endpoint to a '
      + 'real Appwrite (server.proxy in vite.config)';
  return `appwrite-emulator: ${method} ${path} reached the Vite dev server, so no Appwrite answered it: ${why}. `
    + 'README: "Using it in an existing app", troubleshooting.';
}

/** Answers and returns true for a request under `endpointPath` (e.g. `/v1`); false for anything else. */
export function answerNotIntercepted(req: IncomingMessage & { originalUrl?: string }, res: ServerResponse, endpointPath: string): boolean {
  const path = (req.originalUrl ?? req.url ?? '').split('?')[0]!;
  if (path !== endpointPath && !path.startsWith(`${endpointPath}/`)) return false;
  const message = notInterceptedMessage(req.method ?? 'GET', path, endpointPath);
  const format = String(req.headers['x-appwrite-response-format'] ?? '').trim();
  const old = format !== '' && compareVersions(format, '1.5.0') < 0; // SDK 13
  const body = emulatorErrorBody('emulator_not_intercepting', message, old ? APPWRITE_VERSION : SERVER_VERSION_1_9);
  res.statusCode = 503;
  res.setHeader('Content-Type', 'application/json; charset=UTF-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(JSON.stringify(body));
  return true;
}
