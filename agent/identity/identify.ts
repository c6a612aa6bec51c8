// The identity and eligibility decision of DESIGN §4 for Chrome devices: which listed model this is,
// its certified device ID, and whether zero-touch enrollment can recognise it.

import type { IdentitySnapshot } from '../../hal/interface.ts';
import { brandCodeOf } from './brand-code.ts';
import { firstSourced, sourced } from './facts.ts';
import { deriveCertifiedId } from './id-kinds.ts';
import { parseManufactureDate } from './manufacture-date.ts';
import { matchModel } from './match-model.ts';
import { type Reason, reason } from './reasons.ts';
import type { IdentityReport, SourcedField } from './report.ts';

export function identifyChromeDevice(snapshot: IdentitySnapshot): IdentityReport {
  const manufactureDate = parseManufactureDate(snapshot.vpd.mfg_date);
  const sources: Partial<Record<SourcedField, string>> = {};
  if (manufactureDate !== null) sources.manufactureDate = snapshot.vpd.mfg_date.source;

  const match = matchModel(snapshot);
  if (match === null) {
    const vendor = sourced(snapshot.dmi.sys_vendor);
    const serial = firstSourced(snapshot.vpd.serial_number, snapshot.dmi.product_serial);
    if (vendor) sources.manufacturer = vendor.source;
    if (serial) sources.serialNumber = serial.source;
    const brand = brandCodeOf(snapshot, null);
    if (brand) sources.brandCode = brand.source;
    const described = snapshot.vpd.model_name.value ?? snapshot.dmi.product_name.value ?? 'unknown';
    return {
      manufacturer: vendor?.value ?? null,
      model: null,
      deviceClass: null,
      serialNumber: serial?.value ?? null,
      idKind: null,
      certifiedDeviceId: null,
      manufactureDate,
      brandCode: brand?.value ?? null,
      eligible: false,
      reasons: [reason('model-not-listed', 'reason.modelNotListed', { model: described })],
      sources,
    };
  }

  const { entry } = match;
  if (entry.idKind === 'smart-serial')
    return smartWithoutSerialPort(snapshot, match.listedName, match.source);
  const reasons: Reason[] = [];
  if (entry.eligibleFrom !== null) {
    if (manufactureDate === null) {
      reasons.push(
        reason('manufacture-date-unknown', 'reason.dateUnknown', {
          model: match.listedName,
          cutoff: entry.eligibleFrom,
        }),
      );
    } else if (manufactureDate < entry.eligibleFrom) {
      reasons.push(
        reason('made-before-cutoff', 'reason.madeBeforeCutoff', {
          made: manufactureDate,
          model: match.listedName,
          cutoff: entry.eligibleFrom,
        }),
      );
    }
  }

  const derived = deriveCertifiedId(entry.idKind, snapshot, entry);
  reasons.push(...derived.reasons);

  sources.manufacturer = match.source;
  sources.model = match.source;
  if (derived.serialNumber) sources.serialNumber = derived.serialNumber.source;
  if (derived.certifiedDeviceId) sources.certifiedDeviceId = derived.certifiedDeviceId.source;
  const brand = brandCodeOf(snapshot, match.listedName);
  if (brand) sources.brandCode = brand.source;

  return {
    manufacturer: entry.manufacturer,
    model: match.listedName,
    deviceClass: entry.deviceClass,
    serialNumber: derived.serialNumber?.value ?? null,
    idKind: entry.idKind,
    certifiedDeviceId: derived.certifiedDeviceId?.value ?? null,
    manufactureDate,
    brandCode: brand?.value ?? null,
    eligible: reasons.length === 0,
    reasons,
    sources,
  };
}

/** A SMART display found through DMI: its certified ID is only readable over RS-232 (`--smart-serial`). */
function smartWithoutSerialPort(snapshot: IdentitySnapshot, model: string, source: string): IdentityReport {
  return {
    manufacturer: 'SMART Technologies',
    model,
    deviceClass: 'smart-display',
    serialNumber: null,
    idKind: 'smart-serial',
    certifiedDeviceId: null,
    manufactureDate: parseManufactureDate(snapshot.vpd.mfg_date),
    // SMART displays enroll through SMART Remote Management, not the DM server: no brand code.
    brandCode: null,
    eligible: false,
    reasons: [reason('missing-serial', 'reason.smartNeedsSerialPort')],
    sources: { manufacturer: source, model: source },
  };
}
