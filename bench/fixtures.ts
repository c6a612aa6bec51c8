// Devices and servers the benchmarks share: an in-process stub, pre-provisioned simulated devices.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CATALOG } from '../agent/catalog/index.ts';
import { createStub, type Stub } from '../server-stub/app.ts';
import { buildSimulatedChromeDevice, preprovisionEntry } from '../simulator/devices/chrome.ts';
import { createStubClient, type StubClient } from '../simulator/devices/stub-client.ts';
import { chromeDeviceProfile } from '../simulator/profiles/chrome-device.ts';
import { seededRandom } from '../simulator/profiles/random.ts';

export interface BenchStub {
  stub: Stub;
  url: string;
  client: StubClient;
  /** Requests the stub has answered so far. */
  requests(): number;
  /** Temporary directories of the devices made for this stub; removed by close(). */
  tempDirs: string[];
  /** Stops the stub and removes every device tree made for it. */
  close(): Promise<void>;
}

export async function startBenchStub(): Promise<BenchStub> {
  const stub = createStub({ db: ':memory:', testHooks: true });
  let requests = 0;
  stub.app.addHook('onRequest', async () => {
    requests += 1;
  });
  const url = await stub.listen(0);
  const client = createStubClient(url);
  const admin = await client.login('admin@demo.example', 'demo-password');
  await client.setLicenses(admin.token, 'C00demo01', 1_000_000);
  const tempDirs: string[] = [];
  return {
    stub,
    url,
    client,
    requests: () => requests,
    tempDirs,
    async close() {
      await stub.close();
      await Promise.all(tempDirs.map((dir) => rm(dir, { recursive: true, force: true })));
    },
  };
}

export interface BenchDevice {
  root: string;
  stateDir: string;
}

/** `count` pre-provisioned serial-number devices, built before any timing starts. */
export async function preprovisionedDevices(
  bench: BenchStub,
  count: number,
  seed: number,
): Promise<BenchDevice[]> {
  const base = await mkdtemp(join(tmpdir(), 'zte-bench-'));
  bench.tempDirs.push(base);
  const entry = CATALOG.find((e) => e.name === 'Chromebook Acer 311 (C722/C722T)');
  if (!entry) throw new Error('catalog row missing');
  const devices: BenchDevice[] = [];
  const uploads = [];
  for (let i = 0; i < count; i++) {
    const profile = chromeDeviceProfile(entry, seededRandom(seed * 100_003 + i));
    const root = join(base, `d${i}`);
    await buildSimulatedChromeDevice(root, profile, bench.client);
    uploads.push(preprovisionEntry(profile));
    devices.push({ root, stateDir: join(root, 'var/lib/zte-agent') });
  }
  for (let i = 0; i < uploads.length; i += 500) {
    await bench.client.preprovision({
      partnerKey: 'partner-demo-key',
      customerId: 'C00demo01',
      token: 'ppt-demo-0001',
      devices: uploads.slice(i, i + 500),
    });
  }
  return devices;
}
