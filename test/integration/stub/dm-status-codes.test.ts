// Every HTTP status of the DESIGN §5 table that the stub can return, over real HTTP, each with the
// dm_status the table pairs it with.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dmStatusForHttp } from '../../../protocol/status.ts';
import {
  acerDevice,
  DEMO,
  dm,
  dmPath,
  type HttpAnswer,
  http,
  login,
  preprovision,
  type StartedStub,
  startStub,
  zeroTouchRegister,
} from '../../helpers/stub.ts';

let s: StartedStub;
beforeEach(async () => {
  s = await startStub();
});
afterEach(async () => {
  await s.close();
});

function expectDm(r: HttpAnswer, status: number): void {
  expect({ status: r.status, dm_status: r.body.dm_status }).toEqual({
    status,
    dm_status: dmStatusForHttp(status),
  });
  expect(typeof r.body.error_message).toBe('string');
}

async function enrolled(n: number): Promise<{ token: string; deviceid: string }> {
  const d = acerDevice(n);
  await preprovision(s.url, [d]);
  const r = await zeroTouchRegister<{ register_response: { device_management_token: string } }>(
    s.url,
    d,
    `client-${n}`,
  );
  expect(r.status).toBe(200);
  return { token: r.body.register_response.device_management_token, deviceid: `client-${n}` };
}

describe('DM status codes', () => {
  it('200 DM_STATUS_SUCCESS answers carry the response key', async () => {
    const r = await dm(s.url, 'device_initial_enrollment_state', 'c1', {
      device_initial_enrollment_state_request: { serial_number: 'UNKNOWN123', model: 'Chromebook X' },
    });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ device_initial_enrollment_state_response: { initial_enrollment_mode: 0 } });
  });

  it('400 DM_STATUS_REQUEST_INVALID for a bad deviceid', async () => {
    const r = await dm(s.url, 'policy', 'has space', {});
    expectDm(r, 400);
    expect(r.body.error_message).toContain('deviceid');
  });

  it('401 DM_STATUS_SERVICE_MANAGEMENT_TOKEN_INVALID for an unknown DM token', async () => {
    expectDm(await dm(s.url, 'policy', 'c1', {}, 'GoogleDMToken token=nope'), 401);
  });

  it('402 DM_STATUS_SERVICE_MISSING_LICENSES when no licence is left', async () => {
    const admin = await login(s.url, DEMO.otherAdmin.email, DEMO.otherAdmin.password);
    const put = await http(s.url, 'PUT', `/v1/customers/${DEMO.other.customer}/licenses`, {
      bearer: admin,
      body: { chrome_enterprise_upgrade_total: 0 },
    });
    expect(put.status).toBe(200);
    const d = acerDevice(402);
    await preprovision(s.url, [d], DEMO.other.customer, DEMO.other.token);
    expectDm(await zeroTouchRegister(s.url, d, 'c402'), 402);
  });

  it('403 DM_STATUS_SERVICE_MANAGEMENT_NOT_SUPPORTED when attestation fails', async () => {
    const d = acerDevice(403);
    await preprovision(s.url, [d]);
    const r = await zeroTouchRegister(s.url, d, 'c403', { attestedDeviceId: 'SOMEONEELSE1' });
    expectDm(r, 403);
    expect(r.body.error_message).toMatch(/^attestation failed: /);
  });

  it('405 DM_STATUS_SERVICE_INVALID_SERIAL_NUMBER for a serial that is not the device’s', async () => {
    const d = acerDevice(405);
    await preprovision(s.url, [d]);
    expectDm(await zeroTouchRegister(s.url, d, 'c405', { machineId: 'NOTMYSERIAL' }), 405);
  });

  it('406 DM_STATUS_SERVICE_DOMAIN_MISMATCH when the device expects another domain', async () => {
    const d = acerDevice(406);
    await preprovision(s.url, [d]);
    expectDm(await zeroTouchRegister(s.url, d, 'c406', { managementDomain: 'other.example' }), 406);
  });

  it('409 DM_STATUS_SERVICE_DEVICE_ID_CONFLICT for a managed device claimed by another deviceid', async () => {
    const d = acerDevice(409);
    await preprovision(s.url, [d]);
    expect((await zeroTouchRegister(s.url, d, 'first-client')).status).toBe(200);
    expectDm(await zeroTouchRegister(s.url, d, 'second-client'), 409);
  });

  it('410 DM_STATUS_SERVICE_DEVICE_NOT_FOUND for a device nobody pre-provisioned', async () => {
    expectDm(await zeroTouchRegister(s.url, acerDevice(410), 'c410'), 410);
  });

  it('412 DM_STATUS_SERVICE_ACTIVATION_PENDING for a customer whose account is not activated', async () => {
    const d = acerDevice(412);
    const up = await preprovision(s.url, [d], 'C00pend01', 'ppt-pending-0001');
    expect(up.body.results[0]?.status).toBe('PRE_PROVISIONED');
    expectDm(await zeroTouchRegister(s.url, d, 'c412'), 412);
  });

  it('413 DM_STATUS_REQUEST_TOO_LARGE for an oversized body', async () => {
    const r = await http(s.url, 'POST', dmPath('register', 'c413'), {
      raw: JSON.stringify({ pad: 'x'.repeat(70_000) }),
    });
    expectDm(r, 413);
  });

  it('417 DM_STATUS_SERVICE_CONSUMER_ACCOUNT_WITH_PACKAGED_LICENSE for a consumer enrolling a bundled device', async () => {
    const r = await dm(
      s.url,
      'token_based_register',
      'c417',
      {
        token_based_register_request: {
          type: 2,
          machine_id: 'NXDEMOACER00001',
          machine_model: 'Chromebook Acer 314 (C934/C934T)',
          flavor: 15,
          device_register_identification: { attested_device_id: 'NXDEMOACER00001' },
        },
      },
      'GoogleEnrollmentToken token=ent-consumer-0001',
    );
    expectDm(r, 417);
  });

  it('429 DM_STATUS_SERVICE_TOO_MANY_REQUESTS with Retry-After, from an injected fault', async () => {
    await http(s.url, 'POST', '/v1/test/faults', {
      body: { request_type: 'policy', status: 429, count: 1, retry_after_seconds: 7 },
    });
    const r = await dm(s.url, 'policy', 'c429', {});
    expectDm(r, 429);
    expect(r.headers.get('retry-after')).toBe('7');
  });

  it('5xx DM_STATUS_TEMPORARY_UNAVAILABLE, from an injected fault', async () => {
    await http(s.url, 'POST', '/v1/test/faults', { body: { request_type: 'policy', status: 503, count: 1 } });
    expectDm(await dm(s.url, 'policy', 'c503', {}), 503);
  });

  it('903 DM_STATUS_SERVICE_DEPROVISIONED once the admin deprovisioned the device', async () => {
    const { token, deviceid } = await enrolled(903);
    const admin = await login(s.url, DEMO.admin.email, DEMO.admin.password);
    const dep = await http(
      s.url,
      'POST',
      `/v1/customers/${DEMO.customer}/devices/${acerDevice(903).device_id}/deprovision`,
      {
        bearer: admin,
      },
    );
    expect(dep.status).toBe(200);
    expectDm(await dm(s.url, 'policy', deviceid, {}, `GoogleDMToken token=${token}`), 903);
  });
});
