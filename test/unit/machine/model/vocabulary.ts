// The words of the pure model (model.ts): its context, its events (the OUTCOMES of the real machine's
// actors, timers and users), the error code each error outcome stands for, and which real state each
// model state is (REAL_FLOW_STATE: the real machine's `flowStateOf` string).
//
// The context keeps what the real machine's context must then say: the manual reason, the code of the
// last error, the reregister flag, the retry step and attempt (and so the backoff delay) and the
// code of the last manual enrollment failure. Error outcomes stand for one representative code each
// (OUTCOME_ERROR_CODES), of the class their name says.

import type { ManualReason, RetryStep } from '../../../../agent/machine/types.ts';

export interface ModelContext {
  /** The identity read says `smart-display`. */
  isSmart: boolean;
  reregister: boolean;
  manualReason: ManualReason | null;
  /** `lastError.code` of the real machine. */
  lastErrorCode: string | null;
  /** `manualEnrollError.code` of the real machine. */
  manualEnrollErrorCode: string | null;
  retryStep: RetryStep | null;
  /** Attempts of `retryStep` so far; with the jitter source it gives the backoff delay. */
  retryAttempt: number;
  /** The device holds a DM token (enrolled): Retry on the error screen only fetches policy again. */
  enrolled: boolean;
}

/** Boot plans: the first event of every path. */
export type BootEventType =
  | 'BOOT_FRESH'
  | 'BOOT_RETRY_REGISTRATION'
  | 'BOOT_MANAGED'
  | 'BOOT_MANAGED_SMART'
  | 'BOOT_TOO_MANY_ATTEMPTS';

/** Outcomes that are an actor rejecting: each stands for one representative error code. */
export type ErrorOutcomeType =
  | 'IDENTITY_FAILED'
  | 'CLOCK_CHECK_FAILED'
  | 'LINK_CHECK_FAILED'
  | 'STATE_NOT_FOUND'
  | 'STATE_RETRYABLE'
  | 'STATE_ACTIONABLE'
  | 'STATE_UNTRUSTED'
  | 'STATE_CERT_NOT_YET_VALID'
  | 'ATTESTATION_FAILED'
  | 'CHECKPOINT_FAILED'
  | 'REGISTER_RETRYABLE'
  | 'REGISTER_NOT_FOUND'
  | 'REGISTER_ACTIONABLE'
  | 'REGISTER_UNTRUSTED'
  | 'SMART_CHECKIN_RETRYABLE'
  | 'SMART_CHECKIN_FAILED'
  | 'SMART_CHECKIN_UNTRUSTED'
  | 'SMART_ENROLL_RETRYABLE'
  | 'SMART_ENROLL_ACTIONABLE'
  | 'SMART_ENROLL_UNTRUSTED'
  | 'POLICY_FAILED'
  | 'POLICY_INVALID'
  | 'MANUAL_FAILED';

/** Outcomes that are an actor resolving. */
export type DoneOutcomeType =
  | 'IDENTITY_ELIGIBLE'
  | 'IDENTITY_NOT_ELIGIBLE'
  | 'IDENTITY_SMART'
  | 'CLOCK_OK'
  | 'CLOCK_WRONG'
  | 'LINK_UP'
  | 'LINK_DOWN'
  | 'STATE_ZTE'
  | 'STATE_NONE'
  | 'STATE_ENFORCED'
  | 'STATE_TOKEN_ENFORCED'
  | 'STATE_DISABLED'
  | 'ATTESTATION_OK'
  | 'ATTESTATION_MISSING'
  | 'CHECKPOINT_OK'
  | 'REGISTER_OK'
  | 'SMART_ASSIGNED'
  | 'SMART_UNASSIGNED'
  | 'SMART_ENROLL_OK'
  | 'POLICY_OK'
  | 'MANUAL_OK'
  | 'MANUAL_SMART_OK';

/** Timers of the real machine firing. */
export type TimerEventType =
  | 'LINK_POLL_ELAPSED'
  | 'BACKOFF_ELAPSED'
  | 'SAFEGUARD_ELAPSED'
  | 'CLOCK_POLL_ELAPSED';

/** Events the platform or a person sends the real machine. */
export type UserEventType = 'NETWORK_UP' | 'RETRY' | 'ENROLL_MANUALLY' | 'MANUAL_ENROLL';

export type ModelEventType =
  | BootEventType
  | ErrorOutcomeType
  | DoneOutcomeType
  | TimerEventType
  | UserEventType;
export type ModelEvent = { type: ModelEventType };

/**
 * The code each error outcome stands for. `*_RETRYABLE` codes classify as retryable, `*_NOT_FOUND` as
 * terminal-for-ZTE, `*_ACTIONABLE` as actionable (the test checks this against classify.ts).
 */
export const OUTCOME_ERROR_CODES: Readonly<Record<ErrorOutcomeType, string>> = {
  IDENTITY_FAILED: 'identity-read-failed',
  CLOCK_CHECK_FAILED: 'internal',
  LINK_CHECK_FAILED: 'link-check-failed',
  STATE_NOT_FOUND: 'device-not-found',
  STATE_RETRYABLE: 'network',
  STATE_ACTIONABLE: 'invalid-serial-number',
  // The server failed TLS verification (issue 17): the error screen, retried behind it; a certificate
  // not valid yet: the clock screen.
  STATE_UNTRUSTED: 'tls-untrusted-issuer',
  STATE_CERT_NOT_YET_VALID: 'tls-cert-not-yet-valid',
  ATTESTATION_FAILED: 'internal',
  CHECKPOINT_FAILED: 'state-write-failed',
  REGISTER_RETRYABLE: 'timeout',
  REGISTER_NOT_FOUND: 'device-not-found',
  REGISTER_ACTIONABLE: 'missing-licenses',
  REGISTER_UNTRUSTED: 'tls-pin-mismatch',
  SMART_CHECKIN_RETRYABLE: 'network',
  // Not a DM code: actionable. A 410 here is actionable too (no terminal-for-ZTE branch for SMART).
  SMART_CHECKIN_FAILED: 'http-status-error',
  SMART_ENROLL_RETRYABLE: 'timeout',
  SMART_ENROLL_ACTIONABLE: 'smart-domain-not-activated',
  SMART_CHECKIN_UNTRUSTED: 'tls-wrong-host',
  SMART_ENROLL_UNTRUSTED: 'tls-handshake-failed',
  POLICY_FAILED: 'token-invalid',
  // Policy that does not verify against the pinned key: the error screen (DESIGN §6).
  POLICY_INVALID: 'policy-invalid',
  MANUAL_FAILED: 'token-invalid',
};

/** The first reason of the ineligible identity IDENTITY_NOT_ELIGIBLE stands for. */
export const NOT_ELIGIBLE_REASON = 'made-before-cutoff' satisfies ManualReason;

/**
 * Model state (as `modelStateOf` writes it) → the real machine's `flowStateOf` string.
 *
 * Differences in shape from the real machine, none in behaviour:
 *  - the transient states (`booting`'s always, `checkingEligibility`, `automatic.routing`,
 *    `automatic.resuming`, `managed.routing`) are folded into guarded transitions of the events that
 *    lead to them. `booting` is kept as the state before the machine starts: its BOOT_* events are
 *    the boot plans (restart-policy.ts) the real machine is started with;
 *  - `automatic.registering.{checkpoint,sending}` is flattened into `automatic.checkpointing` and
 *    `automatic.registering`;
 *  - the diagnostics region (Alt+V) is left out: it is independent of the flow.
 */
export const REAL_FLOW_STATE = {
  /** Before the real machine is started. */
  booting: null,
  readingIdentity: 'readingIdentity',
  'automatic.waitingForNetwork': 'automatic.waitingForNetwork',
  'automatic.offline': 'automatic.offline',
  'automatic.determining': 'automatic.determining',
  'automatic.checkingAttestation': 'automatic.checkingAttestation',
  'automatic.checkpointing': 'automatic.registering.checkpoint',
  'automatic.registering': 'automatic.registering.sending',
  'automatic.smartCheckin': 'automatic.smartCheckin',
  'automatic.smartEnrolling': 'automatic.smartEnrolling',
  'automatic.backoff': 'automatic.backoff',
  'managed.fetchingPolicy': 'managed.fetchingPolicy',
  'managed.idle': 'managed.idle',
  'manual.waiting': 'manual.waiting',
  'manual.enrolling': 'manual.enrolling',
  checkingClock: 'checkingClock',
  clockWrong: 'clockWrong',
  error: 'error',
  untrustedServer: 'error',
} as const satisfies Record<string, string | null>;

export type ModelState = keyof typeof REAL_FLOW_STATE;

/** `automatic.backoff`, `error`, … from a model snapshot value (one atomic state at a time). */
export function modelStateOf(value: unknown): ModelState {
  const parts: string[] = [];
  let node: unknown = value;
  while (typeof node === 'object' && node !== null) {
    const first = Object.entries(node as Record<string, unknown>)[0];
    if (first === undefined) break;
    parts.push(first[0]);
    node = first[1];
  }
  if (typeof node === 'string') parts.push(node);
  const state = parts.join('.');
  if (!(state in REAL_FLOW_STATE)) throw new Error(`model state "${state}" has no real counterpart`);
  return state as ModelState;
}
