import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createTerminalSource, type TerminalInput } from '../../../../hal/backends/keyboard/terminal.ts';
import type { AltVEvent, TerminalKey } from '../../../../hal/interface.ts';

/** A PassThrough that pretends to be a TTY, recording raw-mode changes. */
function fakeTty(): PassThrough & TerminalInput & { modes: boolean[] } {
  const modes: boolean[] = [];
  return Object.assign(new PassThrough(), {
    isTTY: true,
    isRaw: false,
    modes,
    setRawMode(mode: boolean) {
      modes.push(mode);
    },
  });
}

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('terminal keyboard source', () => {
  it('emits ALT_V from the terminal source for ESC v, split or not, and stops when asked', async () => {
    const input = new PassThrough();
    const source = createTerminalSource({ input });
    expect(source.name).toBe('terminal');
    expect(await source.availability()).toEqual({ available: true });
    const events: AltVEvent[] = [];
    const stop = await source.start((e) => events.push(e));
    input.write('a\x1b');
    input.write('v');
    input.write('\x1bq');
    await turn();
    expect(events).toEqual([{ type: 'ALT_V', source: 'terminal' }]);
    await stop();
    input.write('\x1bv');
    await turn();
    expect(events).toHaveLength(1);
  });

  it('puts a TTY in raw mode while listening and restores it', async () => {
    const input = fakeTty();
    const stop = await createTerminalSource({ input, onInterrupt: () => undefined }).start(() => undefined);
    expect(input.modes).toEqual([true]);
    await stop();
    expect(input.modes).toEqual([true, false]);
  });

  it('forwards Ctrl+C while it holds the terminal raw', async () => {
    const input = fakeTty();
    let interrupts = 0;
    const stop = await createTerminalSource({ input, onInterrupt: () => interrupts++ }).start(
      () => undefined,
    );
    input.write('\x03');
    await turn();
    expect(interrupts).toBe(1);
    await stop();
  });

  it('forwards every other key to onKey listeners, never Alt+V, and nothing once stopped', async () => {
    const input = new PassThrough();
    const source = createTerminalSource({ input, onInterrupt: () => undefined });
    const keys: TerminalKey[] = [];
    const events: AltVEvent[] = [];
    const off = source.onKey((key) => keys.push(key));
    const stop = await source.start((e) => events.push(e));
    input.write('\x1bvx\r');
    input.write('\x1b');
    await turn();
    expect(events).toHaveLength(1);
    expect(keys).toEqual([{ kind: 'char', char: 'x' }, { kind: 'enter' }, { kind: 'escape' }]);
    off();
    input.write('y');
    await turn();
    expect(keys).toHaveLength(3);
    await stop();
  });

  it('is unavailable on a standard input that is not a terminal, unless given one explicitly', async () => {
    const stdinIsTty = process.stdin.isTTY === true;
    const implicit = await createTerminalSource().availability();
    if (stdinIsTty) expect(implicit).toEqual({ available: true });
    else expect(implicit).toEqual({ available: false, reason: 'standard input is not a terminal' });
    expect(await createTerminalSource({ input: new PassThrough() }).availability()).toEqual({
      available: true,
    });
  });
});
