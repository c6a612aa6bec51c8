// The agent in this process (startAgent with the device's real dependencies: sysfs, attestation
// files, DM client over HTTP, state store), with the few substitutions campaigns need: a compressed
// clock, shorter HTTP time-outs, a flapping link, a failing file system, a SMART serial binding.

import { createDmClient, type DmClientTimeouts, type ServerTrust } from '../../../agent/dm-client/index.ts';
import { describeFlowState, type FlowView } from '../../../agent/machine/view.ts';
import type { StateStore } from '../../../agent/persistence/index.ts';
import { type AgentHandle, type AgentSnapshot, startAgent } from '../../../agent/runtime/agent.ts';
import { createDeviceDeps } from '../../../agent/runtime/create-deps.ts';
import type { AgentDeps } from '../../../agent/runtime/deps.ts';
import type { Outcome } from '../../../agent/runtime/outcome.ts';
import type { SerialBinding } from '../../../hal/backends/smart-rs232/index.ts';
import type { NetworkSource } from '../../../hal/interface.ts';
import type { ScaledClock } from './scaled-clock.ts';

export interface InProcessAgentOptions {
  server: string;
  root: string;
  stateDir: string;
  smartSerial?: string;
  smartBinding?: SerialBinding;
  clock?: ScaledClock;
  random?: () => number;
  now?: () => Date;
  network?: NetworkSource;
  /** Replaces the state store (e.g. one over a failing file system); null: no persistence. */
  store?: StateStore | null;
  dmTimeouts?: DmClientTimeouts;
  /** Whom the device trusts over https (issue 17). */
  trust?: ServerTrust;
  maxBootAttempts?: number;
  onTransition?: (state: string, snapshot: AgentSnapshot) => void;
}

export function inProcessDeps(o: InProcessAgentOptions): AgentDeps {
  const deps = createDeviceDeps({
    server: o.server,
    root: o.root,
    stateDir: o.stateDir,
    ...(o.smartSerial !== undefined ? { smartSerial: o.smartSerial } : {}),
    ...(o.smartBinding !== undefined ? { smartBinding: o.smartBinding } : {}),
    ...(o.trust !== undefined ? { trust: o.trust } : {}),
  });
  return {
    ...deps,
    ...(o.now ? { now: o.now } : {}),
    ...(o.network ? { network: o.network } : {}),
    ...(o.store !== undefined ? { store: o.store } : {}),
    ...(o.dmTimeouts
      ? {
          createDmClient: (deviceId: string) =>
            createDmClient({
              serverUrl: o.server,
              deviceId,
              timeouts: o.dmTimeouts,
              ...(o.trust !== undefined ? { trust: o.trust } : {}),
            }),
        }
      : {}),
  };
}

export async function startInProcessAgent(
  o: InProcessAgentOptions,
): Promise<{ handle: AgentHandle; deps: AgentDeps }> {
  const deps = inProcessDeps(o);
  const handle = await startAgent(deps, {
    ...(o.clock ? { clock: o.clock } : {}),
    ...(o.random ? { random: o.random } : {}),
    ...(o.maxBootAttempts !== undefined ? { maxBootAttempts: o.maxBootAttempts } : {}),
    ...(o.onTransition ? { onTransition: o.onTransition } : {}),
  });
  return { handle, deps };
}

/** Boots once and waits until it settles (or `limitMs` of real time passes: then `null`, a hung agent). */
export async function bootInProcess(
  o: InProcessAgentOptions,
  limitMs = 60_000,
): Promise<{ outcome: Outcome | null; handle: AgentHandle }> {
  const { handle } = await startInProcessAgent(o);
  const outcome = await settleWithin(handle, limitMs);
  await handle.stop();
  return { outcome, handle };
}

export async function settleWithin(handle: AgentHandle, limitMs: number): Promise<Outcome | null> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), limitMs);
  });
  try {
    return await Promise.race([handle.settled, limit]);
  } finally {
    clearTimeout(timer);
  }
}

/** Whether a flow state (a history entry's path, or a live view) is the settled managed screen. */
export function settledManaged(at: string | FlowView): boolean {
  const flow = typeof at === 'string' ? describeFlowState(at) : at;
  return flow?.settled === true && flow.outcome === 'managed';
}

/** Resolves when the running agent enters `state` (or any state `match` accepts). */
export function waitForState(
  handle: AgentHandle,
  match: (state: string) => boolean,
  limitMs: number,
): Promise<boolean> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (ok: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sub.unsubscribe();
      resolve(ok);
    };
    const timer = setTimeout(() => finish(false), limitMs);
    const sub = handle.actor.subscribe(() => {
      const last = handle.history[handle.history.length - 1];
      if (last && match(last.state)) finish(true);
    });
    const last = handle.history[handle.history.length - 1];
    if (last && match(last.state)) finish(true);
  });
}

/** Resolves true once `match` accepts the agent's snapshot (checked now and at every change). */
export function waitForSnapshot(
  handle: AgentHandle,
  match: (snapshot: AgentSnapshot) => boolean,
  limitMs: number,
): Promise<boolean> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (ok: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sub.unsubscribe();
      resolve(ok);
    };
    const timer = setTimeout(() => finish(false), limitMs);
    const sub = handle.actor.subscribe((snapshot) => {
      if (match(snapshot)) finish(true);
    });
    if (match(handle.actor.getSnapshot())) finish(true);
  });
}
