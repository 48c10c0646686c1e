// @vitest-environment node
/**
 * `appwrite-emulator graduate`, run as the documented command, against a stub of a real server's Users API (no
 * real Appwrite is reachable here): a local HTTP server that records what the official server SDK (node-appwrite)
 * sends and answers as Appwrite's Users API would.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type Snapshot } from 'appwrite-emulator';
import { FAST_HASH } from '../helpers.js';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('../../bin/appwrite-emulator.mjs', import.meta.url));

interface Call { method: string; path: string; body: any; key: string | undefined; project: string | undefined }
let calls: Call[] = [];
let server: Server;
let endpoint = '';
let dir = '';
let snapshot: Snapshot;
let file = '';

beforeAll(async () => {
  const created = new Set<string>();
  server = createServer((req, res) => {
    let data = '';
    req.on('data', (chunk) => { data += chunk; });
    req.on('end', () => {
      const body = data ? JSON.parse(data) : null;
      calls.push({ method: req.method!, path: req.url!, body, key: req.headers['x-appwrite-key'] as string, project: req.headers['x-appwrite-project'] as string });
      res.setHeader('content-type', 'application/json');
      if (req.method === 'POST' && (req.url === '/v1/users' || req.url === '/v1/users/argon2')) {
        if (created.has(body.userId)) {
          res.statusCode = 409;
          res.end(JSON.stringify({ message: 'A user with the same id, email, or phone already exists in this project.', code: 409, type: 'user_already_exists', version: '1.9.6' }));
          return;
        }
        created.add(body.userId);
        res.statusCode = 201;
      }
      res.end(JSON.stringify({ $id: body?.userId ?? 'x' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  endpoint = `http://127.0.0.1:${address.port}/v1`;

  const emulator = createEmulator({ projectId: 'demo', auth: { passwordHash: FAST_HASH } });
  await emulator.users.create({ userId: 'ada', email: 'ada@example.com', password: 'password123', name: 'Ada', phone: '+14155550100', emailVerification: true, prefs: { theme: 'dark' }, labels: ['admin'] });
  await emulator.users.create({ userId: 'bob', email: 'bob@example.com', mfa: true });
  await emulator.users.create({ userId: 'eve', phone: '+14155550101', phoneVerification: true });
  await emulator.users.block('eve');
  await emulator.sessions.create('ada');
  snapshot = await emulator.export();
  await emulator.close();
  dir = await mkdtemp(join(tmpdir(), 'graduate-'));
  file = join(dir, 'snapshot.json');
  await writeFile(file, JSON.stringify(snapshot));
});

afterAll(async () => {
  server.close();
  await rm(dir, { recursive: true, force: true });
});

const cli = (...args: string[]) => run(process.execPath, [CLI, 'graduate', ...args], { env: { ...process.env, APPWRITE_API_KEY: '' } });

describe('appwrite-emulator graduate', () => {
  it('--dry-run prints what it would do and calls nothing', async () => {
    calls = [];
    const { stdout } = await cli(file, '--endpoint', endpoint, '--project', 'real-project', '--dry-run');
    expect(calls).toEqual([]);
    expect(stdout.trim().split('\n')).toEqual([
      `Dry run: would create 3 user(s) on ${endpoint} (project real-project)`,
      'create ada <ada@example.com> with its argon2id password hash',
      '  set phone +14155550100',
      '  mark the e-mail verified',
      '  set prefs {"theme":"dark"}',
      '  set labels admin',
      'create bob <bob@example.com> without a password',
      '  turn MFA on (its authenticators are not carried)',
      'create eve <+14155550101> without a password',
      '  mark the phone verified',
      '  block it',
    ]);
  });

  it('creates exactly the snapshot\'s users with their hashes through the Users API', async () => {
    calls = [];
    const { stdout } = await cli(file, '--endpoint', endpoint, '--project', 'real-project', '--key', 'secret-key');
    expect(stdout).toContain('Done: 3 user(s) created.');
    const ada = snapshot.tables.users!.find((u) => u.$id === 'ada')!;
    expect(ada.password).toMatch(/^\$argon2id\$/);
    expect(calls.map((c) => [c.method, c.path, c.body])).toEqual([
      ['POST', '/v1/users/argon2', { userId: 'ada', email: 'ada@example.com', password: ada.password, name: 'Ada' }],
      ['PATCH', '/v1/users/ada/phone', { number: '+14155550100' }],
      ['PATCH', '/v1/users/ada/verification', { emailVerification: true }],
      ['PATCH', '/v1/users/ada/prefs', { prefs: { theme: 'dark' } }],
      ['PUT', '/v1/users/ada/labels', { labels: ['admin'] }],
      ['POST', '/v1/users', { userId: 'bob', email: 'bob@example.com' }],
      ['PATCH', '/v1/users/bob/mfa', { mfa: true }],
      ['POST', '/v1/users', { userId: 'eve', phone: '+14155550101' }],
      ['PATCH', '/v1/users/eve/verification/phone', { phoneVerification: true }],
      ['PATCH', '/v1/users/eve/status', { status: false }],
    ]);
    expect(new Set(calls.map((c) => `${c.project} ${c.key}`))).toEqual(new Set(['real-project secret-key']));
  });

  it('reports users the server already has and exits non-zero', async () => {
    calls = [];
    const failure = await cli(file, '--endpoint', endpoint, '--project', 'real-project', '--key', 'secret-key').catch((e: { code: number; stdout: string }) => e);
    expect((failure as { code: number }).code).toBe(1);
    expect((failure as { stdout: string }).stdout).toContain('failed: user_already_exists: A user with the same id, email, or phone already exists in this project.');
    // Only the three creates were tried: nothing is changed on users it did not create.
    expect(calls.map((c) => c.method)).toEqual(['POST', 'POST', 'POST']);
  });

  it('refuses bad usage with the usage text', async () => {
    const noKey = await cli(file, '--endpoint', endpoint, '--project', 'p').catch((e: { code: number; stderr: string }) => e);
    expect((noKey as { code: number }).code).toBe(1);
    expect((noKey as { stderr: string }).stderr).toContain('an API key is required: --key or $APPWRITE_API_KEY');
    const notSnapshot = join(dir, 'other.json');
    await writeFile(notSnapshot, '{"users": []}');
    const bad = await cli(notSnapshot, '--endpoint', endpoint, '--project', 'p', '--dry-run').catch((e: { stderr: string }) => e);
    expect((bad as { stderr: string }).stderr).toContain('is not an appwrite-emulator snapshot');
  });
});
