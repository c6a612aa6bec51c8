// Runs the real agent machine with scripted actors on xstate's SimulatedClock: no sleeping, the test
// moves time itself. Each actor answers from a queue of outcomes ({ok: value} or {error: {code,…}}).

import { type Actor, createActor, fromPromise, SimulatedClock } from 'xstate';
import type { IdentityReport } from '../../agent/identity/report.ts';
import { agentMachine } from '../../agent/machine/machine.ts';
import type {
  ActorContracts,
  BootPlan,
  EnrollmentState,
  Registration,
  VerifiedPolicy,
} from '../../agent/machine/types.ts';
import { flowStateOf } from '../../agent/runtime/outcome.ts';
import { catalogBrandCode } from '../../protocol/brand-code.ts';

export type Outcome<T> =
  | { ok: T }
  | { error: { code: string; message?: string; retryAfterMs?: number; httpStatus?: number } };
export type Script = { [K in keyof ActorContracts]?: Array<Outcome<ActorContracts[K]['output']>> };

/** An eligible device; its brand code is its model's catalog code unless given (as the simulator's VPD). */
export function eligibleIdentity(overrides: Partial<IdentityReport> = {}): IdentityReport {
  const model = overrides.model === undefined ? 'Chromebook Acer 311 (C722/C722T)' : overrides.model;
  return {
    manufacturer: 'Acer',
    model,
    deviceClass: 'chromebook',
    serialNumber: 'NXHPVEK0010123456789',
    idKind: 'serial-number',
    certifiedDeviceId: 'NXHPVEK0010123456789',
    manufactureDate: '2022-05-01',
    brandCode: model === null ? null : catalogBrandCode(model),
    eligible: true,
    reasons: [],
    sources: {},
    ...overrides,
  };
}

/** A state answer (device_state_retrieval's initial_state_response, in the agent's words). */
export function enrollmentState(overrides: Partial<EnrollmentState> = {}): EnrollmentState {
  return {
    source: 'state-retrieval',
    mode: 'zero-touch-enforced',
    managementDomain: 'demo.example',
    orgUnitPath: null,
    licensePackaged: null,
    licensePackagingSku: null,
    assignedUpgradeType: null,
    disabledMessage: null,
    ...overrides,
  };
}

/** What enterprise_check answers for a device whose hash is not in the set. */
export const NOT_IN_SET: EnrollmentState = enrollmentState({
  source: 'hash-not-in-set',
  mode: 'none',
  managementDomain: null,
});

export function registration(overrides: Partial<Registration> = {}): Registration {
  return { dmToken: 'dmt', orgUnitPath: '/', licenseConsumed: true, bundledLicense: false, ...overrides };
}

/** A verified policy as fetchPolicy returns it (the key pinned, the settings decoded). */
export function verifiedPolicy(overrides: Partial<VerifiedPolicy> = {}): VerifiedPolicy {
  return {
    pin: { spki: 'c3BraQ==', version: 1 },
    keyFingerprint: 'ab'.repeat(32),
    keyChange: 'first-pin',
    timestamp: '2026-12-02T08:00:00.000Z',
    managedBy: 'demo.example',
    orgUnitPath: null,
    settings: { guest_mode_enabled: { guest_mode_enabled: false } },
    ...overrides,
  };
}

export const happyScript = (): Script => ({
  readIdentity: [{ ok: eligibleIdentity() }],
  checkLink: [{ ok: { up: true } }],
  checkAttestation: [{ ok: { available: true } }],
  fetchEnrollmentState: [{ ok: enrollmentState() }],
  registerDevice: [{ ok: registration() }],
  fetchPolicy: [{ ok: verifiedPolicy() }],
  checkpoint: [{ ok: undefined }],
  checkClock: [{ ok: { ok: true } }],
});

export interface Harness {
  actor: Actor<typeof agentMachine>;
  clock: SimulatedClock;
  /** Inputs each actor was called with, in order. */
  calls: { [K in keyof ActorContracts]?: Array<ActorContracts[K]['input']> };
  /** Lets pending actor promises settle (microtasks and I/O callbacks), without moving simulated time. */
  settle(): Promise<void>;
  /** Moves simulated time forward, settling before and after. */
  advance(ms: number): Promise<void>;
  flowState(): string;
}

export function startHarness(script: Script, boot: BootPlan = { kind: 'fresh-check' }): Harness {
  const clock = new SimulatedClock();
  const calls: Harness['calls'] = {};
  const queues = structuredClone(script) as Script;
  const scripted = <K extends keyof ActorContracts>(name: K) =>
    fromPromise<ActorContracts[K]['output'], ActorContracts[K]['input']>(async ({ input }) => {
      const list = (calls[name] ?? []) as Array<ActorContracts[K]['input']>;
      calls[name] = list as Harness['calls'][K];
      list.push(input);
      const queue = queues[name] as Array<Outcome<ActorContracts[K]['output']>> | undefined;
      // The last outcome repeats: "always fails" is a one-element script.
      const next = queue && queue.length > 1 ? queue.shift() : queue?.[0];
      if (!next) throw Object.assign(new Error(`no scripted outcome for ${name}`), { code: 'internal' });
      if ('error' in next) throw Object.assign(new Error(next.error.message ?? next.error.code), next.error);
      return next.ok;
    });
  const machine = agentMachine.provide({
    actors: {
      readIdentity: scripted('readIdentity'),
      checkLink: scripted('checkLink'),
      ...(script.checkClock ? { checkClock: scripted('checkClock') } : {}),
      checkAttestation: scripted('checkAttestation'),
      fetchEnrollmentState: scripted('fetchEnrollmentState'),
      registerDevice: scripted('registerDevice'),
      fetchPolicy: scripted('fetchPolicy'),
      smartCheckin: scripted('smartCheckin'),
      smartEnroll: scripted('smartEnroll'),
      manualEnroll: scripted('manualEnroll'),
      checkpoint: scripted('checkpoint'),
    },
  });
  const actor = createActor(machine, { clock, input: { boot, random: () => 0.5 } });
  actor.start();
  const settle = async () => {
    for (let i = 0; i < 20; i++) await new Promise<void>((resolve) => setImmediate(resolve));
  };
  return {
    actor,
    clock,
    calls,
    settle,
    async advance(ms) {
      await settle();
      clock.increment(ms);
      await settle();
    },
    flowState() {
      return flowStateOf(actor.getSnapshot().value);
    },
  };
}
