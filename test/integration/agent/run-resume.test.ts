// Restart rules against the real stub: a registration interrupted after it reached the server is
// retried with reregister and costs no second licence; a corrupt state file is moved aside.

import { readdir, writeFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG } from '../../../agent/catalog/index.ts';
import { StateStore } from '../../../agent/persistence/index.ts';
import { buildSimulatedChromeDevice, preprovisionEntry } from '../../../simulator/devices/chrome.ts';
import { createStubClient, type StubClient } from '../../../simulator/devices/stub-client.ts';
import { chromeDeviceProfile } from '../../../simulator/profiles/chrome-device.ts';
import { seededRandom } from '../../../simulator/profiles/random.ts';
import { bootAgent } from '../../helpers/agent-run.ts';
import { treeDir } from '../../helpers/identity.ts';
import { type StartedStub, startStub } from '../../helpers/stub.ts';

const ACER = CATALOG.find((e) => e.name === 'Chromebook Acer 311 (C722/C722T)');
let stub: StartedStub;
let client: StubClient;
let admin: string;
let dir: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  stub = await startStub();
  client = createStubClient(stub.url);
  admin = (await client.login('admin@demo.example', 'demo-password')).token;
  ({ dir, cleanup } = await treeDir('zte-agent-resume-'));
});
afterAll(async () => {
  await stub.close();
  await cleanup();
});

async function enrolledDevice(name: string) {
  if (!ACER) throw new Error('catalog row missing');
  const profile = chromeDeviceProfile(ACER, seededRandom(name.length * 7919));
  const root = `${dir}/${name}`;
  await buildSimulatedChromeDevice(root, profile, client);
  await client.preprovision({
    partnerKey: 'partner-demo-key',
    customerId: 'C00demo01',
    token: 'ppt-demo-0001',
    devices: [preprovisionEntry(profile)],
  });
  return { root, stateDir: `${root}/state`, profile };
}

describe('resume after a power cut', () => {
  it('re-registers with reregister after the answer was lost, consuming no second licence', async () => {
    const d = await enrolledDevice('lost-answer');
    expect(await bootAgent({ server: stub.url, root: d.root, stateDir: d.stateDir })).toMatchObject({
      outcome: 'managed',
    });
    const used = (await client.licenses(admin, 'C00demo01')).chrome_enterprise_upgrade.used;

    // Put the record back to the instant the register request had left but its answer was not handled.
    const store = new StateStore({ dir: d.stateDir });
    const loaded = await store.load();
    if (loaded.kind !== 'loaded') throw new Error(`expected a state file, got ${loaded.kind}`);
    const { managed: _managed, ...rest } = loaded.state;
    await store.save({ ...rest, phase: 'automatic.registering.sending', registration: { inFlight: true } });

    const outcome = await bootAgent({ server: stub.url, root: d.root, stateDir: d.stateDir });
    expect(outcome).toMatchObject({ outcome: 'managed', reason: 'enrolled' });
    const states = outcome.history.map((h) => h.state);
    expect(states).toContain('automatic.registering.sending');
    expect(states).not.toContain('automatic.determining');
    expect((await client.licenses(admin, 'C00demo01')).chrome_enterprise_upgrade.used).toBe(used);
    const managed = (await client.devices(admin, 'C00demo01', 'MANAGED')).filter(
      (x) => x.device_id === d.profile.expected.certifiedDeviceId,
    );
    expect(managed).toHaveLength(1);
  });

  it('moves a corrupt state file aside and still enrolls', async () => {
    const d = await enrolledDevice('corrupt-state');
    await new StateStore({ dir: d.stateDir }).save({
      version: 1,
      bootId: 'b',
      bootAttempts: 0,
      phase: 'booting',
      updatedAt: new Date().toISOString(),
      history: [],
    });
    await writeFile(`${d.stateDir}/state.json`, '{"version":1,"bootId":"b","histo');
    expect(await bootAgent({ server: stub.url, root: d.root, stateDir: d.stateDir })).toMatchObject({
      outcome: 'managed',
    });
    expect((await readdir(d.stateDir)).some((f) => f.startsWith('state.json.corrupt-'))).toBe(true);
  });
});
