// How each certified-ID kind of DESIGN §4 derives the ID a partner uploads, and what makes it invalid.

import type { IdentitySnapshot } from '../../hal/interface.ts';
import type { CatalogEntry, IdKind } from '../catalog/types.ts';
import {
  compactMac,
  ethernetInterfaces,
  firstSourced,
  isMalformed,
  isValidDeviceId,
  type Sourced,
  sourced,
} from './facts.ts';
import { type Reason, reason } from './reasons.ts';

export interface DerivedId {
  serialNumber: Sourced | null;
  certifiedDeviceId: Sourced | null;
  reasons: Reason[];
}

/**
 * Seed 000, footnote 2: only Samsung Chromebooks whose serial has exactly 15 characters can be
 * pre-provisioned (a 14-character serial is the incomplete pre-cut-off box label). Any other length
 * (13, 16, …) is not a complete Samsung serial either, so it gets the same reason.
 */
export const SAMSUNG_SERIAL_LENGTH = 15;
/** Dell service tags: 7 alphanumerics, 5 on old models. */
const SERVICE_TAG = /^(?:[0-9A-Za-z]{7}|[0-9A-Za-z]{5})$/;
/** Lenovo machine type + model: 4-character type, optionally followed by the 6-character model. */
const LENOVO_MTM = /^[0-9A-Za-z]{4}(?:[0-9A-Za-z]{6})?$/;
/** ThinkCentre M60q: 1S + origin (C1KS made in China, C1VM made in Viet Nam) + Ethernet MAC. */
const M60Q_ADID = /^1S(C1KS|C1VM)([0-9A-F]{12})$/;

/** No certified ID: the serial (when known) is still reported, with why the ID is not derivable. */
function refused(serialNumber: Sourced | null, ...reasons: Reason[]): DerivedId {
  return { serialNumber, certifiedDeviceId: null, reasons };
}

/** A derived ID, unless a recorded attested_device_id contradicts it. */
function accepted(serialNumber: Sourced | null, id: Sourced, mismatch: Reason | null): DerivedId {
  return mismatch ? refused(serialNumber, mismatch) : { serialNumber, certifiedDeviceId: id, reasons: [] };
}

/** The hardware serial: VPD `serial_number`, else DMI `product_serial`. */
function hardwareSerial(snapshot: IdentitySnapshot): Sourced | null {
  return firstSourced(snapshot.vpd.serial_number, snapshot.dmi.product_serial);
}

function serialProblem(snapshot: IdentitySnapshot, serial: Sourced | null, what: string): Reason | null {
  if (serial === null) {
    const malformed = isMalformed(snapshot.vpd.serial_number) || isMalformed(snapshot.dmi.product_serial);
    return malformed
      ? reason(
          'invalid-identifier',
          `The ${what} contains characters that are not printable ASCII, or is too long.`,
        )
      : reason('missing-serial', `No ${what} was found in VPD serial_number or DMI product_serial.`);
  }
  if (!isValidDeviceId(serial.value)) {
    return reason(
      'invalid-identifier',
      `The ${what} "${serial.value}" is not 1–64 printable characters without spaces.`,
    );
  }
  return null;
}

function attestedId(snapshot: IdentitySnapshot): Sourced | null {
  return sourced(snapshot.vpd.attested_device_id);
}

function mismatchIfAdidDiffers(snapshot: IdentitySnapshot, expected: string, what: string): Reason | null {
  const adid = attestedId(snapshot);
  if (adid === null || adid.value === expected) return null;
  return reason(
    'identity-mismatch',
    `VPD attested_device_id "${adid.value}" differs from the ${what} "${expected}": the board or its VPD was changed.`,
  );
}

function serialNumberKind(snapshot: IdentitySnapshot, entry: CatalogEntry): DerivedId {
  const serial = hardwareSerial(snapshot);
  const problem = serialProblem(snapshot, serial, 'serial number');
  if (problem || serial === null) return refused(serial, ...(problem ? [problem] : []));
  const reasons: Reason[] = [];
  if (entry.manufacturer === 'Samsung' && serial.value.length !== SAMSUNG_SERIAL_LENGTH) {
    const n = serial.value.length;
    reasons.push(
      reason(
        'serial-incomplete',
        n === 14
          ? 'This Samsung Chromebook has a 14-character serial number (made before the listed date): zero-touch needs the 15-character serial.'
          : `This Samsung Chromebook's serial number has ${n} characters: zero-touch needs exactly 15 (seed 000, footnote 2).`,
      ),
    );
  }
  const mismatch = mismatchIfAdidDiffers(snapshot, serial.value, 'serial number');
  if (mismatch) reasons.push(mismatch);
  return reasons.length > 0 ? refused(serial, ...reasons) : accepted(serial, serial, null);
}

function serviceTagKind(snapshot: IdentitySnapshot): DerivedId {
  const tag = firstSourced(snapshot.dmi.product_serial, snapshot.vpd.serial_number);
  const problem = serialProblem(snapshot, tag, 'Dell service tag');
  if (problem || tag === null) return refused(tag, ...(problem ? [problem] : []));
  if (!SERVICE_TAG.test(tag.value)) {
    return refused(
      tag,
      reason(
        'invalid-identifier',
        `"${tag.value}" is not a Dell service tag (7 letters or digits, 5 on old models).`,
      ),
    );
  }
  return accepted(tag, tag, mismatchIfAdidDiffers(snapshot, tag.value, 'service tag'));
}

function asusKind(snapshot: IdentitySnapshot): DerivedId {
  const serial = hardwareSerial(snapshot);
  const adid = attestedId(snapshot);
  if (adid === null) {
    return refused(
      serial,
      isMalformed(snapshot.vpd.attested_device_id)
        ? reason(
            'invalid-identifier',
            'The ASUS certified device ID (VPD attested_device_id) has non-printable characters or is too long.',
          )
        : reason(
            'missing-attested-device-id',
            'This ASUS model enrolls with its certified device ID, but VPD attested_device_id is missing.',
          ),
    );
  }
  if (!isValidDeviceId(adid.value)) {
    return refused(
      serial,
      reason(
        'invalid-identifier',
        `The ASUS certified device ID "${adid.value}" is not 1–64 printable characters without spaces.`,
      ),
    );
  }
  return accepted(serial, adid, null);
}

function lenovoMtmSerialKind(snapshot: IdentitySnapshot): DerivedId {
  const serial = hardwareSerial(snapshot);
  const problem = serialProblem(snapshot, serial, 'serial number');
  if (problem || serial === null) return refused(serial, ...(problem ? [problem] : []));
  const mtm = sourced(snapshot.dmi.product_name);
  if (mtm === null || !LENOVO_MTM.test(mtm.value)) {
    const shown = mtm === null ? 'missing' : `"${mtm.value}"`;
    return refused(
      serial,
      reason(
        'invalid-identifier',
        `The Lenovo machine type/model (DMI product_name) is ${shown}: the ID is 1S + MTM + serial.`,
      ),
    );
  }
  const value = `1S${mtm.value}${serial.value}`;
  if (!isValidDeviceId(value)) {
    return refused(
      serial,
      reason('invalid-identifier', `1S + MTM + serial "${value}" is longer than 64 characters.`),
    );
  }
  return accepted(
    serial,
    { value, source: serial.source },
    mismatchIfAdidDiffers(snapshot, value, '1S + MTM + serial'),
  );
}

function lenovoOriginMacKind(snapshot: IdentitySnapshot): DerivedId {
  const serial = hardwareSerial(snapshot);
  const adid = attestedId(snapshot);
  if (adid === null) {
    return refused(
      serial,
      reason(
        'missing-attested-device-id',
        'The ThinkCentre M60q enrolls with 1S + C1KS/C1VM + Ethernet MAC from VPD attested_device_id, which is missing.',
      ),
    );
  }
  const match = M60Q_ADID.exec(adid.value);
  if (!match) {
    return refused(
      serial,
      reason(
        'invalid-identifier',
        `"${adid.value}" is not 1S + C1KS (made in China) or C1VM (made in Viet Nam) + 12 upper-case hex digits of the Ethernet MAC.`,
      ),
    );
  }
  const adidMac = match[2] ?? '';
  const macs = ethernetInterfaces(snapshot).flatMap((i) => (i.mac ? [compactMac(i.mac)] : []));
  if (!macs.includes(adidMac)) {
    const seen = macs.length > 0 ? macs.join(', ') : 'none';
    return refused(
      serial,
      reason(
        'identity-mismatch',
        `The MAC in the attested device ID (${adidMac}) is not one of this device's Ethernet MACs (${seen}): the board was swapped.`,
      ),
    );
  }
  return accepted(serial, adid, null);
}

/** Derives the certified device ID of a listed Chrome device (SMART displays go through smart.ts). */
export function deriveCertifiedId(
  kind: Exclude<IdKind, 'smart-serial'>,
  snapshot: IdentitySnapshot,
  entry: CatalogEntry,
): DerivedId {
  switch (kind) {
    case 'serial-number':
      return serialNumberKind(snapshot, entry);
    case 'service-tag':
      return serviceTagKind(snapshot);
    case 'asus-certified-id':
      return asusKind(snapshot);
    case 'lenovo-1s-mtm-serial':
      return lenovoMtmSerialKind(snapshot);
    case 'lenovo-1s-origin-mac':
      return lenovoOriginMacKind(snapshot);
  }
}
