// What the fleet's runner, workers and reports exchange: plain data only (it crosses worker_threads
// and goes into report.json).

import type { IdentityReport } from '../../agent/identity/report.ts';
import type { ManufacturerCa } from '../../server-stub/attestation/ca.ts';
import type { DevicePlan, Expected } from '../scenarios/types.ts';

/** Everything a worker needs to boot devices, set once. */
export interface BootEnv {
  /** The stub (or real server) the devices enroll with. */
  serverUrl: string;
  /** Base URL of the fleet's fault proxy (`<proxy>/d/<index>` forwards to serverUrl), if started. */
  proxyUrl: string | null;
  /** Device roots go under `<workDir>/devices/`. */
  workDir: string;
  /** Manufacturer CAs of an in-process stub, by caKeyFor(manufacturer): keys are minted locally. Null: mint over HTTP. */
  cas: Record<string, ManufacturerCa> | null;
  keepRoots: boolean;
  /** Epoch ms the fleet started at (timestamps in results are relative to it). */
  fleetStart: number;
  /**
   * The in-process stub's HTTPS side (issue 17): its URL, the fleet CA the devices trust, where that
   * CA is as a file (for child processes' `--server-ca`), and whether every device uses it (`--tls`)
   * or only some (`mixed`). Null: plain HTTP only.
   */
  tls?: { url: string; caPem: string; caFile: string; all: boolean } | null;
}

export interface RequestRecord {
  /** DM request type, or the SMART/enrollment path. */
  type: string;
  /** Ms since the fleet started. */
  at: number;
  ms: number;
  /** HTTP status, or the error code of a failure without one (`network`, `timeout`). */
  status: number | string;
}

export interface ActualOutcome {
  outcome: 'managed' | 'manual' | 'error';
  reason: string | null;
  managementDomain: string | null;
  orgUnitPath: string | null;
  certifiedDeviceId: string | null;
  idKind: string | null;
}

export interface BootRecord {
  boot: number;
  /** SIGKILL after this state write (null: ran to the end). */
  killAfterStateWrites: number | null;
  killed: boolean;
  exitCode: number | null;
  ms: number;
}

export interface DeviceResult {
  index: number;
  id: string;
  actual: ActualOutcome | null;
  passed: boolean;
  /** What the agent identified (null when it never read the identity, e.g. a child process). */
  identity: IdentityReport | Record<string, unknown> | null;
  /** Flow states; `atMs` since this device's first boot started. */
  timeline: Array<{ state: string; atMs: number }>;
  timings: {
    /** Since the fleet started. */
    startedAt: number;
    /** Device tree, key, serial port. */
    prepareMs: number;
    /** Agent start (first boot) → settled screen: the time to decision. */
    decisionMs: number;
    totalMs: number;
  };
  requests: RequestRecord[];
  boots: BootRecord[];
  log: string[];
  /** A failure of the fleet itself (not of the agent): the device could not be prepared or run. */
  error?: string;
}

export interface DeviceReport {
  plan: DevicePlan;
  expected: Expected;
  result: DeviceResult;
}
