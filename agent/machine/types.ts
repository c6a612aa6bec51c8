// Context, events and actor contracts of the first-boot machine (DESIGN §6, issue 4).

import type { EnrollmentState } from '../dm-client/determine-state.ts';
import type { PolicyKeyPin, VerifiedPolicy } from '../dm-client/policy-verify.ts';
import type { CertificateSummary } from '../dm-client/server-trust.ts';
import type { MessageKey } from '../i18n/catalogs/en.ts';
import type { IdentityReport } from '../identity/report.ts';
import type { BootPlan } from '../persistence/restart-policy.ts';
import type { ClockVerdict } from './clock.ts';

/** Why the device ends on the manual enrollment screen. Stable codes; the UI words them. */
export type ManualReason =
  | IdentityReport['reasons'][number]['code']
  | 'not-pre-provisioned'
  | 'enrollment-enforced'
  | 'token-enrollment-enforced'
  | 'zero-touch-disabled'
  | 'attestation-unavailable'
  | 'too-many-attempts'
  | 'smart-unassigned'
  | 'user-chose-manual';

/** What the machine knows of a failure it shows on the error screen. */
export interface AgentErrorInfo {
  /** Stable code: a DM client code (`missing-licenses`, …) or an agent one (`safeguard-timeout`, …). */
  code: string;
  message: string;
  httpStatus?: number;
  /** Retry-After from the server, when it gave one. */
  retryAfterMs?: number;
  /** The certificate a server that failed TLS verification presented (issue 17), for diagnostics. */
  certificate?: CertificateSummary;
}

/** The step a retryable failure goes back to after its backoff. */
export type RetryStep = 'determining' | 'registering' | 'smartCheckin' | 'smartEnrolling';

export type ErrorClass = 'retryable' | 'terminal-for-zte' | 'actionable' | 'untrusted-server';

/** The result of the enrollment-state look-up, as the machine and diagnostics keep it. */
export type { EnrollmentState, PolicyKeyPin, VerifiedPolicy };

/** What a DM registration answered (DeviceRegisterResponse, in the agent's words). */
export interface Registration {
  dmToken: string;
  /** Ours (field 1000), null when the server did not say. */
  orgUnitPath: string | null;
  licenseConsumed: boolean | null;
  bundledLicense: boolean | null;
}

export interface Enrollment {
  /** From the state answer, then the policy's `managed_by` (never from a field of ours); may be empty until then. */
  managementDomain: string;
  orgUnitPath: string;
  /** Empty for SMART displays, which have no DM token. */
  dmToken: string;
  /** The policy key pinned at the first policy fetch (persisted with the managed record). */
  policyKey?: PolicyKeyPin | null;
  /** Known when this boot enrolled; not kept across boots. */
  licenseConsumed?: boolean;
  bundledLicense?: boolean;
}

/** How this boot starts, decided from the persisted state before the machine runs (restart-policy.ts). */
export type { BootPlan };

export interface MachineInput {
  boot: BootPlan;
  /**
   * The durable record says a register request may have reached the server and its answer was never
   * handled; default: a `retry-registration` boot.
   */
  registrationInFlight?: boolean;
  /** Jitter source for backoff; tests pass a fixed function. */
  random?: () => number;
}

export type ManualEnrollRequest =
  | { method: 'credentials'; email: string; password: string }
  | { method: 'enrollment-token'; token: string }
  | { method: 'smart-domain'; domain: string };

export type AgentEvent =
  | { type: 'ALT_V' }
  | { type: 'CLOSE_DIAGNOSTICS' }
  | { type: 'NETWORK_UP' }
  | { type: 'RETRY' }
  | { type: 'ENROLL_MANUALLY' }
  | { type: 'MANUAL_ENROLL'; request: ManualEnrollRequest };

export interface AgentContext {
  boot: BootPlan;
  random: () => number;
  identity: IdentityReport | null;
  enrollmentState: EnrollmentState | null;
  enrollment: Enrollment | null;
  /** The last verified device policy (timestamp, key fingerprint, settings), for diagnostics. */
  policy: VerifiedPolicy | null;
  /** The SMART domain the display was assigned to by a redeemed product key. */
  smartDomain: string | null;
  manualReason: ManualReason | null;
  lastError: AgentErrorInfo | null;
  /** The retry about to happen: which step, how many so far, and after how long. */
  retry: { step: RetryStep | null; attempt: number; delayMs: number };
  /** Register with `reregister: true` (an earlier registration may have reached the server). */
  reregister: boolean;
  /**
   * A register request may have reached the server and its answer was not handled yet: true from the
   * registration checkpoint until the server gives a verdict (an answer with a status). Persisted.
   */
  registrationInFlight: boolean;
  /**
   * The clock check read no server time (the probe timed out or failed): the enrollment-state answer's
   * `Date` header is judged instead, so a clock years off never enrolls because the server was slow.
   */
  clockUnverified: boolean;
  /** The first wired Ethernet MAC, read with the identity; register requests carry it. */
  ethernetMac: string | null;
  /** A SMART display's model number as its RS-232 `get modelnum` said it (the report keeps the series). */
  smartModelNumber: string | null;
  manualEnrollError: AgentErrorInfo | null;
}

/** What reading the device's identity gave: the report, and the hardware facts later requests carry. */
export interface IdentityReading {
  report: IdentityReport;
  ethernetMac: string | null;
  smartModelNumber: string | null;
}

/** The `meta` of a flow state. */
export interface FlowMeta {
  /** On the checking screen: what the device is doing, as a message key of agent/i18n. */
  step?: MessageKey;
}

/** Actor input/output contracts; the runtime provides the implementations with `.provide()`. */
export interface ActorContracts {
  /** A bare report stands for a reading without hardware facts (no Ethernet MAC, no model number). */
  readIdentity: { input: undefined; output: IdentityReading | IdentityReport };
  checkLink: { input: undefined; output: { up: boolean } };
  checkClock: { input: undefined; output: ClockVerdict };
  checkAttestation: { input: undefined; output: { available: true } | { available: false; reason: string } };
  fetchEnrollmentState: {
    input: { identity: IdentityReport; judgeClock: boolean };
    output: EnrollmentState;
  };
  registerDevice: {
    /** `managementDomain`: what the enrollment-state answer said (null after a restart mid-registration). */
    input: {
      identity: IdentityReport;
      reregister: boolean;
      managementDomain: string | null;
      ethernetMac: string | null;
    };
    output: Registration;
  };
  /** Fetches and verifies the device policy against the pinned key (none pinned: pins the answer's). */
  fetchPolicy: { input: { dmToken: string; pinned: PolicyKeyPin | null }; output: VerifiedPolicy };
  smartCheckin: {
    /** `judgeClock`: the probe could not check the clock; judge it against the check-in answer's Date. */
    input: { identity: IdentityReport; smartModelNumber: string | null; judgeClock: boolean };
    output: { assignedDomain: string | null };
  };
  smartEnroll: {
    input: { identity: IdentityReport; domain: string; smartModelNumber: string | null };
    output: { domain: string };
  };
  manualEnroll: {
    /**
     * `managementDomain`: the state answer's, when the look-up gave one. `identity` null (never read
     * this boot): the actor reads it, and the hardware facts with it.
     */
    input: {
      identity: IdentityReport | null;
      request: ManualEnrollRequest;
      managementDomain: string | null;
      ethernetMac: string | null;
      smartModelNumber: string | null;
    };
    output: Enrollment;
  };
  checkpoint: { input: { phase: 'registering'; reregister: boolean }; output: undefined };
}
