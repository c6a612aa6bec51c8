// The durable record after a transition, derived from the machine's snapshot: its flow state and tags
// (which outcome, the registration checkpoint) and its context (registration in flight, last error,
// enrollment, manual reason). The one place the record follows the machine; what actors learn about
// the device (identity, `deviceid`, the chosen language) the runtime adds where it learns it.

import { type AgentSnapshot, view } from '../machine/view.ts';
import type { PersistedAgentState } from '../persistence/index.ts';
import { recordTransition } from '../persistence/index.ts';

/** `previous`: the record before the transition (the boot record, at the first one). */
export function recordOfSnapshot(
  previous: PersistedAgentState,
  snapshot: AgentSnapshot,
  now: Date,
): PersistedAgentState {
  const { flowState, outcome, tags } = view(snapshot);
  const context = snapshot.context;
  const base = recordTransition(previous, flowState, now);
  const attemptedAt = tags.has('registration-checkpoint')
    ? now.toISOString()
    : previous.registration?.attemptedAt;
  const record: PersistedAgentState = {
    ...base,
    registration: {
      inFlight: context.registrationInFlight,
      ...(attemptedAt !== undefined ? { attemptedAt } : {}),
    },
    lastError: context.lastError
      ? { code: context.lastError.code, message: context.lastError.message }
      : null,
  };
  if (outcome === 'managed' && context.enrollment) {
    record.managed = {
      dmToken: context.enrollment.dmToken,
      managementDomain: context.enrollment.managementDomain,
      orgUnitPath: context.enrollment.orgUnitPath,
      enrolledAt: previous.managed?.enrolledAt ?? base.updatedAt,
    };
    if (context.enrollment.policyKey) record.managed.policyKey = { ...context.enrollment.policyKey };
    record.registration = { inFlight: false };
    delete record.manual;
  } else if (outcome === 'manual' && context.manualReason) {
    record.manual = { reason: context.manualReason };
  }
  return record;
}
