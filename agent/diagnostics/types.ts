// The diagnostics the Alt+V overlay shows and `GET /api/diagnostics` returns (issue 5 item 3).

import type { Availability, NetworkInterfaceInfo, NetworkSource } from '../../hal/interface.ts';
import type { EnrollmentMode } from '../dm-client/determine-state.ts';
import type { CertificateSummary } from '../dm-client/server-trust.ts';
import type { IdentityReport } from '../identity/report.ts';
import type { AgentActor } from '../runtime/agent.ts';
import type { AgentDeps } from '../runtime/deps.ts';

/** The live "is this device pre-provisioned" answer of the enrollment server. */
export interface ServerAnswer {
  /** Null until asked (or when the device identity is not known yet). */
  reachable: boolean | null;
  preProvisioned: boolean | null;
  managementDomain: string | null;
  orgUnitPath: string | null;
  licensePackaged: boolean | null;
  /** The state answer's mode (`none` also when the hash dance found no such device); null for SMART. */
  enrollmentMode: EnrollmentMode | null;
  /** When the server was asked (ISO 8601), null when it never was. */
  checkedAt: string | null;
  error: { code: string; message: string } | null;
}

export interface Diagnostics {
  agentVersion: string;
  identity: IdentityReport | null;
  /** ChromeOS's `ZTE✓`: the certified device ID is present and valid. */
  zteReady: boolean;
  server: ServerAnswer;
  network: NetworkInterfaceInfo[];
  /** The machine's flow state, e.g. `manual.waiting`. */
  state: string;
  history: Array<{ state: string; at: string }>;
  /** `certificate`: what a server that failed TLS verification presented (subject, issuer, validity). */
  lastError: { code: string; message: string; advice: string; certificate?: CertificateSummary } | null;
  /** The last verified device policy; null until one was received. */
  policy: PolicyDiagnostics | null;
  /** `available` or `unavailable: <reason>` per HAL backend. */
  backends: Record<string, string>;
}

/** The device policy as received and verified (DESIGN §5 "Policy is signed"). */
export interface PolicyDiagnostics {
  /** PolicyData.timestamp, ISO 8601. */
  timestamp: string | null;
  /** SHA-256 of the pinned key's DER SubjectPublicKeyInfo, hex. */
  keyFingerprint: string;
  keyVersion: number | null;
  managedBy: string | null;
  /** The ChromeDeviceSettingsProto received, canonical JSON with the proto's field names. */
  settings: Record<string, unknown>;
}

/** What diagnostics read of a running agent: an AgentHandle, or a test's scripted actor. */
export interface AgentView {
  actor: AgentActor;
  deviceId: string;
  history: ReadonlyArray<{ state: string; at: string }>;
}

/** What diagnostics use of the agent's dependencies (an AgentDeps fits): the HAL and the server clients. */
export interface DiagnosticsDeps {
  createDmClient: AgentDeps['createDmClient'];
  enrollmentHttp: Pick<AgentDeps['enrollmentHttp'], 'smartCheckin'>;
  network: NetworkSource;
  /** Reported among the backends. */
  keyStore: BackendProbe;
  now: () => Date;
  /** Re-reads the identity (a SMART display's model number for its check-in); optional. */
  readIdentity?: AgentDeps['readIdentity'];
}

/** A HAL backend that can say whether it works here (identity sources, keyboards, key stores…). */
export interface BackendProbe {
  readonly name: string;
  availability(): Promise<Availability>;
}
