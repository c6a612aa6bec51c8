// report.json: the whole run, one entry per device (its profile, what the agent identified, expected
// and actual outcome, state timeline, timings, requests, boots and log). `merge` reads it back.

import type { DevicePlan } from '../../scenarios/types.ts';
import type { FleetRun } from '../run.ts';
import type { DeviceReport } from '../types.ts';

export const REPORT_KIND = 'zte-fleet-report';
export const REPORT_VERSION = 1;

export interface ReportDevice {
  id: string;
  index: number;
  scenario: string;
  variant: string;
  manufacturer: string;
  model: string;
  deviceClass: string;
  why: string;
  passed: boolean;
  expected: DeviceReport['expected'];
  actual: DeviceReport['result']['actual'];
  error?: string;
  /** The device's plan minus what is listed above: hardware (sysfs tree, RS-232 answers), key, uploads, faults. */
  profile: Omit<
    DevicePlan,
    'index' | 'id' | 'scenario' | 'variant' | 'why' | 'manufacturer' | 'model' | 'deviceClass' | 'expected'
  >;
  identity: DeviceReport['result']['identity'];
  timeline: DeviceReport['result']['timeline'];
  timings: DeviceReport['result']['timings'];
  requests: DeviceReport['result']['requests'];
  boots: DeviceReport['result']['boots'];
  log: string[];
}

export interface ReportFile {
  kind: typeof REPORT_KIND;
  version: typeof REPORT_VERSION;
  meta: FleetRun['meta'];
  summary: FleetRun['summary'];
  setup: FleetRun['setup'] | FleetRun['setup'][];
  requestRate: FleetRun['requestRate'];
  devices: ReportDevice[];
}

export function toReportDevice({ plan, result }: DeviceReport): ReportDevice {
  const { index, id, scenario, variant, why, manufacturer, model, deviceClass, expected, ...profile } = plan;
  return {
    id,
    index,
    scenario,
    variant,
    manufacturer,
    model,
    deviceClass,
    why,
    passed: result.passed,
    expected,
    actual: result.actual,
    ...(result.error !== undefined ? { error: result.error } : {}),
    profile,
    identity: result.identity,
    timeline: result.timeline,
    timings: result.timings,
    requests: result.requests,
    boots: result.boots,
    log: result.log,
  };
}

export function fromReportDevice(d: ReportDevice): DeviceReport {
  const plan = {
    ...d.profile,
    index: d.index,
    id: d.id,
    scenario: d.scenario,
    variant: d.variant,
    why: d.why,
    manufacturer: d.manufacturer,
    model: d.model,
    deviceClass: d.deviceClass,
    expected: d.expected,
  } as DevicePlan;
  return {
    plan,
    expected: d.expected,
    result: {
      index: d.index,
      id: d.id,
      actual: d.actual,
      passed: d.passed,
      identity: d.identity,
      timeline: d.timeline,
      timings: d.timings,
      requests: d.requests,
      boots: d.boots,
      log: d.log,
      ...(d.error !== undefined ? { error: d.error } : {}),
    },
  };
}

export function toReportFile(run: FleetRun): ReportFile {
  return {
    kind: REPORT_KIND,
    version: REPORT_VERSION,
    meta: run.meta,
    summary: run.summary,
    setup: run.setup,
    requestRate: run.requestRate,
    devices: run.devices.map(toReportDevice),
  };
}
