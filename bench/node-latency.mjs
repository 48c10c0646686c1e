// Median latency of SDK calls through msw/node: the emulator vs a bare MSW handler answering constant JSON.
// Both run in this one process, in alternating blocks, so machine noise hits both alike.
import { Account, Client, ID } from 'appwrite-13';
import * as sdk26 from 'appwrite-26';
import * as sdk28 from 'appwrite-28';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createEmulator } from '../dist/index.js';

const PROJECT = 'bench';
const ENDPOINT = 'https://cloud.appwrite.io/v1';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const BLOCK = Number(process.env.BENCH_BLOCK ?? 100);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

async function time(fn, n) {
  const samples = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return samples;
}

function client(session) {
  const c = new Client().setEndpoint(ENDPOINT).setProject(PROJECT);
  // The SDK in plain Node keeps no session; it sends a header set by hand (spec: SDK 13 §1.8).
  if (session) c.headers['X-Fallback-Cookies'] = session;
  return new Account(c);
}

/** Runs `emulatorCall` and `bareCall` in alternating blocks; returns median ms of each and their ratio. */
async function compare(name, emulatorServer, bareServer, emulatorCall, bareCall) {
  const emu = [];
  const bare = [];
  for (const [server, fn, out] of [[emulatorServer, emulatorCall, emu], [bareServer, bareCall, bare]]) {
    server.listen({ onUnhandledRequest: 'error' });
    await time(fn, 20); // warm-up
    server.close();
  }
  for (let r = 0; r < ROUNDS; r++) {
    for (const [server, fn, out] of [[emulatorServer, emulatorCall, emu], [bareServer, bareCall, bare]]) {
      server.listen({ onUnhandledRequest: 'error' });
      out.push(...(await time(fn, BLOCK)));
      server.close();
    }
  }
  const e = median(emu);
  const b = median(bare);
  return { name, emulatorMs: e, bareMs: b, ratio: e / b, samples: emu.length };
}

export async function nodeLatency() {
  const results = [];
  // account.get(): a signed-in user, default options.
  {
    const emulator = createEmulator({ projectId: PROJECT, rateLimits: false });
    const server = setupServer(...emulator.handlers);
    server.listen();
    const res = await emulator.handle(new Request(`${ENDPOINT}/account`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-appwrite-project': PROJECT },
      body: JSON.stringify({ userId: ID.unique(), email: 'bench@example.com', password: 'password123', name: 'Bench' }),
    }));
    const user = await res.json();
    const login = await emulator.handle(new Request(`${ENDPOINT}/account/sessions/email`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-appwrite-project': PROJECT },
      body: JSON.stringify({ email: 'bench@example.com', password: 'password123' }),
    }));
    const session = login.headers.get('x-fallback-cookies');
    server.close();
    const bare = setupServer(http.get(`${ENDPOINT}/account`, () => HttpResponse.json(user)));
    const account = client(session);
    results.push(await compare('account.get() (SDK 13, Appwrite 1.4)', server, bare, () => account.get(), () => account.get()));

    // SDK 26 (format 1.9.5, Appwrite 1.9.6): the session goes in X-Appwrite-Session (`setSession`, the cookie value).
    const cookieValue = JSON.parse(session)[`a_session_${PROJECT}`];
    const account26 = new sdk26.Account(new sdk26.Client().setEndpoint(ENDPOINT).setProject(PROJECT).setSession(cookieValue));
    const user26 = await (async () => { server.listen(); try { return await account26.get(); } finally { server.close(); } })();
    const bare26 = setupServer(http.get(`${ENDPOINT}/account`, () => HttpResponse.json(user26)));
    results.push(await compare('account.get() (SDK 26, Appwrite 1.9.6)', server, bare26, () => account26.get(), () => account26.get()));

    await emulator.close();
  }
  // Sign-up and sign-in through the SDK with the default options (rate limits off, so thousands of calls fit in an
  // hour): the argon2id default is chosen to keep both within 3x of a bare handler (README, "Why these argon2id
  // defaults"). Then the same with the realistic cost option, for comparison.
  for (const [label, extra] of [['default options', {}], ['auth.passwordHash m=2048 KiB, t=4, p=3', { auth: { passwordHash: { memoryCost: 2048, timeCost: 4, threads: 3 } } }]]) {
    const emulator = createEmulator({ projectId: PROJECT, rateLimits: false, ...extra });
    const server = setupServer(...emulator.handlers);
    await emulator.handle(new Request(`${ENDPOINT}/account`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-appwrite-project': PROJECT },
      body: JSON.stringify({ userId: 'bencher', email: 'bench@example.com', password: 'password123' }),
    }));
    const created = await (await emulator.handle(new Request(`${ENDPOINT}/account`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-appwrite-project': PROJECT },
      body: JSON.stringify({ userId: 'model', email: 'model@example.com', password: 'password123' }),
    }))).json();
    const session = await (await emulator.handle(new Request(`${ENDPOINT}/account/sessions/email`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-appwrite-project': PROJECT },
      body: JSON.stringify({ email: 'bench@example.com', password: 'password123' }),
    }))).json();
    const bare = setupServer(
      http.post(`${ENDPOINT}/account`, () => HttpResponse.json(created, { status: 201 })),
      http.post(`${ENDPOINT}/account/sessions/email`, () => HttpResponse.json(session, { status: 201 })),
    );
    const guest = client();
    const guest26 = new sdk26.Account(new sdk26.Client().setEndpoint(ENDPOINT).setProject(PROJECT));
    const guest28 = new sdk28.Account(new sdk28.Client().setEndpoint(ENDPOINT).setProject(PROJECT));
    let n = 0;
    const few = label !== 'default options';
    const run = few ? (name, call) => compareFew(name, server, bare, call) : (name, call) => compare(name, server, bare, call, call);
    results.push(await run(`sign-up: account.create() (SDK 13, ${label})`,
      () => guest.create(ID.unique(), `new${n++}@example.com`, 'password123')));
    results.push(await run(`sign-in: createEmailSession() (SDK 13, ${label})`,
      () => guest.createEmailSession('bench@example.com', 'password123')));
    results.push(await run(`sign-up: account.create() (SDK 26, ${label})`,
      () => guest26.create({ userId: sdk26.ID.unique(), email: `new${n++}@example.com`, password: 'password123' })));
    results.push(await run(`sign-in: createEmailPasswordSession() (SDK 26, ${label})`,
      () => guest26.createEmailPasswordSession({ email: 'bench@example.com', password: 'password123' })));
    // SDK 28, what `npm i appwrite` installs. It console.warns the X-Appwrite-Warning that 1.9.6 (and so the
    // emulator) sends to format 2.3.0; the warning is silenced here so that thousands of lines don't flood the table.
    const warn = console.warn;
    console.warn = () => {};
    try {
      results.push(await run(`sign-up: account.create() (SDK 28, ${label})`,
        () => guest28.create({ userId: sdk28.ID.unique(), email: `new${n++}@example.com`, password: 'password123' })));
      results.push(await run(`sign-in: createEmailPasswordSession() (SDK 28, ${label})`,
        () => guest28.createEmailPasswordSession({ email: 'bench@example.com', password: 'password123' })));
    } finally {
      console.warn = warn;
    }
    await emulator.close();
  }
  // The e-mail code sign-in through SDK 26: createEmailToken -> the code from the inbox -> createSession.
  {
    const emulator = createEmulator({ projectId: PROJECT, rateLimits: false });
    const server = setupServer(...emulator.handlers);
    const code = { $id: 'x' };
    const bare = setupServer(
      http.post(`${ENDPOINT}/account/tokens/email`, () => HttpResponse.json(code, { status: 201 })),
      http.post(`${ENDPOINT}/account/sessions/token`, () => HttpResponse.json(code, { status: 201 })),
    );
    const account26 = new sdk26.Account(new sdk26.Client().setEndpoint(ENDPOINT).setProject(PROJECT));
    let n = 0;
    const roundTrip = async (real) => {
      const email = `otp${n++}@example.com`;
      const token = await account26.createEmailToken({ userId: sdk26.ID.unique(), email });
      const secret = real ? (await emulator.inbox.latest({ to: email, kind: 'email-otp' })).secret : '123456';
      await account26.createSession({ userId: token.userId ?? 'x', secret });
    };
    results.push(await compare('createEmailToken -> inbox -> createSession (SDK 26)', server, bare, () => roundTrip(true), () => roundTrip(false)));
    await emulator.close();
  }
  return results;
}

/** Fewer samples for calls that take tens of milliseconds. */
async function compareFew(name, emulatorServer, bareServer, call) {
  const emu = [];
  const bare = [];
  for (let r = 0; r < 3; r++) {
    emulatorServer.listen();
    emu.push(...(await time(call, 10)));
    emulatorServer.close();
    bareServer.listen();
    bare.push(...(await time(call, 10)));
    bareServer.close();
  }
  const e = median(emu);
  const b = median(bare);
  return { name, emulatorMs: e, bareMs: b, ratio: e / b, samples: emu.length };
}
