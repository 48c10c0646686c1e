/**
 * Which server a request talks to, read once at the edge (spec 1.9 §1.1). SDK 13 sends
 * `X-Appwrite-Response-Format: 1.4.0` and gets Appwrite 1.4.14; every later SDK (1.5.0 … 2.3.0), and a request
 * without the header, gets Appwrite 1.9.6 with the response filters of its format. Nothing below the http layer
 * reads the header: services and models get `behaviour` and `format` from the request context.
 */
export type Behaviour = '1.4' | '1.9';

export interface RequestBehaviour {
  behaviour: Behaviour;
  /** The format the response is filtered to; '' = the newest shape (no filter). */
  format: string;
}

/** Appwrite 1.9.6's stable version: error bodies carry it, and newer formats get a warning header. */
export const SERVER_VERSION_1_9 = '1.9.6';

/**
 * PHP's `version_compare` for dotted numeric versions (`1.9.5 < 1.9.6 < 2.0.0`, `1.5 == 1.5.0`), which is all
 * the SDKs send. Non-numeric parts count as 0, so a format like `latest` compares as 0 (older than anything).
 */
export function compareVersions(a: string, b: string): number {
  const parts = (v: string) => v.split(/[.\-+]/).map((p) => (/^\d+$/.test(p) ? Number(p) : 0));
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/** `pinned` is the `behaviour` option: 'auto' reads the header, '1.4' or '1.9' serve every request alike. */
export function resolveBehaviour(request: Request, pinned: Behaviour | 'auto'): RequestBehaviour {
  const format = (request.headers.get('x-appwrite-response-format') ?? '').trim();
  if (pinned !== 'auto') return { behaviour: pinned, format: pinned === '1.4' ? '1.4.0' : format };
  const behaviour = format !== '' && compareVersions(format, '1.5.0') < 0 ? '1.4' : '1.9';
  return { behaviour, format };
}

/** Whether the request's format is older than `version` (an empty format is the newest: never older). */
export const formatBefore = (format: string, version: string) => format !== '' && compareVersions(format, version) < 0;
