import { describe, expect, it } from 'vitest';
import {
  HID_MOD_LEFT_ALT,
  HID_MOD_RIGHT_ALT,
  HID_USAGE_V,
  HidAltVDetector,
  parseBootReport,
} from '../../../../hal/backends/keyboard/hid-report.ts';

const LEFT_SHIFT = 0x02;
const USAGE_A = 0x04;
const report = (modifiers: number, ...keys: number[]): Uint8Array => {
  const bytes = new Uint8Array(8);
  bytes[0] = modifiers;
  bytes.set(keys.slice(0, 6), 2);
  return bytes;
};

describe('parseBootReport', () => {
  it('reads modifiers from byte 0 and usages from bytes 2–7', () => {
    expect(parseBootReport(report(HID_MOD_LEFT_ALT | LEFT_SHIFT, USAGE_A, HID_USAGE_V))).toEqual({
      modifiers: HID_MOD_LEFT_ALT | LEFT_SHIFT,
      keys: [USAGE_A, HID_USAGE_V],
    });
  });

  it('ignores byte 1 and bytes past the 8th', () => {
    const bytes = Uint8Array.from([0, HID_USAGE_V, 0, 0, 0, 0, 0, 0, HID_USAGE_V]);
    expect(parseBootReport(bytes)).toEqual({ modifiers: 0, keys: [] });
  });

  it('returns null for a phantom-state report and for one too short to hold a key', () => {
    expect(parseBootReport(report(0, 1, 1, 1, 1, 1, 1))).toBeNull();
    expect(parseBootReport(Uint8Array.from([HID_MOD_LEFT_ALT, 0]))).toBeNull();
  });

  it('reads a short report as far as it goes', () => {
    expect(parseBootReport(Uint8Array.from([HID_MOD_RIGHT_ALT, 0, HID_USAGE_V]))).toEqual({
      modifiers: HID_MOD_RIGHT_ALT,
      keys: [HID_USAGE_V],
    });
  });
});

describe('HidAltVDetector', () => {
  const fired = (...reports: Uint8Array[]): boolean[] => {
    const detector = new HidAltVDetector();
    return reports.map((r) => detector.push(r));
  };

  it('fires on the report where V goes down with left or right Alt held', () => {
    expect(fired(report(HID_MOD_LEFT_ALT), report(HID_MOD_LEFT_ALT, HID_USAGE_V))).toEqual([false, true]);
    expect(fired(report(HID_MOD_RIGHT_ALT, HID_USAGE_V))).toEqual([true]);
  });

  it('does not fire again while V stays down, even as other keys come and go', () => {
    expect(
      fired(
        report(HID_MOD_LEFT_ALT, HID_USAGE_V),
        report(HID_MOD_LEFT_ALT, HID_USAGE_V),
        report(HID_MOD_LEFT_ALT, HID_USAGE_V, USAGE_A),
        report(HID_MOD_LEFT_ALT, USAGE_A, HID_USAGE_V),
      ),
    ).toEqual([true, false, false, false]);
  });

  it('fires again after V is released and pressed again', () => {
    expect(
      fired(
        report(HID_MOD_LEFT_ALT, HID_USAGE_V),
        report(HID_MOD_LEFT_ALT),
        report(HID_MOD_LEFT_ALT, HID_USAGE_V),
      ),
    ).toEqual([true, false, true]);
  });

  it('does not fire for V without Alt, or when Alt comes after V', () => {
    expect(fired(report(0, HID_USAGE_V))).toEqual([false]);
    expect(
      fired(report(LEFT_SHIFT, HID_USAGE_V), report(HID_MOD_LEFT_ALT | LEFT_SHIFT, HID_USAGE_V)),
    ).toEqual([false, false]);
  });

  it('lets a phantom report change nothing', () => {
    expect(
      fired(
        report(HID_MOD_LEFT_ALT, HID_USAGE_V),
        report(0, 1, 1, 1, 1, 1, 1),
        report(HID_MOD_LEFT_ALT, HID_USAGE_V),
      ),
    ).toEqual([true, false, false]);
  });
});
