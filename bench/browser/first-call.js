// The timed part both bench pages share, so the emulator and the baseline are measured by the same code: one SDK
// call (account.get(), answered with a 401 either way), then the marks go to window.__bench for the driver.
import { Account, Client } from 'appwrite-13';

export async function reportFirstCall(endpoint, { scriptStart, started, controlledAtLoad }) {
  const account = new Account(new Client().setEndpoint(endpoint).setProject('bench'));
  let code = 200;
  let type = 'account';
  try {
    await account.get();
  } catch (e) {
    code = e.code;
    type = e.type;
  }
  const firstResponse = performance.now();
  window.__bench = { scriptStart, started, firstResponse, code, type, controlledAtLoad };
}
