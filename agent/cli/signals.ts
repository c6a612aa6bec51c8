// How `agent run` with a UI waits to be stopped: the first SIGINT or SIGTERM, and what happens to the
// ones after it.

/**
 * Resolves on the first SIGINT or SIGTERM. Later ones are only reported: the first starts a graceful
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
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
