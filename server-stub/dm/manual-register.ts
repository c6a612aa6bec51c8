// request=register (manual fallback, flavor 15, `Authorization: GoogleLogin auth=<admin token>`) and
// request=token_based_register (`Authorization: GoogleEnrollmentToken token=<enrollment token>`).
// They enroll the device into the admin's (or the token's) customer even if it was never
// pre-provisioned. Order of checks:
//   401 missing/unknown credential; 403 revoked enrollment token
//   405 machine_id is not a usable serial / not the record's serial
//   409 the device ID is registered for another model
//   417 consumer account + bundled licence; 406 the device belongs to another customer
//   then enroll(): 409, 412, 417, 402.

import type { FastifyRequest } from 'fastify';
import type { DeviceRegisterRequest, DeviceRegisterResponse } from '../../protocol/dm.ts';
import type { StubContext } from '../context.ts';
import type { CustomerRow, DeviceRow, EnrollmentType } from '../db/rows.ts';
import { modelKey } from '../db/rows.ts';
import { sha256Hex } from '../db/secrets.ts';
import { schemeParam } from '../http/auth-header.ts';
import { DmError } from '../http/errors.ts';
import { enroll } from './enroll.ts';
import { requireRecordSerial, requireUsableSerial } from './serial.ts';

/**
 * What register/token_based_register accept: a DeviceRegisterRequest whose
 * device_register_identification may be absent (a device whose certified ID cannot be derived still
 * has to be enrollable by hand); the device is then identified by machine_id (+ machine_model).
 */
export type AcceptedRegisterRequest = Omit<DeviceRegisterRequest, 'device_register_identification'> &
  Partial<Pick<DeviceRegisterRequest, 'device_register_identification'>>;

interface Target {
  customer: CustomerRow;
  /** Org unit imposed by an enrollment token; otherwise the record's, else `/`. */
  orgUnit: string | undefined;
  enrollmentType: EnrollmentType;
}

function customerOf(ctx: StubContext, customerId: string): CustomerRow {
  const c = ctx.stores.customers.get(customerId);
  if (c === undefined) throw new Error(`missing customer ${customerId}`);
  return c;
}

function adminTarget(ctx: StubContext, request: FastifyRequest): Target {
  const token = schemeParam(request.headers.authorization, 'GoogleLogin', 'auth');
  if (token === null) throw new DmError(401, 'Authorization: GoogleLogin auth=<admin token> is required');
  const session = ctx.stores.admins.session(sha256Hex(token));
  if (session === undefined) throw new DmError(401, 'the admin token is unknown');
  return {
    customer: customerOf(ctx, session.customer_id),
    orgUnit: undefined,
    enrollmentType: 'ENTERPRISE_MANUAL',
  };
}

function enrollmentTokenTarget(ctx: StubContext, request: FastifyRequest): Target {
  const token = schemeParam(request.headers.authorization, 'GoogleEnrollmentToken', 'token');
  if (token === null)
    throw new DmError(401, 'Authorization: GoogleEnrollmentToken token=<enrollment token> is required');
  const row = ctx.stores.enrollmentTokens.get(token);
  if (row === undefined) throw new DmError(401, 'the enrollment token is unknown');
  if (row.state !== 'ACTIVE') throw new DmError(403, 'the enrollment token was revoked');
  return {
    customer: customerOf(ctx, row.customer_id),
    orgUnit: row.org_unit_path,
    enrollmentType: 'ENTERPRISE_TOKEN',
  };
}

function findRecord(
  ctx: StubContext,
  req: AcceptedRegisterRequest,
): { deviceId: string; record: DeviceRow | undefined } {
  const attested = req.device_register_identification?.attested_device_id;
  if (attested !== undefined) return { deviceId: attested, record: ctx.stores.devices.get(attested) };
  const bySerial = ctx.stores.devices.findBySerialAndModel(req.machine_id, modelKey(req.machine_model));
  if (bySerial !== undefined) return { deviceId: bySerial.device_id, record: bySerial };
  return { deviceId: req.machine_id, record: ctx.stores.devices.get(req.machine_id) };
}

export function manualRegister(
  ctx: StubContext,
  request: FastifyRequest,
  kind: 'register' | 'token_based_register',
  clientId: string,
  req: AcceptedRegisterRequest,
): DeviceRegisterResponse {
  const target = kind === 'register' ? adminTarget(ctx, request) : enrollmentTokenTarget(ctx, request);
  const field = `${kind}_request.machine_id`;
  requireUsableSerial(req.machine_id, field);
  const run = ctx.stores.db.transaction((): DeviceRegisterResponse => {
    const { deviceId, record } = findRecord(ctx, req);
    const live = record !== undefined && record.status !== 'DEPROVISIONED' ? record : undefined;
    if (live !== undefined) {
      requireRecordSerial(req.machine_id, live, field);
      if (live.model_key !== modelKey(req.machine_model)) {
        throw new DmError(409, `device ID ${deviceId} is registered for another model (${live.model})`);
      }
    }
    const customer = customerOf(ctx, target.customer.customer_id);
    if (live !== undefined && live.customer_id !== customer.customer_id) {
      if (customer.kind === 'consumer' && live.bundled_license === 1) {
        throw new DmError(
          417,
          'a consumer account cannot enroll a device sold with a packaged Chrome Enterprise licence',
        );
      }
      const owner = customerOf(ctx, live.customer_id);
      throw new DmError(406, `device ${deviceId} belongs to ${owner.domain}, not ${customer.domain}`);
    }
    return enroll(ctx, {
      enrollmentType: target.enrollmentType,
      deviceId,
      clientId,
      serial: req.machine_id,
      model: req.machine_model,
      reregister: req.reregister === true,
      customer,
      orgUnit: target.orgUnit ?? live?.org_unit_path ?? '/',
      existing: record,
    });
  });
  return run.immediate();
}
