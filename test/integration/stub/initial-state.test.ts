// request=device_initial_enrollment_state and device_state_retrieval: look-up by RLZ brand code +
// serial number, as Chromium's server does (no model, no attested ID).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DeviceInitialEnrollmentStateResponse_AssignedUpgradeType as AssignedUpgradeType,
  DeviceInitialEnrollmentStateResponse_InitialEnrollmentMode as Mode,
  DeviceInitialEnrollmentStateResponse_LicensePackagingSKU as PackagingSku,
  DeviceStateRetrievalResponse_RestoreMode as RestoreMode,
  DeviceInitialEnrollmentStateResponse_UpgradeLicence as UpgradeLicence,
} from '../../../protocol/dm.ts';
import {
  acerDevice,
  DEMO,
  dm,
  dmStatusOf,
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
beforeAll(async () => {
  s = await startStub();
  admin = await login(s.url, DEMO.admin.email, DEMO.admin.password);
});
afterAll(async () => {
  await s.close();
});

const ASUS = { serial: 'N3NXCV01D0001', brand: 'LUSR' };
const ACER_BUNDLED = { serial: 'NXDEMOACER00001', brand: 'XENV' };
const state = async (serial: string, brand: string) =>
  (await initialState(s.url, serial, brand)).body.deviceInitialEnrollmentStateResponse;

describe('device_initial_enrollment_state', () => {
  it('answers ZERO_TOUCH_ENFORCED with domain, licence and org unit for a pre-provisioned device', async () => {
    const r = await initialState(s.url, ASUS.serial, ASUS.brand, { encoding: 'json' });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({
      device_initial_enrollment_state_response: {
        initial_enrollment_mode: 'INITIAL_ENROLLMENT_MODE_ZERO_TOUCH_ENFORCED',
        management_domain: 'demo.example',
        is_license_packaged_with_device: false,
        license_packaging_sku: 'NOT_EXIST',
        assigned_upgrade_type: 'ASSIGNED_UPGRADE_TYPE_CHROME_ENTERPRISE',
        org_unit_path: '/',
        upgrade_licence: 'CHROME_ENTERPRISE_UPGRADE',
      },
    });
  });

  it('reports a packaged licence with its SKU', async () => {
    expect(await state(ACER_BUNDLED.serial, ACER_BUNDLED.brand)).toMatchObject({
      initialEnrollmentMode: Mode.ZERO_TOUCH_ENFORCED,
      isLicensePackagedWithDevice: true,
      licensePackagingSku: PackagingSku.CHROME_ENTERPRISE,
      assignedUpgradeType: AssignedUpgradeType.CHROME_ENTERPRISE,
      upgradeLicence: UpgradeLicence.CHROME_ENTERPRISE_UPGRADE,
      orgUnitPath: '/Classrooms',
    });
  });

  it('does not take a record of another brand code for this device (the model is not a key)', async () => {
    expect((await state(ASUS.serial, 'ABCD'))?.initialEnrollmentMode).toBe(Mode.NONE);
    expect((await state(ACER_BUNDLED.serial, ASUS.brand))?.initialEnrollmentMode).toBe(Mode.NONE);
  });

  it('uses the brand code the partner uploaded, else the model’s catalog code', async () => {
    const explicit = acerDevice(310, { brand_code: 'QWER' });
    const derived = acerDevice(311);
    await preprovision(s.url, [explicit, derived]);
    expect((await state(explicit.serial_number, 'QWER'))?.initialEnrollmentMode).toBe(
      Mode.ZERO_TOUCH_ENFORCED,
    );
    expect((await state(derived.serial_number, 'RJIA'))?.initialEnrollmentMode).toBe(
      Mode.ZERO_TOUCH_ENFORCED,
    );
  });

  it('answers mode NONE (200) for an unknown device, with nothing else set', async () => {
    const r = await initialState(s.url, 'NOBODY0001', 'ABCD', { encoding: 'json' });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({
      device_initial_enrollment_state_response: { initial_enrollment_mode: 'INITIAL_ENROLLMENT_MODE_NONE' },
    });
  });

  it('keeps answering ZERO_TOUCH_ENFORCED once the device enrolled by zero-touch', async () => {
    const d = acerDevice(300);
    await preprovision(s.url, [d]);
    expect((await zeroTouchRegister(s.url, d, 'state-300')).status).toBe(200);
    expect((await state(d.serial_number, 'RJIA'))?.initialEnrollmentMode).toBe(Mode.ZERO_TOUCH_ENFORCED);
  });

  it('answers ENROLLMENT_ENFORCED for a device enrolled manually', async () => {
    const reg = await dm(
      s.url,
      'register',
      'state-301',
      {
        registerRequest: manualRequestFor(
          { serial_number: 'MANUAL00301', model: 'Chromebook NEC Y3' },
          { brandCode: 'NECY' },
        ),
      },
      { query: { oauth_token: admin } },
    );
    expect(reg.status).toBe(200);
    expect(await state('MANUAL00301', 'NECY')).toMatchObject({
      initialEnrollmentMode: Mode.ENROLLMENT_ENFORCED,
      managementDomain: 'demo.example',
    });
  });

  it('answers DISABLED with the admin’s message while the device is disabled', async () => {
    const d = acerDevice(302);
    await preprovision(s.url, [d]);
    const off = await http(s.url, 'POST', `/v1/customers/${DEMO.customer}/devices/${d.device_id}/disable`, {
      bearer: admin,
      body: { message: 'Return this laptop to room 12' },
    });
    expect(off.status).toBe(200);
    expect(await state(d.serial_number, 'RJIA')).toMatchObject({
      initialEnrollmentMode: Mode.DISABLED,
      managementDomain: 'demo.example',
      disabledState: { message: 'Return this laptop to room 12' },
    });
    await http(s.url, 'POST', `/v1/customers/${DEMO.customer}/devices/${d.device_id}/enable`, {
      bearer: admin,
    });
    expect((await state(d.serial_number, 'RJIA'))?.initialEnrollmentMode).toBe(Mode.ZERO_TOUCH_ENFORCED);
  });

  it('answers 405 when the serial number is not a usable serial', async () => {
    for (const serial of ['', 'Default string', 'OEM', '0000000000']) {
      const r = await initialState(s.url, serial, 'ABCD', { encoding: 'json' });
      expect(r.status, serial).toBe(405);
      expect(r.json).toMatchObject({ dm_status: 'DM_STATUS_SERVICE_INVALID_SERIAL_NUMBER' });
    }
  });

  it('answers 400 naming the field for a brand code that is not 4 upper-case letters', async () => {
    const r = await initialState(s.url, 'X1234567', 'abcd', { encoding: 'json' });
    expect(r.status).toBe(400);
    expect(r.json?.dm_status).toBe('DM_STATUS_REQUEST_INVALID');
    expect(r.body.errorMessage).toContain('device_initial_enrollment_state_request.brand_code');
  });

  it('answers 400 naming the proto field when the request type’s field is missing', async () => {
    const r = await dm(s.url, 'device_initial_enrollment_state', 'state-x', {});
    expect(r.status).toBe(400);
    expect(dmStatusOf(r)).toBe('DM_STATUS_REQUEST_INVALID');
    expect(r.body.errorMessage).toBe(
      'device_initial_enrollment_state_request is required for request=device_initial_enrollment_state',
    );
  });
});

describe('device_state_retrieval', () => {
  it('answers RESTORE_MODE_NONE and the initial state for serial + brand code', async () => {
    const r = await dm(s.url, 'device_state_retrieval', 'dsr-1', {
      deviceStateRetrievalRequest: { serialNumber: ASUS.serial, brandCode: ASUS.brand },
    });
    expect(r.status).toBe(200);
    const answer = r.body.deviceStateRetrievalResponse;
    expect(answer?.restoreMode).toBe(RestoreMode.NONE);
    expect(answer?.initialStateResponse).toMatchObject({
      initialEnrollmentMode: Mode.ZERO_TOUCH_ENFORCED,
      managementDomain: 'demo.example',
    });
  });

  it('answers RESTORE_MODE_NONE alone for a server_backed_state_key (no FRE state is kept)', async () => {
    const r = await dm(
      s.url,
      'device_state_retrieval',
      'dsr-2',
      {
        deviceStateRetrievalRequest: { serverBackedStateKey: new Uint8Array(32).fill(7) },
      },
      { encoding: 'json' },
    );
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ device_state_retrieval_response: { restore_mode: 'RESTORE_MODE_NONE' } });
  });

  it('answers NONE for an unknown device and 400 for an empty request', async () => {
    const unknown = await dm(s.url, 'device_state_retrieval', 'dsr-3', {
      deviceStateRetrievalRequest: { serialNumber: 'NOBODY0002', brandCode: 'ABCD' },
    });
    expect(unknown.body.deviceStateRetrievalResponse?.initialStateResponse?.initialEnrollmentMode).toBe(
      Mode.NONE,
    );
    const empty = await dm(s.url, 'device_state_retrieval', 'dsr-3', { deviceStateRetrievalRequest: {} });
    expect(empty.status).toBe(400);
    expect(empty.body.errorMessage).toContain('device_state_retrieval_request');
  });
});
