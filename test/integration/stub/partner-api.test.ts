// POST /v1/partner/devices:preprovision and GET /v1/partners.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogBrandCode } from '../../../protocol/brand-code.ts';
import type { DeviceView } from '../../../server-stub/admin/views.ts';
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
beforeAll(async () => {
  s = await startStub();
  admin = await login(s.url, DEMO.admin.email, DEMO.admin.password);
});
afterAll(async () => {
  await s.close();
});

const codes = (r: Awaited<ReturnType<typeof preprovision>>) =>
  r.body.results.map((x) => x.error_code ?? x.status);

describe('partner authentication', () => {
  it('401 without a key or with an unknown one', async () => {
    const none = await http(s.url, 'POST', '/v1/partner/devices:preprovision', { body: {} });
    expect(none.status).toBe(401);
    expect(none.body).toMatchObject({ error_code: 'UNAUTHENTICATED' });
    expect(
      (await preprovision(s.url, [acerDevice(1)], DEMO.customer, DEMO.token, 'wrong-key-123')).status,
    ).toBe(401);
  });

  it('403 for a known partner that is not on the authorised list', async () => {
    const r = await preprovision(s.url, [acerDevice(1)], DEMO.customer, DEMO.token, DEMO.unlistedPartnerKey);
    expect(r.status).toBe(403);
    expect(r.body).toMatchObject({ error_code: 'PARTNER_NOT_AUTHORIZED' });
  });

  it('publishes the authorised list of seed 000 with regions', async () => {
    const r = await http<{ partners: { company: string; regions: string[] }[] }>(
      s.url,
      'GET',
      '/v1/partners',
    );
    expect(r.body.partners).toContainEqual({ company: 'CDW', regions: ['États-Unis'] });
    expect(r.body.partners).toContainEqual({ company: 'Connection', regions: ['Canada', 'États-Unis'] });
    expect(r.body.partners.length).toBeGreaterThanOrEqual(70);
  });
});

describe('pre-provisioning', () => {
  it('pre-provisions devices into the token’s customer and org unit (visible to the admin)', async () => {
    const d = acerDevice(10);
    const r = await preprovision(s.url, [d], DEMO.customer, DEMO.classroomsToken);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ results: [{ device_id: d.device_id, status: 'PRE_PROVISIONED' }] });
    const list = await http<{ devices: DeviceView[] }>(
      s.url,
      'GET',
      `/v1/customers/${DEMO.customer}/devices?status=PRE_PROVISIONED`,
      {
        bearer: admin,
      },
    );
    expect(list.body.devices).toContainEqual({
      device_id: d.device_id,
      serial_number: d.serial_number,
      model: d.model,
      status: 'PRE_PROVISIONED',
      org_unit_path: '/Classrooms',
      bundled_license: false,
      license_consumed: false,
      license_type: null,
      license_packaging_sku: null,
      enrolled_at: null,
    });
  });

  it('reports token problems for every device', async () => {
    const ds = [acerDevice(20), acerDevice(21)];
    expect(codes(await preprovision(s.url, ds, DEMO.customer, 'ppt-unknown'))).toEqual([
      'TOKEN_NOT_FOUND',
      'TOKEN_NOT_FOUND',
    ]);
    expect(codes(await preprovision(s.url, ds, DEMO.customer, DEMO.revokedToken))).toEqual([
      'TOKEN_REVOKED',
      'TOKEN_REVOKED',
    ]);
    expect(codes(await preprovision(s.url, ds, DEMO.customer, DEMO.other.token))).toEqual([
      'TOKEN_CUSTOMER_MISMATCH',
      'TOKEN_CUSTOMER_MISMATCH',
    ]);
    expect(codes(await preprovision(s.url, ds, 'C00nobody', DEMO.token))).toEqual([
      'CUSTOMER_NOT_FOUND',
      'CUSTOMER_NOT_FOUND',
    ]);
    const list = await http<{ devices: DeviceView[] }>(
      s.url,
      'GET',
      `/v1/customers/${DEMO.customer}/devices`,
      { bearer: admin },
    );
    expect(list.body.devices.map((x) => x.device_id)).not.toContain(ds[0]?.device_id);
  });

  it('reports device problems one by one and pre-provisions the rest', async () => {
    const managed = acerDevice(30);
    await preprovision(s.url, [managed]);
    expect((await zeroTouchRegister(s.url, managed, 'p-30')).status).toBe(200);
    const r = await preprovision(s.url, [
      acerDevice(31),
      acerDevice(31),
      managed,
      { ...acerDevice(32), id_kind: 'imei' },
      { ...acerDevice(33), device_id: 'SOMETHINGELSE' },
      {
        device_id: 'ABC1234',
        id_kind: 'service-tag',
        serial_number: 'ABC1234',
        manufacturer: 'Dell',
        model: 'Chromebook Dell 3100',
      },
      {
        device_id: 'ABC12',
        id_kind: 'service-tag',
        serial_number: 'ABC12',
        manufacturer: 'Dell',
        model: 'Chromebook Dell 3100',
      },
      {
        device_id: 'TOOLONGTAG1',
        id_kind: 'service-tag',
        serial_number: 'TOOLONGTAG1',
        manufacturer: 'Dell',
        model: 'x',
      },
      {
        device_id: 'R9XT1234567890',
        id_kind: 'serial-number',
        serial_number: 'R9XT1234567890',
        manufacturer: 'Samsung',
        model: 'Samsung Chromebook 4',
      },
      {
        device_id: '1S82H0000PF0ABCD',
        id_kind: 'lenovo-1s-mtm-serial',
        serial_number: 'PF0ABCD',
        manufacturer: 'Lenovo',
        model: 'Chromebook Lenovo 100e',
      },
      {
        device_id: '1S82H0000PF0ABCD',
        id_kind: 'lenovo-1s-mtm-serial',
        serial_number: 'PF0ABCD',
        manufacturer: 'Lenovo',
        model: 'dup',
      },
      {
        device_id: '1SC1VM0A1B2C3D4E5F',
        id_kind: 'lenovo-1s-origin-mac',
        serial_number: 'M60Q0001',
        manufacturer: 'Lenovo',
        model: 'Chromebox Lenovo ThinkCentre M60q',
      },
      {
        device_id: '1SC1XX0A1B2C3D4E5F',
        id_kind: 'lenovo-1s-origin-mac',
        serial_number: 'M60Q0002',
        manufacturer: 'Lenovo',
        model: 'Chromebox Lenovo ThinkCentre M60q',
      },
      {
        device_id: 'SBID1X0001',
        id_kind: 'smart-serial',
        serial_number: 'SBID1X0001',
        manufacturer: 'SMART',
        model: 'SMART Board',
      },
    ]);
    expect(codes(r)).toEqual([
      'PRE_PROVISIONED',
      'DUPLICATE_DEVICE',
      'DEVICE_ALREADY_MANAGED',
      'INVALID_ID_KIND',
      'IDENTITY_MISMATCH',
      'PRE_PROVISIONED',
      'PRE_PROVISIONED',
      'INVALID_DEVICE_ID',
      'SERIAL_INCOMPLETE',
      'PRE_PROVISIONED',
      'DUPLICATE_DEVICE',
      'PRE_PROVISIONED',
      'INVALID_DEVICE_ID',
      'PRE_PROVISIONED',
    ]);
    expect(
      r.body.results.every(
        (x) =>
          x.status === 'PRE_PROVISIONED' ||
          typeof (x as { error_message?: unknown }).error_message === 'string',
      ),
    ).toBe(true);
  });

  it('refuses a device pre-provisioned for another customer, and updates one of the same customer', async () => {
    const d = acerDevice(40);
    await preprovision(s.url, [d], DEMO.other.customer, DEMO.other.token);
    expect(codes(await preprovision(s.url, [d]))).toEqual(['DEVICE_CLAIMED_BY_OTHER_CUSTOMER']);
    const e = acerDevice(41);
    await preprovision(s.url, [e]);
    expect(codes(await preprovision(s.url, [e], DEMO.customer, DEMO.classroomsToken))).toEqual([
      'PRE_PROVISIONED',
    ]);
    const dev = await http<DeviceView>(
      s.url,
      'GET',
      `/v1/customers/${DEMO.customer}/devices/${e.device_id}`,
      { bearer: admin },
    );
    expect(dev.body.org_unit_path).toBe('/Classrooms');
  });

  it('answers 400 naming the field for a malformed upload, and writes nothing', async () => {
    const r = await http(s.url, 'POST', '/v1/partner/devices:preprovision', {
      bearer: DEMO.partnerKey,
      body: {
        customer_id: DEMO.customer,
        pre_provisioning_token: DEMO.token,
        devices: [acerDevice(50), { ...acerDevice(51), model: 7 }],
      },
    });
    expect(r.status).toBe(400);
    expect(r.body).toEqual({
      error_message: 'body.devices[1].model must be string',
      error_code: 'INVALID_REQUEST',
    });
    const dev = await http(
      s.url,
      'GET',
      `/v1/customers/${DEMO.customer}/devices/${acerDevice(50).device_id}`,
      { bearer: admin },
    );
    expect(dev.status).toBe(404);
  });
});

describe('brand codes (the DM look-up key with the serial)', () => {
  it('stores the uploaded brand_code, else the model’s catalog code, and refuses a malformed one per device', async () => {
    const explicit = acerDevice(60, { brand_code: 'ZYXW' });
    const derived = acerDevice(61);
    const lower = acerDevice(62, { brand_code: 'abcd' });
    const r = await preprovision(s.url, [explicit, derived, lower]);
    expect(r.status).toBe(200);
    expect(codes(r)).toEqual(['PRE_PROVISIONED', 'PRE_PROVISIONED', 'INVALID_BRAND_CODE']);
    expect(s.stub.stores.devices.get(explicit.device_id)?.brand_code).toBe('ZYXW');
    expect(s.stub.stores.devices.get(derived.device_id)?.brand_code).toBe(catalogBrandCode(derived.model));
    expect(s.stub.stores.devices.get(lower.device_id)).toBeUndefined();
  });
});
