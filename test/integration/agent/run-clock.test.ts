// A wrong device clock at first boot (issue 7): a distinct `clock` screen, judged against the real
// stub's Date header, before any enrollment request.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG } from '../../../agent/catalog/index.ts';
import { startAgent } from '../../../agent/runtime/agent.ts';
import { createDeviceDeps } from '../../../agent/runtime/create-deps.ts';
import { buildSimulatedChromeDevice, preprovisionEntry } from '../../../simulator/devices/chrome.ts';
import { createStubClient } from '../../../simulator/devices/stub-client.ts';
import { chromeDeviceProfile } from '../../../simulator/profiles/chrome-device.ts';
import { seededRandom } from '../../../simulator/profiles/random.ts';
import { treeDir } from '../../helpers/identity.ts';
import { type StartedStub, startStub } from '../../helpers/stub.ts';

let stub: StartedStub;
let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  stub = await startStub();
  ({ dir, cleanup } = await treeDir('zte-clock-'));
});
afterAll(async () => {
  await stub.close();
  await cleanup();
});

async function bootWithClock(name: string, now: () => Date, options: { probeFails?: boolean } = {}) {
  const entry = CATALOG.find((e) => e.name === 'Chromebook Acer 311 (C722/C722T)');
  if (!entry) throw new Error('row missing');
  const client = createStubClient(stub.url);
  const profile = chromeDeviceProfile(entry, seededRandom(name.length * 31));
  const root = `${dir}/${name}`;
  await buildSimulatedChromeDevice(root, profile, client);
  await client.preprovision({
    partnerKey: 'partner-demo-key',
    customerId: 'C00demo01',
    token: 'ppt-demo-0001',
    devices: [preprovisionEntry(profile)],
  });
  const deps = createDeviceDeps({ server: stub.url, root, stateDir: `${root}/state` });
  const agent = await startAgent({
    ...deps,
    now,
    // The server-time probe timed out (a loaded server): it gives no time, as the real one then does.
    ...(options.probeFails
      ? { enrollmentHttp: { ...deps.enrollmentHttp, serverTime: async () => null } }
      : {}),
  });
  const outcome = await agent.settled;
  await agent.stop();
  return outcome;
}

describe('device clock', () => {
  it('a clock at 1970 ends on the clock screen (exit 4, reason clock) without asking for enrollment', async () => {
    const outcome = await bootWithClock('epoch', () => new Date(0));
    expect(outcome).toMatchObject({ outcome: 'error', reason: 'clock' });
    expect(outcome.history.map((h) => h.state)).not.toContain('automatic.determining');
  });

  it("a clock years ahead of the server's is refused too", async () => {
    expect(
      await bootWithClock('ahead', () => new Date(Date.now() + 5 * 365 * 24 * 3600 * 1000)),
    ).toMatchObject({
      outcome: 'error',
      reason: 'clock',
    });
  });

  it("a clock years ahead is refused by the DM answer's Date when the probe gets no time, before registering", async () => {
    const outcome = await bootWithClock(
      'ahead-probe-failed',
      () => new Date(Date.now() + 5 * 365 * 24 * 3600 * 1000),
      {
        probeFails: true,
      },
    );
    expect(outcome).toMatchObject({ outcome: 'error', reason: 'clock' });
    const states = outcome.history.map((h) => h.state);
    expect(states).toContain('automatic.determining');
    expect(states.some((s) => s.startsWith('automatic.registering'))).toBe(false);
  });

  it('a right clock enrolls even when the probe gets no time', async () => {
    expect(await bootWithClock('right-probe-failed', () => new Date(), { probeFails: true })).toMatchObject({
      outcome: 'managed',
    });
  });

  it('a right clock enrolls', async () => {
    expect(await bootWithClock('right', () => new Date())).toMatchObject({ outcome: 'managed' });
  });
});
