// Time compression for in-process agents: the machine's named delays (90 s safeguard, backoff, link
// and clock polls, Retry-After) run `scale` times faster on real timers, and every delay asked for is
// recorded, so a campaign can check what the agent *meant* to wait (e.g. at least Retry-After)
// without asserting on wall-clock time.

import { SimulatedClock } from 'xstate';

export class ScaledClock extends SimulatedClock {
  /** Every delay the machine asked for, in its own (unscaled) milliseconds, in order. */
  readonly requested: number[] = [];
  private readonly timers = new Map<number, NodeJS.Timeout>();
  private nextId = 1;

  constructor(readonly scale: number) {
    super();
  }

  override now(): number {
    return Date.now();
  }

  override setTimeout(fn: () => void, timeout: number): number {
    const id = this.nextId++;
    this.requested.push(timeout);
    const timer = setTimeout(
      () => {
        this.timers.delete(id);
        fn();
      },
      Math.max(0, timeout * this.scale),
    );
    this.timers.set(id, timer);
    return id;
  }

  override clearTimeout(id: number): void {
    const timer = this.timers.get(id);
    if (timer !== undefined) clearTimeout(timer);
    this.timers.delete(id);
  }

  /** Cancels whatever is still pending (an agent left running when its run ended). */
  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
