// What a boot ended with: the `--json` line of `agent run` (issue 4) and the exit code.

import type { AgentContext } from '../machine/types.ts';
import { describeFlowState, type FlowView } from '../machine/view.ts';

export interface Outcome {
  outcome: 'managed' | 'manual' | 'error';
  /** Managed: `enrolled` or `already-managed`; manual: the manual reason; error: the error code. */
  reason: string | null;
  managementDomain: string | null;
  orgUnitPath: string | null;
  certifiedDeviceId: string | null;
  idKind: string | null;
  history: Array<{ state: string; at: string }>;
  /** Only when the machine itself failed (exit 1). */
  internalError?: string;
}

/**
 * `at`: the flow's view (or a recorded flow-state path, whose view the machine definition gives). A
 * state of no outcome (the boot interrupted on its way) counts as an error.
 */
export function outcomeOf(
  context: AgentContext,
  at: Pick<FlowView, 'outcome'> | string,
  bootWasManaged: boolean,
  history: Outcome['history'],
): Outcome {
  const outcome = (typeof at === 'string' ? describeFlowState(at) : at)?.outcome ?? 'error';
  const identity = {
    certifiedDeviceId: context.identity?.certifiedDeviceId ?? null,
    idKind: context.identity?.idKind ?? null,
    history: [...history],
  };
  if (outcome === 'managed') {
    return {
      outcome: 'managed',
      reason: bootWasManaged ? 'already-managed' : 'enrolled',
      managementDomain: context.enrollment?.managementDomain ?? null,
      orgUnitPath: context.enrollment?.orgUnitPath ?? null,
      ...identity,
    };
  }
  const domain = context.enrollmentState?.managementDomain ?? null;
  if (outcome === 'manual') {
    return {
      outcome: 'manual',
      reason: context.manualReason,
      managementDomain: domain,
      orgUnitPath: null,
      ...identity,
    };
  }
  return {
    outcome: 'error',
    reason: context.lastError?.code ?? 'internal',
    managementDomain: domain,
    orgUnitPath: null,
    ...identity,
  };
}

/** `--ui none` exit codes: 0 managed, 3 manual screen, 4 error screen, 1 internal fault. */
export function exitCodeOf(outcome: Outcome): number {
  if (outcome.internalError !== undefined) return 1;
  switch (outcome.outcome) {
    case 'managed':
      return 0;
    case 'manual':
      return 3;
    case 'error':
      return 4;
  }
}

/** The outcome of a boot stopped before it settled (`agent run --ui …` stopped by a signal mid-way). */
export function interruptedOutcome(context: AgentContext, history: Outcome['history']): Outcome {
  return { ...outcomeOf(context, ERROR_VIEW, false, history), reason: 'interrupted' };
}

const ERROR_VIEW: Pick<FlowView, 'outcome' | 'settled'> = { outcome: 'error', settled: false };
