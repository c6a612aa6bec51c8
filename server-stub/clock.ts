// The stub's notion of "now". Everything time-dependent (enrolled_at, token timestamps, certificate
// validity, SMART trials and claim windows, seeding of relative dates) reads it from here, so tests
// move time by setting a clock instead of sleeping.

export interface Clock {
  now(): Date;
}

/** A clock that can be set (by tests and by `POST /v1/test/clock`). */
export interface SettableClock extends Clock {
  set(at: Date): void;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock frozen at a given instant until set or advanced. */
export class TestClock implements SettableClock {
  #at: number;

  constructor(start: Date | string | number = Date.now()) {
    this.#at = toEpochMs(start);
  }

  now(): Date {
    return new Date(this.#at);
  }

  set(at: Date | string | number): void {
    this.#at = toEpochMs(at);
  }

  advance(ms: number): void {
    this.#at += ms;
  }
}

/**
 * Wraps a clock so that it can be overridden: until `set` is called it follows `base`; afterwards it
 * stays frozen at the instant set (until set again, or `reset` hands back to `base`).
 */
export class OverridableClock implements SettableClock {
  readonly #base: Clock;
  #frozen: number | null = null;

  constructor(base: Clock = systemClock) {
    this.#base = base;
  }

  now(): Date {
    return this.#frozen === null ? this.#base.now() : new Date(this.#frozen);
  }

  set(at: Date): void {
    this.#frozen = toEpochMs(at);
  }

  reset(): void {
    this.#frozen = null;
  }
}

export function isSettableClock(clock: Clock): clock is SettableClock {
  return typeof (clock as Partial<SettableClock>).set === 'function';
}

function toEpochMs(at: Date | string | number): number {
  const ms = at instanceof Date ? at.getTime() : typeof at === 'number' ? at : Date.parse(at);
  if (!Number.isFinite(ms)) throw new RangeError(`invalid instant: ${String(at)}`);
  return ms;
}
