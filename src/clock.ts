/** The emulator's injected clock: a base time source plus an offset that tests move with advance(). */
export interface Clock {
  /** The emulator's current time. */
  now(): Date;
  /** Moves the emulator's time forward by `ms` milliseconds (expiry tests). */
  advance(ms: number): void;
  /** Undoes every advance(). */
  reset(): void;
}

export function createClock(base: () => Date = () => new Date()): Clock {
  let offset = 0;
  return {
    now: () => new Date(base().getTime() + offset),
    advance(ms: number) {
      if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
        throw new TypeError('appwrite-emulator: clock.advance(ms) needs a non-negative number of milliseconds');
      }
      offset += ms;
    },
    reset() {
      offset = 0;
    },
  };
}

/** Appwrite's response format: `2023-11-17T18:02:11.123+00:00` (UTC, milliseconds, explicit offset). */
export function formatDate(date: Date | number | undefined | null): string {
  if (date === undefined || date === null) return '';
  return new Date(date).toISOString().replace('Z', '+00:00');
}

/** Appwrite's database format, which leaks into recovery/verification links: `2023-11-17 18:02:11.123`. */
export function formatDbDate(date: Date | number): string {
  return new Date(date).toISOString().replace('T', ' ').replace('Z', '');
}
