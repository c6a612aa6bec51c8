// The scaling curve (issues 8 and 16): `mixed` fleets of growing size, each in its own process so
// its peak memory is its own; throughput, p95 time-to-decision, peak RSS and CPU per device per
// size, and a chart. A size above SHARD_ABOVE runs as shards in parallel processes on this machine
// (the way a CI matrix would), merged: devices/s over the wall time of the slowest shard, the worst
// shard's p95, the sum of the shards' peak RSS (they run at once), CPU summed over all.

import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { chartJsSource } from '../simulator/fleet/report/html.ts';
import { AGENT_PRELOAD, preloadReport } from '../simulator/lib/preload.ts';
import type { FleetFigures } from './fleet.ts';
import { round } from './stats.ts';

export interface ScalingPoint {
  devices: number;
  /** Processes the size ran in (1 unless sharded). */
  shards: number;
  devicesPerSecond: number;
  decisionMsP95: number;
  durationMs: number;
  peakRssMb: number;
  cpuMsPerDevice: number;
}

/** Sizes above this run as shards over processes. */
export const SHARD_ABOVE = 20_000;
export const SHARDS = 2;

interface ShardRun {
  figures: FleetFigures;
  rssKb: number;
}

async function runOnce(devices: number, shard: string | null): Promise<ShardRun> {
  const { stdout, stderr } = await promisify(execFile)(
    process.execPath,
    [
      '--import',
      AGENT_PRELOAD,
      '--import',
      'tsx',
      resolve(import.meta.dirname, 'fleet-once.ts'),
      String(devices),
      ...(shard === null ? [] : [shard]),
    ],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  const figures = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as FleetFigures;
  return { figures, rssKb: preloadReport(stderr)?.maxRssKb ?? Number.NaN };
}

export async function measurePoint(devices: number): Promise<ScalingPoint> {
  const shards = devices > SHARD_ABOVE ? SHARDS : 1;
  const started = performance.now();
  // Every shard runs to its end even when another failed, so a failed size says what each shard did.
  const settled = await Promise.allSettled(
    Array.from({ length: shards }, (_, i) => runOnce(devices, shards === 1 ? null : `${i + 1}/${shards}`)),
  );
  const failed = settled.flatMap((r, i) =>
    r.status === 'rejected' ? [`shard ${i + 1}/${shards}: ${String(r.reason)}`] : [],
  );
  if (failed.length > 0) throw new Error(`the ${devices}-device fleet failed:\n${failed.join('\n')}`);
  const runs = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const wallMs = performance.now() - started;
  const ran = runs.reduce((n, r) => n + r.figures.devices, 0);
  return {
    devices,
    shards,
    devicesPerSecond: round(
      shards === 1 ? (runs[0]?.figures.devicesPerSecond ?? Number.NaN) : ran / (wallMs / 1000),
    ),
    decisionMsP95: round(Math.max(...runs.map((r) => r.figures.decisionMsP95))),
    durationMs: round(shards === 1 ? (runs[0]?.figures.durationMs ?? wallMs) : wallMs, 0),
    peakRssMb: round(runs.reduce((kb, r) => kb + r.rssKb, 0) / 1024),
    cpuMsPerDevice: round(
      runs.reduce((ms, r) => ms + r.figures.cpuMsPerDevice * r.figures.devices, 0) / Math.max(1, ran),
    ),
  };
}

export async function measureScaling(sizes: readonly number[]): Promise<ScalingPoint[]> {
  const points: ScalingPoint[] = [];
  for (const devices of sizes) points.push(await measurePoint(devices));
  return points;
}

/** Writes `scaling.json` and an offline `scaling.html` (chart.js inlined, no network). */
export async function writeScalingReport(dir: string, points: readonly ScalingPoint[]): Promise<string> {
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'scaling.json'), `${JSON.stringify(points, null, 2)}\n`);
  const chartJs = chartJsSource();
  const data = JSON.stringify(points).replace(/</g, '\\u003c');
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>zte-agent fleet scaling</title>
<style>body{font:1rem system-ui,sans-serif;margin:2rem;max-width:70rem}canvas{max-height:24rem}table{border-collapse:collapse}td,th{padding:.3rem .8rem;border-bottom:1px solid #ccc;text-align:right}</style>
</head><body>
<h1>Fleet scaling (mixed scenario)</h1>
<p>Each size ran in its own process on this machine (sizes above ${SHARD_ABOVE} in ${SHARDS} shard processes at once, merged); peak RSS is the VmHWM of that process (summed over shards); CPU per device counts every thread and child.</p>
<table id="t"><tr><th>devices</th><th>shards</th><th>devices/s</th><th>p95 decision (ms)</th><th>duration (ms)</th><th>peak RSS (MB)</th><th>CPU per device (ms)</th></tr></table>
<canvas id="c"></canvas>
<script>${chartJs}</script>
<script>
const points = ${data};
const t = document.getElementById('t');
for (const p of points) { const r = t.insertRow(); for (const v of [p.devices, p.shards, p.devicesPerSecond, p.decisionMsP95, p.durationMs, p.peakRssMb, p.cpuMsPerDevice]) r.insertCell().textContent = v; }
new Chart(document.getElementById('c'), {
  type: 'line',
  data: { labels: points.map((p) => p.devices), datasets: [
    { label: 'devices/s', data: points.map((p) => p.devicesPerSecond), yAxisID: 'y' },
    { label: 'p95 decision (ms)', data: points.map((p) => p.decisionMsP95), yAxisID: 'y1' },
    { label: 'peak RSS (MB)', data: points.map((p) => p.peakRssMb), yAxisID: 'y1' },
    { label: 'CPU per device (ms)', data: points.map((p) => p.cpuMsPerDevice), yAxisID: 'y' },
  ] },
  options: { scales: { x: { type: 'logarithmic', title: { display: true, text: 'devices' } }, y: { position: 'left' }, y1: { position: 'right' } } },
});
</script></body></html>
`;
  const path = join(dir, 'scaling.html');
  await writeFile(path, html);
  return path;
}
