/** The injected clock and Appwrite's two date formats (src/clock.ts). */
import { describe, expect, it } from 'vitest';
import { createClock, formatDate, formatDbDate } from '../../src/clock.js';

describe('formatDate (response format)', () => {
  it('writes UTC with milliseconds and an explicit +00:00 offset', () => {
    expect(formatDate(new Date('2023-11-17T18:02:11.123Z'))).toBe('2023-11-17T18:02:11.123+00:00');
    expect(formatDate(Date.UTC(2023, 10, 17, 18, 2, 11, 5))).toBe('2023-11-17T18:02:11.005+00:00');
    expect(formatDate(0)).toBe('1970-01-01T00:00:00.000+00:00');
  });

  it('writes an empty string for a missing date', () => {
    expect(formatDate(null)).toBe('');
    expect(formatDate(undefined)).toBe('');
  });
});

describe('formatDbDate (database format leaking into links)', () => {
  it('writes a space instead of T and no offset', () => {
    expect(formatDbDate(new Date('2023-11-17T18:02:11.123Z'))).toBe('2023-11-17 18:02:11.123');
    expect(formatDbDate(Date.UTC(2024, 0, 2, 3, 4, 5))).toBe('2024-01-02 03:04:05.000');
  });
});

describe('createClock', () => {
  it('follows its base time source and moves on with advance()', () => {
    let base = Date.UTC(2026, 0, 15, 10);
    const clock = createClock(() => new Date(base));
    expect(clock.now().getTime()).toBe(base);
    clock.advance(90_000);
    expect(clock.now().toISOString()).toBe('2026-01-15T10:01:30.000Z');
    base += 1000; // the base keeps running under the offset
    expect(clock.now().toISOString()).toBe('2026-01-15T10:01:31.000Z');
    clock.advance(0);
    clock.reset();
    expect(clock.now().getTime()).toBe(base);
  });

  it('defaults to the system clock', () => {
    const before = Date.now();
    const now = createClock().now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it('throws TypeError for a negative, non-finite or non-number advance', () => {
    const clock = createClock(() => new Date(0));
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY, '5', undefined]) {
      expect(() => clock.advance(bad as number), String(bad)).toThrow(TypeError);
    }
    expect(clock.now().getTime()).toBe(0);
  });
});
