// Every HTTP status of the DESIGN §5 table, over real HTTP: the ones the stub's rules produce, each
// with the dm_status the table pairs it with (JSON debug encoding, where `dm_status` is visible), and
// every status of the table through an injected fault, in both encodings.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DM_STATUS_BY_HTTP, dmStatusForHttp } from '../../../protocol/status.ts';
import {
  acerDevice,
  DEMO,
  type DmAnswer,
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
beforeEach(async () => {
  s = await startStub();
});
afterEach(async () => {
  await s.close();
});

const JSON_ENC = { encoding: 'json' } as const;

function expectDm(r: DmAnswer, status: number): void {
  expect({ status: r.status, dm_status: dmStatusOf(r) }).toEqual({
    status,
    dm_status: dmStatusForHttp(status),
  });
  if (r.json !== undefined) expect(r.json.dm_status).toBe(dmStatusForHttp(status));
  expect(r.body.errorMessage).not.toBe('');
}

async function enrolled(n: number): Promise<{ token: string; deviceid: string }> {
  const d = acerDevice(n);
  await preprovision(s.url, [d]);
  const r = await zeroTouchRegister(s.url, d, `client-${n}`);
  expect(r.status).toBe(200);
  return { token: r.body.registerResponse?.deviceManagementToken ?? '', deviceid: `client-${n}` };
}

const policyBody = { policyRequest: { requests: [{ policyType: 'google/chromeos/device' }] } };

describe('DM status codes the stub’s rules produce', () => {
  it('200 DM_STATUS_SUCCESS answers carry the response field and no dm_status', async () => {
    const r = await initialState(s.url, 'UNKNOWN123', 'ABCD', JSON_ENC);
    expect(r.status).toBe(200);
    expect(r.json).toEqual({
      device_initial_enrollment_state_response: { initial_enrollment_mode: 'INITIAL_ENROLLMENT_MODE_NONE' },
    });
  });

  it('400 DM_STATUS_REQUEST_INVALID for a bad deviceid', async () => {
    const r = await dm(s.url, 'policy', 'has space', policyBody, JSON_ENC);
    expectDm(r, 400);
    expect(r.body.errorMessage).toContain('deviceid');
  });

  it('401 DM_STATUS_SERVICE_MANAGEMENT_TOKEN_INVALID for an unknown DM token', async () => {
    expectDm(await fetchPolicy(s.url, 'c1', 'nope', undefined, JSON_ENC), 401);
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
    expectDm(await zeroTouchRegister(s.url, d, 'c402', {}, undefined, JSON_ENC), 402);
  });

  it('403 DM_STATUS_SERVICE_MANAGEMENT_NOT_SUPPORTED when attestation fails', async () => {
    const d = acerDevice(403);
    await preprovision(s.url, [d]);
    const r = await zeroTouchRegister(
      s.url,
      d,
      'c403',
      { attestedDeviceId: 'SOMEONEELSE1' },
      undefined,
      JSON_ENC,
    );
    expectDm(r, 403);
    expect(r.body.errorMessage).toMatch(/^attestation failed: /);
  });

  it('405 DM_STATUS_SERVICE_INVALID_SERIAL_NUMBER for a serial that is not the device’s', async () => {
    const d = acerDevice(405);
    await preprovision(s.url, [d]);
    expectDm(
      await zeroTouchRegister(s.url, d, 'c405', { machineId: 'NOTMYSERIAL' }, undefined, JSON_ENC),
      405,
    );
  });

  it('406 DM_STATUS_SERVICE_DOMAIN_MISMATCH when the device expects another domain', async () => {
    const d = acerDevice(406);
    await preprovision(s.url, [d]);
    expectDm(
      await zeroTouchRegister(
        s.url,
        d,
        'c406',
        { expectedEnrollmentDomain: 'other.example' },
        undefined,
        JSON_ENC,
      ),
      406,
    );
  });

  it('409 DM_STATUS_SERVICE_DEVICE_ID_CONFLICT for a managed device claimed by another deviceid', async () => {
    const d = acerDevice(409);
    await preprovision(s.url, [d]);
    expect((await zeroTouchRegister(s.url, d, 'first-client')).status).toBe(200);
    expectDm(await zeroTouchRegister(s.url, d, 'second-client', {}, undefined, JSON_ENC), 409);
  });

  it('410 DM_STATUS_SERVICE_DEVICE_NOT_FOUND for a device nobody pre-provisioned', async () => {
    expectDm(await zeroTouchRegister(s.url, acerDevice(410), 'c410', {}, undefined, JSON_ENC), 410);
  });

  it('412 DM_STATUS_SERVICE_ACTIVATION_PENDING for a customer whose account is not activated', async () => {
    const d = acerDevice(412);
    const up = await preprovision(s.url, [d], 'C00pend01', 'ppt-pending-0001');
    expect(up.body.results[0]?.status).toBe('PRE_PROVISIONED');
    expectDm(await zeroTouchRegister(s.url, d, 'c412', {}, undefined, JSON_ENC), 412);
  });

  it('413 DM_STATUS_REQUEST_TOO_LARGE for an oversized body, in either encoding', async () => {
    const big = new Uint8Array(70_000);
    const proto = await dm(s.url, 'register', 'c413', {}, { rawBody: big });
    expectDm(proto, 413);
    expect(proto.headers.get('content-type')).toBe('application/x-protobuffer');
    expectDm(
      await dm(
        s.url,
        'register',
        'c413',
        {},
        { encoding: 'json', rawBody: JSON.stringify({ pad: 'x'.repeat(70_000) }) },
      ),
      413,
    );
  });

  it('417 DM_STATUS_SERVICE_CONSUMER_ACCOUNT_WITH_PACKAGED_LICENSE for a consumer enrolling a bundled device', async () => {
    const r = await dm(
      s.url,
      'token_based_register',
      'c417',
      {
        tokenBasedDeviceRegisterRequest: {
          deviceRegisterRequest: manualRequestFor(
            { serial_number: 'NXDEMOACER00001', model: 'Chromebook Acer 314 (C934/C934T)' },
            { deviceRegisterIdentification: { attestedDeviceId: 'NXDEMOACER00001' } },
          ),
        },
      },
      { auth: 'GoogleEnrollmentToken token=ent-consumer-0001', encoding: 'json' },
    );
    expectDm(r, 417);
  });

  it('429 DM_STATUS_SERVICE_TOO_MANY_REQUESTS with Retry-After, from an injected fault', async () => {
    await http(s.url, 'POST', '/v1/test/faults', {
      body: { request_type: 'policy', status: 429, count: 1, retry_after_seconds: 7 },
    });
    const r = await dm(s.url, 'policy', 'c429', policyBody, JSON_ENC);
    expectDm(r, 429);
    expect(r.headers.get('retry-after')).toBe('7');
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
    expectDm(await fetchPolicy(s.url, deviceid, token, undefined, JSON_ENC), 903);
    expectDm(await fetchPolicy(s.url, deviceid, token), 903);
  });
});

describe('every status of the table, through an injected fault', () => {
  const errorStatuses = [
    ...Object.keys(DM_STATUS_BY_HTTP)
      .map(Number)
      .filter((h) => h !== 200),
    500,
    503,
  ];
  it.each(errorStatuses)('%i: the HTTP status, error_message, and dm_status in JSON', async (status) => {
    await http(s.url, 'POST', '/v1/test/faults', {
      body: { request_type: 'enterprise_check', status, count: 2 },
    });
    const body = { autoEnrollmentRequest: { remainder: 0n, modulus: 1n, enrollmentCheckType: 2 } };
    const proto = await dm(s.url, 'enterprise_check', `f${status}`, body);
    expect(proto.status).toBe(status);
    expect(proto.headers.get('content-type')).toBe('application/x-protobuffer');
    expect(proto.body.errorMessage).toBe('injected fault for request=enterprise_check');
    expectDm(proto, status);
    const json = await dm(s.url, 'enterprise_check', `f${status}`, body, JSON_ENC);
    expectDm(json, status);
    expect(json.json).toEqual({
      error_message: 'injected fault for request=enterprise_check',
      dm_status: dmStatusForHttp(status),
    });
  });
});
