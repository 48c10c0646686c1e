// The emulator bench page written with a top-level await, as a page may well be: the same calls as
// emulator-page/main.js. The difference is the bundler's: Rolldown (Vite 8) does not merge shared chunks into the
// entry of a graph with top-level await, so the emulator's start modules load as a dozen chunks.
import { startEmulator } from 'appwrite-emulator/browser';
import { reportFirstCall } from '../first-call.js';

const scriptStart = performance.now();
const controlledAtLoad = Boolean(navigator.serviceWorker.controller);
const endpoint = `${location.origin}/v1`;
await startEmulator({ projectId: 'bench', endpoint, panel: false, quiet: true, allowInProduction: true });
const started = performance.now();
await reportFirstCall(endpoint, { scriptStart, started, controlledAtLoad });
