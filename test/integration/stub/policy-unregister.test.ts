// request=policy and request=unregister (GoogleDMToken), and admin deprovisioning (903).

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceRegisterResponse, PolicyFetchResponse } from '../../../protocol/dm.ts';
import type { DeviceView, LicensesView } from '../../../server-stub/admin/views.ts';
import {
  acerDevice,
  DEMO,
  dm,
  http,
  login,
  preprovision,
  type StartedStub,
  startStub,
  zeroTouchRegister,
} from '../../helpers/stub.ts';

let s: StartedStub;
let admin: string;
const d = acerDevice(600);
let dmToken: string;

beforeEach(async () => {
  s = await startStub();
  admin = await login(s.url, DEMO.admin.email, DEMO.admin.password);
  await preprovision(s.url, [d], DEMO.customer, DEMO.classroomsToken);
  const r = await zeroTouchRegister<{ register_response: DeviceRegisterResponse }>(s.url, d, 'pol-client');
  dmToken = r.body.register_response.device_management_token;
});
afterEach(async () => {
  await s.close();
});

const auth = (): string => `GoogleDMToken token=${dmToken}`;
const used = async (): Promise<number> =>
  (await http<LicensesView>(s.url, 'GET', `/v1/customers/${DEMO.customer}/licenses`, { bearer: admin })).body
    .chrome_enterprise_upgrade.used;

describe('policy', () => {
  it('answers the device policy for its org unit', async () => {
    const r = await dm<{ policy_response: PolicyFetchResponse }>(
      s.url,
      'policy',
      'pol-client',
      { policy_request: {} },
      auth(),
    );
    expect(r.status).toBe(200);
    expect(r.body.policy_response).toMatchObject({
      policy_type: 'google/chromeos/device',
      management_domain: 'demo.example',
      org_unit_path: '/Classrooms',
      timestamp: Date.parse('2025-06-02T09:00:00Z'),
    });
  });

  it('answers 401 for a missing token, an unknown one, or one issued to another deviceid', async () => {
    expect((await dm(s.url, 'policy', 'pol-client', {})).status).toBe(401);
    expect((await dm(s.url, 'policy', 'pol-client', {}, 'GoogleDMToken token=dmt-nope')).status).toBe(401);
    expect((await dm(s.url, 'policy', 'someone-else', {}, auth())).status).toBe(401);
  });
});

describe('unregister', () => {
  it('frees the licence, returns the device to PRE_PROVISIONED and invalidates the token', async () => {
    expect(await used()).toBe(1);
    const r = await dm(s.url, 'unregister', 'pol-client', { unregister_request: {} }, auth());
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ unregister_response: {} });
    expect(await used()).toBe(0);
    const dev = await http<DeviceView>(
      s.url,
      'GET',
      `/v1/customers/${DEMO.customer}/devices/${d.device_id}`,
      { bearer: admin },
    );
    expect(dev.body).toMatchObject({
      status: 'PRE_PROVISIONED',
      license_consumed: false,
      enrolled_at: null,
      org_unit_path: '/Classrooms',
    });
    expect((await dm(s.url, 'policy', 'pol-client', {}, auth())).status).toBe(401);
    expect((await zeroTouchRegister(s.url, d, 'pol-client-2')).status).toBe(200);
  });

  it('forgets a device that had been enrolled without pre-provisioning', async () => {
    const reg = await dm<{ register_response: DeviceRegisterResponse }>(
      s.url,
      'register',
      'm-client',
      {
        register_request: {
          type: 2,
          machine_id: 'MANUAL0600',
          machine_model: 'Chromebook NEC Y3',
          flavor: 15,
        },
      },
      `GoogleLogin auth=${admin}`,
    );
    const token = reg.body.register_response.device_management_token;
    expect((await dm(s.url, 'unregister', 'm-client', {}, `GoogleDMToken token=${token}`)).status).toBe(200);
    const dev = await http(s.url, 'GET', `/v1/customers/${DEMO.customer}/devices/MANUAL0600`, {
      bearer: admin,
    });
    expect(dev.status).toBe(404);
  });
});

describe('deprovisioning', () => {
  it('frees the licence; policy and zero-touch registration then answer 903; initial state says NONE', async () => {
    const dep = await http<DeviceView>(
      s.url,
      'POST',
      `/v1/customers/${DEMO.customer}/devices/${d.device_id}/deprovision`,
      {
        bearer: admin,
      },
    );
    expect(dep.status).toBe(200);
    expect(dep.body).toMatchObject({ status: 'DEPROVISIONED', license_consumed: false });
    expect(await used()).toBe(0);
    expect((await dm(s.url, 'policy', 'pol-client', {}, auth())).status).toBe(903);
    const again = await zeroTouchRegister(s.url, d, 'pol-client', { reregister: true });
    expect(again.status).toBe(903);
    expect(again.body.dm_status).toBe('DM_STATUS_SERVICE_DEPROVISIONED');
    const state = await dm(s.url, 'device_initial_enrollment_state', 'pol-client', {
      device_initial_enrollment_state_request: {
        serial_number: d.serial_number,
        model: d.model,
        attested_device_id: d.device_id,
      },
    });
    expect(state.body).toEqual({ device_initial_enrollment_state_response: { initial_enrollment_mode: 0 } });
  });

  it('lets a partner pre-provision a deprovisioned device again', async () => {
    await http(s.url, 'POST', `/v1/customers/${DEMO.customer}/devices/${d.device_id}/deprovision`, {
      bearer: admin,
    });
    const up = await preprovision(s.url, [d], DEMO.other.customer, DEMO.other.token);
    expect(up.body.results).toEqual([{ device_id: d.device_id, status: 'PRE_PROVISIONED' }]);
    const r = await zeroTouchRegister<{ register_response: DeviceRegisterResponse }>(
      s.url,
      d,
      'pol-client-3',
    );
    expect(r.body.register_response?.management_domain).toBe('other.example');
  });

  it('refuses to deprovision a device that is not MANAGED (409)', async () => {
    const r = await http(s.url, 'POST', `/v1/customers/${DEMO.customer}/devices/ASUSDEMO0001/deprovision`, {
      bearer: admin,
    });
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ error_code: 'DEVICE_NOT_MANAGED' });
  });
});
