import type { FieldReading, IdentitySnapshot, NetworkInterfaceInfo } from '../../hal/interface.ts';

/** A usable value and the backend that supplied it. */
export interface Sourced {
  value: string;
  source: string;
}

/** The reading's value with its source, or null when the field has no usable value. */
export function sourced(reading: FieldReading): Sourced | null {
  return reading.value === null ? null : { value: reading.value, source: reading.source };
}

/**
 * True when a value was supplied but rejected as malformed (as opposed to absent or a placeholder):
 * the device does have an identifier, it just is not a valid one.
 */
export function isMalformed(reading: FieldReading): boolean {
  return reading.problem === 'non-printable' || reading.problem === 'too-large';
}

/** The first reading that has a value, in priority order. */
export function firstSourced(...readings: FieldReading[]): Sourced | null {
  for (const r of readings) {
    const s = sourced(r);
    if (s) return s;
  }
  return null;
}

/** DESIGN §3: "Ethernet" = non-virtual, non-wireless, ARPHRD type 1. Sorted by interface name. */
export function ethernetInterfaces(snapshot: IdentitySnapshot): NetworkInterfaceInfo[] {
  return snapshot.network
    .filter((i) => !i.virtual && !i.wireless && i.type === 1)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** MAC as 12 upper-case hex digits, separators removed; null unless it is exactly 12 hex digits. */
export function compactMac(mac: string): string | null {
  const hex = mac.replace(/[:\-.\s]/g, '').toUpperCase();
  return /^[0-9A-F]{12}$/.test(hex) ? hex : null;
}

/** DESIGN §5: device IDs are 1–64 printable ASCII characters, no space. */
export function isValidDeviceId(value: string): boolean {
  return /^[\x21-\x7E]{1,64}$/.test(value);
}
