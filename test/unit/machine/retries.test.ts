import { describe, expect, it } from 'vitest';
import { SAFEGUARD_MS } from '../../../agent/machine/delays.ts';
import { happyScript, startMachine } from '../../helpers/machine/index.ts';

describe('retries on the simulated clock', () => {
  it('backs off on 503 and succeeds once the server recovers', async () => {
    const h = startMachine({
      ...happyScript(),
      fetchEnrollmentState: [
        { error: { code: 'temporarily-unavailable', httpStatus: 503 } },
        { error: { code: 'temporarily-unavailable', httpStatus: 503 } },
        ...(happyScript().fetchEnrollmentState ?? []),
      ],
    });
    await h.settle();
    expect(h.flowState()).toBe('automatic.backoff');
    const first = h.actor.getSnapshot().context.retry;
    expect(first.attempt).toBe(1);
    await h.advance(first.delayMs - 1);
    expect(h.flowState()).toBe('automatic.backoff');
    await h.advance(1);
    const second = h.actor.getSnapshot().context.retry;
    expect(second.attempt).toBe(2);
    expect(second.delayMs).toBeGreaterThan(first.delayMs);
    await h.advance(second.delayMs);
    expect(h.flowState()).toBe('managed.idle');
    expect(h.calls.fetchEnrollmentState).toHaveLength(3);
  });

  it('honours Retry-After on 429', async () => {
    const h = startMachine({
      ...happyScript(),
      fetchEnrollmentState: [
        { error: { code: 'too-many-requests', httpStatus: 429, retryAfterMs: 7_000 } },
        ...(happyScript().fetchEnrollmentState ?? []),
      ],
    });
    await h.settle();
    expect(h.actor.getSnapshot().context.retry.delayMs).toBeGreaterThanOrEqual(7_000);
    await h.advance(6_999);
    expect(h.flowState()).toBe('automatic.backoff');
    expect(h.calls.fetchEnrollmentState).toHaveLength(1);
    await h.advance(h.actor.getSnapshot().context.retry.delayMs);
    expect(h.flowState()).toBe('managed.idle');
  });

  it('ends on the error screen with safeguard-timeout when the server never recovers', async () => {
    const h = startMachine({
      ...happyScript(),
      fetchEnrollmentState: [{ error: { code: 'temporarily-unavailable' } }],
    });
    await h.settle();
    let elapsed = 0;
    while (h.flowState() !== 'error' && elapsed <= SAFEGUARD_MS) {
      await h.advance(1_000);
      elapsed += 1_000;
    }
    expect(h.flowState()).toBe('error');
    expect(elapsed).toBe(SAFEGUARD_MS);
    expect(h.actor.getSnapshot().context.lastError?.code).toBe('safeguard-timeout');
  });

  it('retries a register that timed out with reregister: true', async () => {
    const happy = happyScript();
    const h = startMachine({
      ...happy,
      registerDevice: [{ error: { code: 'timeout' } }, ...(happy.registerDevice ?? [])],
    });
    await h.settle();
    expect(h.flowState()).toBe('automatic.backoff');
    await h.advance(h.actor.getSnapshot().context.retry.delayMs);
    expect(h.flowState()).toBe('managed.idle');
    expect(h.calls.registerDevice?.map((c) => c.reregister)).toEqual([false, true]);
    expect(h.calls.checkpoint?.map((c) => c.reregister)).toEqual([false, true]);
  });

  it('a boot after an interrupted registration registers again with reregister: true, skipping the look-up', async () => {
    const h = startMachine(happyScript(), { kind: 'retry-registration', reregister: true });
    await h.settle();
    expect(h.flowState()).toBe('managed.idle');
    expect(h.calls.fetchEnrollmentState).toBeUndefined();
    expect(h.calls.registerDevice?.[0]?.reregister).toBe(true);
  });

  it('still registers when the checkpoint cannot be written (read-only state dir)', async () => {
    const h = startMachine({ ...happyScript(), checkpoint: [{ error: { code: 'state-write-failed' } }] });
    await h.settle();
    expect(h.flowState()).toBe('managed.idle');
    expect(h.actor.getSnapshot().context.lastError?.code).toBe('state-write-failed');
  });
});

describe('NETWORK_UP during a backoff', () => {
  it('cuts short the wait after a network failure', async () => {
    const h = startMachine({
      ...happyScript(),
      fetchEnrollmentState: [{ error: { code: 'network' } }, ...(happyScript().fetchEnrollmentState ?? [])],
    });
    await h.settle();
    expect(h.flowState()).toBe('automatic.backoff');
    h.actor.send({ type: 'NETWORK_UP' });
    await h.settle();
    expect(h.flowState()).toBe('managed.idle');
  });

  it("does not cut short a server's Retry-After", async () => {
    const h = startMachine({
      ...happyScript(),
      fetchEnrollmentState: [
        { error: { code: 'too-many-requests', retryAfterMs: 20_000 } },
        ...(happyScript().fetchEnrollmentState ?? []),
      ],
    });
    await h.settle();
    h.actor.send({ type: 'NETWORK_UP' });
    await h.settle();
    expect(h.flowState()).toBe('automatic.backoff');
    expect(h.calls.fetchEnrollmentState).toHaveLength(1);
  });
});
