// The fleet's one-line verdict (`--json`) and the figures the reports share.

import type { Expected } from '../scenarios/types.ts';
import type { DeviceReport } from './types.ts';

export interface FleetFailure {
  device: string;
  model: string;
  expected: Expected;
  actual: { outcome: string; reason: string | null; managementDomain: string | null } | null;
  log: string;
}

export interface FleetSummary {
  devices: number;
  passed: number;
  failed: number;
  byOutcome: { managed: number; manual: number; error: number };
  byScenario: Record<string, { devices: number; passed: number; failed: number }>;
  devicesPerSecond: number;
  durationMs: number;
  failures: FleetFailure[];
}

/** The JSON line stays readable: the first failures, each with the end of its log (report.json has all). */
const MAX_FAILURES_IN_SUMMARY = 100;
const MAX_LOG_LINES = 40;

export function failureOf(d: DeviceReport): FleetFailure {
  const { plan, result } = d;
  const lines = result.log.length > MAX_LOG_LINES ? ['…', ...result.log.slice(-MAX_LOG_LINES)] : result.log;
  return {
    device: plan.id,
    model: plan.model,
    expected: plan.expected,
    actual: result.actual
      ? {
          outcome: result.actual.outcome,
          reason: result.actual.reason,
          managementDomain: result.actual.managementDomain,
        }
      : null,
    log: [...lines, ...(result.error ? [`fleet error: ${result.error}`] : [])].join('\n'),
  };
}

export function summarize(devices: readonly DeviceReport[], durationMs: number): FleetSummary {
  const byOutcome = { managed: 0, manual: 0, error: 0 };
  const byScenario: FleetSummary['byScenario'] = {};
  let passed = 0;
  const failures: FleetFailure[] = [];
  for (const d of devices) {
    const outcome = d.result.actual?.outcome;
    if (outcome !== undefined) byOutcome[outcome] += 1;
    const s = byScenario[d.plan.scenario] ?? { devices: 0, passed: 0, failed: 0 };
    byScenario[d.plan.scenario] = s;
    s.devices += 1;
    if (d.result.passed) {
      passed += 1;
      s.passed += 1;
    } else {
      s.failed += 1;
      if (failures.length < MAX_FAILURES_IN_SUMMARY) failures.push(failureOf(d));
    }
  }
  const sortedScenarios = Object.fromEntries(
    Object.entries(byScenario).sort(([a], [b]) => a.localeCompare(b)),
  );
  return {
    devices: devices.length,
    passed,
    failed: devices.length - passed,
    byOutcome,
    byScenario: sortedScenarios,
    devicesPerSecond: durationMs > 0 ? Math.round((devices.length / durationMs) * 1000 * 100) / 100 : 0,
    durationMs: Math.round(durationMs),
    failures,
  };
}

/** p-th percentile (0–100) of `values`, nearest rank; 0 for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? 0;
}
