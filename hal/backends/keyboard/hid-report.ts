// HID boot-protocol keyboard reports (DESIGN §3 Alt+V sources). Pure: never throws on any input.
// Byte 0: modifier bits; byte 1: reserved; bytes 2–7: usage IDs of the keys down.

export const HID_MOD_LEFT_ALT = 0x04;
export const HID_MOD_RIGHT_ALT = 0x40;
export const HID_USAGE_V = 0x19;
/** Usage in every slot when too many keys are down ("phantom state"): the report says nothing. */
export const HID_ERROR_ROLLOVER = 0x01;

export interface BootKeyboardReport {
  modifiers: number;
  /** Usage IDs of the keys down (reserved/error usages 0–3 removed). */
  keys: number[];
}

/**
 * Parses a boot report; null when it is too short to hold a key slot or is a phantom-state report.
 * Bytes past the 8th (vendor extensions) are ignored.
 */
export function parseBootReport(report: Uint8Array): BootKeyboardReport | null {
  if (report.length < 3) return null;
  const slots = Array.from(report.subarray(2, 8));
  if (slots.includes(HID_ERROR_ROLLOVER)) return null;
  return { modifiers: report[0] ?? 0, keys: slots.filter((usage) => usage > 3) };
}

export function altHeld(report: BootKeyboardReport): boolean {
  return (report.modifiers & (HID_MOD_LEFT_ALT | HID_MOD_RIGHT_ALT)) !== 0;
}

/** Fires once per V press with Alt held: on the report where V appears, not while it stays down. */
export class HidAltVDetector {
  private vDown = false;

  /** True when this report completes an Alt+V. Unparseable and phantom reports change nothing. */
  push(raw: Uint8Array): boolean {
    const report = parseBootReport(raw);
    if (!report) return false;
    const vDown = report.keys.includes(HID_USAGE_V);
    const fired = vDown && !this.vDown && altHeld(report);
    this.vDown = vDown;
    return fired;
  }
}
