// One fleet SMART display over a real pty pair (socat) and the native serial binding, instead of the
// mock binding the fleet uses for scale: the agent reads it at 19200 8N1 and enrolls it in the domain
// that redeemed its invoice's key.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAgent } from '../../agent/runtime/agent.ts';
import { createDeviceDeps } from '../../agent/runtime/create-deps.ts';
import { createStub, type Stub } from '../../server-stub/app.ts';
import { prepareDevice } from '../../simulator/fleet/device.ts';
import { planDevice } from '../../simulator/scenarios/index.ts';
import { setupFleet } from '../../simulator/scenarios/setup.ts';
import { fleetStubSeed } from '../../simulator/scenarios/stub-seed.ts';
import { type PtyDisplay, startPtyDisplay } from '../../simulator/smart-display/pty.ts';
import { tempDir } from './helpers.ts';

let stub: Stub;
let url: string;
let dir: string;
let cleanup: () => Promise<void>;
let pty: PtyDisplay | null = null;
const plan = planDevice('smart-assigned', 21, 0);

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir('zte-fleet-pty-'));
  stub = createStub({ db: ':memory:', seed: fleetStubSeed([plan]), testHooks: true });
  url = await stub.listen(0);
  await setupFleet(url, [plan]);
});
afterAll(async () => {
  await pty?.close();
  await stub.close();
  await cleanup();
});

describe('a fleet SMART display on a real pty', () => {
  it('is read over RS-232 and enrolls in its SRM domain', async () => {
    if (plan.hardware.kind !== 'smart') throw new Error('not a SMART plan');
    const device = await prepareDevice(plan, {
      serverUrl: url,
      proxyUrl: null,
      workDir: dir,
      cas: null,
      keepRoots: true,
      fleetStart: Date.now(),
    });
    pty = await startPtyDisplay(plan.hardware.responder);
    const commands: string[] = [];
    pty.responder.onCommand((line) => commands.push(line.trim().toLowerCase()));
    const agent = await startAgent(
      createDeviceDeps({
        server: url,
        root: device.root,
        stateDir: device.stateDir,
        smartSerial: pty.devicePath,
      }),
    );
    const outcome = await agent.settled;
    await agent.stop();
    expect(outcome).toMatchObject({
      outcome: 'managed',
      reason: 'enrolled',
      managementDomain: 'fleettrial',
      certifiedDeviceId: plan.hardware.identity.serialNumber,
    });
    expect(commands).toEqual(expect.arrayContaining(['get serialnum', 'get modelnum']));
  }, 30_000);
});
