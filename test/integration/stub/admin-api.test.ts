// Admin API under /v1/customers/{cid}: tokens, devices, licences, org units.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceView, LicensesView, TokenView } from '../../../server-stub/admin/views.ts';
import {
  acerDevice,
  DEMO,
  http,
  login,
  preprovision,
  type StartedStub,
  startStub,
  zeroTouchRegister,
} from '../../helpers/stub.ts';

let s: StartedStub;
let admin: string;
const base = `/v1/customers/${DEMO.customer}`;
beforeEach(async () => {
  s = await startStub();
  admin = await login(s.url, DEMO.admin.email, DEMO.admin.password);
});
afterEach(async () => {
  await s.close();
});

const call = <T = Record<string, unknown>>(method: string, path: string, body?: unknown) =>
  http<T>(s.url, method, `${base}${path}`, { bearer: admin, body });

describe('pre-provisioning tokens', () => {
  it('creates a token for an org unit (201), lists it, and revokes it', async () => {
    const created = await call<TokenView>('POST', '/preprovisioning-tokens', {
      org_unit_path: '/Classrooms',
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      token: expect.stringMatching(/^ppt-/),
      org_unit_path: '/Classrooms',
      state: 'ACTIVE',
    });
    const list = await call<{ tokens: TokenView[] }>('GET', '/preprovisioning-tokens');
    expect(list.body.tokens).toContainEqual(created.body);
    const r = await preprovision(s.url, [acerDevice(1)], DEMO.customer, created.body.token);
    expect(r.body.results[0]?.status).toBe('PRE_PROVISIONED');
    const revoked = await call<TokenView>('POST', `/preprovisioning-tokens/${created.body.token}/revoke`);
    expect(revoked.body).toEqual({ ...created.body, state: 'REVOKED' });
    expect(
      (await preprovision(s.url, [acerDevice(2)], DEMO.customer, created.body.token)).body.results[0]
        ?.error_code,
    ).toBe('TOKEN_REVOKED');
  });

  it('defaults to the root org unit, and refuses an unknown one (400)', async () => {
    expect((await call<TokenView>('POST', '/preprovisioning-tokens')).body.org_unit_path).toBe('/');
    const bad = await call('POST', '/preprovisioning-tokens', { org_unit_path: '/Nowhere' });
    expect(bad.status).toBe(400);
    expect(bad.body.error_message).toContain('org_unit_path');
  });

  it('answers 404 when revoking another customer’s token', async () => {
    expect((await call('POST', `/preprovisioning-tokens/${DEMO.other.token}/revoke`)).status).toBe(404);
  });
});

describe('devices', () => {
  it('lists devices with a status filter and the documented fields', async () => {
    const d = acerDevice(10);
    await preprovision(s.url, [d]);
    await zeroTouchRegister(s.url, d, 'adm-10');
    const managed = await call<{ devices: DeviceView[] }>('GET', '/devices?status=MANAGED');
    expect(managed.body.devices).toEqual([
      {
        device_id: d.device_id,
        serial_number: d.serial_number,
        model: d.model,
        status: 'MANAGED',
        org_unit_path: '/',
        bundled_license: false,
        license_consumed: true,
        license_type: 'CHROME_ENTERPRISE',
        license_packaging_sku: null,
        enrolled_at: '2025-06-02T09:00:00.000Z',
      },
    ]);
    const pre = await call<{ devices: DeviceView[] }>('GET', '/devices?status=PRE_PROVISIONED');
    expect(pre.body.devices.map((x) => x.device_id).sort()).toEqual(['ASUSDEMO0001', 'NXDEMOACER00001']);
    expect((await call<{ devices: DeviceView[] }>('GET', '/devices')).body.devices).toHaveLength(3);
    const bad = await call('GET', '/devices?status=LOST');
    expect(bad.status).toBe(400);
    expect(bad.body.error_message).toContain('querystring.status');
  });

  it('moves a device to another org unit', async () => {
    const r = await call<DeviceView>('PATCH', '/devices/ASUSDEMO0001', { org_unit_path: '/Classrooms' });
    expect(r.status).toBe(200);
    expect(r.body.org_unit_path).toBe('/Classrooms');
    expect((await call('PATCH', '/devices/ASUSDEMO0001', { org_unit_path: '/Nowhere' })).status).toBe(400);
    expect((await call('PATCH', '/devices/NOSUCHDEVICE', { org_unit_path: '/' })).status).toBe(404);
  });

  it('deletes a pre-provisioned device, and refuses to delete a managed one (409)', async () => {
    const del = await call('DELETE', '/devices/ASUSDEMO0001');
    expect(del.status).toBe(200);
    expect(del.body).toEqual({ device_id: 'ASUSDEMO0001', status: 'DELETED' });
    expect((await call('GET', '/devices/ASUSDEMO0001')).status).toBe(404);
    const d = acerDevice(11);
    await preprovision(s.url, [d]);
    await zeroTouchRegister(s.url, d, 'adm-11');
    const refused = await call('DELETE', `/devices/${d.device_id}`);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error_code: 'DEVICE_NOT_PRE_PROVISIONED' });
  });
});

describe('licences', () => {
  it('reads and sets the Chrome Enterprise Upgrade total, never below the licences in use', async () => {
    expect((await call<LicensesView>('GET', '/licenses')).body).toEqual({
      chrome_enterprise_upgrade: { total: 10, used: 0 },
      chrome_education_upgrade: { total: 0, used: 0 },
      chrome_nonprofit_upgrade: { total: 0, used: 0 },
      bundled: { used: 0, by_sku: { CHROME_ENTERPRISE: 0, CHROME_EDUCATION: 0 } },
      consumption_order: ['CHROME_ENTERPRISE', 'CHROME_EDUCATION', 'CHROME_NONPROFIT'],
    });
    const d = acerDevice(20);
    await preprovision(s.url, [d]);
    await zeroTouchRegister(s.url, d, 'adm-20');
    expect((await call('PUT', '/licenses', { chrome_enterprise_upgrade_total: 0 })).status).toBe(409);
    const put = await call<LicensesView>('PUT', '/licenses', { chrome_enterprise_upgrade_total: 1 });
    expect(put.body).toMatchObject({
      chrome_enterprise_upgrade: { total: 1, used: 1 },
      bundled: { used: 0 },
    });
    const bad = await call('PUT', '/licenses', { chrome_enterprise_upgrade_total: -1 });
    expect(bad.status).toBe(400);
    expect(bad.body.error_message).toContain('chrome_enterprise_upgrade_total');
  });
});

describe('org units', () => {
  it('lists and creates org units', async () => {
    const created = await call('POST', '/org-units', { org_unit_path: '/Staff' });
    expect(created.status).toBe(201);
    expect((await call('POST', '/org-units', { org_unit_path: '/Staff' })).status).toBe(409);
    const list = await call<{ org_units: { org_unit_path: string }[] }>('GET', '/org-units');
    expect(list.body.org_units.map((o) => o.org_unit_path)).toEqual(['/', '/Classrooms', '/Staff']);
    expect((await call('POST', '/org-units', { org_unit_path: 'no-slash' })).status).toBe(400);
  });
});
