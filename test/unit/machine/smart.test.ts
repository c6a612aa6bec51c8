import { describe, expect, it } from 'vitest';
import { eligibleIdentity, startMachine } from '../../helpers/machine/index.ts';

const display = eligibleIdentity({
  manufacturer: 'SMART Technologies',
  model: 'SMART Board MX065-V2',
  deviceClass: 'smart-display',
  idKind: 'smart-serial',
  serialNumber: 'SBID1DEMO0001',
  certifiedDeviceId: 'SBID1DEMO0001',
});

describe('SMART display flow', () => {
  it('enrolls into the domain its product key assigned it to, without DM calls', async () => {
    const h = startMachine({
      readIdentity: [{ ok: display }],
      checkLink: [{ ok: { up: true } }],
      smartCheckin: [{ ok: { assignedDomain: 'school1' } }],
      smartEnroll: [{ ok: { domain: 'school1' } }],
    });
    await h.settle();
    expect(h.flowState()).toBe('managed.idle');
    expect(h.calls.smartEnroll?.[0]?.domain).toBe('school1');
    expect(h.calls.fetchEnrollmentState).toBeUndefined();
    expect(h.calls.fetchPolicy).toBeUndefined();
  });

  it('judges the check-in answer when the probe read no server time, and shows the clock screen', async () => {
    const h = startMachine({
      readIdentity: [{ ok: display }],
      checkClock: [{ ok: { ok: true, unverified: true } }],
      checkLink: [{ ok: { up: true } }],
      smartCheckin: [{ error: { code: 'clock', message: 'the device clock is years off' } }],
    });
    await h.settle();
    expect(h.calls.smartCheckin?.[0]).toMatchObject({ judgeClock: true });
    expect(h.flowState()).toBe('clockWrong');
    expect(h.actor.getSnapshot().context.lastError?.code).toBe('clock');
    expect(h.calls.smartEnroll).toBeUndefined();
  });

  it('does not ask the check-in to judge a clock the probe checked', async () => {
    const h = startMachine({
      readIdentity: [{ ok: display }],
      checkClock: [{ ok: { ok: true } }],
      checkLink: [{ ok: { up: true } }],
      smartCheckin: [{ ok: { assignedDomain: 'school1' } }],
      smartEnroll: [{ ok: { domain: 'school1' } }],
    });
    await h.settle();
    expect(h.calls.smartCheckin?.[0]).toMatchObject({ judgeClock: false });
    expect(h.flowState()).toBe('managed.idle');
  });

  it('asks for a domain on the manual screen when no redeemed key covers the display', async () => {
    const h = startMachine({
      readIdentity: [{ ok: display }],
      checkLink: [{ ok: { up: true } }],
      smartCheckin: [{ ok: { assignedDomain: null } }],
    });
    await h.settle();
    expect(h.flowState()).toBe('manual.waiting');
    expect(h.actor.getSnapshot().context.manualReason).toBe('smart-unassigned');
  });

  it('shows the error screen when enrolling is refused for lack of credits', async () => {
    const h = startMachine({
      readIdentity: [{ ok: display }],
      checkLink: [{ ok: { up: true } }],
      smartCheckin: [{ ok: { assignedDomain: 'school1' } }],
      smartEnroll: [{ error: { code: 'smart-domain-not-activated', httpStatus: 402 } }],
    });
    await h.settle();
    expect(h.flowState()).toBe('error');
    expect(h.actor.getSnapshot().context.lastError?.code).toBe('smart-domain-not-activated');
  });
});
