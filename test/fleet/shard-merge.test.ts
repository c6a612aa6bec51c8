// Sharding spreads one fleet over machines: the shards' reports, merged, are the whole run's report
// (same devices, same expectations, same outcomes); a missing shard is reported.

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeReports } from '../../simulator/fleet/merge.ts';
import { toReportFile, writeReports } from '../../simulator/fleet/report/index.ts';
import { type FleetRun, runFleet } from '../../simulator/fleet/run.ts';
import { tempDir } from './helpers.ts';

const FLEET = { scenario: 'mixed', devices: 14, seed: 4, concurrency: 8, workers: 1 } as const;

let dir: string;
let cleanup: () => Promise<void>;
let whole: FleetRun;
beforeAll(async () => {
  ({ dir, cleanup } = await tempDir('zte-fleet-shard-'));
  const [w, s1, s2] = await Promise.all([
    runFleet(FLEET),
    runFleet({ ...FLEET, shard: { index: 1, count: 2 } }),
    runFleet({ ...FLEET, shard: { index: 2, count: 2 } }),
  ]);
  whole = w;
  await writeReports(join(dir, 'shard-1'), toReportFile(s1));
  await writeReports(join(dir, 'shard-2'), toReportFile(s2));
}, 60_000);
afterAll(async () => cleanup());

const verdicts = (
  devices: ReadonlyArray<{
    id: string;
    expected: unknown;
    actual: { outcome: string; reason: string | null } | null;
    passed: boolean;
  }>,
) =>
  devices.map((d) => ({
    id: d.id,
    expected: d.expected,
    outcome: d.actual?.outcome,
    reason: d.actual?.reason,
    passed: d.passed,
  }));

describe('shard and merge', () => {
  it('merging every shard gives the whole run: same devices, expectations and outcomes', async () => {
    const merged = await mergeReports([join(dir, 'shard-2'), join(dir, 'shard-1')]);
    const wholeReport = toReportFile(whole);
    expect(verdicts(merged.devices)).toEqual(verdicts(wholeReport.devices));
    expect(merged.devices.map((d) => d.profile)).toEqual(wholeReport.devices.map((d) => d.profile));
    expect(merged.summary).toMatchObject({
      devices: whole.summary.devices,
      passed: whole.summary.passed,
      failed: 0,
      byOutcome: whole.summary.byOutcome,
      byScenario: whole.summary.byScenario,
    });
    expect(merged.meta.missingShards).toEqual([]);
    expect(merged.meta.mergedFrom?.map((m) => m.devices)).toEqual([7, 7]);
  });

  it('says which shard is missing, and refuses the same shard twice', async () => {
    const partial = await mergeReports([join(dir, 'shard-1')]);
    expect(partial.meta.missingShards).toEqual([2]);
    expect(partial.summary.devices).toBe(7);
    await expect(mergeReports([join(dir, 'shard-1'), join(dir, 'shard-1')])).rejects.toThrow(
      /more than one report/,
    );
  });
});
