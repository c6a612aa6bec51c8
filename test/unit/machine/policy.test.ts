// Signed policy in the machine (DESIGN §6): the pinned key goes in and out of fetchPolicy, the policy
// names the domain, refused policy ends on the error screen, and Retry there only fetches policy again.

import { describe, expect, it } from 'vitest';
import {
  enrollmentState,
  happyScript,
  registration,
  startMachine,
  verifiedPolicy,
} from '../../helpers/machine/index.ts';

const managed = {
  managementDomain: 'demo.example',
  orgUnitPath: '/',
  dmToken: 'kept',
  enrolledAt: '2026-01-01T00:00:00.000Z',
  policyKey: { spki: 'cGlubmVk', version: 2 },
};

describe('policy in the machine', () => {
  it('pins the key fetchPolicy returns and keeps the verified policy for diagnostics', async () => {
    const h = startMachine(happyScript());
    await h.settle();
    const ctx = h.actor.getSnapshot().context;
    expect(ctx.enrollment?.policyKey).toEqual(verifiedPolicy().pin);
    expect(ctx.policy?.keyFingerprint).toBe(verifiedPolicy().keyFingerprint);
  });

  it('a managed boot passes the pinned key and keeps a rotated one', async () => {
    const rotated = verifiedPolicy({ pin: { spki: 'bmV3', version: 3 }, keyChange: 'rotated' });
    const h = startMachine(
      { ...happyScript(), fetchPolicy: [{ ok: rotated }] },
      { kind: 'managed', managed },
    );
    await h.settle();
    expect(h.calls.fetchPolicy).toEqual([{ dmToken: 'kept', pinned: managed.policyKey }]);
    expect(h.actor.getSnapshot().context.enrollment?.policyKey).toEqual({ spki: 'bmV3', version: 3 });
  });

  it('the domain is the state answer’s, then the policy’s managed_by; never the registration’s', async () => {
    const h = startMachine({
      ...happyScript(),
      fetchEnrollmentState: [{ ok: enrollmentState({ managementDomain: 'state.example' }) }],
      registerDevice: [{ ok: registration({ orgUnitPath: '/Classrooms' }) }],
      fetchPolicy: [{ error: { code: 'temporarily-unavailable', httpStatus: 503 } }],
    });
    await h.settle();
    expect(h.calls.registerDevice?.[0]?.managementDomain).toBe('state.example');
    expect(h.actor.getSnapshot().context.enrollment).toMatchObject({
      managementDomain: 'state.example',
      orgUnitPath: '/Classrooms',
    });

    const h2 = startMachine({
      ...happyScript(),
      fetchEnrollmentState: [{ ok: enrollmentState({ managementDomain: 'state.example' }) }],
      fetchPolicy: [{ ok: verifiedPolicy({ managedBy: 'policy.example' }) }],
    });
    await h2.settle();
    expect(h2.actor.getSnapshot().context.enrollment?.managementDomain).toBe('policy.example');
  });

  it('another policy failure leaves the device managed, the error in diagnostics', async () => {
    const h = startMachine({
      ...happyScript(),
      fetchPolicy: [{ error: { code: 'token-invalid', httpStatus: 401 } }],
    });
    await h.settle();
    expect(h.flowState()).toBe('managed.idle');
    expect(h.actor.getSnapshot().context.lastError?.code).toBe('token-invalid');
  });

  it('policy-invalid ends on the error screen; Retry only fetches the policy again', async () => {
    const h = startMachine(
      { ...happyScript(), fetchPolicy: [{ error: { code: 'policy-invalid' } }, { ok: verifiedPolicy() }] },
      { kind: 'managed', managed },
    );
    await h.settle();
    expect(h.flowState()).toBe('error');
    expect(h.actor.getSnapshot().context.lastError?.code).toBe('policy-invalid');
    // The pinned key is not replaced by a refused answer.
    expect(h.actor.getSnapshot().context.enrollment?.policyKey).toEqual(managed.policyKey);
    h.actor.send({ type: 'RETRY' });
    await h.settle();
    expect(h.flowState()).toBe('managed.idle');
    expect(h.calls.readIdentity).toBeUndefined();
    expect(h.calls.fetchEnrollmentState).toBeUndefined();
    expect(h.calls.registerDevice).toBeUndefined();
    expect(h.calls.fetchPolicy).toHaveLength(2);
  });
});
