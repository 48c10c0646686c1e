// Baseline for bench/browser-start.mjs: a bare Mock Service Worker (msw's own mockServiceWorker.js) answering the
// same SDK call with a constant Appwrite-shaped 401, timed exactly like the emulator page (and started the same way,
// from a function).
import { http, HttpResponse } from 'msw';
import { setupWorker } from 'msw/browser';
import { reportFirstCall } from '../first-call.js';

// When the bundle has been fetched, parsed and its imports evaluated: the page's own code starts here.
const scriptStart = performance.now();
const controlledAtLoad = Boolean(navigator.serviceWorker.controller);
const endpoint = `${location.origin}/v1`;
const worker = setupWorker(http.get(`${endpoint}/account`, () => HttpResponse.json(
  { message: 'User (role: guests) missing scope (account)', code: 401, type: 'general_unauthorized_scope', version: '1.4.13' },
  { status: 401 },
)));

async function main() {
  await worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
  const started = performance.now();
  await reportFirstCall(endpoint, { scriptStart, started, controlledAtLoad });
}
main();
