import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  EvdevAltVDecoder,
  INPUT_EVENT_SIZE,
  InputEventParser,
} from '../../../../hal/backends/keyboard/evdev-parser.ts';
import { HidAltVDetector, parseBootReport } from '../../../../hal/backends/keyboard/hid-report.ts';
import { countAltV, TerminalKeyParser } from '../../../../hal/backends/keyboard/terminal-keys.ts';

const chunks = fc.array(fc.uint8Array({ maxLength: 200 }), { maxLength: 20 });

describe('keyboard parsers never crash', () => {
  it('evdev: any bytes, any chunking; at most one partial event held back', () => {
    fc.assert(
      fc.property(chunks, (input) => {
        const parser = new InputEventParser();
        const decoder = new EvdevAltVDecoder();
        let total = 0;
        for (const chunk of input) {
          parser.push(chunk);
          decoder.push(chunk);
          total += chunk.length;
          expect(parser.pendingBytes).toBe(total % INPUT_EVENT_SIZE);
        }
      }),
    );
  });

  it('HID: any report bytes', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 30 }), (reports) => {
        const detector = new HidAltVDetector();
        for (const r of reports) {
          const parsed = parseBootReport(r);
          if (parsed) expect(parsed.keys.length).toBeLessThanOrEqual(6);
          detector.push(r);
        }
      }),
    );
  });

  it('terminal: ESC v counts do not depend on chunking (but a chunk that is one ESC is the Esc key)', () => {
    const bytes = fc.array(fc.constantFrom(0x1b, 0x76, 0x5b, 0x41, 0x00), { maxLength: 200 });
    fc.assert(
      fc.property(bytes, fc.nat({ max: 200 }), (data, cut) => {
        const all = Uint8Array.from(data);
        const at = cut % (all.length + 1);
        const first = all.subarray(0, at);
        const loneEsc = (chunk: Uint8Array) => chunk.length === 1 && chunk[0] === 0x1b;
        fc.pre(!loneEsc(first) && !loneEsc(all));
        const whole = countAltV(new TerminalKeyParser(), all);
        const split = new TerminalKeyParser();
        expect(countAltV(split, first) + countAltV(split, all.subarray(at))).toBe(whole);
      }),
    );
  });
});
