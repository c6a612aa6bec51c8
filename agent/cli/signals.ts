// How `agent run` with a UI waits to be stopped: the first SIGINT, SIGTERM or SIGHUP, and what
// happens to the ones after it.

/** The signals that stop `agent run` gracefully. SIGHUP is the terminal or serial console going away
 * (a pty wrapper exiting, a technician's cable pulled): the state file must still be written. */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Resolves on the first stop signal. Later ones are only reported: the first starts a graceful
 * stop that waits for the state file, and a second signal must not cut that write short. Both often
 * come together (a pty wrapper such as `script` forwards a SIGTERM after the group's SIGINT), and
 * Node's default action for an unhandled one is to exit at once.
 */
export function untilSignal(onRepeat: (signal: NodeJS.Signals) => void): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    let first = true;
    const stop = (signal: NodeJS.Signals) => {
      if (!first) {
        onRepeat(signal);
        return;
      }
      first = false;
      resolve(signal);
    };
    for (const signal of STOP_SIGNALS) process.on(signal, stop);
  });
}
