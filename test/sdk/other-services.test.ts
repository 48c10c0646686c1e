// @vitest-environment node
/**
 * The Appwrite services the emulator does not emulate (Databases, TablesDB, Storage, …), through the real SDK 13
 * and SDK 28: with the default `otherServices: 'error'` an Appwrite-shaped 501 naming the service and the fix, and
 * one console warning per service; the app's own msw handlers, listed before the emulator's, answer first; with
 * `otherServices: 'passthrough'` the request reaches the network (a real HTTP server here). Plain Node: no
 * session is needed, and fetch to the local server is not subject to a page's CORS rules.
 */
import { createServer, type Server } from 'node:http';
import * as sdk13 from 'appwrite-13';
import * as sdk28 from 'appwrite-28';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createEmulator, type Emulator, type EmulatorOptions } from 'appwrite-emulator';
import { ENDPOINT, PROJECT } from '../helpers.js';

const server = setupServer();
let network: Server;
let networkEndpoint: string;
const networkRequests: string[] = [];
const emulators: Emulator[] = [];

beforeAll(async () => {
  // The "real server" a pass-through request reaches.
  network = createServer((req, res) => {
    networkRequests.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ total: 1, documents: [{ $id: 'from-network' }], rows: [{ $id: 'from-network' }], files: [] }));
  });
  await new Promise<void>((resolve) => network.listen(0, '127.0.0.1', resolve));
  networkEndpoint = `http://127.0.0.1:${(network.address() as { port: number }).port}/v1`;
  // Only the local "network" may be reached for real; anything else unhandled is a test bug.
  server.listen({ onUnhandledRequest: (request, print) => { if (new URL(request.url).hostname !== '127.0.0.1') print.error(); } });
});
afterEach(async () => {
  server.resetHandlers();
  vi.restoreAllMocks();
  await Promise.all(emulators.splice(0).map((e) => e.close()));
  networkRequests.length = 0;
});
afterAll(async () => {
  server.close();
  await new Promise((resolve) => network.close(resolve));
});

let n = 0;
function emulator(options: Partial<EmulatorOptions> = {}): Emulator {
  const e = createEmulator({ projectId: PROJECT, databaseName: `other-services-${n++}`, ...options });
  emulators.push(e);
  return e;
}

const message = (service: string, method: string, path: string) => `appwrite-emulator: the ${service} API (${method} ${path}) is not emulated: `
  + 'the emulator covers Account only. Answer it with your own msw handlers (startEmulator({ handlers: [...] }), or '
  + "server.use(...) in tests; they are tried before the emulator's), or let it through to a real server with the "
  + "option otherServices: 'passthrough'.";

/** The emulator's console warnings (SDK 27+ also warn, about the server version). */
const ourWarnings = (warn: { mock: { calls: unknown[][] } }) =>
  warn.mock.calls.map((args) => String(args[0])).filter((line) => line.startsWith('[appwrite-emulator]'));

async function failure(call: () => Promise<unknown>) {
  try {
    await call();
  } catch (error) {
    const e = error as { code: number; type: string; message: string; response: unknown };
    return { code: e.code, type: e.type, message: e.message, response: typeof e.response === 'string' ? JSON.parse(e.response) : e.response };
  }
  throw new Error('expected the call to fail');
}

const clients = (endpoint = ENDPOINT) => ({
  c13: new sdk13.Client().setEndpoint(endpoint).setProject(PROJECT),
  c28: new sdk28.Client().setEndpoint(endpoint).setProject(PROJECT),
});

describe("another service with otherServices: 'error' (the default)", () => {
  it.each([
    ['SDK 13 Databases.listDocuments', 'Databases', '/v1/databases/db1/collections/col1/documents', '1.4.13',
      () => new sdk13.Databases(clients().c13).listDocuments('db1', 'col1')],
    ['SDK 13 Storage.listFiles', 'Storage', '/v1/storage/buckets/b1/files', '1.4.13',
      () => new sdk13.Storage(clients().c13).listFiles('b1')],
    ['SDK 28 TablesDB.listRows', 'TablesDB', '/v1/tablesdb/db1/tables/t1/rows', '1.9.6',
      () => new sdk28.TablesDB(clients().c28).listRows({ databaseId: 'db1', tableId: 't1' })],
    ['SDK 28 Databases.listDocuments', 'Databases', '/v1/databases/db1/collections/col1/documents', '1.9.6',
      () => new sdk28.Databases(clients().c28).listDocuments({ databaseId: 'db1', collectionId: 'col1' })],
    ['SDK 28 Storage.getFile', 'Storage', '/v1/storage/buckets/b1/files/f1', '1.9.6',
      () => new sdk28.Storage(clients().c28).getFile({ bucketId: 'b1', fileId: 'f1' })],
  ])('%s fails with 501 emulator_service_not_emulated naming the service', async (_label, service, path, version, call) => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    server.use(...emulator().handlers);
    const text = message(service, 'GET', path);
    // Both servers put the keys in the Error model's order.
    const expectedBody = { message: text, code: 501, type: 'emulator_service_not_emulated', version };
    const got = await failure(call);
    expect(got).toEqual({ code: 501, type: 'emulator_service_not_emulated', message: text, response: expectedBody });
    expect(Object.keys(got.response as object)).toEqual(Object.keys(expectedBody));
  });

  it('a write is answered the same way (POST, with the method in the message)', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    server.use(...emulator().handlers);
    const got = await failure(() => new sdk28.TablesDB(clients().c28).createRow({ databaseId: 'db1', tableId: 't1', rowId: 'r1', data: {} }));
    expect([got.code, got.type, got.message]).toEqual([501, 'emulator_service_not_emulated', message('TablesDB', 'POST', '/v1/tablesdb/db1/tables/t1/rows')]);
  });

  it('warns once per service, on the first request of each', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    server.use(...emulator().handlers);
    const { c13, c28 } = clients();
    await failure(() => new sdk13.Databases(c13).listDocuments('db1', 'col1'));
    await failure(() => new sdk13.Databases(c13).getDocument('db1', 'col1', 'd1'));
    await failure(() => new sdk28.Databases(c28).listDocuments({ databaseId: 'db1', collectionId: 'col1' }));
    await failure(() => new sdk28.Storage(c28).listFiles({ bucketId: 'b1' }));
    await failure(() => new sdk28.Storage(c28).listFiles({ bucketId: 'b2' }));
    expect(ourWarnings(warn)).toEqual([
      `[appwrite-emulator] ${message('Databases', 'GET', '/v1/databases/db1/collections/col1/documents')}`,
      `[appwrite-emulator] ${message('Storage', 'GET', '/v1/storage/buckets/b1/files')}`,
    ]);
  });

  it("the app's own handlers, listed before the emulator's, answer first; Account stays emulated", async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const stub = http.get(`${ENDPOINT}/tablesdb/:databaseId/tables/:tableId/rows`, ({ params }) =>
      HttpResponse.json({ total: 1, rows: [{ $id: 'r1', $tableId: params.tableId, title: 'stubbed' }] }));
    server.resetHandlers(stub, ...emulator().handlers); // what startEmulator({ handlers: [stub] }) does
    const { c28 } = clients();
    const rows = await new sdk28.TablesDB(c28).listRows({ databaseId: 'db1', tableId: 'todos' });
    expect(rows).toEqual({ total: 1, rows: [{ $id: 'r1', $tableId: 'todos', title: 'stubbed' }] });
    const got = await failure(() => new sdk28.Account(c28).get());
    expect([got.code, got.type]).toEqual([401, 'general_unauthorized_scope']);
    // A service the app did not stub still gets the emulator's error.
    expect((await failure(() => new sdk28.Storage(c28).listFiles({ bucketId: 'b1' }))).type).toBe('emulator_service_not_emulated');
    expect(ourWarnings(warn)).toHaveLength(1);
  });

  it('leaves other origins and an endpoint at an origin root alone', async () => {
    server.use(...emulator().handlers, ...emulator({ endpoint: 'https://root.example.test' }).handlers);
    server.use(http.get('https://root.example.test/index.html', () => HttpResponse.text('page')));
    expect(await (await fetch('https://root.example.test/index.html')).text()).toBe('page');
  });
});

describe("another service with otherServices: 'passthrough'", () => {
  it('reaches the network (SDK 13 and SDK 28), without a warning; Account is still emulated', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    server.use(...emulator({ endpoint: networkEndpoint, otherServices: 'passthrough' }).handlers);
    const { c13, c28 } = clients(networkEndpoint);
    expect((await new sdk13.Databases(c13).listDocuments('db1', 'col1')).documents).toEqual([{ $id: 'from-network' }]);
    expect((await new sdk28.TablesDB(c28).listRows({ databaseId: 'db1', tableId: 't1' })).rows).toEqual([{ $id: 'from-network' }]);
    expect(networkRequests).toEqual(['GET /v1/databases/db1/collections/col1/documents', 'GET /v1/tablesdb/db1/tables/t1/rows']);
    const got = await failure(() => new sdk28.Account(c28).get());
    expect([got.code, got.type]).toEqual([401, 'general_unauthorized_scope']);
    expect(networkRequests).toHaveLength(2);
    expect(ourWarnings(warn)).toEqual([]);
  });

  it('refuses another value with a TypeError', () => {
    expect(() => createEmulator({ projectId: PROJECT, otherServices: 'pass' as 'passthrough' })).toThrow(
      new TypeError("appwrite-emulator: option otherServices must be 'error' or 'passthrough', got pass"),
    );
  });
});
