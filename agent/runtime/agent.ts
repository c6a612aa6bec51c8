// Runs one boot of the agent: load the durable record, plan the boot (restart rules), start the
// machine with real actors, record the state timeline and persist the record after every transition.

import { createHash, randomUUID } from 'node:crypto';
import { type Actor, createActor, type SimulatedClock } from 'xstate';
import type { DmClient } from '../dm-client/index.ts';
import { createLocaleSetting, type Locale, type LocaleSetting } from '../i18n/index.ts';
import type { IdentityReport } from '../identity/report.ts';
import { agentMachine } from '../machine/machine.ts';
import { type AgentSnapshot, flowStateOf, view } from '../machine/view.ts';
import {
  type LoadResult,
  type PersistedAgentState,
  planBoot,
  type StateWriteError,
} from '../persistence/index.ts';
import { type BootEnv, type BootSystem, createActors } from './actors.ts';
import type { AgentDeps } from './deps.ts';
import { type Outcome, outcomeOf } from './outcome.ts';
import { recordOfSnapshot } from './record.ts';

export type AgentActor = Actor<typeof agentMachine>;
export type { AgentSnapshot };

export interface AgentOptions {
  maxBootAttempts?: number;
  /** xstate clock for the machine's delays (tests pass a SimulatedClock). */
  clock?: SimulatedClock;
  random?: () => number;
  /** Called with each new flow state, after it is recorded. */
  onTransition?: (state: string, snapshot: AgentSnapshot) => void;
  /** `--locale`: the screens' language for this boot, over the remembered choice and the VPD. */
  locale?: Locale;
}

export interface AgentHandle {
  actor: AgentActor;
  /** How the durable record was found at boot (a corrupt file is moved aside and reported here). */
  loaded: LoadResult;
  deviceId: string;
  /** This boot's timeline. */
  history: Array<{ state: string; at: string }>;
  /** The last failure to write the state file, if any (the agent carries on in memory). */
  persistenceError(): StateWriteError | null;
  /** Resolves once the flow reaches managed, the manual screen or the error screen. */
  settled: Promise<Outcome>;
  /**
   * The screens' language: a person's choice (remembered in state.json), `--locale`, the choice of an
   * earlier boot, then the device's VPD `initial_locale`/`region` once read, then English.
   */
  locale: LocaleSetting;
  /** Waits for pending state writes, then stops the machine. */
  stop(): Promise<void>;
}

/** Each running boot's actor dependencies, by the actor system of its machine. */
const boots = new WeakMap<BootSystem, BootEnv>();
let provided: typeof agentMachine | null = null;

/**
 * The machine with the real actors, built once per process (`provide` builds the whole definition
 * again); each boot's dependencies reach its actors through `boots`.
 */
function providedMachine(): typeof agentMachine {
  provided ??= agentMachine.provide({
    actors: createActors((system) => {
      const env = boots.get(system);
      if (env === undefined)
        throw Object.assign(new Error('no boot runs in this actor system'), { code: 'internal' });
      return env;
    }),
  });
  return provided;
}

export async function startAgent(deps: AgentDeps, options: AgentOptions = {}): Promise<AgentHandle> {
  const loaded: LoadResult = deps.store ? await deps.store.load() : { kind: 'fresh' };
  const previous = loaded.kind === 'loaded' ? loaded.state : null;
  // Decided when the first DM call needs it (see dmClient below); kept from the record when there is one.
  let deviceId = previous?.deviceId ?? '';
  const { plan, next } = planBoot(previous, {
    bootId: randomUUID(),
    now: deps.now(),
    previousUnusable: loaded.kind === 'recovered',
    ...(options.maxBootAttempts !== undefined ? { maxBootAttempts: options.maxBootAttempts } : {}),
  });

  let record: PersistedAgentState = {
    ...next,
    ...(previous?.deviceId ? { deviceId: previous.deviceId } : {}),
  };
  const locale = createLocaleSetting({
    override: options.locale ?? null,
    remembered: previous?.locale ?? null,
    onChoose: (chosen) => {
      record = { ...record, locale: chosen };
      void persist().catch(() => undefined);
    },
  });
  let writeError: StateWriteError | null = null;
  let writes: Promise<void> = Promise.resolve();
  /** Queues a write of the current record; resolves (or rejects) when that write is done. */
  const persist = (): Promise<void> => {
    const snapshot = record;
    const write = writes.then(async () => {
      if (!deps.store) return;
      try {
        await deps.store.save(snapshot);
        writeError = null;
      } catch (error) {
        writeError = error as StateWriteError;
        throw error;
      }
    });
    writes = write.catch(() => undefined);
    return write;
  };
  await persist().catch(() => undefined);

  const identityOf = (report: IdentityReport) => ({
    certifiedDeviceId: report.certifiedDeviceId,
    idKind: report.idKind,
    serialNumber: report.serialNumber,
    model: report.model,
  });

  // The DM `deviceid` tells the server this installation from another one claiming the same device.
  // A device without a record derives it from its certified device ID (once read), so every boot that
  // could not keep a record — read-only or full disk, a damaged file, a factory reset — is the same
  // installation to the server (no 409, same licence); it is then kept in the record.
  let identityForId: IdentityReport | null = null;
  let dm: DmClient | null = null;
  const decideDeviceId = (): string => {
    if (deviceId === '' && identityForId !== null) {
      deviceId = derivedDeviceId(identityForId) ?? randomUUID();
      record = { ...record, deviceId };
    }
    return deviceId;
  };
  const dmClient = (): DmClient => {
    dm ??= deps.createDmClient(decideDeviceId() || randomUUID());
    return dm;
  };

  const actor = createActor(providedMachine(), {
    input: {
      boot: plan,
      registrationInFlight: record.registration?.inFlight ?? false,
      ...(options.random ? { random: options.random } : {}),
    },
    ...(options.clock ? { clock: options.clock } : {}),
  });
  // What this boot's actors work with, found from the actor system they run in.
  boots.set(actor.system, {
    deps,
    dmClient,
    hooks: {
      onIdentity: ({ report, vpdLocale }) => {
        locale.deviceSays(vpdLocale);
        identityForId = report;
        record = { ...record, identity: identityOf(report) };
      },
      // The machine entered the checkpoint (its context says the registration is in flight): once the
      // subscriber below has recorded that state, wait for its write. A microtask: the actor starts
      // before its parent's observers are told of the new state.
      checkpointRegistration: async () => {
        await Promise.resolve();
        await observe(actor.getSnapshot());
      },
    },
  });

  const history: Array<{ state: string; at: string }> = [];
  let lastFlow = '';
  let lastWrite: Promise<void> = Promise.resolve();
  let resolveSettled: (o: Outcome) => void = () => undefined;
  const settled = new Promise<Outcome>((resolve) => {
    resolveSettled = resolve;
  });

  /** Records a new flow state (history, durable record) and resolves when its record is written. */
  function observe(snapshot: AgentSnapshot): Promise<void> {
    if (flowStateOf(snapshot.value) === lastFlow) return lastWrite;
    const flow = view(snapshot);
    lastFlow = flow.flowState;
    const now = deps.now();
    history.push({ state: flow.flowState, at: now.toISOString() });
    record = recordOfSnapshot(record, snapshot, now);
    lastWrite = persist();
    lastWrite.catch(() => undefined);
    options.onTransition?.(flow.flowState, snapshot);
    if (flow.settled) resolveSettled(outcomeOf(snapshot.context, flow, plan.kind === 'managed', history));
    return lastWrite;
  }

  actor.subscribe({
    next: (snapshot) => {
      void observe(snapshot);
    },
    error: (error) => {
      resolveSettled({
        outcome: 'error',
        reason: 'internal',
        managementDomain: null,
        orgUnitPath: null,
        certifiedDeviceId: null,
        idKind: null,
        history,
        internalError: error instanceof Error ? error.message : String(error),
      });
    },
  });
  actor.start();

  return {
    actor,
    loaded,
    /** Empty until the identity is read on a device that had no record. */
    get deviceId() {
      return decideDeviceId();
    },
    history,
    persistenceError: () => writeError,
    settled,
    locale,
    async stop() {
      await writes;
      actor.stop();
      await writes;
    },
  };
}

/** A `deviceid` that every boot of this device computes alike; null without any identifier. */
export function derivedDeviceId(identity: IdentityReport): string | null {
  const basis = identity.certifiedDeviceId ?? identity.serialNumber;
  if (basis === null) return null;
  return `zte-${createHash('sha256').update(`zte-agent deviceid:${basis}`).digest('hex').slice(0, 40)}`;
}
