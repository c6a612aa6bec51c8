// 405 DM_STATUS_SERVICE_INVALID_SERIAL_NUMBER: the serial number a device reports (machine_id) is not
// a usable serial, or is not the one its record carries.

import type { DeviceRow } from '../db/rows.ts';
import { DmError } from '../http/errors.ts';
import { isValidSerial } from '../rules/identity.ts';

export function requireUsableSerial(serial: string, field: string): void {
  if (!isValidSerial(serial)) {
    throw new DmError(405, `${field} ${JSON.stringify(serial)} is not a valid serial number`);
  }
}

/** The device's serial must be its record's serial (or its certified ID, which for most kinds is the serial). */
export function requireRecordSerial(serial: string, record: DeviceRow, field: string): void {
  const s = serial.toUpperCase();
  if (s !== record.serial_number.toUpperCase() && s !== record.device_id.toUpperCase()) {
    throw new DmError(
      405,
      `${field} ${JSON.stringify(serial)} is not the serial number this device was registered with`,
    );
  }
}
