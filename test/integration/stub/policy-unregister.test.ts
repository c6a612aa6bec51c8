// request=policy and request=unregister (GoogleDMToken), and admin deprovisioning (903).
// The signature, key and settings of the policy are in signed-policy.test.ts.

import { fromBinary } from '@bufbuild/protobuf';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DeviceInitialEnrollmentStateResponse_InitialEnrollmentMode as Mode,
  PolicyDataSchema,
} from '../../../protocol/dm.ts';
import type { DeviceView, LicensesView } from '../../../server-stub/admin/views.ts';
import {
  acerDevice,
  DEMO,
  dm,
  dmStatusOf,
  fetchPolicy,
  http,
  initialState,
  login,
  manualRequestFor,
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
  const r = await zeroTouchRegister(s.url, d, 'pol-client');
  dmToken = r.body.registerResponse?.deviceManagementToken ?? '';
});
afterEach(async () => {
  await s.close();
});

const auth = (): string => `GoogleDMToken token=${dmToken}`;
const used = async (): Promise<number> =>
  (await http<LicensesView>(s.url, 'GET', `/v1/customers/${DEMO.customer}/licenses`, { bearer: admin })).body
    .chrome_enterprise_upgrade.used;
const unregisterBody = { unregisterRequest: {} };

describe('policy', () => {
  it('answers the device policy: PolicyData names the device, its domain, its org unit, the stub clock', async () => {
    const r = await fetchPolicy(s.url, 'pol-client', dmToken);
    expect(r.status).toBe(200);
    const responses = r.body.policyResponse?.responses ?? [];
    expect(responses).toHaveLength(1);
    const data = fromBinary(PolicyDataSchema, responses[0]?.policyData ?? new Uint8Array());
    expect(data).toMatchObject({
      policyType: 'google/chromeos/device',
      managedBy: 'demo.example',
      orgUnitPath: '/Classrooms',
      requestToken: dmToken,
      deviceId: 'pol-client',
      machineName: d.serial_number,
      timestamp: BigInt(Date.parse('2025-06-02T09:00:00Z')),
    });
  });

  it('answers 401 for a missing token, an unknown one, or one issued to another deviceid', async () => {
    const body = { policyRequest: { requests: [{ policyType: 'google/chromeos/device' }] } };
    expect((await dm(s.url, 'policy', 'pol-client', body)).status).toBe(401);
    expect(
      (await dm(s.url, 'policy', 'pol-client', body, { auth: 'GoogleDMToken token=dmt-nope' })).status,
    ).toBe(401);
    expect((await dm(s.url, 'policy', 'someone-else', body, { auth: auth() })).status).toBe(401);
  });

  it('answers 400 naming the field for a policy type it does not serve, or no PolicyFetchRequest', async () => {
    const user = await dm(
      s.url,
      'policy',
      'pol-client',
      { policyRequest: { requests: [{ policyType: 'google/chromeos/user' }] } },
      { auth: auth() },
    );
    expect(user.status).toBe(400);
    expect(user.body.errorMessage).toContain('policy_request.requests[0].policy_type');
    const none = await dm(s.url, 'policy', 'pol-client', { policyRequest: {} }, { auth: auth() });
    expect(none.status).toBe(400);
    expect(none.body.errorMessage).toContain('policy_request.requests');
  });
});

describe('unregister', () => {
  it('frees the licence, returns the device to PRE_PROVISIONED and invalidates the token', async () => {
    expect(await used()).toBe(1);
    const r = await dm(s.url, 'unregister', 'pol-client', unregisterBody, { auth: auth(), encoding: 'json' });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ unregister_response: {} });
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
    expect((await fetchPolicy(s.url, 'pol-client', dmToken)).status).toBe(401);
    expect((await zeroTouchRegister(s.url, d, 'pol-client-2')).status).toBe(200);
  });

  it('requires unregister_request in the body (400 naming it)', async () => {
    const r = await dm(s.url, 'unregister', 'pol-client', {}, { auth: auth() });
    expect(r.status).toBe(400);
    expect(r.body.errorMessage).toBe('unregister_request is required for request=unregister');
    expect(await used()).toBe(1);
  });

  it('forgets a device that had been enrolled without pre-provisioning', async () => {
    const reg = await dm(
      s.url,
      'register',
      'm-client',
      { registerRequest: manualRequestFor({ serial_number: 'MANUAL0600', model: 'Chromebook NEC Y3' }) },
      { query: { oauth_token: admin } },
    );
    const token = reg.body.registerResponse?.deviceManagementToken ?? '';
    expect(
      (await dm(s.url, 'unregister', 'm-client', unregisterBody, { auth: `GoogleDMToken token=${token}` }))
        .status,
    ).toBe(200);
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
    expect((await fetchPolicy(s.url, 'pol-client', dmToken)).status).toBe(903);
    const again = await zeroTouchRegister(s.url, d, 'pol-client', { reregister: true }, undefined, {
      encoding: 'json',
    });
    expect(again.status).toBe(903);
    expect(dmStatusOf(again)).toBe('DM_STATUS_SERVICE_DEPROVISIONED');
    const state = await initialState(s.url, d.serial_number, 'RJIA');
    expect(state.body.deviceInitialEnrollmentStateResponse?.initialEnrollmentMode).toBe(Mode.NONE);
  });

  it('lets a partner pre-provision a deprovisioned device again', async () => {
    await http(s.url, 'POST', `/v1/customers/${DEMO.customer}/devices/${d.device_id}/deprovision`, {
      bearer: admin,
    });
    const up = await preprovision(s.url, [d], DEMO.other.customer, DEMO.other.token);
    expect(up.body.results).toEqual([{ device_id: d.device_id, status: 'PRE_PROVISIONED' }]);
    expect((await zeroTouchRegister(s.url, d, 'pol-client-3')).status).toBe(200);
    expect(
      (await initialState(s.url, d.serial_number, 'RJIA')).body.deviceInitialEnrollmentStateResponse
        ?.managementDomain,
    ).toBe('other.example');
  });

  it('refuses to deprovision a device that is not MANAGED (409)', async () => {
    const r = await http(s.url, 'POST', `/v1/customers/${DEMO.customer}/devices/ASUSDEMO0001/deprovision`, {
      bearer: admin,
    });
    expect(r.status).toBe(409);
    expect(r.body).toMatchObject({ error_code: 'DEVICE_NOT_MANAGED' });
  });
});
