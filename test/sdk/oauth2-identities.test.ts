/**
 * What an OAuth2 sign-in leaves behind, through the SDK: refreshing the provider tokens with updateSession
 * (spec §8.25), and the identity in listIdentities / deleteIdentity (spec §8.4, §8.5).
 */
import { describe, expect, it } from 'vitest';
import { error, sdk, useEmulator } from '../helpers.js';
import { FAILURE, SUCCESS, approve, oauth2Url, signIn } from './oauth2-helpers.js';

// OAuth2 navigations carry no format header: pin the 1.4 server these tests describe.
const { emulator } = useEmulator({ behaviour: '1.4' });

const HEX40 = /^[0-9a-f]{40}$/;
const githubSignIn = () => signIn(emulator, oauth2Url(sdk().account, 'github', SUCCESS, FAILURE), approve('octo@example.com', 'Octo'));

describe('updateSession', () => {
  it('refreshes an OAuth2 session: new access token and expiry, same refresh token, current false, countryName empty', async () => {
    const { account } = sdk();
    await githubSignIn();
    const before = await account.getSession('current');
    emulator.clock.advance(3_600_000);
    const updated = await account.updateSession('current');
    expect(updated).toEqual({
      ...before,
      providerAccessToken: expect.stringMatching(HEX40),
      providerAccessTokenExpiry: '2026-01-15T15:00:00.000+00:00',
      countryName: '',
      current: false,
    });
    expect(updated.providerAccessToken).not.toBe(before.providerAccessToken);
    expect(updated.providerRefreshToken).toBe(before.providerRefreshToken);
    expect(await account.getSession('current')).toEqual({ ...updated, countryName: 'Unknown', current: true });
  });

  it('leaves the identity\'s tokens as they were', async () => {
    const { account } = sdk();
    await githubSignIn();
    const [identity] = (await account.listIdentities()).identities;
    await account.updateSession('current');
    expect((await account.listIdentities()).identities).toEqual([identity]);
  });

  it('refreshes another OAuth2 session of the user by id', async () => {
    const { account } = sdk();
    await githubSignIn();
    const first = await account.getSession('current');
    localStorage.clear();
    await githubSignIn();
    const updated = await account.updateSession(first.$id);
    expect(updated).toMatchObject({ $id: first.$id, provider: 'github', current: false });
    expect(updated.providerAccessToken).not.toBe(first.providerAccessToken);
  });
});

describe('listIdentities', () => {
  it('filters the OAuth2 identities by provider', async () => {
    const { account } = sdk();
    await githubSignIn();
    localStorage.clear();
    await signIn(emulator, oauth2Url(sdk().account, 'google', SUCCESS, FAILURE), approve('octo@example.com'));
    const google = await account.listIdentities(['equal("provider", ["google"])'] as unknown as string);
    expect(google.total).toBe(1);
    expect(google.identities.map((i) => [i.provider, i.providerEmail])).toEqual([['google', 'octo@example.com']]);
  });
});

describe('deleteIdentity', () => {
  it('deletes the identity (204) and keeps the session signed in', async () => {
    const { account } = sdk();
    await githubSignIn();
    const [identity] = (await account.listIdentities()).identities;
    expect(await account.deleteIdentity(identity!.$id)).toEqual({ message: '' });
    expect((await account.listIdentities()).total).toBe(0);
    expect((await account.getSession('current')).provider).toBe('github');
    const e = await error(() => account.deleteIdentity(identity!.$id));
    expect([e.code, e.type, e.message]).toEqual([404, 'user_identity_not_found', 'The identity could not be found. Please sign in with OAuth provider to create identity first.']);
  });

  it('lets the same provider account sign in again afterwards, creating a new identity for the same user', async () => {
    const { account } = sdk();
    await githubSignIn();
    const me = await account.get();
    const [identity] = (await account.listIdentities()).identities;
    await account.deleteIdentity(identity!.$id);
    await account.deleteSessions();
    localStorage.clear();
    await githubSignIn();
    expect((await account.get()).$id).toBe(me.$id);
    const [again] = (await account.listIdentities()).identities;
    expect(again).toMatchObject({ userId: me.$id, providerUid: identity!.providerUid });
    expect(again!.$id).not.toBe(identity!.$id);
  });
});
