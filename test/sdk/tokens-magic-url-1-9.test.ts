/**
 * Appwrite 1.9.6's magic URL through the real SDKs 26 and 28: createMagicURLToken -> inbox -> createSession or
 * the deprecated updateMagicURLSession; the 1.9.6 alias POST /account/sessions/magic-url; and SDK 13 still
 * getting Appwrite 1.4 on the shared paths.
 */
import { Account as Account13, Client as Client13 } from 'appwrite-13';
import { describe, expect, it } from 'vitest';
import { ENDPOINT, PROJECT, error, raw, useEmulator } from '../helpers.js';
import { DAY, HOUR, NOW, YEAR, decodeFallback, fallback, iso, triple } from './session-helpers.js';
import { INVALID_TOKEN, SDKS, account19, expectSession19, expectToken19, invalidParam } from './sdk19-helpers.js';
import { encodedDate, expectTokenShape, htmlLink, onlyMessage, trackStatuses } from './token-helpers.js';
import { PHRASE_ADJECTIVES } from '../../src/services/phrase.js';

const { emulator, server } = useEmulator({ projectName: 'Demo App' });
const statuses = trackStatuses(server);
const FORMAT_1_9 = { 'x-appwrite-response-format': '1.9.5' };

describe.each(SDKS)('createMagicURLToken ($name)', (sdk) => {
  it('answers 201 with a 1.9.6 Token valid one hour, and creates the user with the e-mail as typed', async () => {
    const { account } = account19(sdk);
    const token = await account.createMagicURLToken({ userId: 'ada', email: 'Ada@Example.com', url: 'http://localhost/finish' });
    expect(statuses.at(-1)).toBe(201);
    expectToken19(token, { $createdAt: iso(NOW), userId: 'ada', expire: iso(NOW + HOUR), phrase: '' });
    const user = (await (await emulator.db()).users.get('ada'))!;
    expect(user).toMatchObject({ email: 'Ada@Example.com', password: null, emailVerification: false, emailCanonical: 'ada@example.com' });
    // 1.9.6 gives magic-URL sign-ups no target.
    expect(user.targets ?? []).toEqual([]);
  });

  it('e-mails a link with a 64-hex secret, ISO expire and project merged into the url, in 1.9.6 texts', async () => {
    const { account } = account19(sdk);
    await account.createMagicURLToken({ userId: 'ada', email: 'ada@example.com', url: 'http://localhost/finish?step=2#top' });
    const mail = await onlyMessage(emulator, { kind: 'magic-url' });
    expect(mail.secret).toMatch(/^[0-9a-f]{64}$/);
    const url = `http://localhost/finish?step=2&userId=ada&secret=${mail.secret}&expire=${encodedDate(iso(NOW + HOUR))}&project=test-project#top`;
    expect(mail).toMatchObject({ channel: 'email', to: 'ada@example.com', subject: 'Demo App Login', url, userId: 'ada' });
    expect(mail.text.split('\n')).toEqual([
      'Hello ,',
      'Click the button below to securely sign in to your Demo App account. This link will expire in 1 hour.',
      'Sign in to Demo App',
      'If you are unable to sign in using the button above, please visit the following link:',
      url,
      "This sign in was requested using UNKNOWN on UNKNOWN UNKNOWN. If you didn't request the sign in, you can safely ignore this email.",
      'Thanks,',
      'Demo App team',
    ]);
    expect(mail.html).toContain(`href="${htmlLink(url)}"`);
  });

  it('links to <endpoint origin>/console/auth/magic-url when no url is given', async () => {
    const { account } = account19(sdk);
    await account.createMagicURLToken({ userId: 'ada', email: 'ada@example.com' });
    expect((await onlyMessage(emulator, { kind: 'magic-url' })).url).toMatch(/^https:\/\/cloud\.appwrite\.io\/console\/auth\/magic-url\?userId=ada&secret=/);
  });

  it('adds the security phrase to the Token and the mail when asked', async () => {
    const { account } = account19(sdk);
    const token = await account.createMagicURLToken({ userId: 'ada', email: 'ada@example.com', phrase: true });
    expect(PHRASE_ADJECTIVES).toContain(token.phrase.split(' ')[0]);
    const mail = await onlyMessage(emulator, { kind: 'magic-url' });
    expect(mail.phrase).toBe(token.phrase);
    expect(mail.html).toContain(`Security phrase for this email is <strong>${token.phrase}</strong>.`);
  });

  it('merges the link\'s params as PHP\'s parse_str + http_build_query do (Template::mergeQuery): names as PHP reads them', async () => {
    const { account } = account19(sdk);
    await account.createMagicURLToken({ userId: 'ada', email: 'ada@example.com', url: 'http://localhost/finish?a.b=1&x[]=1&x[]=2&keep=%7E#top' });
    const mail = await onlyMessage(emulator, { kind: 'magic-url' });
    expect(mail.url).toBe(`http://localhost/finish?a_b=1&x%5B0%5D=1&x%5B1%5D=2&keep=%7E&userId=ada&secret=${mail.secret}&expire=${encodedDate(iso(NOW + HOUR))}&project=test-project#top`);
  });

  it('refuses a url on a host that is no platform (1.9.6 Redirect validator)', async () => {
    const { account } = account19(sdk);
    expect(triple(await error(() => account.createMagicURLToken({ userId: 'ada', email: 'ada@example.com', url: 'https://evil.example/x' })))).toEqual(
      invalidParam('url', 'Invalid URI. Register your new client (evil.example) as a new Web platform on your project console dashboard'));
  });

  it('signs in through createSession: provider magic-url, factor email, e-mail verified, link single use', async () => {
    const { account } = account19(sdk);
    await account.createMagicURLToken({ userId: 'ada', email: 'ada@example.com' });
    const { secret } = (await emulator.inbox.latest({ kind: 'magic-url' }))!;
    const session = await account.createSession({ userId: 'ada', secret });
    expect(statuses.at(-1)).toBe(201);
    expectSession19(session, { userId: 'ada', provider: 'magic-url', providerUid: '', factors: ['email'], expire: iso(NOW + YEAR) });
    expect((await account.get()).emailVerification).toBe(true);
    await account.deleteSession({ sessionId: 'current' });
    expect(triple(await error(() => account.createSession({ userId: 'ada', secret })))).toEqual(INVALID_TOKEN);
  });

  it('signs in through the deprecated updateMagicURLSession, which now says 401 for an unknown user', async () => {
    const { account } = account19(sdk);
    await account.createMagicURLToken({ userId: 'ada', email: 'ada@example.com' });
    const { secret } = (await emulator.inbox.latest({ kind: 'magic-url' }))!;
    expect(triple(await error(() => account.updateMagicURLSession({ userId: 'nobody', secret })))).toEqual(INVALID_TOKEN);
    const session = await account.updateMagicURLSession({ userId: 'ada', secret });
    expect(statuses.at(-1)).toBe(201);
    expectSession19(session, { provider: 'magic-url', factors: ['email'] });
    // 1.9.6 makes this route's session secret with the magic-URL token proof (account.php:2826): 64 hex chars.
    expect(decodeFallback(fallback()).secret).toMatch(/^[0-9a-f]{64}$/);
    expect((await account.get()).$id).toBe('ada');
  });

  it('gives createSession\'s session the usual 256-hex secret', async () => {
    const { account } = account19(sdk);
    await account.createMagicURLToken({ userId: 'ada', email: 'ada@example.com' });
    await account.createSession({ userId: 'ada', secret: (await emulator.inbox.latest({ kind: 'magic-url' }))!.secret });
    expect(decodeFallback(fallback()).secret).toMatch(/^[0-9a-f]{256}$/);
  });

  it('expires after one hour', async () => {
    const { account } = account19(sdk);
    await account.createMagicURLToken({ userId: 'ada', email: 'ada@example.com' });
    const { secret } = (await emulator.inbox.latest({ kind: 'magic-url' }))!;
    emulator.clock.advance(HOUR + 1);
    expect(triple(await error(() => account.createSession({ userId: 'ada', secret })))).toEqual(INVALID_TOKEN);
  });
});

describe('POST /account/sessions/magic-url, the path SDK 13 and 1.9.6 share', () => {
  it('is 1.9.6 tokens/magic-url for a 1.9 format: 64-hex secret, one hour, phrase key', async () => {
    const res = await raw('POST', '/account/sessions/magic-url', { body: { userId: 'ada', email: 'ada@example.com' }, headers: FORMAT_1_9 });
    expect(res.status).toBe(201);
    expectToken19(res.body, { expire: iso(NOW + HOUR), phrase: '' });
    expect((await onlyMessage(emulator, { kind: 'magic-url' })).secret).toMatch(/^[0-9a-f]{64}$/);
  });

  it('shares the 60-per-hour counters of tokens/magic-url, whose alias it is in 1.9.6 (`{url}` = the main path)', async () => {
    const res = await raw('POST', '/account/sessions/magic-url', { body: { userId: 'ada', email: 'ada@example.com' }, headers: FORMAT_1_9 });
    expect(res.headers.get('x-ratelimit-limit')).toBe('60');
    expect(res.headers.get('x-ratelimit-remaining')).toBe('59');
    const other = await raw('POST', '/account/tokens/magic-url', { body: { userId: 'ada', email: 'ada@example.com' }, headers: FORMAT_1_9 });
    expect(other.headers.get('x-ratelimit-remaining')).toBe('58');
  });

  it('stays Appwrite 1.4 for SDK 13: 256-hex secret, 7 days, 1.4 Token and mail, 1.4 confirmation', async () => {
    const account = new Account13(new Client13().setEndpoint(ENDPOINT).setProject(PROJECT));
    const token = await account.createMagicURLSession('ada', 'ada@example.com', 'http://localhost/finish');
    expectTokenShape(token);
    expect(token.expire).toBe(iso(NOW + 7 * DAY));
    const mail = await onlyMessage(emulator, { kind: 'magic-url' });
    expect(mail.secret).toMatch(/^[0-9a-f]{256}$/);
    expect(mail.subject).toBe('Login');
    expect(triple(await error(() => account.updateMagicURLSession('nobody', mail.secret)))).toEqual(
      [404, 'user_not_found', 'User with the requested ID could not be found.']);
    const session = await account.updateMagicURLSession('ada', mail.secret);
    expect(session).not.toHaveProperty('factors');
    expect(session.provider).toBe('magic-url');
  });

  it('has no tokens/magic-url or sessions/token for SDK 13 (1.4 has no such routes)', async () => {
    for (const path of ['/account/tokens/magic-url', '/account/sessions/token', '/account/tokens/email', '/account/tokens/phone']) {
      const res = await raw('POST', path, { body: { userId: 'ada', email: 'ada@example.com', secret: 'x', phone: '+14155550100' } });
      expect([res.status, res.body.type], path).toEqual([404, 'general_route_not_found']);
    }
  });
});
