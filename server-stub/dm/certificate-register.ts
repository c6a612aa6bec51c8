// request=certificate_based_register (zero-touch). Order of checks:
//   400 malformed signed_request / registration data (registration-data.ts)
//   403 attestation failed: <why>  (signature over data+nonce, certificate chain to a trusted
//       manufacturer CA, subject serialNumber = attested_device_id, validity), then nonce replay
//   410 not pre-provisioned: no record for the attested ID, or the request's brand_code is not the
//       record's (another device)
//   903 the device was deprovisioned by its admin
//   405 machine_id is not a usable serial / not the record's serial
//   403 the pre-provisioning token was revoked (a PRE_PROVISIONED device only)
//   406 expected_enrollment_domain is not the record's domain
//   then enroll(): 409, 412, 417, 402.
// The record is matched by the attested device ID (certified by the certificate); machine_model is
// not used for matching.

import { BRAND_CODE_PATTERN } from '../../protocol/brand-code.ts';
import type { CertificateBasedDeviceRegisterRequest, DeviceRegisterResponse } from '../../protocol/dm.ts';
import { verifyAttestation } from '../attestation/verify.ts';
import { nowIso } from '../context.ts';
import { DmError } from '../http/errors.ts';
import type { DmCall } from './call.ts';
import { enroll } from './enroll.ts';
import { decodeSignedRequest } from './registration-data.ts';
import { requireRecordSerial, requireUsableSerial } from './serial.ts';

const REQ = 'certificate_based_register_request.signed_request.data.device_register_request';

export async function certificateBasedRegister(
  call: DmCall,
  body: CertificateBasedDeviceRegisterRequest,
): Promise<DeviceRegisterResponse> {
  const { ctx } = call;
  const decoded = decodeSignedRequest(body);
  const { request: req, attestedDeviceId: deviceId } = decoded;
  if (req.brandCode !== '' && !BRAND_CODE_PATTERN.test(req.brandCode)) {
    throw new DmError(400, `${REQ}.brand_code must be 4 upper-case letters (RLZ brand code)`);
  }
  await ctx.cas.ensure();
  const verdict = await verifyAttestation(
    {
      data: decoded.data,
      signature: decoded.signature,
      certificate: decoded.certificate,
      attestedDeviceId: deviceId,
    },
    ctx.cas.trusted(),
    ctx.clock.now(),
  );
  if (!verdict.ok) throw new DmError(403, `attestation failed: ${verdict.reason}`);

  const { db, devices, customers, preprovisioningTokens, dmTokens } = ctx.stores;
  // A verified nonce is burnt whatever the outcome below: every attempt signs a fresh one.
  const nonceKey = Buffer.from(decoded.nonce).toString('hex');
  const fresh = db.transaction(() => dmTokens.useNonce(nonceKey, deviceId, nowIso(ctx))).immediate();
  if (!fresh) throw new DmError(403, 'attestation failed: nonce already used (replayed registration)');

  const run = db.transaction((): DeviceRegisterResponse => {
    const record = devices.get(deviceId);
    if (record === undefined) {
      throw new DmError(410, `device ${deviceId} is not pre-provisioned for zero-touch enrollment`);
    }
    if (req.brandCode !== '' && req.brandCode !== record.brand_code) {
      throw new DmError(
        410,
        `device ${deviceId} is pre-provisioned with brand code ${record.brand_code}, not ${req.brandCode}`,
      );
    }
    if (record.status === 'DEPROVISIONED') {
      throw new DmError(903, `device ${deviceId} was deprovisioned by its administrator`);
    }
    requireUsableSerial(req.machineId, `${REQ}.machine_id`);
    requireRecordSerial(req.machineId, record, `${REQ}.machine_id`);
    const customer = customers.get(record.customer_id);
    if (customer === undefined) throw new Error(`device ${deviceId} refers to a missing customer`);
    if (record.status === 'PRE_PROVISIONED' && record.preprovisioning_token !== null) {
      if (preprovisioningTokens.get(record.preprovisioning_token)?.state !== 'ACTIVE') {
        throw new DmError(403, `the pre-provisioning token of device ${deviceId} was revoked`);
      }
    }
    const expected = req.expectedEnrollmentDomain;
    if (expected !== '' && expected.toLowerCase() !== customer.domain.toLowerCase()) {
      throw new DmError(406, `device ${deviceId} is provisioned for ${customer.domain}, not ${expected}`);
    }
    return enroll(ctx, {
      enrollmentType: 'ENTERPRISE',
      deviceId,
      clientId: call.query.deviceid,
      serial: req.machineId,
      model: req.machineModel === '' ? record.model : req.machineModel,
      brandCode: record.brand_code,
      reregister: req.reregister,
      customer,
      orgUnit: record.org_unit_path,
      existing: record,
    });
  });
  return run.immediate();
}
