// Capped exponential backoff with jitter, with an injected random source.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffCeilingMs, MAX_DELAY_MS, retryDelayMs } from '../../../agent/dm-client/index.ts';

const policy = { baseMs: 500, capMs: 20_000 };

describe('ceiling', () => {
  it('doubles from the base and stops at the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffCeilingMs(n, 500, 20_000))).toEqual([
      500, 1000, 2000, 4000, 8000, 16_000, 20_000, 20_000,
    ]);
  });

  it('survives absurd attempts and inputs', () => {
    expect(backoffCeilingMs(5000, 500, 20_000)).toBe(20_000);
    expect(backoffCeilingMs(0, 500, 20_000)).toBe(500);
    expect(backoffCeilingMs(Number.NaN, 500, 20_000)).toBe(500);
    expect(backoffCeilingMs(3, 0, 20_000)).toBe(0);
    expect(backoffCeilingMs(3, 500, Number.POSITIVE_INFINITY)).toBe(2000);
  });
});

describe('retryDelayMs', () => {
  it('with a fixed random, is monotone until the cap and then stays there', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (r) => {
        const delays = Array.from({ length: 20 }, (_, i) =>
          retryDelayMs(i + 1, { ...policy, random: () => r }),
        );
        for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1] ?? 0);
        expect(delays.at(-1)).toBe(Math.floor(r * policy.capMs));
      }),
    );
  });

  it('full jitter: uniform in [0, ceiling], reaching both ends', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, r) => {
          const d = retryDelayMs(attempt, { ...policy, random: () => r });
          expect(d).toBeGreaterThanOrEqual(0);
          expect(d).toBeLessThanOrEqual(backoffCeilingMs(attempt, policy.baseMs, policy.capMs));
          expect(Number.isInteger(d)).toBe(true);
        },
      ),
    );
    expect(retryDelayMs(4, { ...policy, random: () => 0 })).toBe(0);
    expect(retryDelayMs(4, { ...policy, random: () => 0.999_999_999 })).toBe(3999);
    expect(retryDelayMs(4, { ...policy, random: () => 0.5 })).toBe(2000);
  });

  it('equal jitter: in [ceiling/2, ceiling]', () => {
    expect(retryDelayMs(3, { ...policy, jitter: 'equal', random: () => 0 })).toBe(1000);
    expect(retryDelayMs(3, { ...policy, jitter: 'equal', random: () => 0.5 })).toBe(1500);
  });

  it('decorrelated jitter: in [base, min(cap, 3 × previous)]', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (previous, r) => {
          const d = retryDelayMs(1, {
            ...policy,
            jitter: 'decorrelated',
            previousDelayMs: previous,
            random: () => r,
          });
          expect(d).toBeGreaterThanOrEqual(Math.min(policy.baseMs, policy.capMs));
          expect(d).toBeLessThanOrEqual(Math.min(policy.capMs, Math.max(policy.baseMs, previous * 3)));
        },
      ),
    );
    expect(
      retryDelayMs(1, { ...policy, jitter: 'decorrelated', previousDelayMs: 1000, random: () => 0.5 }),
    ).toBe(1750);
  });

  it('a misbehaving random source cannot escape the bounds', () => {
    for (const r of [-1, 1, 7, Number.NaN, Number.POSITIVE_INFINITY]) {
      const d = retryDelayMs(3, { ...policy, random: () => r });
      expect(d).toBeGreaterThanOrEqual(0);
      expect(d).toBeLessThanOrEqual(2000);
    }
  });

  it('honours Retry-After: at least what the server asks, capped', () => {
    const random = () => 0.5;
    expect(retryDelayMs(1, { ...policy, random, retryAfterMs: 7000 })).toBe(7000);
    // Never shorter than our own backoff, so "Retry-After: 0" cannot make a hot loop.
    expect(retryDelayMs(6, { ...policy, random, retryAfterMs: 0 })).toBe(8000);
    // Capped: by capMs by default, by maxRetryAfterMs when given.
    expect(retryDelayMs(1, { ...policy, random, retryAfterMs: 3_600_000 })).toBe(20_000);
    expect(retryDelayMs(1, { ...policy, random, retryAfterMs: 3_600_000, maxRetryAfterMs: 60_000 })).toBe(
      60_000,
    );
    expect(retryDelayMs(1, { ...policy, random, retryAfterMs: null })).toBe(250);
  });

  it('never exceeds what a timer can hold', () => {
    const d = retryDelayMs(1, {
      baseMs: 1,
      capMs: Number.POSITIVE_INFINITY,
      random: () => 0,
      retryAfterMs: Number.POSITIVE_INFINITY,
      maxRetryAfterMs: Number.POSITIVE_INFINITY,
    });
    expect(d).toBe(MAX_DELAY_MS);
  });
});
