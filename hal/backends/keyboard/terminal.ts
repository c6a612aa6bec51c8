// Alt+V from a terminal: a terminal sends Alt+V as ESC `v`. Reads any Readable; on a TTY it switches
// to raw mode while listening (otherwise the keys only arrive after Enter) and restores it on stop.
// The other keys (Enter, Esc, characters…) go to `onKey` listeners: the text UI reads the terminal
// through this source, so one parser (terminal-keys.ts) and one reader own the terminal.

import type { Readable } from 'node:stream';
import type { AltVEvent, Availability, TerminalKey, TerminalKeyboardSource } from '../../interface.ts';
import { KeyboardSourceError } from './errors.ts';
import { TerminalKeyParser } from './terminal-keys.ts';

/** A Readable that may be a TTY (process.stdin, tty.ReadStream). */
export type TerminalInput = Readable & {
  isTTY?: boolean;
  isRaw?: boolean;
  setRawMode?: (mode: boolean) => unknown;
};

export interface TerminalSourceOptions {
  /** Default: process.stdin, used only when it is a TTY. Given explicitly, it is used whatever it is. */
  input?: TerminalInput;
  /**
   * Called for Ctrl+C / Ctrl+D read from the input (in raw mode the kernel no longer turns Ctrl+C
   * into SIGINT). Default: raise SIGINT on this process, as the terminal would have.
   */
  onInterrupt?: () => void;
}

export function createTerminalSource(options: TerminalSourceOptions = {}): TerminalKeyboardSource {
  const explicit = options.input !== undefined;
  // process.stdin is created on first access: touch it only when the terminal is actually used.
  const terminal = (): TerminalInput => options.input ?? process.stdin;
  const onInterrupt = options.onInterrupt ?? (() => process.kill(process.pid, 'SIGINT'));
  const listeners = new Set<(key: TerminalKey) => void>();

  const availability = async (): Promise<Availability> =>
    explicit || terminal().isTTY === true
      ? { available: true }
      : { available: false, reason: 'standard input is not a terminal' };

  return {
    name: 'terminal',
    availability,

    onKey(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },

    async start(onAltV: (event: AltVEvent) => void): Promise<() => Promise<void>> {
      const state = await availability();
      if (!state.available) throw new KeyboardSourceError('terminal', 'unavailable', state.reason);
      const input = terminal();

      const raw = input.isTTY === true && typeof input.setRawMode === 'function' && input.isRaw !== true;
      if (raw) input.setRawMode?.(true);
      const wasFlowing = input.readableFlowing === true;
      const parser = new TerminalKeyParser();
      const onData = (chunk: Buffer | string): void => {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
        for (const key of parser.push(bytes)) {
          if (key.kind === 'alt-v') onAltV({ type: 'ALT_V', source: 'terminal' });
          else if (key.kind === 'interrupt') onInterrupt();
          else for (const listener of [...listeners]) listener(key);
        }
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
