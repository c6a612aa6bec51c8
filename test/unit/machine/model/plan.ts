// Turns a path of the pure model (model.ts) into what the REAL machine is given — actor outcomes,
// clock advances on xstate's SimulatedClock, events a person or the platform sends — and what the
// real machine must then show after each step (../model-based.test.ts).

import type { SnapshotFrom } from 'xstate';
import { retryDelayMs } from '../../../../agent/dm-client/index.ts';
import {
  CLOCK_POLL_MS,
  LINK_POLL_MS,
  RETRY_BASE_MS,
  RETRY_CAP_MS,
  SAFEGUARD_MS,
} from '../../../../agent/machine/delays.ts';
import type { AgentEvent, BootPlan, RetryStep } from '../../../../agent/machine/types.ts';
import { type ActorName, JITTER, type Outcome } from '../../../helpers/machine/index.ts';
import type { agentModel } from './model.ts';
import { REALIZE, WAITING_ON } from './realize.ts';
import {
  type ModelEvent,
  type ModelEventType,
  type ModelState,
  modelStateOf,
  REAL_FLOW_STATE,
} from './vocabulary.ts';

export type ModelSnapshot = SnapshotFrom<typeof agentModel>;

/** The backoff delay of the n-th attempt of a step, as the real machine computes it with JITTER. */
export function backoffDelayMs(attempt: number): number {
  return attempt === 0
    ? 0
    : retryDelayMs(attempt, { baseMs: RETRY_BASE_MS, capMs: RETRY_CAP_MS, random: () => JITTER });
}

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
