import * as sdk28 from 'appwrite';
import { describe, expect, it } from 'vitest';
import { ENDPOINT, PROJECT, error, useEmulator } from '../helpers.js';

const { emulator } = useEmulator();

// README "The request log": the recipe, run as written (with a failed sign-in before it).
describe('README: the request log', () => {
  it('lists, details, subscribes and clears as the README says', async () => {
    const account = new sdk28.Account(new sdk28.Client().setEndpoint(ENDPOINT).setProject(PROJECT));
    await error(() => account.createEmailPasswordSession({ email: 'ada@example.com', password: 'not the password' }));
    const logged: string[] = [];
    const console = { log: (status: number, path: string) => logged.push(`${status} ${path}`) };

    const [last] = await emulator.requests.list();
    expect([last!.method, last!.path, last!.status]).toEqual(['POST', '/v1/account/sessions/email', 401]);
    expect(last!.errorType).toBe('user_invalid_credentials');
    expect([last!.sdk, last!.format, last!.behaviour]).toEqual(['28.0.0', '2.3.0', '1.9']);
    expect(last!.time).toBe('2026-01-15T10:00:00.000Z');
    expect(typeof last!.durationMs).toBe('number');
    const { request, response } = await last!.details();
    expect(request.params).toEqual({ email: 'ada@example.com', password: '***' });
    expect(response.body).toMatchObject({ code: 401, type: 'user_invalid_credentials' });
    const stop = emulator.requests.subscribe((entry) => console.log(entry.status, entry.path));
    await error(() => account.get());
    await expect.poll(() => logged).toEqual(['401 /v1/account']);
    stop();
    emulator.requests.clear();
    expect(await emulator.requests.list()).toEqual([]);

    emulator.setRateLimits(false);
    expect(emulator.config.rateLimits).toBe(false);
    emulator.setRateLimits(true);
    await emulator.resetRateLimits();
  });
});
