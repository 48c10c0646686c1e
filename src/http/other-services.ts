/**
 * Requests to the emulator's endpoint for the Appwrite services it does not emulate (Databases, TablesDB, Storage,
 * Functions, …), with the default `otherServices: 'error'`. On a same-origin endpoint they would otherwise reach
 * the dev server and come back as its index.html with 200, which the SDK resolves with; the app then fails far
 * from the cause. Instead: an Appwrite-shaped 501 naming the service and the fix, and one console warning per
 * service per emulator (per page load in the browser). Loaded on the first such request, not at start.
 */
import { emulatorErrorBody, notEmulatedMessage, serviceName } from '../errors/emulator-errors.js';

/** The error body for another service's request (the emulator's handler adds Appwrite's headers), warning once. */
export function otherServiceError(request: Request, base: string, warned: Set<string>, version: string) {
  const url = new URL(request.url);
  const service = serviceName(url.pathname.slice(base.length));
  const message = notEmulatedMessage(service, request.method, url.pathname);
  if (!warned.has(service)) {
    warned.add(service);
    console.warn(`[appwrite-emulator] ${message}`);
  }
  return emulatorErrorBody('emulator_service_not_emulated', message, version);
}
