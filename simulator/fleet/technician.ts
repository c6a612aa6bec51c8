// The technician at a SMART display: when the automatic check-in found no SRM domain, the manual screen
// asks for one (seed 002: the domain name is used to enroll devices). The fleet types the plan's domain
// and reports where the display ended: managed in that domain, or still on the manual screen with the
// server's refusal as the reason (e.g. `smart-domain-not-activated` after the trial without credits).

import type { ManualEnrollRequest } from '../../agent/machine/types.ts';
import type { Outcome } from '../../agent/runtime/outcome.ts';
import type { DevicePlan } from '../scenarios/types.ts';
import { SMART_DOMAINS } from '../scenarios/world.ts';
import type { ActualOutcome } from './types.ts';

interface ManualContext {
  enrollment: { managementDomain: string | null } | null;
  manualEnrollError: { code: string } | null;
}

/** What of the agent's actor this needs: the manual-enrollment event and its context. */
interface ManualActor {
  send(event: { type: 'MANUAL_ENROLL'; request: ManualEnrollRequest }): void;
  subscribe(next: (snapshot: { context: ManualContext }) => void): { unsubscribe(): void };
}

/** Types the domain when the plan says so and the display is on the `smart-unassigned` manual screen. */
export async function typeSmartDomain(
  plan: DevicePlan,
  settled: Outcome,
  actor: ManualActor,
  timeoutMs: number,
): Promise<ActualOutcome | null> {
  const role = plan.smart?.typedDomain;
  if (role === undefined || settled.outcome !== 'manual' || settled.reason !== 'smart-unassigned')
    return null;
  const domain = SMART_DOMAINS[role].name;
  const done = ({ context: c }: { context: ManualContext }): ManualContext | null =>
    c.enrollment !== null || c.manualEnrollError !== null ? c : null;
  const answer = new Promise<ManualContext | null>((resolve) => {
    const timer = setTimeout(() => resolve(null), timeoutMs);
    const sub = actor.subscribe((s) => {
      const c = done(s);
      if (c === null) return;
      clearTimeout(timer);
      sub.unsubscribe();
      resolve(c);
    });
  });
  actor.send({ type: 'MANUAL_ENROLL', request: { method: 'smart-domain', domain } });
  const c = await answer;
  const base = { orgUnitPath: null, certifiedDeviceId: settled.certifiedDeviceId, idKind: settled.idKind };
  if (c?.enrollment) {
    return {
      ...base,
      outcome: 'managed',
      reason: 'smart-domain',
      managementDomain: c.enrollment.managementDomain,
    };
  }
  return {
    ...base,
    outcome: 'manual',
    reason: c?.manualEnrollError?.code ?? 'fleet-watchdog',
    managementDomain: null,
  };
}
