import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createTerminalSource, type TerminalInput } from '../../../../hal/backends/keyboard/terminal.ts';
import { EscVDetector } from '../../../../hal/backends/keyboard/terminal-keys.ts';
import type { AltVEvent } from '../../../../hal/interface.ts';

const presses = (...chunks: string[]): number => {
  const detector = new EscVDetector();
  return chunks.reduce((n, chunk) => n + detector.push(Buffer.from(chunk, 'latin1')), 0);
};

describe('ESC v detection', () => {
  it('counts ESC v', () => {
    expect(presses('\x1bv')).toBe(1);
    expect(presses('ab\x1bvcd\x1bv')).toBe(2);
  });

  it('handles ESC and v in different chunks', () => {
    expect(presses('abc\x1b', 'v')).toBe(1);
    expect(presses('\x1b', '', 'v')).toBe(1);
  });

  it('ignores ESC followed by other keys, a plain v, and CSI sequences', () => {
    expect(presses('\x1bx', 'v')).toBe(0);
    expect(presses('\x1bV')).toBe(0);
    expect(presses('v')).toBe(0);
    expect(presses('\x1b[A\x1b[1;3v')).toBe(0);
  });

  it('lets a second ESC start a new sequence', () => {
    expect(presses('\x1b\x1bv')).toBe(1);
  });
});

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
    input.write('\x1b');
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
});
