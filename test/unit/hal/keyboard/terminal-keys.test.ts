// The one parser of terminal keys (hal/backends/keyboard/terminal-keys.ts): the terminal keyboard
// source and, through it, the text UI read keys with it.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countAltV, TerminalKeyParser } from '../../../../hal/backends/keyboard/terminal-keys.ts';

const bytes = (s: string) => Buffer.from(s, 'latin1');
const altVs = (...chunks: string[]): number => {
  const parser = new TerminalKeyParser();
  return chunks.reduce((n, chunk) => n + countAltV(parser, bytes(chunk)), 0);
};

describe('terminal keys', () => {
  it('reads ESC v as Alt+V, also when the ESC ends a longer chunk, and a lone ESC as Esc', () => {
    expect(new TerminalKeyParser().push(bytes('\x1bv'))).toEqual([{ kind: 'alt-v' }]);
    const split = new TerminalKeyParser();
    expect(split.push(bytes('a\x1b'))).toEqual([{ kind: 'char', char: 'a' }]);
    expect(split.push(bytes('v'))).toEqual([{ kind: 'alt-v' }]);
    expect(new TerminalKeyParser().push(bytes('\x1b'))).toEqual([{ kind: 'escape' }]);
  });

  it('counts every ESC v, and ignores ESC + another key, a plain v and CSI sequences', () => {
    expect(altVs('ab\x1bvcd\x1bv')).toBe(2);
    expect(altVs('\x1bx', 'v')).toBe(0);
    expect(altVs('\x1bV')).toBe(0);
    expect(altVs('v')).toBe(0);
    expect(altVs('\x1b[A\x1b[1;3v')).toBe(0);
    expect(altVs('\x1b\x1bv')).toBe(1);
  });

  it('skips arrow keys whole, and maps Enter, Backspace, Ctrl+C, Ctrl+D', () => {
    expect(new TerminalKeyParser().push(bytes('\x1b[A\x1b[1;5Cx\r\x7f\x03\x04'))).toEqual([
      { kind: 'char', char: 'x' },
      { kind: 'enter' },
      { kind: 'backspace' },
      { kind: 'interrupt' },
      { kind: 'interrupt' },
    ]);
  });

  it('ESC followed by another key is Esc, then that key', () => {
    expect(new TerminalKeyParser().push(bytes('\x1bq'))).toEqual([
      { kind: 'escape' },
      { kind: 'char', char: 'q' },
    ]);
  });

  it('never throws and only yields printable characters, for any bytes', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 8 }), (chunks) => {
        const parser = new TerminalKeyParser();
        for (const chunk of chunks) {
          for (const key of parser.push(chunk)) {
            if (key.kind === 'char') expect(key.char).toMatch(/^[\x20-\x7e]$/);
          }
        }
      }),
    );
  });
});
