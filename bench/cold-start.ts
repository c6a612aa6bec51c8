// coldStartMs: the built bundle (`node dist/…/main.js run …`) from exec to exit 0 on a pre-provisioned
// simulated device; nodeBaselineMs: `node -e 0` in the same run. Peak RSS of that agent process and of
// a bare node that idles as long.

import type { BenchStub } from './fixtures.ts';
import { preprovisionedDevices } from './fixtures.ts';
import { buildBundle, timedNode } from './processes.ts';
import { percentile } from './stats.ts';

export interface ColdStartFigures {
  coldStartMs: { p50: number };
  nodeBaselineMs: { p50: number };
  agentPeakRssMb: number;
  nodeBaselineRssMb: number;
}

export async function measureColdStart(bench: BenchStub, runs: number): Promise<ColdStartFigures> {
  const [entry, devices] = await Promise.all([
    buildBundle(bench.tempDirs),
    preprovisionedDevices(bench, runs, 2),
  ]);
  const agent: number[] = [];
  const agentRss: number[] = [];
  for (const d of devices) {
    const run = await timedNode([
      entry,
      'run',
      '--server',
      bench.url,
      '--root',
      d.root,
      '--state-dir',
      d.stateDir,
      '--ui',
      'none',
    ]);
    if (run.code !== 0) throw new Error(`cold-start run exited ${run.code}`);
    agent.push(run.ms);
    agentRss.push(run.maxRssKb);
  }
  const idleMs = Math.round(percentile(agent, 50));
  const baseline: number[] = [];
  const baselineRss: number[] = [];
  for (let i = 0; i < runs; i++) {
    baseline.push((await timedNode(['-e', '0'])).ms);
    baselineRss.push((await timedNode(['-e', `setTimeout(() => {}, ${idleMs})`])).maxRssKb);
  }
  return {
    coldStartMs: { p50: percentile(agent, 50) },
    nodeBaselineMs: { p50: percentile(baseline, 50) },
    agentPeakRssMb: Math.max(...agentRss) / 1024,
    nodeBaselineRssMb: Math.max(...baselineRss) / 1024,
  };
}
