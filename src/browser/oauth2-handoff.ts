/**
 * The page's side of the OAuth2 hand-off's proof. When the service worker answers an OAuth2 navigation
 * (worker-prelude.js), it stores `{ nonce, url, issuedAt }` in a small IndexedDB database of its own and puts
 * `<nonce>:<url>` in the hash marker. The page takes the record out here: single use, and only while fresh.
 *
 * A database of its own, not a table of the emulator's Dexie database: the worker script is generic and does not
 * know the project's database name, and it stays a few lines of plain IndexedDB.
 */

// Keep these three in step with worker-prelude.js, the worker's side.
const DB_NAME = 'appwrite-emulator-oauth2-handoff';
const DB_VERSION = 1;
const STORE = 'handoffs';

/**
 * How long a hand-off stays valid: the redirect back to the page and the emulator's start, not the user's time on
 * the consent screen (the nonce is taken before it shows). Measured on the browser's clock, as the worker stamps
 * it: the worker cannot see the emulator's clock (the `now` option, `clock.advance()`), which lives in the page.
 */
export const HANDOFF_TTL_MS = 60_000;

const NONCE = /^[0-9a-f]{32}$/;

interface HandoffRecord {
  nonce: string;
  url: string;
  issuedAt: number;
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function openHandoffs(): Promise<IDBDatabase> {
  const open = indexedDB.open(DB_NAME, DB_VERSION);
  open.onupgradeneeded = () => open.result.createObjectStore(STORE, { keyPath: 'nonce' });
  return request(open);
}

/**
 * Takes the hand-off the worker stored under `nonce` (deleting it, and any stale ones) and returns its original
 * URL, or null when there is none: a marker the worker did not make, one already used, or one older than
 * HANDOFF_TTL_MS.
 */
export async function takeOAuth2Handoff(nonce: string): Promise<string | null> {
  if (!NONCE.test(nonce)) return null;
  const db = await openHandoffs();
  try {
    const tx = db.transaction(STORE, 'readwrite');
    const store = tx.objectStore(STORE);
    const now = Date.now();
    const all = store.getAll() as IDBRequest<HandoffRecord[]>;
    // Deletes this one and every expired one (abandoned hand-offs never pile up), inside the transaction.
    all.onsuccess = () => {
      for (const record of all.result) if (record.nonce === nonce || !(now - record.issuedAt < HANDOFF_TTL_MS)) store.delete(record.nonce);
    };
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = tx.onabort = () => reject(tx.error);
    });
    const record = all.result.find((r) => r.nonce === nonce);
    if (!record || typeof record.url !== 'string') return null;
    const age = now - record.issuedAt;
    return age >= 0 && age < HANDOFF_TTL_MS ? record.url : null;
  } finally {
    db.close();
  }
}
