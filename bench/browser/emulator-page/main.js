// Bench page (bench/browser-start.mjs): start the emulator, make one SDK call, report when its response arrived.
// performance.now() counts from the navigation start, so `firstResponse` is "page load -> first intercepted response".
import { startEmulator } from 'appwrite-emulator/browser';
import { reportFirstCall } from '../first-call.js';

// When the bundle has been fetched, parsed and its imports evaluated: the page's own code starts here.
const scriptStart = performance.now();
const controlledAtLoad = Boolean(navigator.serviceWorker.controller);
const endpoint = `${location.origin}/v1`;

// Started from a function, as the demo does, not with a top-level await: Rolldown (Vite 8) turns its chunk merging
// off for a graph with top-level await, and the emulator's start code then arrives as a dozen small chunks
// (emulator-tla-page measures that form).
async function main() {
  // allowInProduction: the page is a production build (so dev-server transforms don't skew the timing), which
  // startEmulator refuses by default.
  await startEmulator({ projectId: 'bench', endpoint, panel: false, quiet: true, allowInProduction: true });
  const started = performance.now();
  await reportFirstCall(endpoint, { scriptStart, started, controlledAtLoad });
}
main();
