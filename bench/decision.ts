// decisionMs: one in-process agent boot, from start to managed, against an in-process stub.
// floorMs: the same number of raw HTTP round trips to a bare node:http server plus the same file
// reads, in the same run: what the decision could cost if the agent itself cost nothing.

import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startAgent } from '../agent/runtime/agent.ts';
import { createDeviceDeps } from '../agent/runtime/create-deps.ts';
import { listFiles } from './files.ts';
import { type BenchDevice, type BenchStub, preprovisionedDevices } from './fixtures.ts';
import { percentile } from './stats.ts';

export interface DecisionFigures {
  decisionMs: { p50: number; p95: number };
  floorMs: { p50: number };
  requestsPerDevice: number;
}

export async function measureDecision(bench: BenchStub, runs: number): Promise<DecisionFigures> {
  const devices = await preprovisionedDevices(bench, runs + 3, 1);
  // Warm up the JIT and module caches on three devices that are not measured.
  for (const d of devices.slice(0, 3)) await bootOnce(bench, d);
  const times: number[] = [];
  const before = bench.requests();
  for (const d of devices.slice(3)) times.push(await bootOnce(bench, d));
  const requestsPerDevice = (bench.requests() - before) / runs;

  const floor = await measureFloor(devices.slice(3), Math.round(requestsPerDevice));
  return {
    decisionMs: { p50: percentile(times, 50), p95: percentile(times, 95) },
    floorMs: { p50: percentile(floor, 50) },
    requestsPerDevice,
  };
}

async function bootOnce(bench: BenchStub, device: BenchDevice): Promise<number> {
  const started = performance.now();
  const agent = await startAgent(
    createDeviceDeps({ server: bench.url, root: device.root, stateDir: device.stateDir }),
  );
  const outcome = await agent.settled;
  const elapsed = performance.now() - started;
  await agent.stop();
  if (outcome.outcome !== 'managed') throw new Error(`bench device did not enroll: ${outcome.reason}`);
  return elapsed;
}

async function measureFloor(devices: BenchDevice[], roundTrips: number): Promise<number[]> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const times: number[] = [];
  try {
    for (const d of devices) {
      const files = await listFiles(d.root);
      const started = performance.now();
      await Promise.all(files.map((f) => readFile(f)));
      for (let i = 0; i < roundTrips; i++) {
        const res = await fetch(`http://127.0.0.1:${port}/`, { method: 'POST', body: '{}' });
        await res.text();
      }
      times.push(performance.now() - started);
    }
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  return times;
}
