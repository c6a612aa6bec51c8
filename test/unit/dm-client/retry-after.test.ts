// Retry-After as delay-seconds or HTTP-date, against an injected now.

import { describe, expect, it } from 'vitest';
import { MAX_DELAY_MS, parseRetryAfter } from '../../../agent/dm-client/index.ts';

const NOW = Date.parse('2025-03-01T12:00:00Z');

describe('parseRetryAfter', () => {
  it.each([
    ['0', 0],
    ['1', 1000],
    ['120', 120_000],
    [' 30 ', 30_000],
  ])('delay-seconds %j → %i ms', (value, ms) => {
    expect(parseRetryAfter(value, NOW)).toBe(ms);
  });

  it.each([
    ['Sat, 01 Mar 2025 12:00:45 GMT', 45_000],
    ['Saturday, 01-Mar-25 12:01:00 GMT', 60_000],
  ])('HTTP-date %j → %i ms after now', (value, ms) => {
    expect(parseRetryAfter(value, NOW)).toBe(ms);
  });

  it('the asctime form is a date too (zone-less, so only its presence is checked)', () => {
    expect(parseRetryAfter('Sun Mar  2 12:00:10 2025', NOW)).toBeGreaterThan(0);
  });

  it('a date in the past means now', () => {
    expect(parseRetryAfter('Fri, 28 Feb 2025 12:00:00 GMT', NOW)).toBe(0);
  });

  it.each(['', 'soon', '-5', '1.5', '0x10', '12abc', 'Someday, 99 Foo 2025'])(
    '%j is not a Retry-After',
    (value) => {
      expect(parseRetryAfter(value, NOW)).toBeNull();
    },
  );

  it('absent → null; an array header uses its first value', () => {
    expect(parseRetryAfter(undefined, NOW)).toBeNull();
    expect(parseRetryAfter(null, NOW)).toBeNull();
    expect(parseRetryAfter(['5', '9'], NOW)).toBe(5000);
  });

  it('an enormous value is clamped to what a timer can hold', () => {
    expect(parseRetryAfter('9'.repeat(400), NOW)).toBe(MAX_DELAY_MS);
    expect(parseRetryAfter('Fri, 01 Mar 2999 12:00:00 GMT', NOW)).toBe(MAX_DELAY_MS);
  });
});
