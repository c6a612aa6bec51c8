// A stub restarted on the same database file loses nothing: devices, licences, tokens, sessions,
// its manufacturer CA (identities minted before the restart still verify), consumed nonces, and the
// brand code + serial look-up. (The policy key's persistence is in signed-policy.test.ts.)

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeviceInitialEnrollmentStateResponse_InitialEnrollmentMode as Mode } from '../../../protocol/dm.ts';
import type { LicensesView } from '../../../server-stub/admin/views.ts';
import {
  acerDevice,
  certificateBasedRegisterBody,
  DEMO,
  dm,
  fetchPolicy,
  fieldsFor,
  http,
  initialState,
  login,
  mintDevice,
  preprovision,
  startStub,
} from '../../helpers/stub.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'zte-stub-restart-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('restart on a file database', () => {
  it('keeps every record, the CA and the burnt nonces', async () => {
    const db = join(dir, 'nested', 'stub.sqlite');
    const a = await startStub({ db });
    const admin = await login(a.url, DEMO.admin.email, DEMO.admin.password);
    const [d1, d2] = [acerDevice(900), acerDevice(901)];
    await preprovision(a.url, [d1, d2]);
    const id1 = await mintDevice(a.url, d1.device_id);
    const id2 = await mintDevice(a.url, d2.device_id);
    const body1 = await certificateBasedRegisterBody(id1, fieldsFor(d1));
    const r1 = await dm(a.url, 'certificate_based_register', 'rs-1', body1);
    expect(r1.status).toBe(200);
    const created = await http<{ token: string }>(
      a.url,
      'POST',
      `/v1/customers/${DEMO.customer}/preprovisioning-tokens`,
      {
        bearer: admin,
        body: { org_unit_path: '/Classrooms' },
      },
    );
    await a.close();

    const b = await startStub({ db });
    try {
      // the admin session, the device, the licence count and the new token survived
      const lic = await http<LicensesView>(b.url, 'GET', `/v1/customers/${DEMO.customer}/licenses`, {
        bearer: admin,
      });
      expect(lic.body.chrome_enterprise_upgrade).toEqual({ total: 10, used: 1 });
      const dev = await http(b.url, 'GET', `/v1/customers/${DEMO.customer}/devices/${d1.device_id}`, {
        bearer: admin,
      });
      expect(dev.body).toMatchObject({ status: 'MANAGED' });
      expect(
        (await preprovision(b.url, [acerDevice(902)], DEMO.customer, created.body.token)).body.results[0]
          ?.status,
      ).toBe('PRE_PROVISIONED');
      // the DM token still works
      const pol = await fetchPolicy(b.url, 'rs-1', r1.body.registerResponse?.deviceManagementToken ?? '');
      expect(pol.status).toBe(200);
      // the device is still found by brand code + serial
      const state = await initialState(b.url, d2.serial_number, 'RJIA');
      expect(state.body.deviceInitialEnrollmentStateResponse?.initialEnrollmentMode).toBe(
        Mode.ZERO_TOUCH_ENFORCED,
      );
      // the replayed nonce is still burnt
      const replay = await dm(b.url, 'certificate_based_register', 'rs-1', body1);
      expect(replay.status).toBe(403);
      expect(replay.body.errorMessage).toBe('attestation failed: nonce already used (replayed registration)');
      // an identity minted before the restart still verifies
      const r2 = await dm(
        b.url,
        'certificate_based_register',
        'rs-2',
        await certificateBasedRegisterBody(id2, fieldsFor(d2)),
      );
      expect(r2.status).toBe(200);
      // the seed was not applied a second time
      const pre = await http<{ devices: unknown[] }>(b.url, 'GET', `/v1/customers/${DEMO.customer}/devices`, {
        bearer: admin,
      });
      expect(pre.body.devices).toHaveLength(5);
    } finally {
      await b.close();
    }
  });
});
