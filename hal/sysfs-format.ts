// How sysfs and procfs spell the attributes the HAL reads, as pure parsers and formatters. The sysfs
// backend parses real file contents with these; the in-memory backend formats its description into
// the very same bytes and parses them with the same functions, so both agree by construction on
// everything except the file I/O, which is what the identity-source contract suite then compares.

import { type NormalizedValue, normalizeValue } from './normalize.ts';

/** Cap on an attribute's raw size for the small net/USB attributes (address, type, operstate, ids). */
export const SMALL_ATTRIBUTE_MAX_LENGTH = 64;

/** Bytes of /proc/cpuinfo looked at to find the first processor's `model name`. */
export const CPUINFO_READ_LIMIT = 64 * 1024;

/** A sysfs text attribute: the value followed by `\n`. Byte arrays are taken as the whole file. */
export function sysfsText(value: string | Uint8Array): Buffer {
  return typeof value === 'string' ? Buffer.from(`${value}\n`, 'utf8') : Buffer.from(value);
}

/** A raw attribute (ChromeOS VPD): the value's bytes, no newline. */
export function rawBytes(value: string | Uint8Array): Buffer {
  return typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(value);
}

/** An `idVendor`/`idProduct` attribute value: four lower-case hex digits. */
export function usbIdText(id: number): string {
  return Number.isInteger(id) && id >= 0 ? id.toString(16).padStart(4, '0') : String(id);
}

/** A /proc/cpuinfo with two logical processors of the given model, shaped like an x86 kernel's. */
export function cpuinfoText(model: string): string {
  const processor = (n: number): string =>
    [
      `processor\t: ${n}`,
      'vendor_id\t: GenuineIntel',
      'cpu family\t: 6',
      `model name\t: ${model}`,
      'stepping\t: 0',
      'flags\t\t: fpu vme de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov',
      '',
    ].join('\n');
  return `${processor(0)}\n${processor(1)}\n`;
}

function small(raw: Uint8Array | null): NormalizedValue {
  return normalizeValue(raw, { maxLength: SMALL_ATTRIBUTE_MAX_LENGTH });
}

/**
 * A MAC from `address`: 6 to 20 hex octets separated by `:` (or `-`), returned lower-case with
 * colons. Absent, malformed or all-zero (loopback, some tunnels) → null.
 */
export function parseMac(raw: Uint8Array | null): string | null {
  const { value } = small(raw);
  if (value === null || !/^[0-9a-f]{2}([:-][0-9a-f]{2}){5,19}$/i.test(value)) return null;
  const mac = value.toLowerCase().replaceAll('-', ':');
  return /^[0:]+$/.test(mac) ? null : mac;
}

/** The ARPHRD number from `type` (1 Ethernet, 772 loopback, …), or null. */
export function parseArphrdType(raw: Uint8Array | null): number | null {
  const { value } = small(raw);
  if (value === null || !/^\d{1,5}$/.test(value)) return null;
  const n = Number.parseInt(value, 10);
  return n <= 0xffff ? n : null;
}

/** `operstate` as the kernel spells it (`up`, `down`, `unknown`, `dormant`, …), or null. */
export function parseOperstate(raw: Uint8Array | null): string | null {
  return small(raw).value;
}

/** A USB `idVendor`/`idProduct`: exactly four hex digits, or null. */
export function parseUsbId(raw: Uint8Array | null): number | null {
  const { value } = small(raw);
  return value !== null && /^[0-9a-f]{4}$/i.test(value) ? Number.parseInt(value, 16) : null;
}

/** A USB string descriptor (`serial`, `product`), normalised like a DMI value; null when unusable. */
export function parseUsbString(raw: Uint8Array | null): string | null {
  return normalizeValue(raw).value;
}

/**
 * The `model name` of the first processor in (the first bytes of) /proc/cpuinfo, normalised.
 * No such line → `missing` (ARM kernels, for instance, don't print one).
 */
export function parseCpuinfoModel(raw: Uint8Array | null): NormalizedValue {
  if (raw === null) return { value: null, problem: 'missing' };
  const text = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('latin1');
  for (const line of text.split('\n')) {
    const match = /^model name[ \t]*:(.*)$/.exec(line);
    if (match) return normalizeValue(Buffer.from(match[1] ?? '', 'latin1'));
  }
  return { value: null, problem: 'missing' };
}

/**
 * Whether a directory entry can be a network interface or USB device name: 1–64 printable ASCII
 * characters, no `/`, not `.` or `..` (Linux interface names are at most 15).
 */
export function isEntryName(name: string): boolean {
  return /^[\x21-\x7E]{1,64}$/.test(name) && !name.includes('/') && name !== '.' && name !== '..';
}

/** Orders interfaces and USB devices by name, by code unit (not locale): `eth0` < `eth1` < `wlan0`. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
