// A server that fails TLS verification (issue 17): the error screen naming why, retried with backoff
// behind it until the real server answers; a certificate not valid yet sends the device to the clock
// screen. On the simulated clock: no sleeping.

import { describe, expect, it } from 'vitest';
import { TLS_ERROR_CODES } from '../../../agent/dm-client/index.ts';
import { classifyCode } from '../../../agent/machine/classify.ts';
import { happyScript, startMachine } from '../../helpers/machine/index.ts';

const untrusted = { error: { code: 'tls-untrusted-issuer' } } as const;

describe('a server that failed TLS verification', () => {
  it('every TLS code is of the untrusted-server class', () => {
    expect(TLS_ERROR_CODES.map((code) => [code, classifyCode(code)])).toEqual(
      TLS_ERROR_CODES.map((code) => [code, 'untrusted-server']),
    );
  });

  it('shows the error screen with its code at once, then asks again behind it with growing backoff', async () => {
    const happy = happyScript();
    const h = startMachine({
      ...happy,
      fetchEnrollmentState: [untrusted, untrusted, ...(happy.fetchEnrollmentState ?? [])],
    });
    await h.settle();
    expect(h.flowState()).toBe('error');
    expect(h.actor.getSnapshot().context.lastError?.code).toBe('tls-untrusted-issuer');
    const first = h.actor.getSnapshot().context.retry;
    expect(first).toMatchObject({ step: 'determining', attempt: 1 });
    await h.advance(first.delayMs - 1);
    expect(h.flowState()).toBe('error');
    expect(h.calls.fetchEnrollmentState).toHaveLength(1);
    await h.advance(1);
    expect(h.flowState()).toBe('error');
    expect(h.calls.fetchEnrollmentState).toHaveLength(2);
    const second = h.actor.getSnapshot().context.retry;
    expect(second.attempt).toBe(2);
    expect(second.delayMs).toBeGreaterThan(first.delayMs);
    // The portal was signed in: the next attempt reaches the real server.
    await h.advance(second.delayMs);
    expect(h.flowState()).toBe('managed.idle');
    expect(h.calls.fetchEnrollmentState).toHaveLength(3);
  });

  it('a failed registration is asked again as a re-registration', async () => {
    const happy = happyScript();
    const h = startMachine({
      ...happy,
      registerDevice: [{ error: { code: 'tls-pin-mismatch' } }, ...(happy.registerDevice ?? [])],
    });
    await h.settle();
    expect(h.flowState()).toBe('error');
    expect(h.actor.getSnapshot().context.lastError?.code).toBe('tls-pin-mismatch');
    await h.advance(h.actor.getSnapshot().context.retry.delayMs);
    expect(h.flowState()).toBe('managed.idle');
    expect(h.calls.registerDevice?.map((c) => c.reregister)).toEqual([false, true]);
  });

  it('Retry and "Enroll manually" still work on that screen', async () => {
    const happy = happyScript();
    const h = startMachine({ ...happy, fetchEnrollmentState: [untrusted] });
    await h.settle();
    h.actor.send({ type: 'ENROLL_MANUALLY' });
    await h.settle();
    expect(h.flowState()).toBe('manual.waiting');
  });

  it('other errors on the error screen are not retried in the background', async () => {
    const happy = happyScript();
    const h = startMachine({
      ...happy,
      fetchEnrollmentState: [{ error: { code: 'missing-licenses', httpStatus: 402 } }],
    });
    await h.settle();
    expect(h.flowState()).toBe('error');
    await h.advance(120_000);
    expect(h.flowState()).toBe('error');
    expect(h.calls.fetchEnrollmentState).toHaveLength(1);
  });

  it('a certificate not valid yet shows the clock screen, which asks again by itself', async () => {
    const happy = happyScript();
    const h = startMachine({
      ...happy,
      fetchEnrollmentState: [
        { error: { code: 'tls-cert-not-yet-valid' } },
        ...(happy.fetchEnrollmentState ?? []),
      ],
    });
    await h.settle();
    expect(h.flowState()).toBe('clockWrong');
    expect(h.actor.getSnapshot().context.lastError?.code).toBe('tls-cert-not-yet-valid');
    await h.advance(5_000);
    expect(h.flowState()).toBe('managed.idle');
  });
});
