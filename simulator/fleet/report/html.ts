// report.html: one self-contained page, viewable offline (Chart.js inlined from node_modules, no CDN):
// the verdict, time-to-decision distribution, outcomes per maker and per scenario, the request rate the
// server saw over time (the herd), the failures with their logs, and every device.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describeExpected } from '../../scenarios/types.ts';
import { percentile } from '../summary.ts';
import type { ReportFile } from './json.ts';
import { actualText } from './junit.ts';

const OUTCOMES = ['managed', 'manual', 'error'] as const;
const COLOURS: Record<(typeof OUTCOMES)[number] | 'none', string> = {
  managed: '#2e7d32',
  manual: '#f9a825',
  error: '#c62828',
  none: '#757575',
};
/** Rows of the all-devices table (the JSON report has every device). */
const MAX_TABLE_ROWS = 5000;

let chartJs: string | null = null;
export function chartJsSource(): string {
  if (chartJs === null) {
    const main = createRequire(import.meta.url).resolve('chart.js');
    chartJs = readFileSync(join(dirname(main), 'chart.umd.js'), 'utf8').replace(
      /\/\/# sourceMappingURL=\S+\s*$/,
      '',
    );
  }
  return chartJs;
}

export function htmlText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** JSON safe inside <script>: no `</script>`, no `<!--`. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function niceStep(max: number, bins: number): number {
  const raw = Math.max(1, max / bins);
  const pow = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (raw <= m * pow) return m * pow;
  return 10 * pow;
}

interface Counts {
  managed: number;
  manual: number;
  error: number;
  none: number;
}

function groupOutcomes(report: ReportFile, key: (d: ReportFile['devices'][number]) => string) {
  const groups = new Map<string, Counts>();
  for (const d of report.devices) {
    const g = groups.get(key(d)) ?? { managed: 0, manual: 0, error: 0, none: 0 };
    g[d.actual?.outcome ?? 'none'] += 1;
    groups.set(key(d), g);
  }
  const labels = [...groups.keys()].sort((a, b) => a.localeCompare(b));
  return {
    labels,
    datasets: (['managed', 'manual', 'error', 'none'] as const).map((o) => ({
      label: o === 'none' ? 'no outcome' : o,
      backgroundColor: COLOURS[o],
      data: labels.map((l) => groups.get(l)?.[o] ?? 0),
    })),
  };
}

export function chartData(report: ReportFile) {
  const times = report.devices.map((d) => d.timings.decisionMs);
  const max = Math.max(1, ...times);
  const step = niceStep(max, 30);
  const bins = Math.max(1, Math.ceil((max + 1) / step));
  const labels = Array.from(
    { length: bins },
    (_, i) => `${Math.round(i * step)}–${Math.round((i + 1) * step)}`,
  );
  const decision = {
    labels,
    datasets: (['managed', 'manual', 'error', 'none'] as const).map((o) => {
      const data = new Array<number>(bins).fill(0);
      for (const d of report.devices) {
        if ((d.actual?.outcome ?? 'none') !== o) continue;
        const b = Math.min(bins - 1, Math.floor(d.timings.decisionMs / step));
        data[b] = (data[b] ?? 0) + 1;
      }
      return { label: o === 'none' ? 'no outcome' : o, backgroundColor: COLOURS[o], data };
    }),
  };
  const rate = report.requestRate;
  const perSecond = (n: number) => Math.round((n * 1000) / rate.bucketMs);
  const requests = {
    labels: rate.counts.map((_, i) => ((i * rate.bucketMs) / 1000).toFixed(1)),
    datasets: [
      {
        label: 'requests/s',
        borderColor: '#1565c0',
        backgroundColor: '#1565c033',
        fill: true,
        pointRadius: 0,
        data: rate.counts.map(perSecond),
      },
      {
        label: 'error answers/s',
        borderColor: '#c62828',
        backgroundColor: '#c6282833',
        fill: true,
        pointRadius: 0,
        data: rate.errors.map(perSecond),
      },
    ],
  };
  return {
    decision,
    makers: groupOutcomes(report, (d) => d.manufacturer),
    scenarios: groupOutcomes(report, (d) => d.scenario),
    requests,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
  };
}

export function reportHtml(report: ReportFile): string {
  const { summary, meta } = report;
  const data = chartData(report);
  const failures = report.devices.filter((d) => !d.passed);
  const verdict = summary.failed === 0 ? 'PASS' : 'FAIL';
  const title = `zte fleet — ${meta.scenario}, seed ${meta.seed}${meta.shard ? `, shard ${meta.shard.index}/${meta.shard.count}` : ''}`;
  const row = (d: ReportFile['devices'][number]) =>
    `<tr class="${d.passed ? 'ok' : 'ko'}"><td>${htmlText(d.id)}</td><td>${htmlText(d.scenario)}/${htmlText(d.variant)}</td><td>${htmlText(d.manufacturer)}</td><td>${htmlText(d.model)}</td><td>${htmlText(d.deviceClass)}</td><td>${htmlText(describeExpected(d.expected))}</td><td>${htmlText(actualText(d))}</td><td class="num">${d.timings.decisionMs.toFixed(0)}</td></tr>`;
  const scenarioRows = Object.entries(summary.byScenario)
    .map(
      ([s, c]) =>
        `<tr class="${c.failed === 0 ? 'ok' : 'ko'}"><td>${htmlText(s)}</td><td class="num">${c.devices}</td><td class="num">${c.passed}</td><td class="num">${c.failed}</td></tr>`,
    )
    .join('\n');
  const failureBlocks = failures
    .map(
      (d) =>
        `<details><summary><b>${htmlText(d.id)}</b> ${htmlText(d.scenario)}/${htmlText(d.variant)} — ${htmlText(d.model)}: expected ${htmlText(describeExpected(d.expected))}, got ${htmlText(actualText(d))}</summary><pre>${htmlText(d.log.join('\n'))}${d.error ? `\nfleet error: ${htmlText(d.error)}` : ''}</pre></details>`,
    )
    .join('\n');
  const shown = report.devices.slice(0, MAX_TABLE_ROWS);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${htmlText(title)}</title>
<style>
  body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5rem; color: #212121; }
  h1 { font-size: 1.4rem; } h2 { font-size: 1.1rem; margin-top: 2rem; }
  .verdict { display: inline-block; padding: .2rem .6rem; border-radius: .3rem; color: #fff; background: ${summary.failed === 0 ? COLOURS.managed : COLOURS.error}; }
  .cards { display: flex; flex-wrap: wrap; gap: .8rem; } .card { border: 1px solid #ddd; border-radius: .4rem; padding: .5rem .8rem; min-width: 8rem; }
  .card b { display: block; font-size: 1.3rem; }
  .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(28rem, 1fr)); gap: 1.5rem; }
  .chart { position: relative; height: 22rem; }
  table { border-collapse: collapse; margin-top: .5rem; } td, th { border: 1px solid #ddd; padding: .2rem .5rem; text-align: left; }
  td.num { text-align: right; font-variant-numeric: tabular-nums; } tr.ko td { background: #ffebee; }
  pre { background: #f5f5f5; padding: .5rem; overflow-x: auto; } details { margin: .3rem 0; }
  .muted { color: #757575; }
</style>
</head>
<body>
<h1>${htmlText(title)} <span class="verdict">${verdict}</span></h1>
<p class="muted">Started ${htmlText(meta.startedAt)} against ${htmlText(meta.server)}; ${meta.workers} worker thread(s), concurrency ${meta.concurrency}; ${htmlText(meta.machine.cpuModel)} × ${meta.machine.cpus}, Node ${htmlText(meta.machine.node)}. Phases (ms): ${htmlText(
    Object.entries(meta.phasesMs)
      .map(([k, v]) => `${k} ${v}`)
      .join(', '),
  )}.</p>
<div class="cards">
  <div class="card">devices<b>${summary.devices}</b></div>
  <div class="card">passed<b>${summary.passed}</b></div>
  <div class="card">failed<b>${summary.failed}</b></div>
  <div class="card">managed / manual / error<b>${summary.byOutcome.managed} / ${summary.byOutcome.manual} / ${summary.byOutcome.error}</b></div>
  <div class="card">devices per second<b>${summary.devicesPerSecond}</b></div>
  <div class="card">duration<b>${(summary.durationMs / 1000).toFixed(1)} s</b></div>
  <div class="card">time to decision p50 / p95<b>${data.p50.toFixed(0)} / ${data.p95.toFixed(0)} ms</b></div>
</div>
<div class="charts">
  <div><h2>Time to decision (ms)</h2><div class="chart"><canvas id="decision"></canvas></div></div>
  <div><h2>Requests the server answered over time (${htmlText(report.requestRate.source)})</h2><div class="chart"><canvas id="requests"></canvas></div></div>
  <div><h2>Outcomes per maker</h2><div class="chart"><canvas id="makers"></canvas></div></div>
  <div><h2>Outcomes per scenario</h2><div class="chart"><canvas id="scenarios"></canvas></div></div>
</div>
<h2>Scenarios</h2>
<table><thead><tr><th>scenario</th><th>devices</th><th>passed</th><th>failed</th></tr></thead><tbody>
${scenarioRows}
</tbody></table>
<h2>Failures (${failures.length})</h2>
${failures.length === 0 ? '<p>None: every device met its expectation.</p>' : failureBlocks}
<h2>Devices</h2>
<details${report.devices.length <= 500 ? ' open' : ''}><summary>${shown.length} of ${report.devices.length} devices${shown.length < report.devices.length ? ' (report.json has them all)' : ''}</summary>
<table><thead><tr><th>device</th><th>scenario/variant</th><th>maker</th><th>model</th><th>class</th><th>expected</th><th>actual</th><th>decision ms</th></tr></thead><tbody>
${shown.map(row).join('\n')}
</tbody></table></details>
<script>${chartJsSource()}</script>
<script>
const data = ${scriptJson(data)};
const stacked = { responsive: true, maintainAspectRatio: false, animation: false, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } } };
new Chart(document.getElementById('decision'), { type: 'bar', data: data.decision, options: stacked });
new Chart(document.getElementById('makers'), { type: 'bar', data: data.makers, options: stacked });
new Chart(document.getElementById('scenarios'), { type: 'bar', data: data.scenarios, options: stacked });
new Chart(document.getElementById('requests'), { type: 'line', data: data.requests, options: { responsive: true, maintainAspectRatio: false, animation: false, scales: { x: { title: { display: true, text: 's since start' } }, y: { beginAtZero: true } } } });
</script>
</body>
</html>
`;
}
