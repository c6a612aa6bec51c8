// request=certificate_based_register in Chromium's format: the zero-touch happy path and its licence
// rules. The record is matched by the attested device ID, never by the model the device reports.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeviceRegisterRequest_Flavor as Flavor } from '../../../protocol/dm.ts';
import type { DeviceView, LicensesView } from '../../../server-stub/admin/views.ts';
import {
  acerDevice,
  DEMO,
  fetchPolicy,
  http,
  login,
  mintDevice,
  preprovision,
  type StartedStub,
  startStub,
  zeroTouchRegister,
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

const licences = async (): Promise<LicensesView> =>
  (await http<LicensesView>(s.url, 'GET', `/v1/customers/${DEMO.customer}/licenses`, { bearer: admin })).body;
const device = async (id: string): Promise<DeviceView> =>
  (await http<DeviceView>(s.url, 'GET', `/v1/customers/${DEMO.customer}/devices/${id}`, { bearer: admin }))
    .body;

describe('certificate_based_register', () => {
  it('enrolls a pre-provisioned device: MANAGED, enrolled_at, a DM token, one licence used', async () => {
    const d = acerDevice(1);
    await preprovision(s.url, [d], DEMO.customer, DEMO.classroomsToken);
    const r = await zeroTouchRegister(s.url, d, 'client-1');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/x-protobuffer');
    const reg = r.body.registerResponse;
    expect(reg).toMatchObject({
      enrollmentType: 0, // DeviceMode ENTERPRISE
      machineName: d.serial_number,
      orgUnitPath: '/Classrooms',
      licenseConsumed: true,
      bundledLicense: false,
    });
    expect(reg?.deviceManagementToken).toMatch(/^dmt-/);
    expect(await device(d.device_id)).toMatchObject({
      status: 'MANAGED',
      enrolled_at: '2025-06-02T09:00:00.000Z',
    });
    expect((await licences()).chrome_enterprise_upgrade).toEqual({ total: 10, used: 1 });
  });

  it('answers as the proto has it: no management domain in DeviceRegisterResponse (JSON shows every field)', async () => {
    const d = acerDevice(11);
    await preprovision(s.url, [d]);
    const r = await zeroTouchRegister(s.url, d, 'client-11', {}, undefined, { encoding: 'json' });
    expect(r.status).toBe(200);
    const reg = (r.json?.register_response ?? {}) as Record<string, unknown>;
    expect(Object.keys(reg).sort()).toEqual([
      'bundled_license',
      'device_management_token',
      'enrollment_type',
      'license_consumed',
      'machine_name',
      'org_unit_path',
    ]);
    expect(reg.enrollment_type).toBe('ENTERPRISE');
  });

  it('consumes no upgrade licence for a device with a bundled licence', async () => {
    const d = acerDevice(2, { bundled_license: true });
    await preprovision(s.url, [d]);
    const r = await zeroTouchRegister(s.url, d, 'client-2');
    expect(r.body.registerResponse).toMatchObject({ licenseConsumed: false, bundledLicense: true });
    const l = await licences();
    expect(l.chrome_enterprise_upgrade.used).toBe(0);
    expect(l.bundled.used).toBe(1);
  });

  it('a reregister after success consumes nothing, issues a new token and revokes the old one', async () => {
    const d = acerDevice(3);
    await preprovision(s.url, [d]);
    const identity = await mintDevice(s.url, d.device_id);
    const first = await zeroTouchRegister(s.url, d, 'client-3', {}, identity);
    const again = await zeroTouchRegister(s.url, d, 'client-3b', { reregister: true }, identity);
    expect(again.status).toBe(200);
    expect(again.body.registerResponse?.licenseConsumed).toBe(true);
    const oldToken = first.body.registerResponse?.deviceManagementToken ?? '';
    expect(again.body.registerResponse?.deviceManagementToken).not.toBe(oldToken);
    expect((await licences()).chrome_enterprise_upgrade.used).toBe(1);
    expect((await fetchPolicy(s.url, 'client-3', oldToken)).status).toBe(401);
  });

  it('a retry from the same deviceid without reregister succeeds without a second licence', async () => {
    const d = acerDevice(4);
    await preprovision(s.url, [d]);
    expect((await zeroTouchRegister(s.url, d, 'client-4')).status).toBe(200);
    expect((await zeroTouchRegister(s.url, d, 'client-4')).status).toBe(200);
    expect((await licences()).chrome_enterprise_upgrade.used).toBe(1);
    expect((await device(d.device_id)).enrolled_at).toBe('2025-06-02T09:00:00.000Z');
  });

  it('answers 410 when the brand code the device sends is not its record’s (another device)', async () => {
    const d = acerDevice(5, { brand_code: 'ABCD' });
    await preprovision(s.url, [d]);
    const r = await zeroTouchRegister(s.url, d, 'client-5', { brandCode: 'WXYZ' });
    expect(r.status).toBe(410);
    expect(r.body.errorMessage).toContain('brand code ABCD');
  });

  it('matches by attested ID: the model the device reports is not a match key', async () => {
    const d = acerDevice(6);
    await preprovision(s.url, [d]);
    const r = await zeroTouchRegister(s.url, d, 'client-6', { machineModel: 'EVE E25-A7B-C2D' });
    expect(r.status).toBe(200);
  });

  it('accepts the device certificate as PEM text too (Chromium’s proto comment allows it)', async () => {
    const d = acerDevice(10);
    await preprovision(s.url, [d]);
    expect((await zeroTouchRegister(s.url, d, 'client-10', { certificateForm: 'pem-chain' })).status).toBe(
      200,
    );
  });

  it('checks in the documented order: 410 before the revoked token, 403 token before 406 domain', async () => {
    const d = acerDevice(7);
    await preprovision(s.url, [d]);
    const rev = await http(
      s.url,
      'POST',
      `/v1/customers/${DEMO.customer}/preprovisioning-tokens/${DEMO.token}/revoke`,
      {
        bearer: admin,
      },
    );
    expect(rev.body).toEqual({ token: DEMO.token, org_unit_path: '/', state: 'REVOKED' });
    const r = await zeroTouchRegister(s.url, d, 'client-7', { expectedEnrollmentDomain: 'other.example' });
    expect(r.status).toBe(403);
    expect(r.body.errorMessage).toContain('revoked');
    expect((await zeroTouchRegister(s.url, acerDevice(8), 'client-8')).status).toBe(410);
  });

  it('answers 406 when expected_enrollment_domain is not the device’s domain', async () => {
    const d = acerDevice(12);
    await preprovision(s.url, [d]);
    const r = await zeroTouchRegister(s.url, d, 'client-12', { expectedEnrollmentDomain: 'other.example' });
    expect(r.status).toBe(406);
    const ok = await zeroTouchRegister(s.url, d, 'client-12', { expectedEnrollmentDomain: 'DEMO.example' });
    expect(ok.status).toBe(200);
  });

  it('rejects a manual-fallback flavor with 400 naming the field', async () => {
    const d = acerDevice(9);
    await preprovision(s.url, [d]);
    const r = await zeroTouchRegister(s.url, d, 'client-9', {
      flavor: Flavor.ENROLLMENT_ATTESTATION_INITIAL_MANUAL_FALLBACK,
    });
    expect(r.status).toBe(400);
    expect(r.body.errorMessage).toContain('device_register_request.flavor');
  });
});
