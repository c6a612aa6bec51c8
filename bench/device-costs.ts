// What one simulated device costs, part by part (issue 8: what bounds the fleet): minting its
// attestation identity, the stub verifying a registration signed with it, writing and removing its
// device tree (tinybench), and one whole in-process boot to managed, agent and in-process stub
// together, in CPU time of this process (all its threads) and in wall time.

import { X509Certificate } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Bench } from 'tinybench';
import { startAgent } from '../agent/runtime/agent.ts';
import { createDeviceDeps } from '../agent/runtime/create-deps.ts';
import { createManufacturerCa } from '../server-stub/attestation/ca.ts';
import { mintDeviceIdentity } from '../server-stub/attestation/mint.ts';
import { pemSigner } from '../server-stub/attestation/request.ts';
import { verifyAttestation } from '../server-stub/attestation/verify.ts';
import { materializeDeviceTree } from '../simulator/device-tree.ts';
import { planFleet } from '../simulator/scenarios/index.ts';
import { type BenchStub, preprovisionedDevices } from './fixtures.ts';
import { percentile } from './stats.ts';

export interface DeviceCosts {
  /** Median of each part, in milliseconds. */
  mintMs: number;
  verifyMs: number;
  treeWriteMs: number;
  treeRemoveMs: number;
  bootCpuMs: number;
  bootWallMs: number;
}

async function parts(
  workDir: string,
): Promise<Pick<DeviceCosts, 'mintMs' | 'verifyMs' | 'treeWriteMs' | 'treeRemoveMs'>> {
  const ca = await createManufacturerCa('Bench Device Attestation CA');
  const trusted = [new X509Certificate(ca.certPem)];
  const identity = await mintDeviceIdentity(ca, { attestedDeviceId: 'BENCH-0001', manufacturer: 'Bench' });
  // As on the wire: one DER certificate, signed bytes = registration data followed by a nonce.
  const data = new Uint8Array(64).fill(0x5a);
  const signature = await pemSigner(identity.private_key_pem)(data);
  const certificate = new X509Certificate(identity.certificate_chain_pem).raw;
  const input = { data, signature, certificate, attestedDeviceId: 'BENCH-0001' };
  const [plan] = planFleet({ scenario: 'mixed', seed: 1, devices: 1 });
  if (plan === undefined) throw new Error('no device planned');
  let n = 0;
  let lastTree = '';

  const bench = new Bench({ time: 1_000, warmupTime: 200 });
  bench
    .add('mint', async () => {
      await mintDeviceIdentity(ca, { attestedDeviceId: `BENCH-${n++}`, manufacturer: 'Bench' });
    })
    .add('verify', async () => {
      const verdict = await verifyAttestation(input, trusted, new Date());
      if (!verdict.ok) throw new Error(verdict.reason);
    })
    .add('tree write', async () => {
      lastTree = join(workDir, `t${n++}`);
      await materializeDeviceTree(lastTree, plan.hardware.spec);
    })
    .add(
      'tree remove',
      async () => {
        rmSync(lastTree, { recursive: true, force: true });
      },
      {
        beforeEach() {
          lastTree = join(workDir, `r${n++}`);
          return materializeDeviceTree(lastTree, plan.hardware.spec);
        },
      },
    );
  await bench.run();
  const p50 = (name: string): number => {
    const result = bench.getTask(name)?.result;
    if (result === undefined || !('latency' in result))
      throw new Error(`bench task ${name} did not complete`);
    return result.latency.p50;
  };
  return {
    mintMs: p50('mint'),
    verifyMs: p50('verify'),
    treeWriteMs: p50('tree write'),
    treeRemoveMs: p50('tree remove'),
  };
}

async function boots(stub: BenchStub, runs: number): Promise<Pick<DeviceCosts, 'bootCpuMs' | 'bootWallMs'>> {
  const devices = await preprovisionedDevices(stub, runs + 3, 3);
  const cpu: number[] = [];
  const wall: number[] = [];
  for (const [i, device] of devices.entries()) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const agent = await startAgent(
      createDeviceDeps({ server: stub.url, root: device.root, stateDir: device.stateDir }),
    );
    const outcome = await agent.settled;
    const elapsed = performance.now() - t0;
    const used = process.cpuUsage(cpu0);
    await agent.stop();
    if (outcome.outcome !== 'managed') throw new Error(`bench device did not enroll: ${outcome.reason}`);
    // The first three warm the JIT and the module caches up.
    if (i < 3) continue;
    cpu.push((used.user + used.system) / 1000);
    wall.push(elapsed);
  }
  return { bootCpuMs: percentile(cpu, 50), bootWallMs: percentile(wall, 50) };
}

export async function measureDeviceCosts(stub: BenchStub, runs: number): Promise<DeviceCosts> {
  const workDir = await mkdtemp(join(tmpdir(), 'zte-bench-costs-'));
  stub.tempDirs.push(workDir);
  const boot = await boots(stub, runs);
  return { ...(await parts(workDir)), ...boot };
}
