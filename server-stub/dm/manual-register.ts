// request=register (manual fallback) and request=token_based_register. They enroll the device into the
// admin's (or the token's) customer even if it was never pre-provisioned.
//   register: the admin's OAuth token as Chromium passes it, the `oauth_token` query parameter (the
//     admin session token of POST /v1/auth/login); `Authorization: GoogleLogin auth=<token>` is still
//     accepted for older clients. Body: register_request (DeviceRegisterRequest).
//   token_based_register: `Authorization: GoogleEnrollmentToken token=<enrollment token>`; body
//     token_based_device_register_request{device_register_request} (field 41), answered with
//     token_based_device_register_response{device_register_response} (field 40).
// The device is found by its attested ID when it sends one, else by brand code + serial number
// (brand_code, else the catalog brand code of machine_model). Order of checks:
//   401 missing/unknown credential; 403 revoked enrollment token
//   400 malformed brand_code / neither brand_code nor machine_model
//   405 machine_id is not a usable serial / not the record's serial
//   409 the device ID is registered with another brand code (another device)
//   417 consumer account + bundled licence; 406 the device belongs to another customer
//   then enroll(): 409, 412, 417, 402.

import { create } from '@bufbuild/protobuf';
import { BRAND_CODE_PATTERN, catalogBrandCode } from '../../protocol/brand-code.ts';
import {
  type DeviceRegisterRequest,
  type DeviceRegisterResponse,
  type TokenBasedDeviceRegisterRequest,
  type TokenBasedDeviceRegisterResponse,
  TokenBasedDeviceRegisterResponseSchema,
} from '../../protocol/dm.ts';
import type { StubContext } from '../context.ts';
import type { CustomerRow, DeviceRow, EnrollmentType } from '../db/rows.ts';
import { sha256Hex } from '../db/secrets.ts';
import { schemeParam } from '../http/auth-header.ts';
import { DmError } from '../http/errors.ts';
import type { DmCall } from './call.ts';
import { enroll } from './enroll.ts';
import { requireRecordSerial, requireUsableSerial } from './serial.ts';

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

function adminTarget(call: DmCall): Target {
  const { ctx, request } = call;
  const token = call.query.oauthToken ?? schemeParam(request.headers.authorization, 'GoogleLogin', 'auth');
  if (token === null) {
    throw new DmError(401, 'the admin token is required: query parameter oauth_token=<admin token>');
  }
  const session = ctx.stores.admins.session(sha256Hex(token));
  if (session === undefined) throw new DmError(401, 'the admin token is unknown');
  return {
    customer: customerOf(ctx, session.customer_id),
    orgUnit: undefined,
    enrollmentType: 'ENTERPRISE_MANUAL',
  };
}

function enrollmentTokenTarget(call: DmCall): Target {
  const { ctx, request } = call;
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

function brandOf(req: DeviceRegisterRequest, field: string): string {
  if (req.brandCode !== '') {
    if (!BRAND_CODE_PATTERN.test(req.brandCode)) {
      throw new DmError(400, `${field}.brand_code must be 4 upper-case letters (RLZ brand code)`);
    }
    return req.brandCode;
  }
  if (req.machineModel === '') throw new DmError(400, `${field}.brand_code (or machine_model) is required`);
  return catalogBrandCode(req.machineModel);
}

function findRecord(
  ctx: StubContext,
  req: DeviceRegisterRequest,
  brand: string,
): { deviceId: string; record: DeviceRow | undefined; byAttestedId: boolean } {
  const attested = req.deviceRegisterIdentification?.attestedDeviceId ?? '';
  if (attested !== '')
    return { deviceId: attested, record: ctx.stores.devices.get(attested), byAttestedId: true };
  const found = ctx.stores.devices.findByBrandAndSerial(brand, req.machineId);
  if (found !== undefined) return { deviceId: found.device_id, record: found, byAttestedId: false };
  return { deviceId: req.machineId, record: ctx.stores.devices.get(req.machineId), byAttestedId: false };
}

function register(
  call: DmCall,
  target: Target,
  req: DeviceRegisterRequest,
  field: string,
): DeviceRegisterResponse {
  const { ctx } = call;
  const brand = brandOf(req, field);
  requireUsableSerial(req.machineId, `${field}.machine_id`);
  const run = ctx.stores.db.transaction((): DeviceRegisterResponse => {
    const { deviceId, record } = findRecord(ctx, req, brand);
    const live = record !== undefined && record.status !== 'DEPROVISIONED' ? record : undefined;
    if (live !== undefined) {
      requireRecordSerial(req.machineId, live, `${field}.machine_id`);
      if (live.brand_code !== brand) {
        throw new DmError(
          409,
          `device ID ${deviceId} is registered for another device (brand code ${live.brand_code}, model ${live.model})`,
        );
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
      clientId: call.query.deviceid,
      serial: req.machineId,
      model: req.machineModel === '' ? (live?.model ?? 'unknown model') : req.machineModel,
      brandCode: brand,
      reregister: req.reregister,
      customer,
      orgUnit: target.orgUnit ?? live?.org_unit_path ?? '/',
      existing: record,
    });
  });
  return run.immediate();
}

export function manualRegister(call: DmCall, req: DeviceRegisterRequest): DeviceRegisterResponse {
  return register(call, adminTarget(call), req, 'register_request');
}

export function tokenBasedRegister(
  call: DmCall,
  wrapper: TokenBasedDeviceRegisterRequest,
): TokenBasedDeviceRegisterResponse {
  const target = enrollmentTokenTarget(call);
  const field = 'token_based_device_register_request.device_register_request';
  const req = wrapper.deviceRegisterRequest;
  if (req === undefined) throw new DmError(400, `${field} is required`);
  return create(TokenBasedDeviceRegisterResponseSchema, {
    deviceRegisterResponse: register(call, target, req, field),
  });
}
