// What each event of the pure model (model.ts) is for the REAL machine: an actor outcome, a timer
// firing, an event a person or the platform sends, or the boot plan it is started with; and which
// actor the real machine waits on in each model state.

import { DM_ERROR_CODE_BY_STATUS } from '../../../../agent/dm-client/index.ts';
import type { ActorContracts, AgentEvent, BootPlan } from '../../../../agent/machine/types.ts';
import { httpForDmStatus } from '../../../../protocol/status.ts';
import {
  type ActorName,
  eligibleIdentity,
  enrollmentState,
  NOT_IN_SET,
  type Outcome,
  registration,
  verifiedPolicy,
} from '../../../helpers/machine/index.ts';
import {
  type ErrorOutcomeType,
  type ModelEventType,
  type ModelState,
  NOT_ELIGIBLE_REASON,
  OUTCOME_ERROR_CODES,
  type TimerEventType,
} from './vocabulary.ts';

/** The actor the real machine waits on in each model state (null: it waits on a timer or a person). */
export const WAITING_ON: Readonly<Record<ModelState, ActorName | null>> = {
  booting: null,
  readingIdentity: 'readIdentity',
  checkingClock: 'checkClock',
  clockWrong: null,
  'automatic.waitingForNetwork': 'checkLink',
  'automatic.offline': null,
  'automatic.determining': 'fetchEnrollmentState',
  'automatic.checkingAttestation': 'checkAttestation',
  'automatic.checkpointing': 'checkpoint',
  'automatic.registering': 'registerDevice',
  'automatic.smartCheckin': 'smartCheckin',
  'automatic.smartEnrolling': 'smartEnroll',
  'automatic.backoff': null,
  'managed.fetchingPolicy': 'fetchPolicy',
  'managed.idle': null,
  'manual.waiting': null,
  'manual.enrolling': 'manualEnroll',
  error: null,
  untrustedServer: null,
};

export type Realization =
  | { kind: 'boot'; boot: BootPlan }
  | { kind: 'outcome'; actor: ActorName; outcome: Outcome<unknown> }
  | { kind: 'timer'; timer: TimerEventType }
  | { kind: 'send'; event: AgentEvent };

const ok = <K extends ActorName>(actor: K, value: ActorContracts[K]['output']): Realization => ({
  kind: 'outcome',
  actor,
  outcome: { ok: value },
});
/** The HTTP status a DM server answers with for a DM error code, from the protocol's table. */
function dmHttpStatus(code: string): number | undefined {
  const status = (Object.keys(DM_ERROR_CODE_BY_STATUS) as Array<keyof typeof DM_ERROR_CODE_BY_STATUS>).find(
    (s) => DM_ERROR_CODE_BY_STATUS[s] === code,
  );
  return status === undefined ? undefined : httpForDmStatus(status);
}

/** A rejection with the outcome's code; a DM code carries its HTTP status, another code `httpStatus`. */
const fail = (actor: ActorName, type: ErrorOutcomeType, httpStatus?: number): Realization => {
  const code = OUTCOME_ERROR_CODES[type];
  const tableStatus = dmHttpStatus(code);
  if (tableStatus !== undefined && httpStatus !== undefined)
    throw new Error(`${type}: the table gives ${code}'s status`);
  const status = tableStatus ?? httpStatus;
  return {
    kind: 'outcome',
    actor,
    outcome: { error: { code, ...(status !== undefined ? { httpStatus: status } : {}) } },
  };
};

const boot = (plan: BootPlan): Realization => ({ kind: 'boot', boot: plan });
const send = (event: AgentEvent): Realization => ({ kind: 'send', event });

const smartDisplay = eligibleIdentity({
  manufacturer: 'SMART Technologies',
  model: 'SMART Board MX065-V2',
  deviceClass: 'smart-display',
  idKind: 'smart-serial',
  serialNumber: 'SBID1DEMO0001',
  certifiedDeviceId: 'SBID1DEMO0001',
});
const ineligible = eligibleIdentity({
  eligible: false,
  reasons: [{ code: NOT_ELIGIBLE_REASON, message: 'too old' }],
});
const managed = (dmToken: string) => ({
  managementDomain: 'demo.example',
  orgUnitPath: '/',
  dmToken,
  enrolledAt: '2026-01-01',
});
const registered = registration();
const credentials = { method: 'credentials', email: 'admin@demo.example', password: 'pw' } as const;

/** What each model event is for the real machine. */
export const REALIZE: Readonly<Record<ModelEventType, Realization>> = {
  BOOT_FRESH: boot({ kind: 'fresh-check' }),
  BOOT_RETRY_REGISTRATION: boot({ kind: 'retry-registration', reregister: true }),
  BOOT_MANAGED: boot({ kind: 'managed', managed: managed('kept') }),
  BOOT_MANAGED_SMART: boot({ kind: 'managed', managed: managed('') }),
  BOOT_TOO_MANY_ATTEMPTS: boot({ kind: 'too-many-attempts', attempts: 5 }),

  IDENTITY_ELIGIBLE: ok('readIdentity', eligibleIdentity()),
  IDENTITY_SMART: ok('readIdentity', smartDisplay),
  IDENTITY_NOT_ELIGIBLE: ok('readIdentity', ineligible),
  IDENTITY_FAILED: fail('readIdentity', 'IDENTITY_FAILED'),

  CLOCK_OK: ok('checkClock', { ok: true }),
  CLOCK_WRONG: ok('checkClock', {
    ok: false,
    reason: 'before-release',
    deviceTime: '1970-01-01T00:00:00.000Z',
    serverTime: null,
  }),
  CLOCK_CHECK_FAILED: fail('checkClock', 'CLOCK_CHECK_FAILED'),
  CLOCK_POLL_ELAPSED: { kind: 'timer', timer: 'CLOCK_POLL_ELAPSED' },

  LINK_UP: ok('checkLink', { up: true }),
  LINK_DOWN: ok('checkLink', { up: false }),
  LINK_CHECK_FAILED: fail('checkLink', 'LINK_CHECK_FAILED'),

  // NONE as the hash dance finds it: the device's hash is not in the set (its serial is never sent).
  STATE_NONE: ok('fetchEnrollmentState', NOT_IN_SET),
  STATE_ENFORCED: ok('fetchEnrollmentState', enrollmentState({ mode: 'enrollment-enforced' })),
  STATE_TOKEN_ENFORCED: ok('fetchEnrollmentState', enrollmentState({ mode: 'token-enrollment-enforced' })),
  STATE_ZTE: ok('fetchEnrollmentState', enrollmentState()),
  STATE_DISABLED: ok('fetchEnrollmentState', enrollmentState({ mode: 'disabled' })),
  STATE_NOT_FOUND: fail('fetchEnrollmentState', 'STATE_NOT_FOUND'),
  STATE_RETRYABLE: fail('fetchEnrollmentState', 'STATE_RETRYABLE', 503),
  STATE_ACTIONABLE: fail('fetchEnrollmentState', 'STATE_ACTIONABLE'),
  STATE_UNTRUSTED: fail('fetchEnrollmentState', 'STATE_UNTRUSTED'),
  STATE_CERT_NOT_YET_VALID: fail('fetchEnrollmentState', 'STATE_CERT_NOT_YET_VALID'),

  ATTESTATION_OK: ok('checkAttestation', { available: true }),
  ATTESTATION_MISSING: ok('checkAttestation', { available: false, reason: 'no key file' }),
  ATTESTATION_FAILED: fail('checkAttestation', 'ATTESTATION_FAILED'),

  CHECKPOINT_OK: ok('checkpoint', undefined),
  CHECKPOINT_FAILED: fail('checkpoint', 'CHECKPOINT_FAILED'),

  REGISTER_OK: ok('registerDevice', registered),
  REGISTER_RETRYABLE: fail('registerDevice', 'REGISTER_RETRYABLE'),
  REGISTER_NOT_FOUND: fail('registerDevice', 'REGISTER_NOT_FOUND'),
  REGISTER_ACTIONABLE: fail('registerDevice', 'REGISTER_ACTIONABLE'),
  REGISTER_UNTRUSTED: fail('registerDevice', 'REGISTER_UNTRUSTED'),

  SMART_ASSIGNED: ok('smartCheckin', { assignedDomain: 'school1' }),
  SMART_UNASSIGNED: ok('smartCheckin', { assignedDomain: null }),
  SMART_CHECKIN_RETRYABLE: fail('smartCheckin', 'SMART_CHECKIN_RETRYABLE'),
  SMART_CHECKIN_FAILED: fail('smartCheckin', 'SMART_CHECKIN_FAILED', 400),
  SMART_ENROLL_OK: ok('smartEnroll', { domain: 'school1' }),
  SMART_ENROLL_RETRYABLE: fail('smartEnroll', 'SMART_ENROLL_RETRYABLE', 429),
  SMART_ENROLL_ACTIONABLE: fail('smartEnroll', 'SMART_ENROLL_ACTIONABLE', 402),
  SMART_CHECKIN_UNTRUSTED: fail('smartCheckin', 'SMART_CHECKIN_UNTRUSTED'),
  SMART_ENROLL_UNTRUSTED: fail('smartEnroll', 'SMART_ENROLL_UNTRUSTED'),

  POLICY_OK: ok('fetchPolicy', verifiedPolicy()),
  POLICY_FAILED: fail('fetchPolicy', 'POLICY_FAILED'),
  POLICY_INVALID: fail('fetchPolicy', 'POLICY_INVALID'),

  MANUAL_OK: ok('manualEnroll', { managementDomain: 'demo.example', orgUnitPath: '/', dmToken: 'm' }),
  MANUAL_SMART_OK: ok('manualEnroll', { managementDomain: 'school1', orgUnitPath: '/', dmToken: '' }),
  MANUAL_FAILED: fail('manualEnroll', 'MANUAL_FAILED'),

  LINK_POLL_ELAPSED: { kind: 'timer', timer: 'LINK_POLL_ELAPSED' },
  BACKOFF_ELAPSED: { kind: 'timer', timer: 'BACKOFF_ELAPSED' },
  SAFEGUARD_ELAPSED: { kind: 'timer', timer: 'SAFEGUARD_ELAPSED' },

  NETWORK_UP: send({ type: 'NETWORK_UP' }),
  RETRY: send({ type: 'RETRY' }),
  ENROLL_MANUALLY: send({ type: 'ENROLL_MANUALLY' }),
  MANUAL_ENROLL: send({ type: 'MANUAL_ENROLL', request: credentials }),
};
