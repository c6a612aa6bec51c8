// request=register (GoogleLogin admin token) and request=token_based_register (enrollment token).

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceRegisterResponse } from '../../../protocol/dm.ts';
import type { DeviceView } from '../../../server-stub/admin/views.ts';
import type { AcceptedRegisterRequest } from '../../../server-stub/dm/manual-register.ts';
import {
  acerDevice,
  DEMO,
  dm,
  http,
  login,
  preprovision,
  type StartedStub,
  startStub,
} from '../../helpers/stub.ts';

type Registered = { register_response: DeviceRegisterResponse; dm_status?: string };

let s: StartedStub;
let admin: string;
beforeEach(async () => {
  s = await startStub();
  admin = await login(s.url, DEMO.admin.email, DEMO.admin.password);
});
afterEach(async () => {
  await s.close();
});

function req(
  serial: string,
  model = 'Chromebook Acer 311 (C722/C722T)',
  attested?: string,
): AcceptedRegisterRequest {
  const r: AcceptedRegisterRequest = { type: 2, machine_id: serial, machine_model: model, flavor: 15 };
  if (attested !== undefined) r.device_register_identification = { attested_device_id: attested };
  return r;
}

const register = (r: AcceptedRegisterRequest, auth: string | undefined, deviceid = 'manual-client') =>
  dm<Registered>(s.url, 'register', deviceid, { register_request: r }, auth);

describe('register (manual fallback)', () => {
  it('enrolls a device that was never pre-provisioned into the admin’s customer, at the root org unit', async () => {
    const r = await register(req('MANUAL0001'), `GoogleLogin auth=${admin}`);
    expect(r.status).toBe(200);
    expect(r.body.register_response).toMatchObject({
      enrollment_type: 'ENTERPRISE_MANUAL',
      management_domain: 'demo.example',
      org_unit_path: '/',
      license_consumed: true,
    });
    const dev = await http<DeviceView>(s.url, 'GET', `/v1/customers/${DEMO.customer}/devices/MANUAL0001`, {
      bearer: admin,
    });
    expect(dev.body).toMatchObject({ status: 'MANAGED', license_consumed: true });
  });

  it('enrolls a device pre-provisioned for the admin’s customer into its org unit, keeping its bundled licence', async () => {
    const r = await register(
      req('NXDEMOACER00001', 'Chromebook Acer 314 (C934/C934T)', 'NXDEMOACER00001'),
      `GoogleLogin auth=${admin}`,
    );
    expect(r.body.register_response).toMatchObject({
      org_unit_path: '/Classrooms',
      bundled_license: true,
      license_consumed: false,
    });
  });

  it('answers 401 without or with an unknown admin token', async () => {
    expect((await register(req('MANUAL0002'), undefined)).status).toBe(401);
    expect((await register(req('MANUAL0002'), 'GoogleLogin auth=nope')).status).toBe(401);
    expect((await register(req('MANUAL0002'), `Bearer ${admin}`)).status).toBe(401);
  });

  it('answers 406 for a device that belongs to another customer', async () => {
    const d = acerDevice(500);
    await preprovision(s.url, [d], DEMO.other.customer, DEMO.other.token);
    const r = await register(req(d.serial_number, d.model, d.device_id), `GoogleLogin auth=${admin}`);
    expect(r.status).toBe(406);
    expect(r.body.dm_status).toBe('DM_STATUS_SERVICE_DOMAIN_MISMATCH');
  });

  it('answers 409 when the device ID is registered for another model', async () => {
    const r = await register(
      req('N3NXCV01D0001', 'Chromebook NEC Y3', 'ASUSDEMO0001'),
      `GoogleLogin auth=${admin}`,
    );
    expect(r.status).toBe(409);
  });

  it('answers 405 for an unusable serial number', async () => {
    expect((await register(req('N/A'), `GoogleLogin auth=${admin}`)).status).toBe(405);
  });

  it('answers 402 when the customer has no licence left', async () => {
    await http(s.url, 'PUT', `/v1/customers/${DEMO.customer}/licenses`, {
      bearer: admin,
      body: { chrome_enterprise_upgrade_total: 0 },
    });
    expect((await register(req('MANUAL0003'), `GoogleLogin auth=${admin}`)).status).toBe(402);
  });
});

describe('token_based_register', () => {
  const tokenRegister = (r: AcceptedRegisterRequest, auth: string | undefined) =>
    dm<Registered>(s.url, 'token_based_register', 'token-client', { token_based_register_request: r }, auth);

  it('enrolls into the enrollment token’s customer and org unit', async () => {
    const created = await http<{ token: string; org_unit_path: string; state: string }>(
      s.url,
      'POST',
      `/v1/customers/${DEMO.customer}/enrollment-tokens`,
      { bearer: admin, body: { org_unit_path: '/Classrooms' } },
    );
    expect(created.status).toBe(201);
    const r = await tokenRegister(req('TOKEN0001'), `GoogleEnrollmentToken token=${created.body.token}`);
    expect(r.status).toBe(200);
    expect(r.body.register_response).toMatchObject({
      enrollment_type: 'ENTERPRISE_TOKEN',
      org_unit_path: '/Classrooms',
    });
  });

  it('answers 401 for an unknown token and 403 for a revoked one', async () => {
    expect((await tokenRegister(req('TOKEN0002'), 'GoogleEnrollmentToken token=nope')).status).toBe(401);
    const rev = await http(
      s.url,
      'POST',
      `/v1/customers/${DEMO.customer}/enrollment-tokens/${DEMO.enrollmentToken}/revoke`,
      {
        bearer: admin,
      },
    );
    expect(rev.body).toMatchObject({ state: 'REVOKED' });
    const r = await tokenRegister(req('TOKEN0002'), `GoogleEnrollmentToken token=${DEMO.enrollmentToken}`);
    expect(r.status).toBe(403);
  });
});
