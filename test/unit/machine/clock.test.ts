import { describe, expect, it } from 'vitest';
import {
  ClockSkewError,
  checkClockAgainstAnswer,
  EARLIEST_PLAUSIBLE_TIME,
  judgeClock,
  MAX_CLOCK_SKEW_MS,
} from '../../../agent/machine/clock.ts';
import { CLOCK_POLL_MS } from '../../../agent/machine/delays.ts';
import { happyScript, startMachine } from '../../helpers/machine/index.ts';

const server = new Date('2026-11-22T10:00:00Z');

describe('judgeClock', () => {
  it('refuses a clock before this release (a dead RTC at 1970)', () => {
    expect(judgeClock(new Date(0), null)).toMatchObject({ ok: false, reason: 'before-release' });
    expect(judgeClock(new Date(EARLIEST_PLAUSIBLE_TIME - 1), server)).toMatchObject({
      ok: false,
      reason: 'before-release',
    });
    expect(judgeClock(new Date(Number.NaN), null)).toMatchObject({
      ok: false,
      reason: 'before-release',
      deviceTime: 'an invalid date',
    });
  });

  it("refuses a clock more than a day away from the server's, either way", () => {
    expect(judgeClock(new Date('2031-11-22T10:00:00Z'), server)).toMatchObject({
      ok: false,
      reason: 'skewed',
    });
    expect(judgeClock(new Date(server.getTime() - MAX_CLOCK_SKEW_MS - 1), server)).toMatchObject({
      ok: false,
      reason: 'skewed',
    });
    expect(judgeClock(new Date(server.getTime() + MAX_CLOCK_SKEW_MS), server)).toEqual({ ok: true });
  });

  it('accepts a plausible clock when the server cannot be asked, saying it is unverified', () => {
    expect(judgeClock(new Date('2031-01-01T00:00:00Z'), null)).toEqual({ ok: true, unverified: true });
  });
});

describe('checkClockAgainstAnswer', () => {
  it("throws a ClockSkewError (code 'clock') when a DM answer's time is more than a day away", () => {
    let thrown: unknown;
    try {
      checkClockAgainstAnswer(new Date('2031-11-22T10:00:00Z'), server);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ClockSkewError);
    expect(thrown).toMatchObject({ code: 'clock', verdict: { reason: 'skewed' } });
  });

  it('says nothing within a day, or when no answer carried a time', () => {
    expect(() =>
      checkClockAgainstAnswer(new Date(server.getTime() + MAX_CLOCK_SKEW_MS), server),
    ).not.toThrow();
    expect(() => checkClockAgainstAnswer(new Date('2031-11-22T10:00:00Z'), null)).not.toThrow();
  });
});

describe('clock screen', () => {
  const wrong = {
    ok: false as const,
    reason: 'before-release' as const,
    deviceTime: '1970-01-01T00:00:00.000Z',
    serverTime: null,
  };

  it('shows the clock screen, re-checks on its own and recovers once the clock is right', async () => {
    const h = startMachine({
      ...happyScript(),
      checkClock: [{ ok: wrong }, { ok: wrong }, { ok: { ok: true } }],
    });
    await h.settle();
    expect(h.flowState()).toBe('clockWrong');
    expect(h.actor.getSnapshot().context.lastError?.code).toBe('clock');
    expect(h.calls.fetchEnrollmentState).toBeUndefined();
    await h.advance(CLOCK_POLL_MS);
    expect(h.flowState()).toBe('clockWrong');
    await h.advance(CLOCK_POLL_MS);
    expect(h.flowState()).toBe('managed.idle');
    expect(h.calls.checkClock).toHaveLength(3);
  });

  it('judges the enrollment-state answer when the probe read no server time, and shows the clock screen', async () => {
    const h = startMachine({
      ...happyScript(),
      checkClock: [{ ok: { ok: true, unverified: true } }],
      fetchEnrollmentState: [{ error: { code: 'clock', message: 'the device clock is years off' } }],
    });
    await h.settle();
    expect(h.calls.fetchEnrollmentState?.[0]).toMatchObject({ judgeClock: true });
    expect(h.flowState()).toBe('clockWrong');
    expect(h.actor.getSnapshot().context.lastError?.code).toBe('clock');
    expect(h.calls.registerDevice).toBeUndefined();
  });

  it('does not ask the enrollment-state call to judge a clock the probe checked', async () => {
    const h = startMachine({ ...happyScript(), checkClock: [{ ok: { ok: true } }] });
    await h.settle();
    expect(h.calls.fetchEnrollmentState?.[0]).toMatchObject({ judgeClock: false });
    expect(h.flowState()).toBe('managed.idle');
  });

  it('lets the technician choose manual enrollment from the clock screen', async () => {
    const h = startMachine({ ...happyScript(), checkClock: [{ ok: wrong }] });
    await h.settle();
    h.actor.send({ type: 'ENROLL_MANUALLY' });
    expect(h.flowState()).toBe('manual.waiting');
  });
});
