import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type LineEvent, LineParser } from '../../../../hal/backends/smart-rs232/line-parser.ts';

const anyBytes = fc.uint8Array({ maxLength: 512 });
// Bytes weighted towards the ones the parser cares about.
const protocolByte = fc.oneof(
  fc.constantFrom(0x0d, 0x0a, 0x3e, 0x23, 0x3d),
  fc.integer({ min: 0, max: 255 }),
);
const protocolBytes = fc.array(protocolByte, { maxLength: 512 }).map((a) => Uint8Array.from(a));

/** Splits `data` at the given cut points (any order, any duplicates). */
function split(data: Uint8Array, cuts: number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((c) => c % (data.length + 1)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const point of points) {
    chunks.push(data.subarray(from, point));
    from = point;
  }
  chunks.push(data.subarray(from));
  return chunks;
}

describe('LineParser properties', () => {
  it('never throws, whatever the bytes and chunking', () => {
    fc.assert(
      fc.property(fc.array(anyBytes, { maxLength: 20 }), fc.boolean(), (chunks, anywhere) => {
        const parser = new LineParser({ maxLineLength: 64, promptAnywhere: anywhere });
        for (const chunk of chunks) parser.push(chunk);
      }),
    );
  });

  it('keeps the buffer and every line within the cap', () => {
    fc.assert(
      fc.property(
        fc.array(protocolBytes, { maxLength: 20 }),
        fc.integer({ min: 1, max: 100 }),
        (chunks, cap) => {
          const parser = new LineParser({ maxLineLength: cap });
          for (const chunk of chunks) {
            for (const event of parser.push(chunk)) {
              if (event.type === 'line') expect(event.text.length).toBeLessThanOrEqual(cap);
            }
            expect(parser.bufferedLength).toBeLessThanOrEqual(cap);
          }
        },
      ),
    );
  });

  it('gives the same events however the stream is chunked', () => {
    fc.assert(
      fc.property(protocolBytes, fc.array(fc.nat(), { maxLength: 10 }), (data, cuts) => {
        const whole: LineEvent[] = new LineParser({ maxLineLength: 32 }).push(data);
        const parser = new LineParser({ maxLineLength: 32 });
        const pieces = split(data, cuts).flatMap((chunk) => parser.push(chunk));
        expect(pieces).toEqual(whole);
      }),
    );
  });

  it('round-trips lines without CR, LF or a leading >', () => {
    const text = fc.string({ maxLength: 40 }).filter((s) => !/[\r\n]/.test(s) && !s.startsWith('>'));
    fc.assert(
      fc.property(fc.array(text, { maxLength: 10 }), fc.constantFrom('\r\n', '\n', '\r'), (lines, eol) => {
        const input = Buffer.from(lines.map((l) => `${l}${eol}`).join(''), 'latin1');
        const events = new LineParser({ maxLineLength: 64 }).push(input);
        expect(events).toEqual(lines.map((l) => ({ type: 'line', text: l, truncated: false })));
      }),
    );
  });
});
