// request=certificate_based_register (zero-touch, flavor 14). Order of checks:
//   400 malformed signed_request / registration data
//   403 attestation failed: <why>  (signature, certificate serialNumber, trusted CA, validity, nonce replay)
//   410 not pre-provisioned (no record for the attested ID, or a record for another model)
//   903 the device was deprovisioned by its admin
//   405 machine_id is not a usable serial / not the record's serial
//   403 the pre-provisioning token was revoked (a PRE_PROVISIONED device only)
//   406 device_register_request.management_domain is not the record's domain
//   then enroll(): 409, 412, 417, 402.

import type { CertificateBasedRegisterRequest, DeviceRegisterResponse } from '../../protocol/dm.ts';
import { RegisterFlavor } from '../../protocol/dm.ts';
import { verifyAttestation } from '../attestation/verify.ts';
import type { StubContext } from '../context.ts';
import { nowIso } from '../context.ts';
import { modelKey } from '../db/rows.ts';
import { DmError } from '../http/errors.ts';
import { enroll } from './enroll.ts';
import { decodeSignedRequest } from './registration-data.ts';
import { requireRecordSerial, requireUsableSerial } from './serial.ts';

const REQ = 'device_register_request';

export async function certificateBasedRegister(
  ctx: StubContext,
  clientId: string,
  body: CertificateBasedRegisterRequest,
): Promise<DeviceRegisterResponse> {
  const { bytes, signature, data } = decodeSignedRequest(body.signed_request);
  const req = data.device_register_request;
  const deviceId = req.device_register_identification.attested_device_id;
  if (req.flavor !== RegisterFlavor.ATTESTATION_INITIAL_SERVER_FORCED) {
    throw new DmError(
      400,
      `body.certificate_based_register_request.signed_request.data.${REQ}.flavor must be ${RegisterFlavor.ATTESTATION_INITIAL_SERVER_FORCED} (ATTESTATION_INITIAL_SERVER_FORCED)`,
    );
  }
  await ctx.cas.ensure();
  const verdict = await verifyAttestation(
    { data: bytes, signature, chainPem: data.device_certificate, attestedDeviceId: deviceId },
    ctx.cas.trusted(),
    ctx.clock.now(),
  );
  if (!verdict.ok) throw new DmError(403, `attestation failed: ${verdict.reason}`);

  const { db, devices, customers, preprovisioningTokens, dmTokens } = ctx.stores;
  // A verified nonce is burnt whatever the outcome below: every attempt signs a fresh one.
  const fresh = db.transaction(() => dmTokens.useNonce(data.nonce, deviceId, nowIso(ctx))).immediate();
  if (!fresh) throw new DmError(403, 'attestation failed: nonce already used');

  const run = db.transaction((): DeviceRegisterResponse => {
    const record = devices.get(deviceId);
    if (record === undefined || record.model_key !== modelKey(req.machine_model)) {
      throw new DmError(
        410,
        `device ${deviceId} (${req.machine_model}) is not pre-provisioned for zero-touch enrollment`,
      );
    }
    if (record.status === 'DEPROVISIONED') {
      throw new DmError(903, `device ${deviceId} was deprovisioned by its administrator`);
    }
    requireUsableSerial(req.machine_id, `${REQ}.machine_id`);
    requireRecordSerial(req.machine_id, record, `${REQ}.machine_id`);
    const customer = customers.get(record.customer_id);
    if (customer === undefined) throw new Error(`device ${deviceId} refers to a missing customer`);
    if (record.status === 'PRE_PROVISIONED' && record.preprovisioning_token !== null) {
      if (preprovisioningTokens.get(record.preprovisioning_token)?.state !== 'ACTIVE') {
        throw new DmError(403, `the pre-provisioning token of device ${deviceId} was revoked`);
      }
    }
    if (
      req.management_domain !== undefined &&
      req.management_domain.toLowerCase() !== customer.domain.toLowerCase()
    ) {
      throw new DmError(
        406,
        `device ${deviceId} is provisioned for ${customer.domain}, not ${req.management_domain}`,
      );
    }
    return enroll(ctx, {
      enrollmentType: 'ENTERPRISE',
      deviceId,
      clientId,
      serial: req.machine_id,
      model: req.machine_model,
      reregister: req.reregister === true,
      customer,
      orgUnit: record.org_unit_path,
      existing: record,
    });
  });
  return run.immediate();
}
