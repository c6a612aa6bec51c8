import { describe, expect, it } from 'vitest';
import {
  decodeInputEvent,
  EV_KEY,
  EV_SYN,
  EvdevAltVDecoder,
  encodeInputEvent,
  INPUT_EVENT_SIZE,
  InputEventParser,
  KEY_LEFTALT,
  KEY_RIGHTALT,
  KEY_V,
  SYN_DROPPED,
} from '../../../../hal/backends/keyboard/evdev-parser.ts';

const key = (code: number, value: number): Buffer => encodeInputEvent({ type: EV_KEY, code, value });
const syn = (code = 0): Buffer => encodeInputEvent({ type: EV_SYN, code, value: 0 });
const stream = (...events: Buffer[]): Buffer => Buffer.concat(events);

describe('input_event decoding', () => {
  it('reads the 64-bit little-endian layout', () => {
    const bytes = Buffer.from(
      '00e1f50500000000' + // tv_sec 100000000
        '40420f0000000000' + // tv_usec 1000000
        '0100' + // type EV_KEY
        '2f00' + // code 47
        'feffffff', // value -2
      'hex',
    );
    expect(bytes).toHaveLength(INPUT_EVENT_SIZE);
    expect(decodeInputEvent(bytes)).toEqual({
      seconds: 100_000_000,
      microseconds: 1_000_000,
      type: 1,
      code: 47,
      value: -2,
    });
  });

  it('round-trips through encodeInputEvent', () => {
    const event = { seconds: 1_700_000_000, microseconds: 123_456, type: EV_KEY, code: KEY_V, value: 2 };
    expect(decodeInputEvent(encodeInputEvent(event))).toEqual(event);
  });

  it('reassembles events split at every possible byte boundary', () => {
    const bytes = stream(key(KEY_LEFTALT, 1), key(KEY_V, 1), syn());
    for (let cut = 0; cut <= bytes.length; cut++) {
      const parser = new InputEventParser();
      const events = [...parser.push(bytes.subarray(0, cut)), ...parser.push(bytes.subarray(cut))];
      expect(events.map((e) => e.code)).toEqual([KEY_LEFTALT, KEY_V, 0]);
      expect(parser.pendingBytes).toBe(0);
    }
  });

  it('holds back a partial event byte by byte', () => {
    const parser = new InputEventParser();
    const bytes = key(KEY_V, 1);
    for (let i = 0; i < INPUT_EVENT_SIZE - 1; i++) {
      expect(parser.push(bytes.subarray(i, i + 1))).toEqual([]);
      expect(parser.pendingBytes).toBe(i + 1);
    }
    expect(parser.push(bytes.subarray(INPUT_EVENT_SIZE - 1))).toHaveLength(1);
  });
});

describe('Alt+V from evdev key events', () => {
  const presses = (...events: Buffer[]): number => new EvdevAltVDecoder().push(stream(...events));

  it('fires for V pressed while left or right Alt is held', () => {
    expect(presses(key(KEY_LEFTALT, 1), key(KEY_V, 1))).toBe(1);
    expect(presses(key(KEY_RIGHTALT, 1), key(KEY_V, 1))).toBe(1);
  });

  it('does not fire for V alone, or after Alt was released', () => {
    expect(presses(key(KEY_V, 1))).toBe(0);
    expect(presses(key(KEY_LEFTALT, 1), key(KEY_LEFTALT, 0), key(KEY_V, 1))).toBe(0);
  });

  it('does not fire again on auto-repeat, but does on the next press', () => {
    expect(presses(key(KEY_LEFTALT, 1), key(KEY_V, 1), key(KEY_V, 2), key(KEY_V, 2), key(KEY_V, 0))).toBe(1);
    expect(presses(key(KEY_LEFTALT, 1), key(KEY_V, 1), key(KEY_V, 0), key(KEY_V, 1))).toBe(2);
  });

  it('counts Alt held through auto-repeat of Alt itself', () => {
    expect(presses(key(KEY_LEFTALT, 1), key(KEY_LEFTALT, 2), key(KEY_V, 1))).toBe(1);
  });

  it('keeps Alt held while the other Alt is still down', () => {
    expect(presses(key(KEY_LEFTALT, 1), key(KEY_RIGHTALT, 1), key(KEY_LEFTALT, 0), key(KEY_V, 1))).toBe(1);
  });

  it('ignores V pressed before Alt', () => {
    expect(presses(key(KEY_V, 1), key(KEY_LEFTALT, 1))).toBe(0);
  });

  it('ignores code 47 in events that are not EV_KEY', () => {
    expect(presses(key(KEY_LEFTALT, 1), encodeInputEvent({ type: 4, code: KEY_V, value: 1 }))).toBe(0);
  });

  it('forgets held keys when the kernel dropped events (SYN_DROPPED)', () => {
    expect(presses(key(KEY_LEFTALT, 1), syn(SYN_DROPPED), key(KEY_V, 1))).toBe(0);
  });

  it('detects Alt+V whose events arrive split across chunks', () => {
    const decoder = new EvdevAltVDecoder();
    const bytes = stream(key(KEY_LEFTALT, 1), syn(), key(KEY_V, 1), syn());
    let total = 0;
    for (let i = 0; i < bytes.length; i += 7) total += decoder.push(bytes.subarray(i, i + 7));
    expect(total).toBe(1);
  });
});
