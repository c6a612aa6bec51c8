// The agent against the real stub, one boot per outcome of issue 4: managed, manual for each reason,
// the error screens, bundled licences. Real device trees, real keys, real HTTP.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG } from '../../../agent/catalog/index.ts';
import type { CatalogEntry } from '../../../agent/catalog/types.ts';
import { buildSimulatedChromeDevice, preprovisionEntry } from '../../../simulator/devices/chrome.ts';
import { createStubClient, type StubClient } from '../../../simulator/devices/stub-client.ts';
import {
  type ChromeDeviceOptions,
  chromeDeviceProfile,
  dayBefore,
} from '../../../simulator/profiles/chrome-device.ts';
import { seededRandom } from '../../../simulator/profiles/random.ts';
import { bootAgent } from '../../helpers/agent-run.ts';
import { treeDir } from '../../helpers/identity.ts';
import { type StartedStub, startStub } from '../../helpers/stub.ts';

const CUSTOMER = 'C00demo01';
const PARTNER_KEY = 'partner-demo-key';
const row = (name: string): CatalogEntry => {
  const entry = CATALOG.find((e) => e.name === name);
  if (!entry) throw new Error(`no catalog row ${name}`);
  return entry;
};
const ACER = row('Chromebook Acer 311 (C722/C722T)');

let stub: StartedStub;
let client: StubClient;
let admin: string;
let dir: string;
let cleanup: () => Promise<void>;
let seq = 0;

beforeAll(async () => {
  stub = await startStub();
  client = createStubClient(stub.url);
  admin = (await client.login('admin@demo.example', 'demo-password')).token;
  ({ dir, cleanup } = await treeDir('zte-agent-run-'));
});
afterAll(async () => {
  await stub.close();
  await cleanup();
});

async function device(entry: CatalogEntry, options: ChromeDeviceOptions & { withKey?: boolean } = {}) {
  seq += 1;
  const profile = chromeDeviceProfile(entry, seededRandom(1000 + seq), options);
  const root = `${dir}/dev-${seq}`;
  await buildSimulatedChromeDevice(root, profile, client, { withAttestationKey: options.withKey !== false });
  return { profile, root, stateDir: `${root}/var/lib/zte-agent` };
}

async function preprovision(
  profile: Parameters<typeof preprovisionEntry>[0],
  extra: Parameters<typeof preprovisionEntry>[1] = {},
  token = 'ppt-demo-0001',
) {
  const [result] = await client.preprovision({
    partnerKey: PARTNER_KEY,
    customerId: CUSTOMER,
    token,
    devices: [preprovisionEntry(profile, extra)],
  });
  expect(result?.status).toBe('PRE_PROVISIONED');
}

describe('agent run against the stub', () => {
  it('enrolls a pre-provisioned device by attestation and consumes one licence', async () => {
    const d = await device(ACER);
    await preprovision(d.profile);
    const before = await client.licenses(admin, CUSTOMER);
    const outcome = await bootAgent({ server: stub.url, root: d.root, stateDir: d.stateDir });
    expect(outcome).toMatchObject({
      outcome: 'managed',
      reason: 'enrolled',
      managementDomain: 'demo.example',
      orgUnitPath: '/',
      certifiedDeviceId: d.profile.expected.certifiedDeviceId,
      idKind: 'serial-number',
    });
    expect(outcome.history.map((h) => h.state)).toContain('automatic.registering.sending');
    const after = await client.licenses(admin, CUSTOMER);
    expect(after.chrome_enterprise_upgrade.used).toBe(before.chrome_enterprise_upgrade.used + 1);

    // Next boot: managed stays managed, nothing consumed, no registration.
    const again = await bootAgent({ server: stub.url, root: d.root, stateDir: d.stateDir });
    expect(again).toMatchObject({ outcome: 'managed', reason: 'already-managed' });
    expect(again.history.map((h) => h.state)).not.toContain('automatic.registering.sending');
    expect((await client.licenses(admin, CUSTOMER)).chrome_enterprise_upgrade.used).toBe(
      after.chrome_enterprise_upgrade.used,
    );
  });

  it('uses the bundled licence of a bundled device', async () => {
    const d = await device(ACER);
    await preprovision(d.profile, { bundled: true });
    const before = await client.licenses(admin, CUSTOMER);
    expect(await bootAgent({ server: stub.url, root: d.root, stateDir: d.stateDir })).toMatchObject({
      outcome: 'managed',
    });
    const after = await client.licenses(admin, CUSTOMER);
    expect(after.chrome_enterprise_upgrade.used).toBe(before.chrome_enterprise_upgrade.used);
    expect(after.bundled.used).toBe(before.bundled.used + 1);
  });

  it('enrolls into the org unit of the token (an ASUS certified-ID device)', async () => {
    const d = await device(row('Chromebook ASUS CX1 (CX1500CNA)'), { manufactureDate: '2022-02-02' });
    await preprovision(d.profile, {}, 'ppt-demo-classrooms');
    expect(await bootAgent({ server: stub.url, root: d.root, stateDir: d.stateDir })).toMatchObject({
      outcome: 'managed',
      orgUnitPath: '/Classrooms',
      idKind: 'asus-certified-id',
    });
  });

  it('ends on the manual screen when the device is not pre-provisioned', async () => {
    const d = await device(ACER);
    expect(await bootAgent({ server: stub.url, root: d.root, stateDir: d.stateDir })).toMatchObject({
      outcome: 'manual',
      reason: 'not-pre-provisioned',
    });
  });

  it('ends on the manual screen, without asking the server, for a device made before the cut-off', async () => {
    const entry = row('Chromebook Acer 311 (C733/C733U/C733T)');
    const d = await device(entry, { manufactureDate: dayBefore(entry.eligibleFrom ?? '') });
    await preprovision(d.profile);
    const outcome = await bootAgent({ server: stub.url, root: d.root, stateDir: d.stateDir });
    expect(outcome).toMatchObject({ outcome: 'manual', reason: 'made-before-cutoff' });
    expect(outcome.history.map((h) => h.state)).not.toContain('automatic.determining');
  });

  it('treats a Lenovo 14e Gen 3 pre-provisioned under the other model name as not pre-provisioned (footnote 4)', async () => {
    const d = await device(row('Chromebook Lenovo 14e 3e génération'), {
      cpuModel: 'Intel(R) Core(TM) i3-N305',
    });
    await preprovision(d.profile, { model: 'Chromebook Lenovo 14e 3e génération' });
    expect(await bootAgent({ server: stub.url, root: d.root, stateDir: d.stateDir })).toMatchObject({
      outcome: 'manual',
      reason: 'not-pre-provisioned',
    });
  });

  it('keeps the manual path open when the attestation key is missing', async () => {
    const d = await device(ACER, { withKey: false });
    await preprovision(d.profile);
    expect(await bootAgent({ server: stub.url, root: d.root, stateDir: d.stateDir })).toMatchObject({
      outcome: 'manual',
      reason: 'attestation-unavailable',
    });
  });

  it('shows the error screen with missing-licenses when no licence is left', async () => {
    const d = await device(ACER);
    await preprovision(d.profile);
    const { chrome_enterprise_upgrade } = await client.licenses(admin, CUSTOMER);
    await client.setLicenses(admin, CUSTOMER, chrome_enterprise_upgrade.used);
    try {
      expect(await bootAgent({ server: stub.url, root: d.root, stateDir: d.stateDir })).toMatchObject({
        outcome: 'error',
        reason: 'missing-licenses',
      });
    } finally {
      await client.setLicenses(admin, CUSTOMER, chrome_enterprise_upgrade.total);
    }
  });

  it('shows the error screen when the pre-provisioning token was revoked', async () => {
    const d = await device(ACER);
    await preprovision(d.profile, {}, 'ppt-demo-classrooms');
    const token = (await client.login('admin@demo.example', 'demo-password')).token;
    // A fresh token for this test, so other tests keep theirs.
    const created = await fetch(`${stub.url}/v1/customers/${CUSTOMER}/preprovisioning-tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ org_unit_path: '/' }),
    }).then((r) => r.json() as Promise<{ token: string }>);
    const d2 = await device(ACER);
    await preprovision(d2.profile, {}, created.token);
    await client.revokeToken(token, CUSTOMER, created.token);
    expect(await bootAgent({ server: stub.url, root: d2.root, stateDir: d2.stateDir })).toMatchObject({
      outcome: 'error',
      reason: 'management-not-supported',
    });
    expect(d.root).not.toBe(d2.root);
  });

  it('a reinstall (state lost) on an enrolled device ends managed again, with no second licence', async () => {
    const d = await device(ACER);
    await preprovision(d.profile);
    expect(await bootAgent({ server: stub.url, root: d.root, stateDir: d.stateDir })).toMatchObject({
      outcome: 'managed',
    });
    const used = (await client.licenses(admin, CUSTOMER)).chrome_enterprise_upgrade.used;
    // Same hardware, no record: the agent derives the same DM deviceid, so it is the same installation.
    const outcome = await bootAgent({
      server: stub.url,
      root: d.root,
      stateDir: `${d.root}/reinstalled-state`,
    });
    expect(outcome).toMatchObject({ outcome: 'managed', reason: 'enrolled' });
    expect((await client.licenses(admin, CUSTOMER)).chrome_enterprise_upgrade.used).toBe(used);
  });

  it('shows the error screen when the server reports a device ID conflict (409)', async () => {
    const d = await device(ACER);
    await preprovision(d.profile);
    await client.injectFaults('certificate_based_register', 409, 1);
    expect(await bootAgent({ server: stub.url, root: d.root, stateDir: d.stateDir })).toMatchObject({
      outcome: 'error',
      reason: 'device-id-conflict',
    });
  });
});
