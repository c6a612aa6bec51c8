// request=device_initial_enrollment_state: look-up by attested ID, else serial + model.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeviceInitialEnrollmentStateResponse } from '../../../protocol/dm.ts';
import {
  acerDevice,
  DEMO,
  dm,
  login,
  preprovision,
  type StartedStub,
  startStub,
  zeroTouchRegister,
} from '../../helpers/stub.ts';

type Answer = { device_initial_enrollment_state_response: DeviceInitialEnrollmentStateResponse };

let s: StartedStub;
beforeAll(async () => {
  s = await startStub();
});
afterAll(async () => {
  await s.close();
});

const ask = (req: Record<string, unknown>) =>
  dm<Answer>(s.url, 'device_initial_enrollment_state', 'state-client', {
    device_initial_enrollment_state_request: req,
  });

const ASUS = { serial_number: 'N3NXCV01D0001', model: 'Chromebook ASUS CX1 (CX1500CNA)' };

describe('device_initial_enrollment_state', () => {
  it('answers ZERO_TOUCH_ENFORCED with domain, licence and org unit for a pre-provisioned device (by attested ID)', async () => {
    const r = await ask({ ...ASUS, serial_number: 'whatever1', attested_device_id: 'ASUSDEMO0001' });
    expect(r.status).toBe(200);
    expect(r.body.device_initial_enrollment_state_response).toEqual({
      initial_enrollment_mode: 2,
      management_domain: 'demo.example',
      is_license_packaged_with_device: false,
      license_packaging_sku: 'NOT_EXIST',
      assigned_upgrade_type: 'CHROME_ENTERPRISE',
      org_unit_path: '/',
    });
  });

  it('finds a device by serial number + model when no attested ID is given', async () => {
    const r = await ask({ serial_number: 'NXDEMOACER00001', model: 'Chromebook Acer 314 (C934/C934T)' });
    expect(r.body.device_initial_enrollment_state_response).toMatchObject({
      initial_enrollment_mode: 2,
      is_license_packaged_with_device: true,
      license_packaging_sku: 'CHROME_ENTERPRISE',
      org_unit_path: '/Classrooms',
    });
  });

  it('does not take a record of another model for this device', async () => {
    const byId = await ask({
      ...ASUS,
      model: 'Chromebook ASUS CX1 (CX1100CNA)',
      attested_device_id: 'ASUSDEMO0001',
    });
    expect(byId.body.device_initial_enrollment_state_response).toEqual({ initial_enrollment_mode: 0 });
    const bySerial = await ask({ serial_number: 'NXDEMOACER00001', model: 'Chromebook Acer 314 (C933)' });
    expect(bySerial.body.device_initial_enrollment_state_response).toEqual({ initial_enrollment_mode: 0 });
  });

  it('answers mode 0 (NONE) for an unknown device', async () => {
    const r = await ask({
      serial_number: 'NOBODY0001',
      model: 'Chromebook ASUS CX1 (CX1500CNA)',
      attested_device_id: 'NOBODY0001',
    });
    expect(r.status).toBe(200);
    expect(r.body.device_initial_enrollment_state_response).toEqual({ initial_enrollment_mode: 0 });
  });

  it('keeps answering ZERO_TOUCH_ENFORCED once the device enrolled by zero-touch', async () => {
    const d = acerDevice(300);
    await preprovision(s.url, [d]);
    expect((await zeroTouchRegister(s.url, d, 'state-300')).status).toBe(200);
    const r = await ask({ serial_number: d.serial_number, model: d.model, attested_device_id: d.device_id });
    expect(r.body.device_initial_enrollment_state_response.initial_enrollment_mode).toBe(2);
  });

  it('answers ENROLLMENT_ENFORCED for a device enrolled manually', async () => {
    const admin = await login(s.url, DEMO.admin.email, DEMO.admin.password);
    const reg = await dm(
      s.url,
      'register',
      'state-301',
      {
        register_request: {
          type: 2,
          machine_id: 'MANUAL00301',
          machine_model: 'Chromebook NEC Y3',
          flavor: 15,
        },
      },
      `GoogleLogin auth=${admin}`,
    );
    expect(reg.status).toBe(200);
    const r = await ask({ serial_number: 'MANUAL00301', model: 'Chromebook NEC Y3' });
    expect(r.body.device_initial_enrollment_state_response).toMatchObject({
      initial_enrollment_mode: 1,
      management_domain: 'demo.example',
    });
  });

  it('answers 405 when there is neither an attested ID nor a usable serial number', async () => {
    for (const serial of ['', 'Default string', 'OEM', '0000000000']) {
      const r = await ask({ serial_number: serial, model: 'Chromebook NEC Y3' });
      expect(r.status, serial).toBe(405);
      expect(r.body).toMatchObject({ dm_status: 'DM_STATUS_SERVICE_INVALID_SERIAL_NUMBER' });
    }
  });

  it('answers 400 naming the missing field', async () => {
    const r = await ask({ serial_number: 'X1234567' });
    expect(r.status).toBe(400);
    expect(r.body).toEqual({
      error_message: 'body.device_initial_enrollment_state_request.model is required',
      dm_status: 'DM_STATUS_REQUEST_INVALID',
    });
  });
});
