// request=device_initial_enrollment_state: is this device pre-provisioned, in which domain, with which
// licence? Looked up by attested_device_id, else by serial number + model. A record for another model
// is not this device. Unknown devices answer 200 with initial_enrollment_mode 0 (NONE).
//   PRE_PROVISIONED, or MANAGED after zero-touch → 2 ZERO_TOUCH_ENFORCED (+ domain, licence, org unit)
//   MANAGED after a manual/token enrollment       → 1 ENROLLMENT_ENFORCED (forced re-enrollment)
//   DEPROVISIONED or unknown                      → 0 NONE
//   no attested ID and no usable serial           → 405 DM_STATUS_SERVICE_INVALID_SERIAL_NUMBER

import type {
  DeviceInitialEnrollmentStateRequest,
  DeviceInitialEnrollmentStateResponse,
} from '../../protocol/dm.ts';
import { InitialEnrollmentMode } from '../../protocol/dm.ts';
import type { StubContext } from '../context.ts';
import type { DeviceRow } from '../db/rows.ts';
import { modelKey } from '../db/rows.ts';
import { DmError } from '../http/errors.ts';
import { isValidSerial } from '../rules/identity.ts';
import { assignedLicence } from '../rules/licences.ts';

// Licence fields: server-stub/rules/licences.ts `assignedLicence` (packaged SKU, else the upgrade held,
// else the one a registration would take now; no upgrade_type when no pool has a free licence).

function find(ctx: StubContext, req: DeviceInitialEnrollmentStateRequest): DeviceRow | undefined {
  const key = modelKey(req.model);
  if (req.attested_device_id !== undefined) {
    const byId = ctx.stores.devices.get(req.attested_device_id);
    if (byId !== undefined) return byId.model_key === key ? byId : undefined;
  }
  if (!isValidSerial(req.serial_number)) return undefined;
  return ctx.stores.devices.findBySerialAndModel(req.serial_number, key);
}

export function initialEnrollmentState(
  ctx: StubContext,
  req: DeviceInitialEnrollmentStateRequest,
): DeviceInitialEnrollmentStateResponse {
  if (req.attested_device_id === undefined && !isValidSerial(req.serial_number)) {
    throw new DmError(
      405,
      `device_initial_enrollment_state_request.serial_number ${JSON.stringify(req.serial_number)} is not a valid serial number`,
    );
  }
  const device = find(ctx, req);
  if (device === undefined || device.status === 'DEPROVISIONED') {
    return { initial_enrollment_mode: InitialEnrollmentMode.NONE };
  }
  const customer = ctx.stores.customers.get(device.customer_id);
  if (customer === undefined) return { initial_enrollment_mode: InitialEnrollmentMode.NONE };
  const zeroTouch = device.status === 'PRE_PROVISIONED' || device.enrollment_type === 'ENTERPRISE';
  const licence = assignedLicence(ctx.stores.customers, customer, device);
  return {
    initial_enrollment_mode: zeroTouch
      ? InitialEnrollmentMode.ZERO_TOUCH_ENFORCED
      : InitialEnrollmentMode.ENROLLMENT_ENFORCED,
    management_domain: customer.domain,
    is_license_packaged_with_device: licence.isPackaged,
    license_packaging_sku: licence.packagedSku ?? 'NOT_EXIST',
    ...(licence.upgradeType !== null ? { assigned_upgrade_type: licence.upgradeType } : {}),
    org_unit_path: device.org_unit_path,
  };
}
