// Bench page (bench/browser-signin.mjs): the emulator with its default options (rate limits off, so thousands of
// calls fit in an hour, as in the Node bench), one user to sign in as, then window.__signIn runs the timed calls.
import { startEmulator } from 'appwrite-emulator/browser';
import { exposeSignInLoop } from '../signin-loop.js';

const endpoint = `${location.origin}/v1`;

async function main() {
  await startEmulator({ projectId: 'bench', endpoint, panel: false, quiet: true, allowInProduction: true, rateLimits: false });
  const account = exposeSignInLoop(endpoint);
  await account.create({ userId: 'bencher', email: 'bench@example.com', password: 'password123' });
  window.__ready = true;
}
main();
