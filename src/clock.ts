/** The emulator's injected clock: a base time source plus an offset that tests move with advance(). */
export interface Clock {
  /** The emulator's current time. */
  now(): Date;
  /**
   * Moves the emulator's time forward by `ms` milliseconds (expiry tests). The offset is kept in the database,
   * so it survives a reload in the browser; the promise resolves once it is stored (awaiting it is optional).
   */
  advance(ms: number): Promise<void>;
  /** Undoes every advance() (stored too). */
  reset(): void;
}

/** What the emulator itself also needs: the offset to store, and to restore from the database. */
export interface ClockController extends Clock {
  offset(): number;
  setOffset(ms: number): void;
}

export function createClock(base: () => Date = () => new Date(), store: (offset: number) => Promise<void> = async () => undefined): ClockController {
  let offset = 0;
  return {
    now: () => new Date(base().getTime() + offset),
    advance(ms: number) {
      if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
        throw new TypeError('appwrite-emulator: clock.advance(ms) needs a non-negative number of milliseconds');
      }
      offset += ms;
      // Storing is best effort (a closed database, another tab's reset): the in-memory clock has moved anyway.
      return store(offset).catch(() => undefined);
    },
    reset() {
      offset = 0;
      void store(0).catch(() => undefined); // so a reload does not bring the old offset back
    },
    offset: () => offset,
    setOffset(ms: number) {
      offset = ms;
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
