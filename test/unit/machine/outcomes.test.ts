import { describe, expect, it } from 'vitest';
import {
  eligibleIdentity,
  enrollmentState,
  happyScript,
  NOT_IN_SET,
  startMachine,
} from '../../helpers/machine/index.ts';

describe('agent machine outcomes', () => {
  it('walks a pre-provisioned, eligible device to managed and fetches policy', async () => {
    const h = startMachine(happyScript());
    await h.settle();
    expect(h.flowState()).toBe('managed.idle');
    const ctx = h.actor.getSnapshot().context;
    expect(ctx.enrollment).toMatchObject({ managementDomain: 'demo.example', dmToken: 'dmt' });
    expect(h.calls.registerDevice?.[0]?.reregister).toBe(false);
    expect(h.calls.fetchPolicy?.[0]).toEqual({ dmToken: 'dmt', pinned: null });
  });

  it('sends an ineligible device to the manual screen with its first reason and never calls the server', async () => {
    const identity = eligibleIdentity({
      eligible: false,
      reasons: [{ code: 'made-before-cutoff', message: 'too old' }],
    });
    const h = startMachine({ ...happyScript(), readIdentity: [{ ok: identity }] });
    await h.settle();
    expect(h.flowState()).toBe('manual.waiting');
    expect(h.actor.getSnapshot().context.manualReason).toBe('made-before-cutoff');
    expect(h.calls.fetchEnrollmentState).toBeUndefined();
  });

  it.each([
    ['none, hash not in the set', NOT_IN_SET, 'not-pre-provisioned'],
    ['none, from the state answer', enrollmentState({ mode: 'none' }), 'not-pre-provisioned'],
    ['enrollment-enforced', enrollmentState({ mode: 'enrollment-enforced' }), 'enrollment-enforced'],
    [
      'token-enrollment-enforced',
      enrollmentState({ mode: 'token-enrollment-enforced' }),
      'token-enrollment-enforced',
    ],
    ['disabled', enrollmentState({ mode: 'disabled' }), 'zero-touch-disabled'],
  ] as const)('initial enrollment mode %s → manual (%s)', async (_, state, reason) => {
    const h = startMachine({
      ...happyScript(),
      fetchEnrollmentState: [{ ok: state }],
    });
    await h.settle();
    expect(h.flowState()).toBe('manual.waiting');
    expect(h.actor.getSnapshot().context.manualReason).toBe(reason);
    expect(h.calls.registerDevice).toBeUndefined();
  });

  it('treats 410 device-not-found as "not pre-provisioned" (manual), not as an error', async () => {
    const h = startMachine({
      ...happyScript(),
      fetchEnrollmentState: [{ error: { code: 'device-not-found', httpStatus: 410 } }],
    });
    await h.settle();
    expect(h.flowState()).toBe('manual.waiting');
    expect(h.actor.getSnapshot().context.manualReason).toBe('not-pre-provisioned');
  });

  it.each([
    'missing-licenses',
    'management-not-supported',
    'domain-mismatch',
    'device-id-conflict',
    'deprovisioned',
  ])('an actionable register failure (%s) ends on the error screen with its code', async (code) => {
    const h = startMachine({ ...happyScript(), registerDevice: [{ error: { code } }] });
    await h.settle();
    expect(h.flowState()).toBe('error');
    expect(h.actor.getSnapshot().context.lastError?.code).toBe(code);
  });

  it('offers Retry and "Enroll manually" on the error screen', async () => {
    const h = startMachine({
      ...happyScript(),
      registerDevice: [
        { error: { code: 'missing-licenses' } },
        happyScript().registerDevice?.[0] ?? { error: { code: 'internal' } },
      ],
    });
    await h.settle();
    expect(h.flowState()).toBe('error');
    h.actor.send({ type: 'RETRY' });
    await h.settle();
    expect(h.flowState()).toBe('managed.idle');

    const h2 = startMachine({ ...happyScript(), registerDevice: [{ error: { code: 'missing-licenses' } }] });
    await h2.settle();
    h2.actor.send({ type: 'ENROLL_MANUALLY' });
    expect(h2.flowState()).toBe('manual.waiting');
    expect(h2.actor.getSnapshot().context.manualReason).toBe('user-chose-manual');
  });

  it('keeps the manual path open when the attestation key is unusable', async () => {
    const h = startMachine({
      ...happyScript(),
      checkAttestation: [{ ok: { available: false, reason: 'no key file' } }],
    });
    await h.settle();
    expect(h.flowState()).toBe('manual.waiting');
    expect(h.actor.getSnapshot().context.manualReason).toBe('attestation-unavailable');
    expect(h.actor.getSnapshot().context.lastError).toEqual({
      code: 'attestation-unavailable',
      message: 'no key file',
    });
  });

  it('a managed boot only fetches policy', async () => {
    const managed = {
      managementDomain: 'demo.example',
      orgUnitPath: '/',
      dmToken: 'kept',
      enrolledAt: '2026-01-01T00:00:00.000Z',
    };
    const h = startMachine(happyScript(), { kind: 'managed', managed });
    await h.settle();
    expect(h.flowState()).toBe('managed.idle');
    expect(h.calls.readIdentity).toBeUndefined();
    expect(h.calls.fetchEnrollmentState).toBeUndefined();
    expect(h.calls.fetchPolicy).toEqual([{ dmToken: 'kept', pinned: null }]);
  });

  it('too many failed boots end on the manual screen', async () => {
    const h = startMachine(happyScript(), { kind: 'too-many-attempts', attempts: 5 });
    await h.settle();
    expect(h.flowState()).toBe('manual.waiting');
    expect(h.actor.getSnapshot().context.manualReason).toBe('too-many-attempts');
  });

  it('completes manual enrollment from the manual screen, and stays there with the error when it fails', async () => {
    const enrollment = {
      managementDomain: 'demo.example',
      orgUnitPath: '/',
      dmToken: 'm',
      licenseConsumed: true,
      bundledLicense: false,
    };
    const h = startMachine({
      ...happyScript(),
      fetchEnrollmentState: [{ ok: NOT_IN_SET }],
      manualEnroll: [{ error: { code: 'token-invalid' } }, { ok: enrollment }],
    });
    await h.settle();
    h.actor.send({
      type: 'MANUAL_ENROLL',
      request: { method: 'credentials', email: 'a@b.c', password: 'x' },
    });
    await h.settle();
    expect(h.flowState()).toBe('manual.waiting');
    expect(h.actor.getSnapshot().context.manualEnrollError?.code).toBe('token-invalid');
    h.actor.send({ type: 'MANUAL_ENROLL', request: { method: 'enrollment-token', token: 't' } });
    await h.settle();
    expect(h.flowState()).toBe('managed.idle');
  });
});
