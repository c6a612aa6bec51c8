import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TerminalKeyParser } from '../../../agent/ui/terminal/keys.ts';

const bytes = (s: string) => Buffer.from(s, 'latin1');

describe('terminal keys', () => {
  it('reads ESC v as Alt+V, also split across chunks, and a lone ESC as Esc', () => {
    expect(new TerminalKeyParser().push(bytes('\x1bv'))).toEqual([{ kind: 'alt-v' }]);
    const split = new TerminalKeyParser();
    expect(split.push(bytes('a\x1b'))).toEqual([{ kind: 'char', char: 'a' }]);
    expect(split.push(bytes('v'))).toEqual([{ kind: 'alt-v' }]);
    expect(new TerminalKeyParser().push(bytes('\x1b'))).toEqual([{ kind: 'escape' }]);
  });

  it('skips arrow keys whole, and maps Enter, Backspace, Ctrl+C', () => {
    expect(new TerminalKeyParser().push(bytes('\x1b[A\x1b[1;5Cx\r\x7f\x03'))).toEqual([
      { kind: 'char', char: 'x' },
      { kind: 'enter' },
      { kind: 'backspace' },
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
