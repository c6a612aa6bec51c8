// Replays planned steps (plan.ts) on the REAL machine through the one machine harness, every actor
// call held until a step answers it: after every step the real machine is at rest and can be
// compared with the model. An actor the machine stops (a state left on a timer) sees its `signal`
// abort and is no longer pending.

import {
  holdEverything,
  type MachineRun,
  type Outcome,
  startMachine,
} from '../../../helpers/machine/index.ts';
import type { Observation, Stimulus } from './plan.ts';

/** Applies one stimulus; the first of a path boots the real machine. */
export async function perform(run: MachineRun | null, stimulus: Stimulus): Promise<MachineRun> {
  if ((run === null) !== (stimulus.kind === 'boot'))
    throw new Error(`${stimulus.kind}: boot first, and only once`);
  switch (stimulus.kind) {
    case 'boot': {
      const started = startMachine(holdEverything(), stimulus.boot);
      await started.settle();
      return started;
    }
    case 'outcome': {
      if (run === null) throw new Error('not booted');
      if (stimulus.holdMs > 0) await run.advance(stimulus.holdMs);
      const waiting = run.pending().map((c) => c.actor);
      if (waiting.length !== 1 || waiting[0] !== stimulus.actor) {
        throw new Error(
          `expected one pending ${stimulus.actor} call, the machine waits on [${waiting.join(', ')}]`,
        );
      }
      // The model's realization says which actor an outcome answers, not its output type.
      run.release(stimulus.actor, stimulus.outcome as Outcome<never>);
      await run.settle();
      return run;
    }
    case 'advance':
      if (run === null) throw new Error('not booted');
      await run.advance(stimulus.ms);
      return run;
    case 'send':
      if (run === null) throw new Error('not booted');
      await run.send(stimulus.event);
      return run;
  }
}

/** What the real machine shows now, in the terms of `Observation`. */
export function observe(run: MachineRun): Observation {
  const ctx = run.actor.getSnapshot().context;
  return {
    flowState: run.flowState(),
    manualReason: ctx.manualReason,
    lastErrorCode: ctx.lastError?.code ?? null,
    manualEnrollErrorCode: ctx.manualEnrollError?.code ?? null,
    reregister: ctx.reregister,
    retry: { ...ctx.retry },
    waitingOn: run.pending().map((call) => {
      const input = call.input as { reregister?: unknown } | undefined;
      return typeof input?.reregister === 'boolean'
        ? { actor: call.actor, reregister: input.reregister }
        : { actor: call.actor };
    }),
  };
}
