// Identity of a SMART Board display: serial from `get serialnum` over RS-232, model from `get modelnum`,
// cross-checked with the touch controller's USB serial (SMART Technologies, vendor 0x0b8c) when present.

import type { SmartDisplayInfo, UsbDeviceInfo } from '../../hal/interface.ts';
import { findByVariantCode } from '../catalog/index.ts';
import { isValidDeviceId } from './facts.ts';
import { type Reason, reason } from './reasons.ts';
import type { IdentityReport } from './report.ts';

export const SMART_USB_VENDOR_ID = 0x0b8c;

/** What the RS-232 channel gave: the display's answers, or the coded error that stopped it. */
export type SmartReading =
  | { ok: true; info: SmartDisplayInfo; source: string }
  | { ok: false; error: { code: string; message: string; powerState?: string }; source: string };

/** Why the serial could not be read, in words (the HAL gives codes and data only). */
function unreadSerial(error: { code: string; message: string; powerState?: string }): Reason {
  if (error.code === 'display-not-ready') {
    const state = error.powerState ?? 'unknown';
    return reason(
      'missing-serial',
      state.startsWith('update') ? 'reason.smartUpdating' : 'reason.smartNotOn',
      {
        state,
      },
    );
  }
  return reason('missing-serial', 'reason.smartNoSerial', { code: error.code, message: error.message });
}

export function identifySmartDisplay(reading: SmartReading, usb: readonly UsbDeviceInfo[]): IdentityReport {
  const base = {
    manufacturer: 'SMART Technologies',
    deviceClass: 'smart-display' as const,
    idKind: 'smart-serial' as const,
    manufactureDate: null,
    // SMART displays enroll through SMART Remote Management, not the DM server: no brand code.
    brandCode: null,
  };
  if (!reading.ok) {
    return {
      ...base,
      model: null,
      serialNumber: null,
      certifiedDeviceId: null,
      eligible: false,
      reasons: [unreadSerial(reading.error)],
      sources: {},
    };
  }

  const { info, source } = reading;
  const reasons: Reason[] = [];
  // Word-boundary match, so a revision suffix (`sbid-mx065-v2-c`) still resolves to its series.
  const hit = findByVariantCode([info.modelNumber.trim()]);
  const entry = hit?.entry.deviceClass === 'smart-display' ? hit.entry : null;
  if (entry === null) {
    reasons.push(reason('model-not-listed', 'reason.smartModelNotListed', { model: info.modelNumber }));
  }
  const serial = info.serialNumber.trim();
  if (serial === '') {
    reasons.push(reason('missing-serial', 'reason.smartEmptySerial'));
  } else if (!isValidDeviceId(serial)) {
    reasons.push(reason('invalid-identifier', 'reason.smartBadSerial', { value: serial }));
  }
  const touchSerials = usb
    .filter((d) => d.vendorId === SMART_USB_VENDOR_ID && d.serialNumber !== null)
    .map((d) => (d.serialNumber ?? '').trim());
  if (
    serial !== '' &&
    touchSerials.length > 0 &&
    !touchSerials.some((s) => s.toUpperCase() === serial.toUpperCase())
  ) {
    reasons.push(
      reason('identity-mismatch', 'reason.smartTouchMismatch', {
        serial,
        touchSerials: touchSerials.map((s) => `"${s}"`).join(', '),
      }),
    );
  }
  const idOk = serial !== '' && !reasons.some((r) => r.code !== 'model-not-listed');
  return {
    ...base,
    model: entry?.name ?? null,
    serialNumber: serial === '' ? null : serial,
    certifiedDeviceId: idOk ? serial : null,
    eligible: reasons.length === 0,
    reasons,
    sources: {
      manufacturer: source,
      model: source,
      serialNumber: source,
      ...(idOk ? { certifiedDeviceId: source } : {}),
    },
  };
}
