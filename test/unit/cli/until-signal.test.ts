// The first SIGINT/SIGTERM/SIGHUP starts the graceful stop; a second one (a pty wrapper forwarding
// SIGTERM after the group's SIGINT, the pty hanging up when the wrapper exits, an impatient Ctrl-C)
// must still be handled, not fall to Node's default action, which would exit before the state file
// is written.

import { afterEach, describe, expect, it } from 'vitest';
import { untilSignal } from '../../../agent/cli/signals.ts';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
const baseline = Object.fromEntries(SIGNALS.map((s) => [s, process.listenerCount(s)])) as Record<
  (typeof SIGNALS)[number],
  number
>;

afterEach(() => {
  // Remove only the listeners this test added, by identity (vitest has its own).
  for (const signal of SIGNALS) {
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
    process.emit('SIGHUP', 'SIGHUP');
    process.emit('SIGINT', 'SIGINT');
    expect(repeats).toEqual(['SIGTERM', 'SIGHUP', 'SIGINT']);
    // Still handled: Node's default action (exit at once) applies only to a signal with no listener.
    for (const signal of SIGNALS) expect(process.listenerCount(signal)).toBe(baseline[signal] + 1);
  });

  it('stops on a hang-up: the console going away still lets the state file be written', async () => {
    const stopped = untilSignal(() => undefined);
    process.emit('SIGHUP', 'SIGHUP');
    await expect(stopped).resolves.toBe('SIGHUP');
  });
});
