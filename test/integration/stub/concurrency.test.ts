// N parallel zero-touch registrations of N distinct pre-provisioned devices against M < N licences:
// exactly M succeed, the rest get 402, and `used` is M.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LicensesView } from '../../../server-stub/admin/views.ts';
import {
  acerDevice,
  certificateBasedRegisterBody,
  DEMO,
  dm,
  fieldsFor,
  http,
  login,
  mintDevice,
  preprovision,
  type StartedStub,
  startStub,
} from '../../helpers/stub.ts';

const N = 16;
const M = 5;

let s: StartedStub;
beforeEach(async () => {
  s = await startStub({ db: ':memory:' });
});
afterEach(async () => {
  await s.close();
});

describe('licence consumption under concurrency', () => {
  it(`lets exactly ${M} of ${N} parallel registrations through`, async () => {
    const admin = await login(s.url, DEMO.admin.email, DEMO.admin.password);
    await http(s.url, 'PUT', `/v1/customers/${DEMO.customer}/licenses`, {
      bearer: admin,
      body: { chrome_enterprise_upgrade_total: M },
    });
    const devices = Array.from({ length: N }, (_, i) => acerDevice(700 + i));
    await preprovision(s.url, devices);
    const bodies = await Promise.all(
      devices.map(async (d) =>
        certificateBasedRegisterBody(await mintDevice(s.url, d.device_id), fieldsFor(d)),
      ),
    );
    const answers = await Promise.all(
      bodies.map((b, i) => dm(s.url, 'certificate_based_register', `cc-${i}`, b)),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((x) => x === 200)).toHaveLength(M);
    expect(statuses.filter((x) => x === 402)).toHaveLength(N - M);
    const lic = await http<LicensesView>(s.url, 'GET', `/v1/customers/${DEMO.customer}/licenses`, {
      bearer: admin,
    });
    expect(lic.body.chrome_enterprise_upgrade).toEqual({ total: M, used: M });
    const managed = await http<{ devices: unknown[] }>(
      s.url,
      'GET',
      `/v1/customers/${DEMO.customer}/devices?status=MANAGED`,
      {
        bearer: admin,
      },
    );
    expect(managed.body.devices).toHaveLength(M);
  });

  it('does not let parallel re-registrations of one device consume more than one licence', async () => {
    const admin = await login(s.url, DEMO.admin.email, DEMO.admin.password);
    const d = acerDevice(800);
    await preprovision(s.url, [d]);
    const identity = await mintDevice(s.url, d.device_id);
    const bodies = await Promise.all(
      Array.from({ length: 8 }, () =>
        certificateBasedRegisterBody(identity, fieldsFor(d, { reregister: true })),
      ),
    );
    const answers = await Promise.all(
      bodies.map((b, i) => dm(s.url, 'certificate_based_register', `rr-${i}`, b)),
    );
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const lic = await http<LicensesView>(s.url, 'GET', `/v1/customers/${DEMO.customer}/licenses`, {
      bearer: admin,
    });
    expect(lic.body.chrome_enterprise_upgrade.used).toBe(1);
  });
});
