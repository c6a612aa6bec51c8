// `npm run -s bench -- [--json] [--quick] [--fleet10k] [--profile] [--steps]`: performance figures against floors measured in
// the same run (issues 8 and 16). Prints a readable table, or one JSON line with --json. Never used as
// a test assertion.

import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { measureColdStart } from './cold-start.ts';
import { measureDecision } from './decision.ts';
import { measureDecisionSteps } from './decision-steps.ts';
import { measureDeviceCosts } from './device-costs.ts';
import { startBenchStub } from './fixtures.ts';
import { measureFleet } from './fleet.ts';
import { measureFloorCpu } from './floor-cpu.ts';
import { formatProfileSummary, summariseProfiles } from './profile-summary.ts';
import { measurePoint, measureScaling, writeScalingReport } from './scaling.ts';
import { round } from './stats.ts';
import { measureStubThroughput } from './stub-throughput.ts';
import { measureTlsHandshake } from './tls-handshake.ts';

const { values } = parseArgs({
  options: {
    json: { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    scaling: { type: 'string' },
    costs: { type: 'boolean', default: false },
    fleet10k: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    steps: { type: 'boolean', default: false },
    report: { type: 'string', default: 'bench-report' },
  },
});

if (values.scaling !== undefined) {
  // `--scaling 100,1000,10000`: the scaling curve only (issue 8 item 3), a chart in --report DIR.
  const sizes = values.scaling.split(',').map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n <= 0)) {
    process.stderr.write(`bench: --scaling ${values.scaling}: expected sizes like 100,1000,10000\n`);
    process.exit(2);
  }
  const points = await measureScaling(sizes);
  const chart = await writeScalingReport(values.report ?? 'bench-report', points);
  process.stdout.write(
    values.json
      ? `${JSON.stringify({ scaling: points })}\n`
      : `${JSON.stringify(points, null, 2)}\nchart: ${chart}\n`,
  );
  process.exit(0);
}
if (values.profile) {
  // `--profile`: a 1,000-device `mixed` fleet with a CPU profile of every thread, summarised: what
  // the fleet's time is spent on (issue 16). The profiles stay in --report DIR/profile for DevTools.
  const dir = join(values.report ?? 'bench-report', 'profile');
  await rm(dir, { recursive: true, force: true });
  const fleet = await measureFleet(values.quick ? 100 : 1000, 1, null, dir);
  const summaries = await summariseProfiles(dir);
  process.stdout.write(
    values.json
      ? `${JSON.stringify({ devices: fleet.devices, cpuMsPerDevice: round(fleet.cpuMsPerDevice), threads: summaries })}\n`
      : `${fleet.devices} devices, ${round(fleet.cpuMsPerDevice)} ms of CPU per device (all threads)\n${formatProfileSummary(summaries, fleet.devices)}profiles: ${dir}\n`,
  );
  process.exit(0);
}
if (values.steps) {
  // `--steps`: one decision's time, state by state (what bounds decisionOverFloor).
  const stub = await startBenchStub();
  try {
    const steps = await measureDecisionSteps(stub, values.quick ? 10 : 40);
    const total = steps.reduce((sum, step) => sum + step.medianMs, 0);
    process.stdout.write(
      values.json
        ? `${JSON.stringify({ steps: steps.map((s) => ({ state: s.state, medianMs: round(s.medianMs, 3) })) })}\n`
        : `${steps.map((s) => `${s.state.padEnd(34)} ${round(s.medianMs)} ms (median)\n`).join('')}${'sum of medians'.padEnd(34)} ${round(total)} ms\n`,
    );
  } finally {
    await stub.close();
  }
  process.exit(0);
}
if (values.costs) {
  // `--costs`: what one simulated device costs, part by part (what bounds the fleet).
  const stub = await startBenchStub();
  try {
    const costs = await measureDeviceCosts(stub, values.quick ? 10 : 40);
    const rounded = Object.fromEntries(Object.entries(costs).map(([k, v]) => [k, round(v, 3)]));
    process.stdout.write(
      values.json
        ? `${JSON.stringify(rounded)}\n`
        : Object.entries(rounded)
            .map(([k, v]) => `${k.padEnd(14)} ${v} ms (median)\n`)
            .join(''),
    );
  } finally {
    await stub.close();
  }
  process.exit(0);
}
const quick = values.quick ?? false;
const log = (line: string) => {
  if (!values.json) process.stderr.write(`${line}\n`);
};

const bench = await startBenchStub();
let figures: Record<string, unknown>;
try {
  log('decision time against the floor…');
  const decision = await measureDecision(bench, quick ? 10 : 40);
  log('the TLS handshake in a boot over HTTPS…');
  const tlsHandshake = await measureTlsHandshake(bench, quick ? 10 : 40);
  log('cold start and memory…');
  const cold = await measureColdStart(bench, quick ? 3 : 10);
  log('stub raw throughput (autocannon)…');
  const stubRawRequestsPerSecond = await measureStubThroughput(quick ? 2 : 5);
  log('protocol floor (CPU of the bare exchange)…');
  const floorCpuMsPerDevice = await measureFloorCpu(bench, quick ? 20 : 100);
  log('fleet throughput and CPU…');
  const fleet = await measureFleet(quick ? 100 : 1000);
  if (values.fleet10k) log('10,000-device fleet…');
  const tenK = values.fleet10k ? await measurePoint(10_000) : null;
  figures = {
    decisionMs: { p50: round(decision.decisionMs.p50), p95: round(decision.decisionMs.p95) },
    floorMs: { p50: round(decision.floorMs.p50) },
    decisionOverFloor: round(decision.decisionMs.p50 / decision.floorMs.p50),
    coldStartMs: { p50: round(cold.coldStartMs.p50) },
    nodeBaselineMs: { p50: round(cold.nodeBaselineMs.p50) },
    coldOverBaseline: round(cold.coldStartMs.p50 / cold.nodeBaselineMs.p50),
    agentPeakRssMb: round(cold.agentPeakRssMb),
    nodeBaselineRssMb: round(cold.nodeBaselineRssMb),
    rssOverBaseline: round(cold.agentPeakRssMb / cold.nodeBaselineRssMb),
    fleetDevicesPerSecond: round(fleet.devicesPerSecond),
    requestsPerDevice: round(fleet.requestsPerDevice),
    stubRawRequestsPerSecond: round(stubRawRequestsPerSecond),
    fleetCpuMsPerDevice: round(fleet.cpuMsPerDevice),
    floorCpuMsPerDevice: round(floorCpuMsPerDevice),
    fleetOverFloor: round(fleet.cpuMsPerDevice / floorCpuMsPerDevice),
    // Issue 17: connect + TLS handshake time over a boot's wall time, over HTTPS (a figure, no target).
    tlsHandshake: {
      shareOfBoot: round(tlsHandshake.shareOfBoot, 3),
      msPerBoot: round(tlsHandshake.msPerBoot),
      handshakesPerBoot: round(tlsHandshake.handshakesPerBoot),
      decisionMsP50: round(tlsHandshake.decisionMs.p50),
    },
    ...(tenK === null
      ? {}
      : { fleet10kSeconds: round(tenK.durationMs / 1000, 1), fleet10kPeakRssMb: tenK.peakRssMb }),
  };
} finally {
  await bench.close();
}

if (values.json) {
  process.stdout.write(`${JSON.stringify(figures)}\n`);
} else {
  const targets: Record<string, string> = {
    decisionOverFloor: '≤ 3',
    coldOverBaseline: '≤ 2.5',
    rssOverBaseline: '≤ 1.4',
    fleetOverFloor: '≤ 2',
    fleet10kSeconds: '< 60',
  };
  for (const [key, value] of Object.entries(figures)) {
    const shown = typeof value === 'object' ? JSON.stringify(value) : String(value);
    process.stdout.write(
      `${key.padEnd(26)} ${shown.padEnd(28)} ${targets[key] ? `target ${targets[key]}` : ''}\n`,
    );
  }
}
