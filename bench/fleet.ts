// fleetDevicesPerSecond and requestsPerDevice: a `mixed` fleet through the fleet runner (issue 6),
// timed by the runner itself. Also the scaling curve (issue 8 item 3).

import { DEFAULT_CONCURRENCY, runFleet } from '../simulator/fleet/run.ts';
import { describeExpected } from '../simulator/scenarios/types.ts';
import { cpuMsNow } from './cpu.ts';

export interface FleetFigures {
  devices: number;
  devicesPerSecond: number;
  requestsPerDevice: number;
  decisionMsP95: number;
  durationMs: number;
  /** Peak resident memory of this process over the run (the fleet's workers are threads in it). */
  peakRssMb: number;
  /** CPU of the run (every thread, the in-process stub, reaped child devices) ÷ devices. */
  cpuMsPerDevice: number;
  passed: number;
}

export async function measureFleet(
  devices: number,
  seed = 1,
  shard: { index: number; count: number } | null = null,
  cpuProfileDir: string | null = null,
): Promise<FleetFigures> {
  const cpuAtStart = cpuMsNow();
  const run = await runFleet({
    scenario: 'mixed',
    devices,
    seed,
    concurrency: DEFAULT_CONCURRENCY,
    shard,
    cpuProfileDir,
  });
  const cpuMs = cpuMsNow() - cpuAtStart;
  const ran = run.summary.passed + run.summary.failed;
  if (run.summary.failed > 0) {
    // What failed, so that a failed size of the scaling curve says why (first few devices).
    for (const device of run.devices.filter((d) => !d.result.passed).slice(0, 10))
      process.stderr.write(
        `bench: ${device.result.id} (${device.plan.scenario}): expected ${describeExpected(device.expected)}, got ${
          device.result.actual
            ? `${device.result.actual.outcome}/${device.result.actual.reason ?? '-'}`
            : (device.result.error ?? 'no outcome')
        }\n`,
      );
    throw new Error(`the bench fleet had ${run.summary.failed} failures: its figures would mislead`);
  }
  return {
    devices: ran,
    devicesPerSecond: run.summary.devicesPerSecond,
    requestsPerDevice: run.meta.figures.requestsPerDevice,
    decisionMsP95: run.meta.figures.decisionMsP95,
    durationMs: run.summary.durationMs,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    cpuMsPerDevice: cpuMs / Math.max(1, ran),
    passed: run.summary.passed,
  };
}
