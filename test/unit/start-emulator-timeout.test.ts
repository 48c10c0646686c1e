/**
 * startEmulator() gives msw's `worker.start()` 10 s, and a started worker 10 s to take control of the page: a worker
 * that never finishes starting (most often the app's own MSW worker racing ours), or never takes control, must end in
 * a clear error, with the emulator closed, instead of a page that hangs.
 *
 * In Node, without Chromium: msw/browser is mocked with a worker whose start() never settles, the page gets a
 * stand-in `navigator.serviceWorker` (happy-dom has none), and fake timers play the 10 s. The emulator itself is
 * real; its database is a fake-indexeddb factory whose connections are watched, so "closed" means its IndexedDB
 * connection was closed, not only that close() was called.
 */
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startEmulator } from 'appwrite-emulator/browser';

const worker = vi.hoisted(() => ({
  start: vi.fn(() => new Promise<never>(() => {})), // neither resolves nor rejects, like a start that lost a race
  stop: vi.fn(),
  handlers: [] as unknown[],
}));

vi.mock('msw/browser', () => ({
  setupWorker: (...handlers: unknown[]) => {
    worker.handlers = handlers;
    return { start: worker.start, stop: worker.stop };
  },
}));

/** A fake-indexeddb factory that records every connection it opens and whether each was closed. */
function watchedIndexedDb() {
  const factory = new IDBFactory();
  const connections: { closed: boolean }[] = [];
  let opened!: () => void;
  const firstOpen = new Promise<void>((resolve) => { opened = resolve; });
  const open = factory.open.bind(factory);
  factory.open = (name: string, version?: number) => {
    const request = open(name, version);
    request.addEventListener('success', () => {
      const connection = request.result;
      const entry = { closed: false };
      connections.push(entry);
      const close = connection.close.bind(connection);
      connection.close = () => {
        entry.closed = true;
        close();
      };
      opened();
    });
    return request;
  };
  return { factory, connections, firstOpen };
}

/** Starts the emulator; `outcome` stays undefined until startEmulator() settles. */
function watchStart(options: Parameters<typeof startEmulator>[0]) {
  const run: { outcome?: { error: unknown } | { value: unknown }; settled: Promise<void> } = { settled: Promise.resolve() };
  run.settled = startEmulator(options).then(
    (value) => { run.outcome = { value }; },
    (error: unknown) => { run.outcome = { error }; },
  );
  return run;
}

const MESSAGE = 'appwrite-emulator: the service worker at /appwrite-emulator-worker.js did not start within 10 s. '
  + "Another service worker in this page's scope (DevTools > Application > Service workers) is the usual cause. "
  + "If it is your app's own Mock Service Worker, do not call startEmulator(): add the emulator's handlers to your "
  + "worker and start it with the emulator's worker script, then mount the panel and resume OAuth2 yourself: "
  + "const emulator = createEmulator({ projectId, endpoint }); await setupWorker(...yourHandlers, ...emulator.handlers)"
  + ".start({ serviceWorker: { url: '/appwrite-emulator-worker.js' } }); await mountInboxPanel(emulator); "
  + 'await resumeOAuth2(emulator); (README, "An app that already uses MSW").';

beforeEach(() => {
  worker.start.mockClear();
  worker.stop.mockClear();
  // Only the timers startEmulator() uses: fake-indexeddb schedules its work with the real setImmediate.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  // A page that supports service workers and has none registered yet (a first visit).
  Object.defineProperty(navigator, 'serviceWorker', {
    configurable: true,
    value: {
      controller: null,
      getRegistration: () => Promise.resolve(undefined),
      addEventListener: () => {},
      removeEventListener: () => {},
    },
  });
});

afterEach(() => {
  vi.useRealTimers();
  delete (navigator as { serviceWorker?: unknown }).serviceWorker;
  vi.restoreAllMocks();
});

describe('startEmulator with a worker that never finishes starting', () => {
  it('rejects after 10 s with the startTimeout error, stops the worker and closes the emulator', async () => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => {});
    const idb = watchedIndexedDb();
    const run = watchStart({ projectId: 'p', indexedDB: idb.factory, exposeForTests: true });

    // The database opens while the worker starts (startEmulator opens it early): then the 10 s are running.
    await idb.firstOpen;
    expect(worker.start).toHaveBeenCalledTimes(1);
    expect(worker.start).toHaveBeenCalledWith({ serviceWorker: { url: '/appwrite-emulator-worker.js' }, onUnhandledRequest: 'bypass', quiet: true });
    expect(vi.getTimerCount()).toBe(1);

    await vi.advanceTimersByTimeAsync(9_999);
    expect(run.outcome).toBeUndefined(); // still waiting, nothing stopped or closed
    expect(worker.stop).not.toHaveBeenCalled();
    expect(idb.connections).toEqual([{ closed: false }]);

    await vi.advanceTimersByTimeAsync(1);
    await run.settled;
    expect(run.outcome).toEqual({ error: new Error(MESSAGE) });
    expect((run.outcome as { error: Error }).error.message).toBe(MESSAGE);
    // Cleaned up before the rejection: the worker stopped, the database connection closed, nothing announced.
    expect(worker.stop).toHaveBeenCalledTimes(1);
    expect(idb.connections).toEqual([{ closed: true }]);
    expect(window.__appwriteEmulator).toBeUndefined();
    expect(info).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a worker that starts but never controls the page: after 10 s, the error that says to reload, as it is', async () => {
    worker.start.mockImplementationOnce(() => Promise.resolve(undefined) as never); // started; the page stays uncontrolled
    const idb = watchedIndexedDb();
    const run = watchStart({ projectId: 'p', indexedDB: idb.factory, panel: false });
    await idb.firstOpen;
    await vi.advanceTimersByTimeAsync(9_999);
    expect(run.outcome).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    await run.settled;
    expect((run.outcome as { error: Error }).error.message).toBe('appwrite-emulator: the service worker started but does not control this page; reload the page');
    expect(worker.stop).toHaveBeenCalledTimes(1);
    expect(idb.connections).toEqual([{ closed: true }]);
  });
});
