import { describe, expect, it } from 'vitest';
import { isSettableClock, OverridableClock, systemClock, TestClock } from '../../../server-stub/clock.ts';

describe('clocks', () => {
  it('TestClock stays where it is set and advances on demand', () => {
    const c = new TestClock('2025-01-01T00:00:00Z');
    expect(c.now().toISOString()).toBe('2025-01-01T00:00:00.000Z');
    c.advance(86_400_000);
    expect(c.now().toISOString()).toBe('2025-01-02T00:00:00.000Z');
    c.set(new Date('2030-05-05T05:05:05Z'));
    expect(c.now().toISOString()).toBe('2030-05-05T05:05:05.000Z');
    expect(() => c.set('not a date')).toThrow(RangeError);
  });

  it('OverridableClock follows its base until set, then stays frozen until reset', () => {
    const base = new TestClock('2025-01-01T00:00:00Z');
    const c = new OverridableClock(base);
    base.advance(1000);
    expect(c.now().toISOString()).toBe('2025-01-01T00:00:01.000Z');
    c.set(new Date('2020-02-02T00:00:00Z'));
    base.advance(1000);
    expect(c.now().toISOString()).toBe('2020-02-02T00:00:00.000Z');
    c.reset();
    expect(c.now().toISOString()).toBe('2025-01-01T00:00:02.000Z');
  });

  it('tells settable clocks apart', () => {
    expect(isSettableClock(new TestClock())).toBe(true);
    expect(isSettableClock(systemClock)).toBe(false);
  });
});
