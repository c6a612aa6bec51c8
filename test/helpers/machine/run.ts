// The real agent machine with scripted actors, on xstate's SimulatedClock: nothing sleeps, delays
// (offline re-poll, backoff, the safeguard) fire only when the test moves the clock. Shaped like a
// running agent (`view`: actor, device ID, state timeline) so UIs and diagnostics can be driven too.

import { type Actor, createActor, fromPromise, SimulatedClock, type SnapshotFrom } from 'xstate';
import type { AgentView } from '../../../agent/diagnostics/index.ts';
import { agentMachine } from '../../../agent/machine/machine.ts';
import type { ActorContracts, AgentEvent, BootPlan } from '../../../agent/machine/types.ts';
import { flowStateOf } from '../../../agent/machine/view.ts';
import { ACTOR_NAMES, type ActorName, type Calls, type Outcome, type Script, scriptError } from './script.ts';

/** The machine's backoff jitter source: backoff delays are computed with this value. */
export const JITTER = 0.5;

/** A call the machine waits on, held by its script until the test releases it. */
export interface HeldCall {
  actor: ActorName;
  input: unknown;
}

/** A tag the machine's states carry. */
export type MachineTag = Parameters<SnapshotFrom<typeof agentMachine>['hasTag']>[0];

/** Where to run to: a flow state (`flowStateOf`'s string) or a state carrying a tag. */
export type Target = string | { tag: MachineTag };

export interface MachineRun {
  actor: Actor<typeof agentMachine>;
  /** The machine as a running agent's handle (UIs and diagnostics take this). */
  view: AgentView;
  clock: SimulatedClock;
  /** Inputs each actor was called with, in order. */
  calls: Calls;
  /** Lets pending actor promises settle (microtasks and I/O callbacks), without moving simulated time. */
  settle(): Promise<void>;
  /** Moves simulated time forward, settling before and after. */
  advance(ms: number): Promise<void>;
  /** Sends an event, then settles. */
  send(event: AgentEvent): Promise<void>;
  flowState(): string;
  /** Resolves once the machine is at `target` (now or later). */
  reach(target: Target): Promise<void>;
  /** The held calls the machine still waits on, oldest first (a call whose state was left is dropped). */
  pending(): HeldCall[];
  /** Settles the oldest held call of `name`. */
  release<K extends ActorName>(name: K, outcome: Outcome<ActorContracts[K]['output']>): void;
  stop(): void;
}

interface Held extends HeldCall {
  settle(outcome: Outcome<unknown>): void;
}

/** Microtasks and I/O callbacks, a few rounds: enough for a chain of settled actors. */
async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** Starts the machine on `boot` with every actor answering from `script`. */
export function startMachine(script: Script, boot: BootPlan = { kind: 'fresh-check' }): MachineRun {
  const clock = new SimulatedClock();
  const calls: Calls = {};
  const queues = structuredClone(script) as Script;
  const held: Held[] = [];

  const scripted = <K extends ActorName>(name: K) =>
    fromPromise<ActorContracts[K]['output'], ActorContracts[K]['input']>(async ({ input, signal }) => {
      const list = (calls[name] ?? []) as Array<ActorContracts[K]['input']>;
      calls[name] = list as Calls[K];
      list.push(input);
      const queue = queues[name] as Script[K];
      const next = queue && queue.length > 1 ? queue.shift() : queue?.[0];
      if (!next) throw scriptError({ code: 'internal', message: `no scripted outcome for ${name}` });
      const outcome = 'hold' in next ? await hold(name, input, signal) : next;
      if ('error' in outcome) throw scriptError(outcome.error);
      return outcome.ok as ActorContracts[K]['output'];
    });

  const hold = (actor: ActorName, input: unknown, signal: AbortSignal) =>
    new Promise<Outcome<unknown>>((resolve) => {
      const call: Held = { actor, input, settle: resolve };
      held.push(call);
      // Leaving the state stops the actor: its request is aborted and no longer awaited.
      const forget = () => {
        const at = held.indexOf(call);
        if (at >= 0) held.splice(at, 1);
      };
      signal.addEventListener('abort', forget, { once: true });
    });

  const actors = Object.fromEntries(
    ACTOR_NAMES.filter((name) => name !== 'checkClock' || script.checkClock !== undefined).map((name) => [
      name,
      scripted(name),
    ]),
  ) as { [K in ActorName]?: ReturnType<typeof scripted<K>> };
  const actor = createActor(agentMachine.provide({ actors }), {
    clock,
    input: { boot, random: () => JITTER },
  });

  const history: Array<{ state: string; at: string }> = [];
  const waiters: Array<{ target: Target; resolve: () => void }> = [];
  const at = (target: Target) => {
    const snapshot = actor.getSnapshot();
    return typeof target === 'string' ? flowStateOf(snapshot.value) === target : snapshot.hasTag(target.tag);
  };
  let last = '';
  actor.subscribe((snapshot) => {
    const flow = flowStateOf(snapshot.value);
    if (flow !== last) {
      last = flow;
      history.push({ state: flow, at: new Date().toISOString() });
    }
    for (const w of waiters.filter((x) => at(x.target))) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  });
  actor.start();

  return {
    actor,
    view: { actor, deviceId: 'scripted-device-0001', history },
    clock,
    calls,
    settle,
    async advance(ms) {
      await settle();
      clock.increment(ms);
      await settle();
    },
    async send(event) {
      actor.send(event);
      await settle();
    },
    flowState: () => flowStateOf(actor.getSnapshot().value),
    reach(target) {
      if (at(target)) return Promise.resolve();
      return new Promise((resolve) => waiters.push({ target, resolve }));
    },
    pending: () => held.map(({ actor: name, input }) => ({ actor: name, input })),
    release(name, outcome) {
      const call = held.find((c) => c.actor === name);
      if (!call) throw new Error(`no held call of ${name}`);
      held.splice(held.indexOf(call), 1);
      call.settle(outcome);
    },
    stop: () => actor.stop(),
  };
}
