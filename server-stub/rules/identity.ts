// The stub's light version of DESIGN §4's identity rules, applied to what partners upload. The stub
// does not import the agent's catalog (import rules): it checks the shape of each certified device ID
// for its kind and stores the model string as given.

import { DEVICE_ID_PATTERN } from '../../protocol/dm.ts';

export const ID_KINDS = [
  'serial-number',
  'service-tag',
  'asus-certified-id',
  'lenovo-1s-mtm-serial',
  'lenovo-1s-origin-mac',
  'smart-serial',
] as const;
export type IdKind = (typeof ID_KINDS)[number];

export function isIdKind(v: string): v is IdKind {
  return (ID_KINDS as readonly string[]).includes(v);
}

export type IdentityErrorCode =
  | 'INVALID_ID_KIND'
  | 'INVALID_DEVICE_ID'
  | 'INVALID_SERIAL_NUMBER'
  | 'SERIAL_INCOMPLETE'
  | 'IDENTITY_MISMATCH';

export interface IdentityProblem {
  code: IdentityErrorCode;
  message: string;
}

/** Placeholder values that mean "no value" (systemd hwdb list, DESIGN §3). */
const PLACEHOLDERS = new Set(
  [
    'default string',
    'n/a',
    'o.e.m.',
    'oem',
    'system manufacturer',
    'system product name',
    'system name',
    'to be filled by o.e.m.',
  ].map((s) => s.replace(/\s+/g, '')),
);

/** A usable serial number: 1–64 printable ASCII without space, not a placeholder, not one repeated character. */
export function isValidSerial(serial: string): boolean {
  if (!DEVICE_ID_PATTERN.test(serial)) return false;
  if (PLACEHOLDERS.has(serial.toLowerCase())) return false;
  return !(serial.length > 1 && [...serial].every((c) => c === serial[0]));
}

/** Seed 000, footnote 2: only 15-character Samsung serials can be pre-provisioned (14, 13, 16… cannot). */
export const SAMSUNG_SERIAL_LENGTH = 15;

const same = (a: string, b: string): boolean => a.toUpperCase() === b.toUpperCase();

export interface UploadedIdentity {
  device_id: string;
  id_kind: string;
  serial_number: string;
  manufacturer: string;
}

/** Null when the uploaded identity is consistent with its kind. */
export function checkIdentity(d: UploadedIdentity): IdentityProblem | null {
  if (!isIdKind(d.id_kind)) {
    return { code: 'INVALID_ID_KIND', message: `id_kind must be one of ${ID_KINDS.join(', ')}` };
  }
  if (!DEVICE_ID_PATTERN.test(d.device_id)) {
    return {
      code: 'INVALID_DEVICE_ID',
      message: 'device_id must be 1-64 printable ASCII characters without space',
    };
  }
  if (!isValidSerial(d.serial_number)) {
    return { code: 'INVALID_SERIAL_NUMBER', message: 'serial_number is not a usable serial number' };
  }
  if (/samsung/i.test(d.manufacturer) && d.serial_number.length !== SAMSUNG_SERIAL_LENGTH) {
    return {
      code: 'SERIAL_INCOMPLETE',
      message: `serial_number has ${d.serial_number.length} characters: a Samsung device needs exactly ${SAMSUNG_SERIAL_LENGTH} for zero-touch enrollment (seed 000, footnote 2)`,
    };
  }
  switch (d.id_kind) {
    case 'serial-number':
    case 'smart-serial':
      return same(d.device_id, d.serial_number)
        ? null
        : {
            code: 'IDENTITY_MISMATCH',
            message: `device_id must be the serial number for id_kind ${d.id_kind}`,
          };
    case 'service-tag':
      if (!/^([A-Za-z0-9]{5}|[A-Za-z0-9]{7})$/.test(d.device_id)) {
        return { code: 'INVALID_DEVICE_ID', message: 'a Dell service tag is 7 (or 5) letters and digits' };
      }
      return same(d.device_id, d.serial_number)
        ? null
        : { code: 'IDENTITY_MISMATCH', message: 'device_id must be the service tag given as serial_number' };
    case 'asus-certified-id':
      return null;
    case 'lenovo-1s-mtm-serial':
      return d.device_id.startsWith('1S') &&
        d.device_id.length > 2 + d.serial_number.length &&
        same(d.device_id.slice(-d.serial_number.length), d.serial_number)
        ? null
        : { code: 'IDENTITY_MISMATCH', message: 'device_id must be "1S" + MTM + serial_number' };
    case 'lenovo-1s-origin-mac':
      return /^1S(C1KS|C1VM)[0-9A-F]{12}$/.test(d.device_id)
        ? null
        : {
            code: 'INVALID_DEVICE_ID',
            message: 'device_id must be "1S" + C1KS or C1VM + the Ethernet MAC as 12 upper-case hex digits',
          };
  }
}

/** Org unit paths: `/` or `/A/B` (no empty segment, no trailing slash). */
export const ORG_UNIT_PATTERN = '^/(?:[^/\\u0000-\\u001f]{1,64}(?:/[^/\\u0000-\\u001f]{1,64}){0,15})?$';
export const ORG_UNIT_REGEX = new RegExp(ORG_UNIT_PATTERN, 'u');
