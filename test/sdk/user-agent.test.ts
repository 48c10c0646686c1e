import { describe, expect, it } from 'vitest';
import { createEmulator } from 'appwrite-emulator';
import { FAST_HASH } from '../helpers.js';

const CHROME = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.77 Safari/537.36';

/** Signs up and in with requests that carry no User-Agent header (what a service worker sees); returns the session. */
async function anonymousAgentSession(userAgent?: string) {
  const emulator = createEmulator({ projectId: 'ua', auth: { passwordHash: FAST_HASH }, ...(userAgent ? { userAgent } : {}) });
  const post = (path: string, body: unknown) => emulator.handle(new Request(`https://cloud.appwrite.io/v1${path}`, {
    method: 'POST', headers: { 'content-type': 'application/json', 'x-appwrite-project': 'ua' }, body: JSON.stringify(body),
  }));
  await post('/account', { userId: 'unique()', email: 'ada@example.com', password: 'password123' });
  return (await post('/account/sessions/email', { email: 'ada@example.com', password: 'password123' })).json();
}

describe('the userAgent option (requests without a User-Agent header)', () => {
  it('records Appwrite\'s UNKNOWN by default: no client or OS details', async () => {
    const session = await anonymousAgentSession();
    expect([session.clientName, session.osName, session.deviceName]).toEqual(['', '', '']);
  });

  it('records the configured user agent instead, parsed like a real one', async () => {
    const session = await anonymousAgentSession(CHROME);
    expect([session.clientName, session.clientVersion, session.osCode, session.osName, session.deviceName])
      .toEqual(['Chrome', '70.0', 'WIN', 'Windows', 'desktop']);
  });
});
