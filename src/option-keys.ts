/**
 * The error for an unknown option key, naming the nearest valid one. Apart from config.ts so that the browser
 * loads it only when there is such a mistake (startEmulator imports it on demand); createEmulator() and the Vite
 * plugin, which must throw synchronously, import it directly.
 */
import { findUnknownKey, type UnknownOption } from './config.js';

/** Edit distance (Levenshtein), case-insensitive: `workerURL` is nearest to `workerUrl`. */
function distance(a: string, b: string): number {
  a = a.toLowerCase();
  b = b.toLowerCase();
  let row = [...Array(b.length + 1).keys()];
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

export function unknownOptionError({ prefix, key, known }: UnknownOption): TypeError {
  const nearest = known.reduce((best, k) => (distance(key, k) < distance(key, best) ? k : best));
  return new TypeError(`appwrite-emulator: unknown option ${prefix}${key}: did you mean ${prefix}${nearest}? (valid: ${known.join(', ')})`);
}

/** Throws for the first key of `options` not in `known`. */
export function checkOptionKeys(prefix: string, options: object, known: readonly string[]): void {
  const unknown = findUnknownKey(prefix, options, known);
  if (unknown) throw unknownOptionError(unknown);
}
