// Alt+V from a terminal: a terminal sends Alt+V as ESC `v`. Reads any Readable; on a TTY it switches
// to raw mode while listening (otherwise the keys only arrive after Enter) and restores it on stop.

import type { Readable } from 'node:stream';
import type { AltVEvent, Availability, KeyboardSource } from '../../interface.ts';
import { KeyboardSourceError } from './errors.ts';
import { CTRL_C, EscVDetector } from './terminal-keys.ts';

/** A Readable that may be a TTY (process.stdin, tty.ReadStream). */
export type TerminalInput = Readable & {
  isTTY?: boolean;
  isRaw?: boolean;
  setRawMode?: (mode: boolean) => unknown;
};

export interface TerminalSourceOptions {
  /** Default: process.stdin. */
  input?: TerminalInput;
  /**
   * Called for Ctrl+C while we hold the terminal in raw mode (raw mode stops the kernel turning it
   * into SIGINT). Default: raise SIGINT on this process, as the terminal would have.
   */
  onInterrupt?: () => void;
}

export function createTerminalSource(options: TerminalSourceOptions = {}): KeyboardSource {
  const explicit = options.input !== undefined;
  const input: TerminalInput = options.input ?? process.stdin;
  const onInterrupt = options.onInterrupt ?? (() => process.kill(process.pid, 'SIGINT'));

  const availability = async (): Promise<Availability> =>
    explicit || input.isTTY === true
      ? { available: true }
      : { available: false, reason: 'standard input is not a terminal' };

  return {
    name: 'terminal',
    availability,

    async start(onAltV: (event: AltVEvent) => void): Promise<() => Promise<void>> {
      const state = await availability();
      if (!state.available) throw new KeyboardSourceError('terminal', 'unavailable', state.reason);

      const raw = input.isTTY === true && typeof input.setRawMode === 'function' && input.isRaw !== true;
      if (raw) input.setRawMode?.(true);
      const wasFlowing = input.readableFlowing === true;
      const detector = new EscVDetector();
      const onData = (chunk: Buffer | string): void => {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
        if (raw && bytes.includes(CTRL_C)) onInterrupt();
        const presses = detector.push(bytes);
        for (let i = 0; i < presses; i++) onAltV({ type: 'ALT_V', source: 'terminal' });
      };
      input.on('data', onData);
      input.resume();

      return async () => {
        input.off('data', onData);
        if (raw) input.setRawMode?.(false);
        if (!wasFlowing) input.pause(); // let the process exit once nobody listens
      };
    },
  };
}
