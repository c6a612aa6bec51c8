// What a boot ended with: the `--json` line of `agent run` (issue 4) and the exit code.

import type { AgentContext } from '../machine/types.ts';

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

/** Flow states a person (or `--ui none`) waits on: the boot has its answer. */
const SETTLED = new Set(['managed.idle', 'manual.waiting', 'error', 'clockWrong']);

export function isSettled(flowState: string): boolean {
  return SETTLED.has(flowState);
}

/** `automatic.backoff`, `managed.idle`, … from the machine's parallel snapshot value. */
export function flowStateOf(value: unknown): string {
  const parts: string[] = [];
  let node: unknown = (value as { flow?: unknown }).flow;
  while (node !== undefined && node !== null) {
    if (typeof node === 'string') {
      parts.push(node);
      break;
    }
    const first = Object.entries(node as Record<string, unknown>)[0];
    if (first === undefined) break;
    parts.push(first[0]);
    node = first[1];
  }
  return parts.join('.');
}

export function outcomeOf(
  context: AgentContext,
  flowState: string,
  bootWasManaged: boolean,
  history: Outcome['history'],
): Outcome {
  const identity = {
    certifiedDeviceId: context.identity?.certifiedDeviceId ?? null,
    idKind: context.identity?.idKind ?? null,
    history: [...history],
  };
  if (flowState.startsWith('managed')) {
    return {
      outcome: 'managed',
      reason: bootWasManaged ? 'already-managed' : 'enrolled',
      managementDomain: context.enrollment?.managementDomain ?? null,
      orgUnitPath: context.enrollment?.orgUnitPath ?? null,
      ...identity,
    };
  }
  const domain = context.enrollmentState?.managementDomain ?? null;
  if (flowState.startsWith('manual')) {
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
