import { describe, expect, it } from 'vitest';
import { type LineEvent, LineParser } from '../../../../hal/backends/smart-rs232/line-parser.ts';

const bytes = (text: string): Buffer => Buffer.from(text, 'latin1');
const line = (text: string, truncated = false): LineEvent => ({ type: 'line', text, truncated });
const PROMPT: LineEvent = { type: 'prompt' };

function feed(parser: LineParser, ...chunks: string[]): LineEvent[] {
  return chunks.flatMap((chunk) => parser.push(bytes(chunk)));
}

describe('LineParser: line endings', () => {
  it.each([
    ['CRLF', 'a=1\r\nb=2\r\n'],
    ['LF', 'a=1\nb=2\n'],
    ['CR', 'a=1\rb=2\r'],
  ])('splits %s-terminated lines', (_name, input) => {
    expect(feed(new LineParser(), input)).toEqual([line('a=1'), line('b=2')]);
  });

  it('counts a CRLF split across chunks once', () => {
    expect(feed(new LineParser(), 'a=1\r', '\nb=2\r', '\n')).toEqual([line('a=1'), line('b=2')]);
  });

  it('keeps an unterminated line until its end arrives', () => {
    const parser = new LineParser();
    expect(feed(parser, 'serial', 'num=')).toEqual([]);
    expect(parser.bufferedLength).toBe(10);
    expect(feed(parser, 'X1\r\n')).toEqual([line('serialnum=X1')]);
    expect(parser.bufferedLength).toBe(0);
  });

  it('reports empty lines (CR CR, LF LF) as empty text', () => {
    expect(feed(new LineParser(), '\r\r\n\n')).toEqual([line(''), line(''), line('')]);
  });

  it('decodes bytes as latin1 so garbage never fails', () => {
    const parser = new LineParser();
    expect(parser.push(Buffer.from([0xff, 0x00, 0xe9, 0x0a]))).toEqual([line('\u00ff\u0000\u00e9')]);
  });
});

describe('LineParser: prompts', () => {
  it('treats > at the start of a line as the prompt', () => {
    expect(feed(new LineParser(), 'serialnum=X\r\n>')).toEqual([line('serialnum=X'), PROMPT]);
  });

  it('treats > inside a line as text', () => {
    expect(feed(new LineParser(), 'a>b\r\n')).toEqual([line('a>b')]);
  });

  it('reads the next reply following a prompt on the same line', () => {
    expect(feed(new LineParser(), '>', 'modelnum=Y\r\n>')).toEqual([PROMPT, line('modelnum=Y'), PROMPT]);
  });

  it('reads >> as two prompts', () => {
    expect(feed(new LineParser(), '>>')).toEqual([PROMPT, PROMPT]);
  });

  it('in promptAnywhere mode, takes > mid-line as the prompt and drops what came before', () => {
    const parser = new LineParser({ promptAnywhere: true });
    expect(feed(parser, 'boot\r\nscaler init', '>')).toEqual([line('boot'), PROMPT]);
    expect(parser.bufferedLength).toBe(0);
  });

  it('reset drops the pending partial line', () => {
    const parser = new LineParser();
    feed(parser, 'half a li');
    parser.reset();
    expect(feed(parser, 'ne\n')).toEqual([line('ne')]);
  });
});

describe('LineParser: bounded buffer', () => {
  it('truncates a long line to maxLineLength, flags it, and carries on', () => {
    const parser = new LineParser({ maxLineLength: 8 });
    expect(feed(parser, '0123456789', 'abcdef')).toEqual([]);
    expect(parser.bufferedLength).toBe(8);
    expect(feed(parser, '\r\nok=1\r\n')).toEqual([line('01234567', true), line('ok=1')]);
  });

  it('holds no more than the cap while a display spews megabytes without a newline', () => {
    const parser = new LineParser({ maxLineLength: 1024 });
    const megabyte = Buffer.alloc(1024 * 1024, 0x41);
    for (let i = 0; i < 8; i++) {
      expect(parser.push(megabyte)).toEqual([]);
      expect(parser.bufferedLength).toBe(1024);
    }
    const [event] = parser.push(bytes('\n'));
    expect(event).toEqual(line('A'.repeat(1024), true));
  });

  it('falls back to the default cap for a nonsensical one', () => {
    expect(new LineParser({ maxLineLength: 0 }).maxLineLength).toBe(4096);
    expect(new LineParser({ maxLineLength: Number.NaN }).maxLineLength).toBe(4096);
  });
});
