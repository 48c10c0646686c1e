/**
 * createOAuth2Session under the project's limits: max sessions per user (spec §3.6), the user limit (a failure
 * redirect in the OAuth2 flow) and the redirect route's rate limit.
 */
import { describe, expect, it } from 'vitest';
import { ENDPOINT, PROJECT, sdk, useEmulator } from '../helpers.js';
import { FAILURE, SUCCESS, approve, failureError, hop, oauth2Url, signIn } from './oauth2-helpers.js';

// OAuth2 navigations carry no format header: pin the 1.4 server these tests describe.
const { emulator } = useEmulator({ behaviour: '1.4', auth: { maxSessions: 2, limit: 1 } });

const githubUrl = () => oauth2Url(sdk().account, 'github', SUCCESS, FAILURE);

describe('createOAuth2Session', () => {
  it('prunes the user\'s oldest sessions beyond maxSessions, keeping the new one', async () => {
    const { account } = sdk();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      localStorage.clear();
      await signIn(emulator, githubUrl(), approve('octo@example.com'));
      ids.push((await account.getSession('current')).$id);
      emulator.clock.advance(1000);
    }
    const sessions = await account.listSessions();
    expect(sessions.sessions.map((s) => [s.$id, s.current])).toEqual([[ids[1], false], [ids[2], true]]);
  });

  it('sends a new user beyond the user limit to the failure URL with user_count_exceeded', async () => {
    await signIn(emulator, githubUrl(), approve('first@example.com'));
    localStorage.clear();
    const done = await signIn(emulator, githubUrl(), approve('second@example.com'));
    expect(failureError(done)).toEqual({
      message: 'The current project has exceeded the maximum number of users. Please check your user limit in the Appwrite console.',
      type: 'user_count_exceeded', code: 501,
    });
    expect(await (await emulator.db()).users.count()).toBe(1);
  });

  it('still signs an existing user in at the user limit', async () => {
    await signIn(emulator, githubUrl(), approve('first@example.com'));
    localStorage.clear();
    expect(await signIn(emulator, githubUrl(), approve('first@example.com'))).toMatchObject({ kind: 'navigate', url: SUCCESS });
  });

  it('counts redirect-route requests, failed ones included, 50 per hour and IP', async () => {
    const url = `${ENDPOINT}/account/sessions/oauth2/github/redirect?project=${PROJECT}&state=broken`;
    for (let i = 0; i < 50; i++) expect((await hop(emulator, url)).status).toBe(500);
    const refused = await hop(emulator, url);
    expect(refused.status).toBe(429);
    expect((await refused.json()).type).toBe('general_rate_limit_exceeded');
  });

  it('shares the `ip:{ip}` counter with anonymous sign-up, as Appwrite\'s abuse keys name no route', async () => {
    const { account } = sdk();
    // 49 anonymous sign-ups, refused or not (the user limit is 1), then one redirect: 50 counted on one key.
    for (let i = 0; i < 49; i++) {
      localStorage.clear();
      await account.createAnonymousSession().catch((e: { code: number }) => expect(e.code).not.toBe(429));
    }
    const url = `${ENDPOINT}/account/sessions/oauth2/github/redirect?project=${PROJECT}&state=broken`;
    expect((await hop(emulator, url)).status).toBe(500);
    localStorage.clear();
    await expect(account.createAnonymousSession()).rejects.toMatchObject({
      code: 429, type: 'general_rate_limit_exceeded', message: 'Rate limit for the current endpoint has been exceeded. Please try again after some time.',
    });
  });
});
