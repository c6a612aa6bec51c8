// `fleet merge DIR…`: one report from the reports of a sharded fleet (a CI matrix, a Kubernetes
// indexed Job): devices concatenated by index, the verdict recomputed, request rates added up on a
// common time axis. Shards run side by side, so the merged run lasts as long as its slowest shard.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fromReportDevice, REPORT_FILES, REPORT_KIND, type ReportFile } from './report/index.ts';
import type { RequestRate } from './request-rate.ts';
import { percentile, summarize } from './summary.ts';

export class MergeError extends Error {
  override readonly name = 'MergeError';
}

async function readReport(dir: string): Promise<ReportFile> {
  const path = join(dir, REPORT_FILES.json);
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new MergeError(`${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const report = parsed as Partial<ReportFile>;
  if (report.kind !== REPORT_KIND || !Array.isArray(report.devices))
    throw new MergeError(`${path}: not a fleet report`);
  return report as ReportFile;
}

function mergeRates(rates: readonly RequestRate[]): RequestRate {
  const bucketMs = Math.max(...rates.map((r) => r.bucketMs));
  const length = Math.max(1, ...rates.map((r) => Math.ceil((r.counts.length * r.bucketMs) / bucketMs)));
  const counts = new Array<number>(length).fill(0);
  const errors = new Array<number>(length).fill(0);
  for (const r of rates) {
    r.counts.forEach((c, i) => {
      const b = Math.min(length - 1, Math.floor((i * r.bucketMs) / bucketMs));
      counts[b] = (counts[b] ?? 0) + c;
      errors[b] = (errors[b] ?? 0) + (r.errors[i] ?? 0);
    });
  }
  return { bucketMs, counts, errors, source: rates.every((r) => r.source === 'stub') ? 'stub' : 'agents' };
}

function requestsPerDevice(devices: ReportFile['devices']): number {
  const counted = devices.filter((d) => d.profile.power === null);
  if (counted.length === 0) return 0;
  return Math.round((counted.reduce((n, d) => n + d.requests.length, 0) / counted.length) * 100) / 100;
}

export async function mergeReports(dirs: readonly string[]): Promise<ReportFile> {
  const reports = await Promise.all(dirs.map(readReport));
  const first = reports[0];
  if (first === undefined) throw new MergeError('nothing to merge');
  for (const r of reports) {
    if (
      r.meta.scenario !== first.meta.scenario ||
      r.meta.seed !== first.meta.seed ||
      r.meta.fleetDevices !== first.meta.fleetDevices
    ) {
      throw new MergeError(
        `reports of different fleets: ${first.meta.scenario}/seed ${first.meta.seed}/${first.meta.fleetDevices} devices vs ${r.meta.scenario}/seed ${r.meta.seed}/${r.meta.fleetDevices}`,
      );
    }
  }
  const byIndex = new Map<number, ReportFile['devices'][number]>();
  for (const r of reports) {
    for (const d of r.devices) {
      if (byIndex.has(d.index))
        throw new MergeError(`device ${d.id} is in more than one report (the same shard twice?)`);
      byIndex.set(d.index, d);
    }
  }
  const devices = [...byIndex.values()].sort((a, b) => a.index - b.index);
  const count = first.meta.shard?.count ?? 1;
  const given = new Set(reports.map((r) => r.meta.shard?.index ?? 1));
  const missingShards = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !given.has(i));
  const durationMs = Math.max(...reports.map((r) => r.summary.durationMs));
  return {
    kind: REPORT_KIND,
    version: first.version,
    meta: {
      ...first.meta,
      shard: null,
      startedAt: reports.map((r) => r.meta.startedAt).sort()[0] ?? first.meta.startedAt,
      phasesMs: {},
      proxyFaultsPlayed: null,
      mergedFrom: reports.map((r) => ({
        shard: r.meta.shard,
        startedAt: r.meta.startedAt,
        durationMs: r.summary.durationMs,
        devices: r.devices.length,
      })),
      missingShards,
      figures: {
        requestsPerDevice: requestsPerDevice(devices),
        serverRequests: reports.every((r) => r.meta.figures?.serverRequests != null)
          ? reports.reduce((n, r) => n + (r.meta.figures?.serverRequests ?? 0), 0)
          : null,
        decisionMsP50: Math.round(
          percentile(
            devices.map((d) => d.timings.decisionMs),
            50,
          ),
        ),
        decisionMsP95: Math.round(
          percentile(
            devices.map((d) => d.timings.decisionMs),
            95,
          ),
        ),
      },
    },
    summary: summarize(devices.map(fromReportDevice), durationMs),
    setup: reports.flatMap((r) => (Array.isArray(r.setup) ? r.setup : [r.setup])),
    requestRate: mergeRates(reports.map((r) => r.requestRate)),
    devices,
  };
}
