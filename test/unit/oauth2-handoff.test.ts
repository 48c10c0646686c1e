// The page's side of the OAuth2 hand-off: the marker's format, and the nonce the service worker stores
// (worker-prelude.js) taken out of IndexedDB once, while fresh. The worker's write is mimicked here with the same
// database, store and record shape.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { HANDOFF_TTL_MS, takeOAuth2Handoff } from '../../src/browser/oauth2-handoff.js';
import { readOAuth2Marker } from '../../src/browser/oauth2-page.js';

const URL_ = 'http://localhost:5173/v1/account/sessions/oauth2/github?success=http%3A%2F%2Flocalhost%3A5173%2F&project=p';
const NONCE = '0123456789abcdef0123456789abcdef';

/** What the worker does before it redirects (appwriteEmulatorStoreHandoff). */
function storeAsTheWorker(record: { nonce: string; url: string; issuedAt: number }): Promise<void> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('appwrite-emulator-oauth2-handoff', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('handoffs', { keyPath: 'nonce' });
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction('handoffs', 'readwrite');
      tx.objectStore('handoffs').put(record);
      tx.oncomplete = () => { open.result.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  });
}

function count(): Promise<number> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('appwrite-emulator-oauth2-handoff', 1);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const req = open.result.transaction('handoffs').objectStore('handoffs').count();
      req.onsuccess = () => { open.result.close(); resolve(req.result); };
    };
  });
}

describe('readOAuth2Marker', () => {
  it('reads <nonce>:<encoded URL>', () => {
    expect(readOAuth2Marker(`#appwrite-emulator-oauth2=${NONCE}:${encodeURIComponent(URL_)}`)).toEqual({ nonce: NONCE, url: URL_ });
  });

  it('reads a marker without a nonce (an old or forged one) as having none, so it can be stripped and ignored', () => {
    expect(readOAuth2Marker(`#appwrite-emulator-oauth2=${encodeURIComponent(URL_)}`)).toEqual({ nonce: '', url: URL_ });
    expect(readOAuth2Marker('#appwrite-emulator-oauth2=%E0%A4%A')).toEqual({ nonce: '', url: '' });
  });

  it('is null for any other hash', () => {
    expect(readOAuth2Marker('')).toBeNull();
    expect(readOAuth2Marker('#/account')).toBeNull();
    expect(readOAuth2Marker('#appwrite-emulator-oauth2')).toBeNull();
  });
});

describe('takeOAuth2Handoff', () => {
  it('returns the stored URL once; a second take (a replayed marker) finds nothing', async () => {
    await storeAsTheWorker({ nonce: NONCE, url: URL_, issuedAt: Date.now() });
    expect(await takeOAuth2Handoff(NONCE)).toBe(URL_);
    expect(await takeOAuth2Handoff(NONCE)).toBeNull();
  });

  it('finds nothing for a nonce the worker never stored, or one that is not 32 hex digits', async () => {
    expect(await takeOAuth2Handoff('fedcba9876543210fedcba9876543210')).toBeNull();
    expect(await takeOAuth2Handoff('')).toBeNull();
    expect(await takeOAuth2Handoff('../../x')).toBeNull();
  });

  it(`refuses a hand-off older than ${HANDOFF_TTL_MS} ms (or stamped in the future), and deletes stale ones`, async () => {
    const now = Date.now();
    await storeAsTheWorker({ nonce: NONCE, url: URL_, issuedAt: now - HANDOFF_TTL_MS });
    await storeAsTheWorker({ nonce: 'a'.repeat(32), url: URL_, issuedAt: now - HANDOFF_TTL_MS - 1 });
    await storeAsTheWorker({ nonce: 'b'.repeat(32), url: URL_, issuedAt: now + 5_000 });
    await storeAsTheWorker({ nonce: 'c'.repeat(32), url: URL_, issuedAt: now });
    expect(await takeOAuth2Handoff(NONCE)).toBeNull();
    expect(await count()).toBe(2); // the future one (not expired yet) and the fresh one stay
    expect(await takeOAuth2Handoff('b'.repeat(32))).toBeNull();
    expect(await takeOAuth2Handoff('c'.repeat(32))).toBe(URL_);
    expect(await count()).toBe(0);
  });
});
