// request=register (manual fallback: the admin's token as Chromium passes it, `oauth_token` query
// parameter; `Authorization: GoogleLogin auth=` still accepted) and request=token_based_register
// (`GoogleEnrollmentToken token=`, wrapper messages: request field 41, response field 40).

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceView } from '../../../server-stub/admin/views.ts';
import {
  acerDevice,
  DEMO,
  type DmMessage,
  dm,
  dmStatusOf,
  http,
  login,
  manualRequestFor,
  preprovision,
  type StartedStub,
  startStub,
} from '../../helpers/stub.ts';

let s: StartedStub;
let admin: string;
beforeEach(async () => {
  s = await startStub();
  admin = await login(s.url, DEMO.admin.email, DEMO.admin.password);
});
afterEach(async () => {
  await s.close();
});

type RegisterRequest = NonNullable<DmMessage['registerRequest']>;

function req(serial: string, model = 'Chromebook Acer 311 (C722/C722T)', attested?: string): RegisterRequest {
  return manualRequestFor(
    { serial_number: serial, model },
    attested === undefined ? {} : { deviceRegisterIdentification: { attestedDeviceId: attested } },
  );
}

/** `auth`: the admin token as the oauth_token parameter (Chromium), or a whole Authorization header. */
const register = (
  r: RegisterRequest,
  auth: { oauth?: string; header?: string } = {},
  deviceid = 'manual-client',
) =>
  dm(
    s.url,
    'register',
    deviceid,
    { registerRequest: r },
    {
      ...(auth.oauth === undefined ? {} : { query: { oauth_token: auth.oauth } }),
      ...(auth.header === undefined ? {} : { auth: auth.header }),
    },
  );

describe('register (manual fallback)', () => {
  it('enrolls a device that was never pre-provisioned into the admin’s customer, at the root org unit', async () => {
    const r = await register(req('MANUAL0001'), { oauth: admin });
    expect(r.status).toBe(200);
    expect(r.body.registerResponse).toMatchObject({
      enrollmentType: 0,
      orgUnitPath: '/',
      licenseConsumed: true,
    });
    const dev = await http<DeviceView>(s.url, 'GET', `/v1/customers/${DEMO.customer}/devices/MANUAL0001`, {
      bearer: admin,
    });
    expect(dev.body).toMatchObject({ status: 'MANAGED', license_consumed: true });
  });

  it('still accepts Authorization: GoogleLogin auth=<admin token>', async () => {
    expect((await register(req('MANUAL0005'), { header: `GoogleLogin auth=${admin}` })).status).toBe(200);
  });

  it('enrolls a device pre-provisioned for the admin’s customer into its org unit, keeping its bundled licence', async () => {
    const r = await register(req('NXDEMOACER00001', 'Chromebook Acer 314 (C934/C934T)', 'NXDEMOACER00001'), {
      oauth: admin,
    });
    expect(r.body.registerResponse).toMatchObject({
      orgUnitPath: '/Classrooms',
      bundledLicense: true,
      licenseConsumed: false,
    });
  });

  it('finds a pre-provisioned device by brand code + serial when it sends no attested ID', async () => {
    const r = await register(
      manualRequestFor(
        { serial_number: 'NXDEMOACER00001', model: 'whatever the firmware says' },
        { brandCode: 'XENV' },
      ),
      { oauth: admin },
    );
    expect(r.status).toBe(200);
    expect(r.body.registerResponse).toMatchObject({ orgUnitPath: '/Classrooms', bundledLicense: true });
  });

  it('answers 401 without or with an unknown admin token', async () => {
    expect((await register(req('MANUAL0002'))).status).toBe(401);
    expect((await register(req('MANUAL0002'), { oauth: 'nope' })).status).toBe(401);
    expect((await register(req('MANUAL0002'), { header: 'GoogleLogin auth=nope' })).status).toBe(401);
    expect((await register(req('MANUAL0002'), { header: `Bearer ${admin}` })).status).toBe(401);
  });

  it('answers 406 for a device that belongs to another customer', async () => {
    const d = acerDevice(500);
    await preprovision(s.url, [d], DEMO.other.customer, DEMO.other.token);
    const r = await register(req(d.serial_number, d.model, d.device_id), { oauth: admin });
    expect(r.status).toBe(406);
    expect(dmStatusOf(r)).toBe('DM_STATUS_SERVICE_DOMAIN_MISMATCH');
  });

  it('answers 409 when the device ID is registered for another device (another brand code)', async () => {
    const r = await register(req('N3NXCV01D0001', 'Chromebook NEC Y3', 'ASUSDEMO0001'), { oauth: admin });
    expect(r.status).toBe(409);
    expect(r.body.errorMessage).toContain('brand code LUSR');
  });

  it('answers 405 for an unusable serial number', async () => {
    expect((await register(req('N/A'), { oauth: admin })).status).toBe(405);
  });

  it('answers 402 when the customer has no licence left', async () => {
    await http(s.url, 'PUT', `/v1/customers/${DEMO.customer}/licenses`, {
      bearer: admin,
      body: { chrome_enterprise_upgrade_total: 0 },
    });
    expect((await register(req('MANUAL0003'), { oauth: admin })).status).toBe(402);
  });
});

describe('token_based_register', () => {
  const tokenRegister = (
    r: RegisterRequest | undefined,
    auth: string | undefined,
    encoding: 'proto' | 'json' = 'proto',
  ) =>
    dm(
      s.url,
      'token_based_register',
      'token-client',
      { tokenBasedDeviceRegisterRequest: r === undefined ? {} : { deviceRegisterRequest: r } },
      { ...(auth === undefined ? {} : { auth }), encoding },
    );

  it('enrolls into the enrollment token’s customer and org unit; answers in the wrapper (field 40)', async () => {
    const created = await http<{ token: string }>(
      s.url,
      'POST',
      `/v1/customers/${DEMO.customer}/enrollment-tokens`,
      {
        bearer: admin,
        body: { org_unit_path: '/Classrooms' },
      },
    );
    expect(created.status).toBe(201);
    const r = await tokenRegister(
      req('TOKEN0001'),
      `GoogleEnrollmentToken token=${created.body.token}`,
      'json',
    );
    expect(r.status).toBe(200);
    expect(Object.keys(r.json ?? {})).toEqual(['token_based_device_register_response']);
    expect(r.body.tokenBasedDeviceRegisterResponse?.deviceRegisterResponse).toMatchObject({
      orgUnitPath: '/Classrooms',
    });
  });

  it('answers 400 naming the field when the wrapper holds no device_register_request', async () => {
    const r = await tokenRegister(undefined, `GoogleEnrollmentToken token=${DEMO.enrollmentToken}`);
    expect(r.status).toBe(400);
    expect(r.body.errorMessage).toBe(
      'token_based_device_register_request.device_register_request is required',
    );
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
