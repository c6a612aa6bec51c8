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

/** Which identifier a sentence names (a `select` of the catalog messages). */
type IdWhat = 'serial' | 'serviceTag' | 'mtmSerial';

function serialProblem(snapshot: IdentitySnapshot, serial: Sourced | null, what: IdWhat): Reason | null {
  if (serial === null) {
    const malformed = isMalformed(snapshot.vpd.serial_number) || isMalformed(snapshot.dmi.product_serial);
    return malformed
      ? reason('invalid-identifier', 'reason.malformedSerial', { what })
      : reason('missing-serial', 'reason.missingSerial', { what });
  }
  if (!isValidDeviceId(serial.value)) {
    return reason('invalid-identifier', 'reason.badSerial', { what, value: serial.value });
  }
  return null;
}

function attestedId(snapshot: IdentitySnapshot): Sourced | null {
  return sourced(snapshot.vpd.attested_device_id);
}

function mismatchIfAdidDiffers(snapshot: IdentitySnapshot, expected: string, what: IdWhat): Reason | null {
  const adid = attestedId(snapshot);
  if (adid === null || adid.value === expected) return null;
  return reason('identity-mismatch', 'reason.adidMismatch', { adid: adid.value, what, expected });
}

function serialNumberKind(snapshot: IdentitySnapshot, entry: CatalogEntry): DerivedId {
  const serial = hardwareSerial(snapshot);
  const problem = serialProblem(snapshot, serial, 'serial');
  if (problem || serial === null) return refused(serial, ...(problem ? [problem] : []));
  const reasons: Reason[] = [];
  if (entry.manufacturer === 'Samsung' && serial.value.length !== SAMSUNG_SERIAL_LENGTH) {
    const n = serial.value.length;
    reasons.push(
      n === 14
        ? reason('serial-incomplete', 'reason.samsung14')
        : reason('serial-incomplete', 'reason.samsungLength', { length: n }),
    );
  }
  const mismatch = mismatchIfAdidDiffers(snapshot, serial.value, 'serial');
  if (mismatch) reasons.push(mismatch);
  return reasons.length > 0 ? refused(serial, ...reasons) : accepted(serial, serial, null);
}

function serviceTagKind(snapshot: IdentitySnapshot): DerivedId {
  const tag = firstSourced(snapshot.dmi.product_serial, snapshot.vpd.serial_number);
  const problem = serialProblem(snapshot, tag, 'serviceTag');
  if (problem || tag === null) return refused(tag, ...(problem ? [problem] : []));
  if (!SERVICE_TAG.test(tag.value)) {
    return refused(tag, reason('invalid-identifier', 'reason.notServiceTag', { value: tag.value }));
  }
  return accepted(tag, tag, mismatchIfAdidDiffers(snapshot, tag.value, 'serviceTag'));
}

function asusKind(snapshot: IdentitySnapshot): DerivedId {
  const serial = hardwareSerial(snapshot);
  const adid = attestedId(snapshot);
  if (adid === null) {
    return refused(
      serial,
      isMalformed(snapshot.vpd.attested_device_id)
        ? reason('invalid-identifier', 'reason.asusMalformed')
        : reason('missing-attested-device-id', 'reason.asusMissing'),
    );
  }
  if (!isValidDeviceId(adid.value)) {
    return refused(serial, reason('invalid-identifier', 'reason.asusInvalid', { value: adid.value }));
  }
  return accepted(serial, adid, null);
}

function lenovoMtmSerialKind(snapshot: IdentitySnapshot): DerivedId {
  const serial = hardwareSerial(snapshot);
  const problem = serialProblem(snapshot, serial, 'serial');
  if (problem || serial === null) return refused(serial, ...(problem ? [problem] : []));
  const mtm = sourced(snapshot.dmi.product_name);
  if (mtm === null || !LENOVO_MTM.test(mtm.value)) {
    return refused(
      serial,
      mtm === null
        ? reason('invalid-identifier', 'reason.lenovoMtmMissing')
        : reason('invalid-identifier', 'reason.lenovoMtmInvalid', { mtm: mtm.value }),
    );
  }
  const value = `1S${mtm.value}${serial.value}`;
  if (!isValidDeviceId(value)) {
    return refused(serial, reason('invalid-identifier', 'reason.lenovoTooLong', { value }));
  }
  return accepted(
    serial,
    { value, source: serial.source },
    mismatchIfAdidDiffers(snapshot, value, 'mtmSerial'),
  );
}

function lenovoOriginMacKind(snapshot: IdentitySnapshot): DerivedId {
  const serial = hardwareSerial(snapshot);
  const adid = attestedId(snapshot);
  if (adid === null) {
    return refused(serial, reason('missing-attested-device-id', 'reason.m60qMissing'));
  }
  const match = M60Q_ADID.exec(adid.value);
  if (!match) {
    return refused(serial, reason('invalid-identifier', 'reason.m60qInvalid', { value: adid.value }));
  }
  const adidMac = match[2] ?? '';
  const macs = ethernetInterfaces(snapshot).flatMap((i) => (i.mac ? [compactMac(i.mac)] : []));
  if (!macs.includes(adidMac)) {
    return refused(
      serial,
      reason('identity-mismatch', 'reason.m60qMacMismatch', {
        adidMac,
        // A list of MAC addresses reads the same in every language; `none` (never a MAC) is a word.
        macs: macs.length > 0 ? macs.join(', ') : 'none',
      }),
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
