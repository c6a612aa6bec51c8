// Issue 4: kill the agent with SIGKILL at every persisted state and restart it until done — one
// device, one licence, one MANAGED record, always. The real built agent in a child process, the
// real stub, real state files.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG } from '../../../agent/catalog/index.ts';
import { buildSimulatedChromeDevice, preprovisionEntry } from '../../../simulator/devices/chrome.ts';
import { createStubClient, type StubClient } from '../../../simulator/devices/stub-client.ts';
import { chromeDeviceProfile } from '../../../simulator/profiles/chrome-device.ts';
import { seededRandom } from '../../../simulator/profiles/random.ts';
import { buildAgentBundle, runAgentProcess } from '../../helpers/agent-process.ts';
import { treeDir } from '../../helpers/identity.ts';
import { type StartedStub, startStub } from '../../helpers/stub.ts';

const CUSTOMER = 'C00demo01';
let stub: StartedStub;
let client: StubClient;
let admin: string;
let entry: string;
let dir: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  [entry, stub] = await Promise.all([buildAgentBundle(), startStub()]);
  client = createStubClient(stub.url);
  admin = (await client.login('admin@demo.example', 'demo-password')).token;
  await client.setLicenses(admin, CUSTOMER, 1000);
  ({ dir, cleanup } = await treeDir('zte-kill-'));
}, 60_000);
afterAll(async () => {
  await stub.close();
  await cleanup();
});

let seq = 0;
async function freshDevice() {
  seq += 1;
  const row = CATALOG[(seq * 37) % CATALOG.length];
  if (!row) throw new Error('catalog empty');
  const profile = chromeDeviceProfile(row, seededRandom(5000 + seq));
  const root = `${dir}/d${seq}`;
  await buildSimulatedChromeDevice(root, profile, client);
  await client.preprovision({
    partnerKey: 'partner-demo-key',
    customerId: CUSTOMER,
    token: 'ppt-demo-0001',
    devices: [preprovisionEntry(profile)],
  });
  return {
    profile,
    args: [
      'run',
      '--server',
      stub.url,
      '--root',
      root,
      '--state-dir',
      `${root}/state`,
      '--ui',
      'none',
      '--json',
      '--max-boot-attempts',
      '1000',
    ],
  };
}

async function licencesUsed() {
  return (await client.licenses(admin, CUSTOMER)).chrome_enterprise_upgrade.used;
}

async function managedRecords(deviceId: string) {
  return (await client.devices(admin, CUSTOMER, 'MANAGED')).filter((d) => d.device_id === deviceId).length;
}

describe('SIGKILL at every persisted state', () => {
  it('kills after the Nth state write, for every N, then boots again: always one licence and one MANAGED record', async () => {
    let killedAt = 0;
    for (let n = 1; ; n++) {
      const device = await freshDevice();
      const usedBefore = await licencesUsed();
      const killed = await runAgentProcess(entry, device.args, { killAfterStateWrites: n });
      if (killed.signal !== 'SIGKILL') {
        // N is past the last write of a whole boot: this run simply finished.
        expect(killed.code, killed.stderr).toBe(0);
        break;
      }
      killedAt = n;
      const resumed = await runAgentProcess(entry, device.args);
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(JSON.parse(resumed.stdout)).toMatchObject({
        outcome: 'managed',
        managementDomain: 'demo.example',
      });
      expect(await licencesUsed()).toBe(usedBefore + 1);
      expect(await managedRecords(device.profile.expected.certifiedDeviceId)).toBe(1);
    }
    // A full enrollment persists more than ten states; every one of them was a kill point.
    expect(killedAt).toBeGreaterThanOrEqual(10);
  }, 240_000);

  it('survives a kill at a later state on every boot in a row', async () => {
    const device = await freshDevice();
    const usedBefore = await licencesUsed();
    let result = await runAgentProcess(entry, device.args, { killAfterStateWrites: 1 });
    for (let n = 2; result.signal === 'SIGKILL'; n++) {
      result = await runAgentProcess(entry, device.args, { killAfterStateWrites: n });
    }
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ outcome: 'managed' });
    expect(await licencesUsed()).toBe(usedBefore + 1);
    expect(await managedRecords(device.profile.expected.certifiedDeviceId)).toBe(1);
  }, 240_000);
});
