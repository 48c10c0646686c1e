import type { LogState, RequestDetails, RequestLogEntry, RequestNote } from './request-log.js';
import { maskUrl, requestDetails } from './request-mask.js';

/**
 * The part of `emulator.requests` that loads on first read (request-log.ts records): entries derived from the
 * recorded notes, and the relay between tabs. A tab's console asks the others once (`hello`); each answers with
 * its entries, derived and masked, and from then on sends each new one; a tab opened later says `join` and is asked
 * too. Only messages of the same database count.
 */
interface Relayed {
  entry: Omit<RequestLogEntry, 'details' | 'fromOtherTab'>;
  details: RequestDetails;
  at: number;
}

type Message = { db: string; hello: true } | { db: string; join: true } | { db: string; entries: Relayed[] };

// A display id per tab (entries of several tabs meet in one list); never part of the emulator's state.
const tab = Math.random().toString(36).slice(2, 8);
const wall = (note: RequestNote) => performance.timeOrigin + note.started;

function entry(state: LogState, note: RequestNote): RequestLogEntry {
  const url = new URL(note.request.url);
  const error = note.error as { type?: unknown } | undefined;
  return {
    id: `${tab}-${note.seq}`,
    time: new Date(note.time).toISOString(),
    method: note.request.method,
    path: maskUrl(url.pathname + url.search),
    status: note.response!.status,
    errorType: note.error === undefined ? null : typeof error?.type === 'string' ? error.type : 'general_unknown',
    sdk: note.request.headers.get('x-sdk-version'),
    format: note.format ?? '',
    behaviour: note.behaviour ?? '1.9',
    durationMs: Math.round((note.duration ?? 0) * 100) / 100,
    fromOtherTab: false,
    details: () => details(state, note),
  };
}

const details = async (state: LogState, note: RequestNote) => requestDetails(note, note.response!, await state.body(note));

const fromRelay = (r: Relayed): RequestLogEntry => ({ ...r.entry, fromOtherTab: true, details: async () => r.details });

async function relayed(state: LogState, note: RequestNote): Promise<Relayed> {
  const { details: _d, fromOtherTab: _f, ...summary } = entry(state, note);
  return { entry: summary, details: await details(state, note), at: wall(note) };
}

function emit(state: LogState, value: RequestLogEntry) {
  for (const listener of [...state.listeners]) {
    try {
      listener(value);
    } catch (error) {
      console.error('[appwrite-emulator] requests listener failed', error);
    }
  }
}

function post(state: LogState, message: Message) {
  try {
    state.channel?.postMessage(message);
  } catch {
    // A closed channel only costs the other tabs these entries.
  }
}

export async function list(state: LogState): Promise<RequestLogEntry[]> {
  if (state.channel && !state.asked) {
    state.asked = true;
    post(state, { db: state.databaseName, hello: true });
  }
  const own = state.ring.map((note) => ({ at: wall(note), value: entry(state, note) }));
  const others = ((state.relayed ??= []) as Relayed[]).map((r) => ({ at: r.at, value: fromRelay(r) }));
  return [...own, ...others].sort((a, b) => b.at - a.at).map((e) => e.value);
}

export async function added(state: LogState, note: RequestNote): Promise<void> {
  if (state.listeners.size) emit(state, entry(state, note));
  if (state.serving) post(state, { db: state.databaseName, entries: [await relayed(state, note)] });
}

export async function receive(state: LogState, data: unknown): Promise<void> {
  const message = data as Message | null;
  if (!message || message.db !== state.databaseName) return;
  if ('join' in message) {
    // A tab opened after this one's console asked: ask it too.
    if (state.asked) post(state, { db: state.databaseName, hello: true });
    return;
  }
  if ('hello' in message) {
    state.serving = true;
    post(state, { db: state.databaseName, entries: await Promise.all(state.ring.map((note) => relayed(state, note))) });
    return;
  }
  if (!Array.isArray(message.entries)) return;
  for (const r of message.entries) {
    const relayed = (state.relayed ??= []) as Relayed[];
    if (typeof r?.entry?.id !== 'string' || relayed.some((o) => o.entry.id === r.entry.id)) continue;
    relayed.push(r);
    if (relayed.length > 200) relayed.shift(); // RING_SIZE (not imported: see request-mask.ts)
    emit(state, fromRelay(r));
  }
}
