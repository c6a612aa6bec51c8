// The runner API end to end, in-process: a small mixed fleet passes and writes well-formed reports;
// two devices of every scenario (every family: Chrome, SMART, network, outage herd, power loss) meet
// their expectations; a device whose expectation is wrong is reported as a failure.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  REPORT_FILES,
  type ReportFile,
  toReportFile,
  writeReports,
} from '../../simulator/fleet/report/index.ts';
import { type FleetRun, runFleet } from '../../simulator/fleet/run.ts';
import { DEVICE_SCENARIOS, planDevice, planFleet } from '../../simulator/scenarios/index.ts';
import { assertWellFormedXml, tempDir } from './helpers.ts';

const SETTLED = ['managed.idle', 'manual.waiting', 'error', 'clockWrong'];

let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ dir, cleanup } = await tempDir('zte-fleet-test-'));
});
afterAll(async () => cleanup());

describe('a small mixed fleet', () => {
  let run: FleetRun;
  beforeAll(async () => {
    run = await runFleet({ scenario: 'mixed', devices: 20, seed: 1, concurrency: 8, workers: 2 });
    await writeReports(join(dir, 'mixed'), toReportFile(run));
  }, 60_000);

  it('passes: every device met its expectation and settled on a screen', () => {
    expect(run.summary).toMatchObject({ devices: 20, passed: 20, failed: 0, failures: [] });
    const { managed, manual, error } = run.summary.byOutcome;
    expect(managed + manual + error).toBe(20);
    for (const d of run.devices) {
      expect(d.result.actual, d.result.log.join('\n')).not.toBeNull();
      expect(SETTLED).toContain(d.result.timeline.at(-1)?.state);
      expect(d.result.timings.decisionMs).toBeGreaterThan(0);
    }
    expect(run.requestRate.counts.reduce((a, b) => a + b, 0)).toBeGreaterThan(20);
  });

  it('writes report.json with profile, identity, expected, actual, timeline and timings per device', async () => {
    const report = JSON.parse(await readFile(join(dir, 'mixed', REPORT_FILES.json), 'utf8')) as ReportFile;
    expect(report.devices).toHaveLength(20);
    for (const d of report.devices) {
      expect(Object.keys(d)).toEqual(
        expect.arrayContaining(['profile', 'identity', 'expected', 'actual', 'timeline', 'timings']),
      );
      expect(d.profile.hardware.spec).toBeDefined();
    }
    expect(report.summary.passed).toBe(20);
  });

  it('writes a well-formed junit.xml with one test case per device', async () => {
    const xml = await readFile(join(dir, 'mixed', REPORT_FILES.junit), 'utf8');
    assertWellFormedXml(xml);
    expect(xml.match(/<testcase /g)).toHaveLength(20);
    expect(xml).toContain('<testsuites name="zte-fleet" tests="20" failures="0" errors="0"');
    expect(xml).not.toContain('<failure');
  });

  it('writes a report.html that works offline: Chart.js inlined, no external script, four charts', async () => {
    const html = await readFile(join(dir, 'mixed', REPORT_FILES.html), 'utf8');
    expect(html).toContain('Chart.js v4');
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/https?:\/\/(?!www\.chartjs\.org)[^"'\s]+\.js/);
    for (const id of ['decision', 'requests', 'makers', 'scenarios'])
      expect(html).toContain(`<canvas id="${id}">`);
    const data = /const data = (\{.*\});\n/.exec(html)?.[1];
    expect(JSON.parse(data ?? 'null')).toMatchObject({ decision: { labels: expect.any(Array) } });
  });
});

describe('every scenario at a tiny size', () => {
  it('two devices of each scenario meet their expectations in one run', async () => {
    const plans = DEVICE_SCENARIOS.flatMap((s, k) => [0, 1].map((j) => planDevice(s, 9, 200 + k * 2 + j)));
    const run = await runFleet({ scenario: 'mixed', devices: plans.length, seed: 9, concurrency: 16, plans });
    const failures = run.summary.failures.map((f) => `${f.device}: ${f.log}`).join('\n\n');
    expect(run.summary.failed, failures).toBe(0);
    expect(Object.keys(run.summary.byScenario).sort()).toEqual([...DEVICE_SCENARIOS].sort());
    const of = (s: string) => run.devices.filter((d) => d.plan.scenario === s);
    // The herd met the outage (503 from the stub itself), the flaky devices met their proxy faults,
    // the power-loss devices were really killed and booted again.
    for (const d of of('server-outage')) expect(d.result.requests.some((r) => r.status === 503)).toBe(true);
    expect(Object.values(run.meta.proxyFaultsPlayed ?? {}).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(
      of('power-loss')
        .flatMap((d) => d.result.boots)
        .some((b) => b.killed),
    ).toBe(true);
  }, 60_000);
});

describe('a device that does not meet its expectation', () => {
  it('fails the fleet, with its expected and actual outcome and its log', async () => {
    const plans = planFleet({ scenario: 'not-pre-provisioned', seed: 2, devices: 3 });
    const wrong = plans[1];
    if (wrong === undefined) throw new Error('no plan');
    wrong.expected = { outcome: 'managed', reason: 'enrolled' };
    const run = await runFleet({
      scenario: 'not-pre-provisioned',
      devices: 3,
      seed: 2,
      concurrency: 3,
      workers: 1,
      plans,
    });
    expect(run.summary).toMatchObject({ devices: 3, passed: 2, failed: 1 });
    expect(run.summary.failures).toEqual([
      expect.objectContaining({
        device: wrong.id,
        expected: { outcome: 'managed', reason: 'enrolled' },
        actual: expect.objectContaining({ outcome: 'manual', reason: 'not-pre-provisioned' }),
        log: expect.stringContaining('settled manual/not-pre-provisioned'),
      }),
    ]);
    await writeReports(join(dir, 'wrong'), toReportFile(run));
    const xml = await readFile(join(dir, 'wrong', REPORT_FILES.junit), 'utf8');
    assertWellFormedXml(xml);
    expect(xml.match(/<failure /g)).toHaveLength(1);
    expect(xml).toContain('expected managed/enrolled, got manual/not-pre-provisioned');
  }, 60_000);
});
