// The real agent machine with scripted actors, shaped like a running agent (actor, deviceId, state
// timeline) so UIs and diagnostics can be driven screen by screen. Time is xstate's SimulatedClock:
// delays (offline re-poll, backoff, the safeguard) fire only when a test moves the clock. An actor
// step can be held (`{ hold: true }`) so the machine stays in that state until the test releases it.

import { create } from '@bufbuild/protobuf';
import { createActor, fromPromise, SimulatedClock } from 'xstate';
import type { AgentView, DiagnosticsDeps } from '../../agent/diagnostics/index.ts';
import type { DmClient } from '../../agent/dm-client/index.ts';
import { agentMachine } from '../../agent/machine/machine.ts';
import type { ActorContracts, BootPlan, EnrollmentState } from '../../agent/machine/types.ts';
import { flowStateOf } from '../../agent/runtime/outcome.ts';
import type { Availability, NetworkInterfaceInfo } from '../../hal/interface.ts';
import {
  DeviceAutoEnrollmentResponseSchema,
  DeviceInitialEnrollmentStateResponse_InitialEnrollmentMode,
  DeviceStateRetrievalResponseSchema,
} from '../../protocol/dm.ts';
import { forcedEnrollmentHash } from '../../protocol/forced-enrollment-hash.ts';
import { eligibleIdentity, NOT_IN_SET } from './machine-harness.ts';

export type ScriptError = { code: string; message?: string; httpStatus?: number; retryAfterMs?: number };
export type Step<T> = { ok: T } | { error: ScriptError } | { hold: true };
export type AgentScript = { [K in keyof ActorContracts]?: Array<Step<ActorContracts[K]['output']>> };
type Settle<T> = { ok: T } | { error: ScriptError };

const ACTORS = [
  'readIdentity',
  'checkLink',
  'checkAttestation',
  'fetchEnrollmentState',
  'registerDevice',
  'fetchPolicy',
  'smartCheckin',
  'smartEnroll',
  'manualEnroll',
  'checkpoint',
] as const satisfies ReadonlyArray<keyof ActorContracts>;

export interface ScriptedAgent {
  view: AgentView;
  clock: SimulatedClock;
  /** Inputs each actor was called with, in order. */
  calls: { [K in keyof ActorContracts]?: Array<ActorContracts[K]['input']> };
  /** Settles the oldest held call of `name`. */
  release<K extends keyof ActorContracts>(name: K, outcome: Settle<ActorContracts[K]['output']>): void;
  flowState(): string;
  /** Resolves once the flow state is `state` (now or later). */
  reach(state: string): Promise<void>;
  stop(): void;
}

const toError = (e: ScriptError) => Object.assign(new Error(e.message ?? e.code), e);

const MODE: Readonly<
  Record<EnrollmentState['mode'], DeviceInitialEnrollmentStateResponse_InitialEnrollmentMode>
> = {
  none: DeviceInitialEnrollmentStateResponse_InitialEnrollmentMode.NONE,
  'enrollment-enforced': DeviceInitialEnrollmentStateResponse_InitialEnrollmentMode.ENROLLMENT_ENFORCED,
  'zero-touch-enforced': DeviceInitialEnrollmentStateResponse_InitialEnrollmentMode.ZERO_TOUCH_ENFORCED,
  disabled: DeviceInitialEnrollmentStateResponse_InitialEnrollmentMode.DISABLED,
  'token-enrollment-enforced':
    DeviceInitialEnrollmentStateResponse_InitialEnrollmentMode.TOKEN_ENROLLMENT_ENFORCED,
};

/** The device_state_retrieval answer a DM server gives for a scripted state. */
function stateRetrievalAnswer(state: EnrollmentState | null) {
  if (state === null) return {};
  return {
    initialStateResponse: {
      initialEnrollmentMode: MODE[state.mode],
      ...(state.managementDomain !== null ? { managementDomain: state.managementDomain } : {}),
      ...(state.orgUnitPath !== null ? { orgUnitPath: state.orgUnitPath } : {}),
      ...(state.licensePackaged !== null ? { isLicensePackagedWithDevice: state.licensePackaged } : {}),
    },
  };
}

export function startScriptedAgent(
  script: AgentScript,
  boot: BootPlan = { kind: 'fresh-check' },
): ScriptedAgent {
  const clock = new SimulatedClock();
  const calls: ScriptedAgent['calls'] = {};
  const queues = structuredClone(script) as AgentScript;
  const held = new Map<string, Array<(s: Settle<unknown>) => void>>();

  const scripted = <K extends keyof ActorContracts>(name: K) =>
    fromPromise<ActorContracts[K]['output'], ActorContracts[K]['input']>(async ({ input }) => {
      const list = (calls[name] ?? []) as Array<ActorContracts[K]['input']>;
      calls[name] = list as ScriptedAgent['calls'][K];
      list.push(input);
      const queue = queues[name] as Array<Step<ActorContracts[K]['output']>> | undefined;
      // The last step repeats.
      const next = queue && queue.length > 1 ? queue.shift() : queue?.[0];
      if (!next) throw toError({ code: 'internal', message: `no scripted step for ${name}` });
      if ('hold' in next) {
        const settled = await new Promise<Settle<unknown>>((resolve) => {
          const waiting = held.get(name) ?? [];
          waiting.push(resolve);
          held.set(name, waiting);
        });
        if ('error' in settled) throw toError(settled.error);
        return settled.ok as ActorContracts[K]['output'];
      }
      if ('error' in next) throw toError(next.error);
      return next.ok;
    });

  const actors = Object.fromEntries(ACTORS.map((name) => [name, scripted(name)])) as {
    [K in (typeof ACTORS)[number]]: ReturnType<typeof scripted<K>>;
  };
  const actor = createActor(agentMachine.provide({ actors }), { clock, input: { boot, random: () => 0.5 } });
  const history: Array<{ state: string; at: string }> = [];
  const waiters: Array<{ state: string; resolve: () => void }> = [];
  let last = '';
  actor.subscribe((snapshot) => {
    const flow = flowStateOf(snapshot.value);
    if (flow === last) return;
    last = flow;
    history.push({ state: flow, at: new Date().toISOString() });
    for (const w of waiters.filter((x) => x.state === flow)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  });
  actor.start();

  return {
    view: { actor, deviceId: 'scripted-device-0001', history },
    clock,
    calls,
    release(name, outcome) {
      const resolve = held.get(name)?.shift();
      if (!resolve) throw new Error(`no held call of ${name}`);
      resolve(outcome as Settle<unknown>);
    },
    flowState: () => flowStateOf(actor.getSnapshot().value),
    reach(state) {
      if (flowStateOf(actor.getSnapshot().value) === state) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ state, resolve }));
    },
    stop: () => actor.stop(),
  };
}

export interface FakeDepsOptions {
  /**
   * What the state determination finds, in order (the last repeats): `enterprise_check` answers the
   * device's hash only for a state whose source is `state-retrieval`, which `device_state_retrieval`
   * then returns; an error is the enterprise_check's.
   */
  enrollmentState?: Array<Settle<EnrollmentState>>;
  /** The device the fake server knows (default eligibleIdentity()'s serial and brand code). */
  device?: { serialNumber: string; brandCode: string };
  smartCheckin?: Array<Settle<{ assignedDomain: string | null }>>;
  interfaces?: NetworkInterfaceInfo[];
  keyStore?: Availability;
}

export interface FakeDeps {
  deps: DiagnosticsDeps;
  /** How many times the server was asked. */
  lookups(): number;
}

const ETH0: NetworkInterfaceInfo = {
  name: 'eth0',
  mac: '00:1a:2b:3c:4d:5e',
  type: 1,
  operstate: 'up',
  virtual: false,
  wireless: false,
};
const WLAN0: NetworkInterfaceInfo = {
  name: 'wlan0',
  mac: '00:1a:2b:3c:4d:5f',
  type: 1,
  operstate: 'down',
  virtual: false,
  wireless: true,
};

/** Diagnostics dependencies answering from a script: the DM client's look-up, SMART check-in, links, key store. */
export function fakeDiagnosticsDeps(options: FakeDepsOptions = {}): FakeDeps {
  let count = 0;
  const take = <T>(list: Array<Settle<T>> | undefined, fallback: Settle<T>): Promise<T> => {
    count++;
    const next = list && list.length > 1 ? list.shift() : (list?.[0] ?? fallback);
    if (next === undefined) return Promise.reject(toError({ code: 'internal' }));
    return 'error' in next ? Promise.reject(toError(next.error)) : Promise.resolve(next.ok);
  };
  const states = options.enrollmentState ? [...options.enrollmentState] : undefined;
  const checkins = options.smartCheckin ? [...options.smartCheckin] : undefined;
  const unused = () => Promise.reject(toError({ code: 'internal', message: 'not scripted' }));
  const known = eligibleIdentity();
  const device = options.device ?? {
    serialNumber: known.serialNumber ?? '',
    brandCode: known.brandCode ?? '',
  };
  let current: EnrollmentState | null = null;
  const dm = (deviceId: string): DmClient => ({
    serverUrl: 'http://scripted.invalid',
    deviceId,
    encoding: 'proto',
    enterpriseCheck: async () => {
      current = await take(states, { ok: NOT_IN_SET });
      const hashes =
        current.source === 'state-retrieval'
          ? [forcedEnrollmentHash(device.brandCode, device.serialNumber)]
          : [];
      return create(DeviceAutoEnrollmentResponseSchema, { hashes });
    },
    deviceStateRetrieval: async () =>
      create(DeviceStateRetrievalResponseSchema, stateRetrievalAnswer(current)),
    initialEnrollmentState: unused,
    certificateBasedRegister: unused,
    register: unused,
    tokenBasedRegister: unused,
    policy: unused,
    unregister: unused,
  });
  const enrollmentHttp: DiagnosticsDeps['enrollmentHttp'] = {
    smartCheckin: () => take(checkins, { ok: { assignedDomain: null } }),
  };
  return {
    deps: {
      createDmClient: dm,
      enrollmentHttp,
      network: { name: 'memory', listInterfaces: async () => options.interfaces ?? [ETH0, WLAN0] },
      keyStore: {
        name: 'attestation-file',
        availability: async () => options.keyStore ?? { available: true },
      },
      now: () => new Date(),
    },
    lookups: () => count,
  };
}
