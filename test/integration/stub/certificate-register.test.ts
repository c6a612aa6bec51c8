// request=certificate_based_register: the zero-touch happy path and its licence rules.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceRegisterResponse } from '../../../protocol/dm.ts';
import type { DeviceView, LicensesView } from '../../../server-stub/admin/views.ts';
import {
  acerDevice,
  DEMO,
  http,
  login,
  mintDevice,
  preprovision,
  type StartedStub,
  startStub,
  zeroTouchRegister,
} from '../../helpers/stub.ts';

type Registered = { register_response: DeviceRegisterResponse };

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
    const r = await zeroTouchRegister<Registered>(s.url, d, 'client-1');
    expect(r.status).toBe(200);
    expect(r.body.register_response).toMatchObject({
      enrollment_type: 'ENTERPRISE',
      management_domain: 'demo.example',
      org_unit_path: '/Classrooms',
      license_consumed: true,
      bundled_license: false,
    });
    expect(r.body.register_response.device_management_token).toMatch(/^dmt-/);
    expect(await device(d.device_id)).toMatchObject({
      status: 'MANAGED',
      enrolled_at: '2025-06-02T09:00:00.000Z',
    });
    expect(await licences()).toEqual({
      chrome_enterprise_upgrade: { total: 10, used: 1 },
      bundled: { used: 0 },
    });
  });

  it('consumes no Chrome Enterprise Upgrade for a device with a bundled licence', async () => {
    const d = acerDevice(2, { bundled_license: true });
    await preprovision(s.url, [d]);
    const r = await zeroTouchRegister<Registered>(s.url, d, 'client-2');
    expect(r.body.register_response).toMatchObject({ license_consumed: false, bundled_license: true });
    expect(await licences()).toEqual({
      chrome_enterprise_upgrade: { total: 10, used: 0 },
      bundled: { used: 1 },
    });
  });

  it('a reregister after success consumes nothing, issues a new token and revokes the old one', async () => {
    const d = acerDevice(3);
    await preprovision(s.url, [d]);
    const identity = await mintDevice(s.url, d.device_id);
    const first = await zeroTouchRegister<Registered>(s.url, d, 'client-3', {}, identity);
    const again = await zeroTouchRegister<Registered>(s.url, d, 'client-3b', { reregister: true }, identity);
    expect(again.status).toBe(200);
    expect(again.body.register_response.license_consumed).toBe(true);
    expect(again.body.register_response.device_management_token).not.toBe(
      first.body.register_response.device_management_token,
    );
    expect((await licences()).chrome_enterprise_upgrade.used).toBe(1);
    const old = await http(
      s.url,
      'POST',
      '/device_management?request=policy&devicetype=2&apptype=Chrome&deviceid=client-3',
      {
        body: {},
        headers: {
          authorization: `GoogleDMToken token=${first.body.register_response.device_management_token}`,
        },
      },
    );
    expect(old.status).toBe(401);
  });

  it('a retry from the same deviceid without reregister succeeds without a second licence', async () => {
    const d = acerDevice(4);
    await preprovision(s.url, [d]);
    expect((await zeroTouchRegister(s.url, d, 'client-4')).status).toBe(200);
    expect((await zeroTouchRegister(s.url, d, 'client-4')).status).toBe(200);
    expect((await licences()).chrome_enterprise_upgrade.used).toBe(1);
    expect((await device(d.device_id)).enrolled_at).toBe('2025-06-02T09:00:00.000Z');
  });

  it('answers 410 for a record of another model (it is not this device)', async () => {
    const d = acerDevice(5);
    await preprovision(s.url, [d]);
    const r = await zeroTouchRegister(s.url, d, 'client-5', { machineModel: 'Chromebook Acer 314 (C933)' });
    expect(r.status).toBe(410);
  });

  it('compares models case- and space-insensitively', async () => {
    const d = acerDevice(6);
    await preprovision(s.url, [d]);
    const r = await zeroTouchRegister(s.url, d, 'client-6', {
      machineModel: 'chromebook acer 311(c722/c722t)',
    });
    expect(r.status).toBe(200);
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
    const r = await zeroTouchRegister(s.url, d, 'client-7', { managementDomain: 'other.example' });
    expect(r.status).toBe(403);
    expect(r.body.error_message).toContain('revoked');
    expect((await zeroTouchRegister(s.url, acerDevice(8), 'client-8')).status).toBe(410);
  });

  it('rejects a flavor other than 14 with 400', async () => {
    const d = acerDevice(9);
    await preprovision(s.url, [d]);
    const r = await zeroTouchRegister(s.url, d, 'client-9', { flavor: 15 });
    expect(r.status).toBe(400);
    expect(r.body.error_message).toContain('flavor');
  });
});
