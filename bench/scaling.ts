// The scaling curve (issue 8 item 3): `mixed` fleets of growing size, each in its own process so
// its peak memory is its own; throughput, p95 time-to-decision and peak RSS per size, and a chart.

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
  devicesPerSecond: number;
  decisionMsP95: number;
  durationMs: number;
  peakRssMb: number;
}

export async function measureScaling(sizes: readonly number[]): Promise<ScalingPoint[]> {
  const points: ScalingPoint[] = [];
  for (const devices of sizes) {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [
        '--import',
        AGENT_PRELOAD,
        '--import',
        'tsx',
        resolve(import.meta.dirname, 'fleet-once.ts'),
        String(devices),
      ],
      { maxBuffer: 64 * 1024 * 1024 },
    );
    const figures = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as FleetFigures;
    const rssKb = preloadReport(stderr)?.maxRssKb ?? Number.NaN;
    points.push({
      devices,
      devicesPerSecond: round(figures.devicesPerSecond),
      decisionMsP95: round(figures.decisionMsP95),
      durationMs: round(figures.durationMs, 0),
      peakRssMb: round(rssKb / 1024),
    });
  }
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
<p>Each size ran in its own process on this machine; peak RSS is that process's VmHWM.</p>
<table id="t"><tr><th>devices</th><th>devices/s</th><th>p95 decision (ms)</th><th>duration (ms)</th><th>peak RSS (MB)</th></tr></table>
<canvas id="c"></canvas>
<script>${chartJs}</script>
<script>
const points = ${data};
const t = document.getElementById('t');
for (const p of points) { const r = t.insertRow(); for (const v of [p.devices, p.devicesPerSecond, p.decisionMsP95, p.durationMs, p.peakRssMb]) r.insertCell().textContent = v; }
new Chart(document.getElementById('c'), {
  type: 'line',
  data: { labels: points.map((p) => p.devices), datasets: [
    { label: 'devices/s', data: points.map((p) => p.devicesPerSecond), yAxisID: 'y' },
    { label: 'p95 decision (ms)', data: points.map((p) => p.decisionMsP95), yAxisID: 'y1' },
    { label: 'peak RSS (MB)', data: points.map((p) => p.peakRssMb), yAxisID: 'y1' },
  ] },
  options: { scales: { x: { type: 'logarithmic', title: { display: true, text: 'devices' } }, y: { position: 'left' }, y1: { position: 'right' } } },
});
</script></body></html>
`;
  const path = join(dir, 'scaling.html');
  await writeFile(path, html);
  return path;
}
