// Turns a path of the pure model (agent/machine/model.ts) into what the REAL machine is given — actor
// outcomes, clock advances on xstate's SimulatedClock, events a person or the platform sends — and
// what the real machine must then show after each step (model-based.test.ts).
//
// Every model state is one where the real machine waits, for one actor or for a timer or a person,
// so the run keeps each invoked actor pending until the path says how it ends: after every step the
// real machine is at rest and can be compared with the model. An actor the machine stops (a state
// left on a timer) sees its `signal` abort and is no longer pending.

import { type Actor, createActor, fromPromise, SimulatedClock, type SnapshotFrom } from 'xstate';
import { retryDelayMs } from '../../agent/dm-client/index.ts';
import {
  CLOCK_POLL_MS,
  LINK_POLL_MS,
  RETRY_BASE_MS,
  RETRY_CAP_MS,
  SAFEGUARD_MS,
} from '../../agent/machine/delays.ts';
import { agentMachine } from '../../agent/machine/machine.ts';
import {
  type agentModel,
  type ErrorOutcomeType,
  type ModelEvent,
  type ModelEventType,
  type ModelState,
  modelStateOf,
  NOT_ELIGIBLE_REASON,
  OUTCOME_ERROR_CODES,
  REAL_FLOW_STATE,
  type TimerEventType,
} from '../../agent/machine/model.ts';
import type { ActorContracts, AgentEvent, BootPlan, RetryStep } from '../../agent/machine/types.ts';
import { flowStateOf } from '../../agent/runtime/outcome.ts';
import {
  eligibleIdentity,
  enrollmentState,
  NOT_IN_SET,
  type Outcome,
  registration,
  verifiedPolicy,
} from './machine-harness.ts';

export type ModelSnapshot = SnapshotFrom<typeof agentModel>;
type ActorName = keyof ActorContracts;

/** Backoff jitter source of the real machine: the model's delays are computed with the same value. */
export const JITTER = 0.5;

/** The backoff delay of the n-th attempt of a step, as the real machine computes it with JITTER. */
export function backoffDelayMs(attempt: number): number {
  return attempt === 0
    ? 0
    : retryDelayMs(attempt, { baseMs: RETRY_BASE_MS, capMs: RETRY_CAP_MS, random: () => JITTER });
}

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

type Realization =
  | { kind: 'boot'; boot: BootPlan }
  | { kind: 'outcome'; actor: ActorName; outcome: Outcome<unknown> }
  | { kind: 'timer'; timer: TimerEventType }
  | { kind: 'send'; event: AgentEvent };

const ok = <K extends ActorName>(actor: K, value: ActorContracts[K]['output']): Realization => ({
  kind: 'outcome',
  actor,
  outcome: { ok: value },
});
const fail = (actor: ActorName, type: ErrorOutcomeType, httpStatus?: number): Realization => ({
  kind: 'outcome',
  actor,
  outcome: {
    error: { code: OUTCOME_ERROR_CODES[type], ...(httpStatus !== undefined ? { httpStatus } : {}) },
  },
});
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
const REALIZE: Readonly<Record<ModelEventType, Realization>> = {
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
  STATE_NOT_FOUND: fail('fetchEnrollmentState', 'STATE_NOT_FOUND', 410),
  STATE_RETRYABLE: fail('fetchEnrollmentState', 'STATE_RETRYABLE', 503),
  STATE_ACTIONABLE: fail('fetchEnrollmentState', 'STATE_ACTIONABLE', 400),
  STATE_UNTRUSTED: fail('fetchEnrollmentState', 'STATE_UNTRUSTED'),
  STATE_CERT_NOT_YET_VALID: fail('fetchEnrollmentState', 'STATE_CERT_NOT_YET_VALID'),

  ATTESTATION_OK: ok('checkAttestation', { available: true }),
  ATTESTATION_MISSING: ok('checkAttestation', { available: false, reason: 'no key file' }),
  ATTESTATION_FAILED: fail('checkAttestation', 'ATTESTATION_FAILED'),

  CHECKPOINT_OK: ok('checkpoint', undefined),
  CHECKPOINT_FAILED: fail('checkpoint', 'CHECKPOINT_FAILED'),

  REGISTER_OK: ok('registerDevice', registered),
  REGISTER_RETRYABLE: fail('registerDevice', 'REGISTER_RETRYABLE'),
  REGISTER_NOT_FOUND: fail('registerDevice', 'REGISTER_NOT_FOUND', 410),
  REGISTER_ACTIONABLE: fail('registerDevice', 'REGISTER_ACTIONABLE', 402),
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
  POLICY_FAILED: fail('fetchPolicy', 'POLICY_FAILED', 401),
  POLICY_INVALID: fail('fetchPolicy', 'POLICY_INVALID'),

  MANUAL_OK: ok('manualEnroll', { managementDomain: 'demo.example', orgUnitPath: '/', dmToken: 'm' }),
  MANUAL_SMART_OK: ok('manualEnroll', { managementDomain: 'school1', orgUnitPath: '/', dmToken: '' }),
  MANUAL_FAILED: fail('manualEnroll', 'MANUAL_FAILED', 401),

  LINK_POLL_ELAPSED: { kind: 'timer', timer: 'LINK_POLL_ELAPSED' },
  BACKOFF_ELAPSED: { kind: 'timer', timer: 'BACKOFF_ELAPSED' },
  SAFEGUARD_ELAPSED: { kind: 'timer', timer: 'SAFEGUARD_ELAPSED' },

  NETWORK_UP: send({ type: 'NETWORK_UP' }),
  RETRY: send({ type: 'RETRY' }),
  ENROLL_MANUALLY: send({ type: 'ENROLL_MANUALLY' }),
  MANUAL_ENROLL: send({ type: 'MANUAL_ENROLL', request: credentials }),
};

/** One step for the real machine. */
export type Stimulus =
  | { kind: 'boot'; boot: BootPlan }
  /** Settle the pending call of `actor` with `outcome`, after letting it hang `holdMs` first. */
  | { kind: 'outcome'; actor: ActorName; outcome: Outcome<unknown>; holdMs: number }
  | { kind: 'advance'; ms: number }
  | { kind: 'send'; event: AgentEvent };

/** What the real machine shows at rest; the model says what it must be. */
export interface Observation {
  flowState: string | null;
  manualReason: string | null;
  lastErrorCode: string | null;
  manualEnrollErrorCode: string | null;
  reregister: boolean;
  retry: { step: RetryStep | null; attempt: number; delayMs: number };
  /** The actor calls in flight, with the `reregister` a checkpoint or register call was given. */
  waitingOn: Array<{ actor: ActorName; reregister?: boolean }>;
}

export interface PlannedStep {
  event: ModelEventType;
  stimulus: Stimulus;
  expected: Observation;
}

/** The observation the model snapshot stands for. */
export function expectedObservation(snapshot: ModelSnapshot): Observation {
  const state = modelStateOf(snapshot.value);
  const ctx = snapshot.context;
  const actor = WAITING_ON[state];
  const withReregister = actor === 'checkpoint' || actor === 'registerDevice';
  return {
    flowState: REAL_FLOW_STATE[state],
    manualReason: ctx.manualReason,
    lastErrorCode: ctx.lastErrorCode,
    manualEnrollErrorCode: ctx.manualEnrollErrorCode,
    reregister: ctx.reregister,
    retry: { step: ctx.retryStep, attempt: ctx.retryAttempt, delayMs: backoffDelayMs(ctx.retryAttempt) },
    waitingOn: actor === null ? [] : [withReregister ? { actor, reregister: ctx.reregister } : { actor }],
  };
}

const isAutomatic = (state: ModelState) => state.startsWith('automatic.');

/**
 * The stimuli of a model path (`steps[i].state` is the model snapshot after `steps[i].event`), with
 * the clock planned so each timer event fires exactly one timer: LINK_POLL_ELAPSED and BACKOFF_ELAPSED
 * move time by their delay, SAFEGUARD_ELAPSED to the 90 s mark of the current automatic check. The
 * safeguard can only fire on the offline or backoff screen if that screen was entered less than a
 * poll or a backoff before it: the actor outcome that enters it is then held until 1 ms before.
 */
export function planPath(
  initial: ModelSnapshot,
  steps: ReadonlyArray<{ event: ModelEvent; state: ModelSnapshot }>,
) {
  let now = 0;
  let deadline: number | null = null;
  return steps.map(({ event, state }, i): PlannedStep => {
    const before = steps[i - 1]?.state ?? initial;
    const from = modelStateOf(before.value);
    const to = modelStateOf(state.value);
    const how = REALIZE[event.type];
    let stimulus: Stimulus;
    switch (how.kind) {
      case 'boot':
        stimulus = { kind: 'boot', boot: how.boot };
        break;
      case 'send':
        stimulus = { kind: 'send', event: how.event };
        break;
      case 'outcome': {
        if (WAITING_ON[from] !== how.actor)
          throw new Error(`${event.type} answers ${how.actor}, not waited on in ${from}`);
        let holdMs = 0;
        if (steps[i + 1]?.event.type === 'SAFEGUARD_ELAPSED' && WAITING_ON[to] === null) {
          if (deadline === null) throw new Error(`${event.type}: no safeguard running in ${from}`);
          holdMs = deadline - now - 1;
        }
        now += holdMs;
        stimulus = { kind: 'outcome', actor: how.actor, outcome: how.outcome, holdMs };
        break;
      }
      case 'timer': {
        // The clock screen's own poll runs outside the automatic check and its safeguard.
        if (how.timer === 'CLOCK_POLL_ELAPSED') {
          now += CLOCK_POLL_MS;
          stimulus = { kind: 'advance', ms: CLOCK_POLL_MS };
          break;
        }
        // The error screen's background retry of a server that failed TLS verification: its backoff.
        if (how.timer === 'BACKOFF_ELAPSED' && from === 'untrustedServer') {
          const ms = backoffDelayMs(before.context.retryAttempt);
          now += ms;
          stimulus = { kind: 'advance', ms };
          break;
        }
        if (deadline === null) throw new Error(`${event.type} outside the automatic check (${from})`);
        const ms =
          how.timer === 'SAFEGUARD_ELAPSED'
            ? deadline - now
            : how.timer === 'LINK_POLL_ELAPSED'
              ? LINK_POLL_MS
              : backoffDelayMs(before.context.retryAttempt);
        if (how.timer !== 'SAFEGUARD_ELAPSED' && now + ms >= deadline) {
          throw new Error(`${event.type} at ${now + ms} ms would meet the safeguard first (${deadline} ms)`);
        }
        now += ms;
        stimulus = { kind: 'advance', ms };
        break;
      }
    }
    if (!isAutomatic(from) && isAutomatic(to)) deadline = now + SAFEGUARD_MS;
    if (!isAutomatic(to)) deadline = null;
    return { event: event.type, stimulus, expected: expectedObservation(state) };
  });
}

interface PendingCall {
  actor: ActorName;
  input: unknown;
  answer(outcome: Outcome<unknown>): void;
}

/** The real machine with every actor pending until a step answers it, on a SimulatedClock. */
export interface RealRun {
  actor: Actor<typeof agentMachine>;
  clock: SimulatedClock;
  pending: PendingCall[];
}

/** Lets answered actors' promises settle (microtasks and I/O callbacks), without moving time. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

function startRun(boot: BootPlan): RealRun {
  const pending: PendingCall[] = [];
  const deferred = <K extends ActorName>(name: K) =>
    fromPromise<ActorContracts[K]['output'], ActorContracts[K]['input']>(
      ({ input, signal }) =>
        new Promise((resolve, reject) => {
          const call: PendingCall = {
            actor: name,
            input,
            answer: (outcome) => {
              if ('error' in outcome) reject(Object.assign(new Error(outcome.error.code), outcome.error));
              else resolve(outcome.ok as ActorContracts[K]['output']);
            },
          };
          pending.push(call);
          // Leaving the state stops the actor: its request is aborted and no longer awaited.
          const forget = () => {
            const at = pending.indexOf(call);
            if (at >= 0) pending.splice(at, 1);
          };
          signal.addEventListener('abort', forget, { once: true });
        }),
    );
  const machine = agentMachine.provide({
    actors: {
      readIdentity: deferred('readIdentity'),
      checkLink: deferred('checkLink'),
      checkClock: deferred('checkClock'),
      checkAttestation: deferred('checkAttestation'),
      fetchEnrollmentState: deferred('fetchEnrollmentState'),
      registerDevice: deferred('registerDevice'),
      fetchPolicy: deferred('fetchPolicy'),
      smartCheckin: deferred('smartCheckin'),
      smartEnroll: deferred('smartEnroll'),
      manualEnroll: deferred('manualEnroll'),
      checkpoint: deferred('checkpoint'),
    },
  });
  const clock = new SimulatedClock();
  const actor = createActor(machine, { clock, input: { boot, random: () => JITTER } });
  actor.start();
  return { actor, clock, pending };
}

async function advance(run: RealRun, ms: number): Promise<void> {
  await settle();
  run.clock.increment(ms);
  await settle();
}

/** Applies one stimulus; the first of a path boots the real machine. */
export async function perform(run: RealRun | null, stimulus: Stimulus): Promise<RealRun> {
  if ((run === null) !== (stimulus.kind === 'boot'))
    throw new Error(`${stimulus.kind}: boot first, and only once`);
  switch (stimulus.kind) {
    case 'boot': {
      const started = startRun(stimulus.boot);
      await settle();
      return started;
    }
    case 'outcome': {
      if (run === null) throw new Error('not booted');
      if (stimulus.holdMs > 0) await advance(run, stimulus.holdMs);
      const waiting = run.pending.map((c) => c.actor);
      const call = run.pending[0];
      if (call === undefined || waiting.length !== 1 || call.actor !== stimulus.actor) {
        throw new Error(
          `expected one pending ${stimulus.actor} call, the machine waits on [${waiting.join(', ')}]`,
        );
      }
      run.pending.splice(0, 1);
      call.answer(stimulus.outcome);
      await settle();
      return run;
    }
    case 'advance':
      if (run === null) throw new Error('not booted');
      await advance(run, stimulus.ms);
      return run;
    case 'send':
      if (run === null) throw new Error('not booted');
      run.actor.send(stimulus.event);
      await settle();
      return run;
  }
}

/** What the real machine shows now, in the terms of `Observation`. */
export function observe(run: RealRun): Observation {
  const snapshot = run.actor.getSnapshot();
  const ctx = snapshot.context;
  return {
    flowState: flowStateOf(snapshot.value),
    manualReason: ctx.manualReason,
    lastErrorCode: ctx.lastError?.code ?? null,
    manualEnrollErrorCode: ctx.manualEnrollError?.code ?? null,
    reregister: ctx.reregister,
    retry: { ...ctx.retry },
    waitingOn: run.pending.map((call) => {
      const input = call.input as { reregister?: unknown } | undefined;
      return typeof input?.reregister === 'boolean'
        ? { actor: call.actor, reregister: input.reregister }
        : { actor: call.actor };
    }),
  };
}
