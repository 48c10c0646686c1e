// Bench page (bench/browser-start.mjs): start the emulator, make one SDK call, report when its response arrived.
// performance.now() counts from the navigation start, so `firstResponse` is "page load -> first intercepted response".
import { startEmulator } from 'appwrite-emulator/browser';
import { reportFirstCall } from '../first-call.js';

// When the bundle has been fetched, parsed and its imports evaluated: the page's own code starts here.
const scriptStart = performance.now();
const controlledAtLoad = Boolean(navigator.serviceWorker.controller);
const endpoint = `${location.origin}/v1`;
// allowInProduction: the page is a production build (so dev-server transforms don't skew the timing), which
// startEmulator refuses by default.
await startEmulator({ projectId: 'bench', endpoint, panel: false, quiet: true, allowInProduction: true });
const started = performance.now();
await reportFirstCall(endpoint, { scriptStart, started, controlledAtLoad });
