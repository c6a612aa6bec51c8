// request=device_initial_enrollment_state and request=device_state_retrieval: is this device
// pre-provisioned, in which domain, with which licence? Looked up as Chromium's server does, by RLZ
// brand code + serial number (exact), never by model or attested ID. Unknown devices answer 200 with
// INITIAL_ENROLLMENT_MODE_NONE.
//   disabled by its admin                          → DISABLED (+ domain, disabled_state.message)
//   PRE_PROVISIONED, or MANAGED after zero-touch   → ZERO_TOUCH_ENFORCED (+ domain, licence, org unit)
//   MANAGED after a manual/token enrollment        → ENROLLMENT_ENFORCED (forced re-enrollment)
//   DEPROVISIONED or unknown                       → NONE
//   serial_number not a usable serial              → 405 DM_STATUS_SERVICE_INVALID_SERIAL_NUMBER
//   brand_code not 4 upper-case letters            → 400
// TOKEN_ENROLLMENT_ENFORCED is never answered: the stub has no "must enroll with a token" data.
//
// device_state_retrieval answers restore_mode RESTORE_MODE_NONE (forced re-enrollment is keyed by
// server-backed state keys, which the stub does not keep) and, when serial_number + brand_code are
// given, initial_state_response with the same content as above. A request with only a
// server_backed_state_key gets RESTORE_MODE_NONE alone.

import { create } from '@bufbuild/protobuf';
import { BRAND_CODE_PATTERN } from '../../protocol/brand-code.ts';
import {
  DeviceInitialEnrollmentStateResponse_AssignedUpgradeType as AssignedUpgradeType,
  type DeviceInitialEnrollmentStateRequest,
  type DeviceInitialEnrollmentStateResponse,
  DeviceInitialEnrollmentStateResponseSchema,
  type DeviceStateRetrievalRequest,
  type DeviceStateRetrievalResponse,
  DeviceStateRetrievalResponseSchema,
  DisabledStateSchema,
  DeviceInitialEnrollmentStateResponse_InitialEnrollmentMode as Mode,
  DeviceInitialEnrollmentStateResponse_LicensePackagingSKU as PackagingSku,
  DeviceStateRetrievalResponse_RestoreMode as RestoreMode,
  DeviceInitialEnrollmentStateResponse_UpgradeLicence as UpgradeLicence,
} from '../../protocol/dm.ts';
import type { StubContext } from '../context.ts';
import { DmError } from '../http/errors.ts';
import { isValidSerial } from '../rules/identity.ts';
import { assignedLicence, type PackagedSku, type UpgradeType } from '../rules/licences.ts';
import type { DmCall } from './call.ts';

// Licence fields: server-stub/rules/licences.ts `assignedLicence` (packaged SKU, else the upgrade held,
// else the one a registration would take now; UNSPECIFIED when no pool has a free licence).
// Chromium's AssignedUpgradeType has no Education/Nonprofit value: any upgrade is CHROME_ENTERPRISE
// there, and our own upgrade_licence (field 1001) names which one.

const PACKAGING_SKU: Readonly<Record<PackagedSku, PackagingSku>> = {
  CHROME_ENTERPRISE: PackagingSku.CHROME_ENTERPRISE,
  CHROME_EDUCATION: PackagingSku.CHROME_EDUCATION,
};

const UPGRADE_LICENCE: Readonly<Record<UpgradeType, UpgradeLicence>> = {
  CHROME_ENTERPRISE: UpgradeLicence.CHROME_ENTERPRISE_UPGRADE,
  CHROME_EDUCATION: UpgradeLicence.CHROME_EDUCATION_UPGRADE,
  CHROME_NONPROFIT: UpgradeLicence.CHROME_NONPROFIT_UPGRADE,
};

/** Serial number + brand code as the device sent them, checked (field names prefixed by `field`). */
export function checkLookupKey(serial: string, brand: string, field: string): void {
  if (!BRAND_CODE_PATTERN.test(brand)) {
    throw new DmError(
      400,
      `${field}.brand_code ${JSON.stringify(brand)} must be 4 upper-case letters (RLZ brand code)`,
    );
  }
  if (!isValidSerial(serial)) {
    throw new DmError(405, `${field}.serial_number ${JSON.stringify(serial)} is not a valid serial number`);
  }
}

/** The state answer for a device known by brand code + serial number. */
export function stateFor(
  ctx: StubContext,
  serial: string,
  brand: string,
): DeviceInitialEnrollmentStateResponse {
  const none = create(DeviceInitialEnrollmentStateResponseSchema, { initialEnrollmentMode: Mode.NONE });
  const device = ctx.stores.devices.findByBrandAndSerial(brand, serial);
  if (device === undefined || device.status === 'DEPROVISIONED') return none;
  const customer = ctx.stores.customers.get(device.customer_id);
  if (customer === undefined) return none;
  if (device.disabled_message !== null) {
    return create(DeviceInitialEnrollmentStateResponseSchema, {
      initialEnrollmentMode: Mode.DISABLED,
      managementDomain: customer.domain,
      disabledState: create(DisabledStateSchema, { message: device.disabled_message }),
    });
  }
  const zeroTouch = device.status === 'PRE_PROVISIONED' || device.enrollment_type === 'ENTERPRISE';
  const licence = assignedLicence(ctx.stores.customers, customer, device);
  return create(DeviceInitialEnrollmentStateResponseSchema, {
    initialEnrollmentMode: zeroTouch ? Mode.ZERO_TOUCH_ENFORCED : Mode.ENROLLMENT_ENFORCED,
    managementDomain: customer.domain,
    isLicensePackagedWithDevice: licence.isPackaged,
    licensePackagingSku:
      licence.packagedSku === null ? PackagingSku.NOT_EXIST : PACKAGING_SKU[licence.packagedSku],
    orgUnitPath: device.org_unit_path,
    // Left unset (not UNSPECIFIED) when no pool has a free licence: registration would get 402.
    ...(licence.upgradeType === null
      ? {}
      : {
          assignedUpgradeType: AssignedUpgradeType.CHROME_ENTERPRISE,
          upgradeLicence: UPGRADE_LICENCE[licence.upgradeType],
        }),
  });
}

export function initialEnrollmentState(
  call: DmCall,
  req: DeviceInitialEnrollmentStateRequest,
): DeviceInitialEnrollmentStateResponse {
  checkLookupKey(req.serialNumber, req.brandCode, 'device_initial_enrollment_state_request');
  return stateFor(call.ctx, req.serialNumber, req.brandCode);
}

export function deviceStateRetrieval(
  call: DmCall,
  req: DeviceStateRetrievalRequest,
): DeviceStateRetrievalResponse {
  const field = 'device_state_retrieval_request';
  const bySerial = req.serialNumber !== '' || req.brandCode !== '';
  if (!bySerial) {
    if (req.serverBackedStateKey.length === 0) {
      throw new DmError(400, `${field} needs serial_number and brand_code (or a server_backed_state_key)`);
    }
    return create(DeviceStateRetrievalResponseSchema, { restoreMode: RestoreMode.NONE });
  }
  checkLookupKey(req.serialNumber, req.brandCode, field);
  return create(DeviceStateRetrievalResponseSchema, {
    restoreMode: RestoreMode.NONE,
    initialStateResponse: stateFor(call.ctx, req.serialNumber, req.brandCode),
  });
}
