// The timed part both sign-in bench pages share (bench/browser-signin.mjs), so the emulator and the baseline are
// measured by the same code: sign-ups or sign-ins through SDK 28 (what `npm i appwrite` installs), one after another.
import { Account, Client, ID } from 'appwrite';

export function exposeSignInLoop(endpoint) {
  // SDK 28 console.warns the X-Appwrite-Warning that 1.9.6 (and so the emulator) sends to format 2.3.0: silenced on
  // both pages, so the run measures requests, not DevTools console traffic.
  console.warn = () => {};
  const account = new Account(new Client().setEndpoint(endpoint).setProject('bench'));
  let n = 0;
  const calls = {
    'sign-up': () => account.create({ userId: ID.unique(), email: `new${n++}@example.com`, password: 'password123' }),
    'sign-in': () => account.createEmailPasswordSession({ email: 'bench@example.com', password: 'password123' }),
  };
  window.__signIn = async (kind, count) => {
    const samples = [];
    for (let i = 0; i < count; i++) {
      // No session carried into the next call: 1.9.6 refuses a sign-in while one is active.
      localStorage.removeItem('cookieFallback');
      const t0 = performance.now();
      await calls[kind]();
      samples.push(performance.now() - t0);
    }
    return samples;
  };
  return account;
}
