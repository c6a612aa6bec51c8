// The first SIGINT/SIGTERM starts the graceful stop; a second one (a pty wrapper forwarding SIGTERM
// after the group's SIGINT, an impatient Ctrl-C) must still be handled, not fall to Node's default
// action, which would exit before the state file is written.

import { afterEach, describe, expect, it } from 'vitest';
import { untilSignal } from '../../../agent/cli/signals.ts';

const baseline = { SIGINT: process.listenerCount('SIGINT'), SIGTERM: process.listenerCount('SIGTERM') };

afterEach(() => {
  // Remove only the listeners this test added, by identity (vitest has its own).
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(signal).slice(baseline[signal])) {
      process.off(signal, listener);
    }
  }
});

describe('untilSignal', () => {
  it('resolves with the first signal and reports, without resolving again, the ones after it', async () => {
    const repeats: NodeJS.Signals[] = [];
    const stopped = untilSignal((signal) => repeats.push(signal));
    process.emit('SIGINT', 'SIGINT'); // as Node calls a signal listener: with the signal's name
    await expect(stopped).resolves.toBe('SIGINT');
    process.emit('SIGTERM', 'SIGTERM');
    process.emit('SIGINT', 'SIGINT');
    expect(repeats).toEqual(['SIGTERM', 'SIGINT']);
    // Still handled: Node's default action (exit at once) applies only to a signal with no listener.
    expect(process.listenerCount('SIGTERM')).toBe(baseline.SIGTERM + 1);
    expect(process.listenerCount('SIGINT')).toBe(baseline.SIGINT + 1);
  });
});
