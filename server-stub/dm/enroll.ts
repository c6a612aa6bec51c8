// The last steps shared by every register flavour, run inside the caller's transaction so that the
// licence count read and the licence consumed are one atomic step:
//   409 a MANAGED device claimed by another deviceid without `reregister`;
//   412 the customer's account is not activated; 417 a consumer account and a bundled licence;
//   licence: bundled, else the one the device already holds (re-register), else one Chrome Enterprise
//   Upgrade, else 402. Then the device becomes MANAGED and gets a fresh DM token (older ones revoked).

import { create } from '@bufbuild/protobuf';
import {
  DeviceRegisterResponse_DeviceMode as DeviceMode,
  type DeviceRegisterResponse,
  DeviceRegisterResponseSchema,
} from '../../protocol/dm.ts';
import type { StubContext } from '../context.ts';
import { nowIso } from '../context.ts';
import type { CustomerRow, DeviceRow, EnrollmentType } from '../db/rows.ts';
import { modelKey } from '../db/rows.ts';
import { newToken, sha256Hex } from '../db/secrets.ts';
import { DmError } from '../http/errors.ts';
import { consumeLicence } from '../rules/licences.ts';

export interface EnrollPlan {
  enrollmentType: EnrollmentType;
  deviceId: string;
  /** The `deviceid` query parameter of the request. */
  clientId: string;
  serial: string;
  model: string;
  /** RLZ brand code of a new record (a known record keeps its own). */
  brandCode: string;
  reregister: boolean;
  customer: CustomerRow;
  orgUnit: string;
  /** The record of this very device, when there is one (any customer, any status). */
  existing: DeviceRow | undefined;
}

export function enroll(ctx: StubContext, plan: EnrollPlan): DeviceRegisterResponse {
  const { customer, existing } = plan;
  const managedHere = existing?.status === 'MANAGED' && existing.customer_id === customer.customer_id;
  if (managedHere && existing.dm_client_id !== plan.clientId && !plan.reregister) {
    throw new DmError(
      409,
      `device ${plan.deviceId} is already enrolled under another deviceid; retry with reregister: true`,
    );
  }
  if (customer.activation_pending === 1) {
    throw new DmError(412, `the account of ${customer.domain} is not activated yet`);
  }
  const sameRecord = existing !== undefined && existing.status !== 'DEPROVISIONED';
  const bundled = existing?.bundled_license === 1;
  if (customer.kind === 'consumer' && bundled) {
    throw new DmError(
      417,
      'a consumer account cannot enroll a device sold with a packaged Chrome Enterprise licence',
    );
  }
  // Licence (server-stub/rules/licences.ts): packaged, else the one held (re-register), else the first
  // pool with a free licence (Enterprise, Education, Nonprofit), else 402 naming the licence types.
  const licence = consumeLicence(ctx.stores.customers, customer, {
    bundled_license: bundled ? 1 : 0,
    packaged_sku: existing?.packaged_sku ?? null,
    held:
      managedHere && existing.license_consumed === 1 ? (existing.license_type ?? 'CHROME_ENTERPRISE') : null,
  });
  const consumed: 0 | 1 = licence.kind === 'packaged' ? 0 : 1;

  const at = nowIso(ctx);
  const enrolledAt = managedHere && existing.enrolled_at !== null ? existing.enrolled_at : at;
  const keepProvenance = sameRecord && existing.customer_id === customer.customer_id;
  ctx.stores.devices.upsertManaged(
    {
      device_id: plan.deviceId,
      customer_id: customer.customer_id,
      serial_number: plan.serial,
      model: keepProvenance ? existing.model : plan.model,
      model_key: modelKey(keepProvenance ? existing.model : plan.model),
      org_unit_path: plan.orgUnit,
      bundled_license: bundled ? 1 : 0,
      license_consumed: consumed,
      license_type: licence.kind === 'packaged' ? null : licence.upgradeType,
      dm_client_id: plan.clientId,
      enrollment_type:
        managedHere && existing.enrollment_type !== null ? existing.enrollment_type : plan.enrollmentType,
      enrolled_at: enrolledAt,
      preprovisioning_token: keepProvenance ? existing.preprovisioning_token : null,
      partner_id: keepProvenance ? existing.partner_id : null,
      brand_code: keepProvenance ? existing.brand_code : plan.brandCode,
    },
    at,
  );
  ctx.stores.dmTokens.revokeAllFor(plan.deviceId, 'REREGISTERED', at);
  const token = newToken('dmt-', 32);
  ctx.stores.dmTokens.insert(sha256Hex(token), plan.deviceId, plan.clientId, customer.customer_id, at);
  // As the proto has it: no domain here (the device takes it from the state answer and the policy).
  return create(DeviceRegisterResponseSchema, {
    deviceManagementToken: token,
    machineName: plan.serial,
    enrollmentType: DeviceMode.ENTERPRISE,
    orgUnitPath: plan.orgUnit,
    licenseConsumed: consumed === 1,
    bundledLicense: bundled,
  });
}
