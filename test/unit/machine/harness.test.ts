// The one machine harness (test/helpers/machine) itself: held calls, calls whose state was left,
// running to a tag, the repeating last step. Every machine, UI and diagnostics test leans on these.

import { describe, expect, it } from 'vitest';
import { SAFEGUARD_MS } from '../../../agent/machine/delays.ts';
import {
  eligibleIdentity,
  happyScript,
  holdEverything,
  NOT_IN_SET,
  startMachine,
} from '../../helpers/machine/index.ts';

describe('the machine harness', () => {
  it('holds a call until the test releases it; the machine rests in that state meanwhile', async () => {
    const run = startMachine({ ...happyScript(), fetchEnrollmentState: [{ hold: true }] });
    await run.reach('automatic.determining');
    await run.settle();
    expect(run.flowState()).toBe('automatic.determining');
    expect(run.pending().map((call) => call.actor)).toEqual(['fetchEnrollmentState']);
    run.release('fetchEnrollmentState', { ok: NOT_IN_SET });
    await run.reach('manual.waiting');
    expect(run.pending()).toEqual([]);
    expect(() => run.release('fetchEnrollmentState', { ok: NOT_IN_SET })).toThrow(
      'no held call of fetchEnrollmentState',
    );
    run.stop();
  });

  it('drops a held call whose state was left (its signal aborted)', async () => {
    const run = startMachine({ ...happyScript(), fetchEnrollmentState: [{ hold: true }] });
    await run.reach('automatic.determining');
    await run.advance(SAFEGUARD_MS);
    expect(run.flowState()).toBe('error');
    expect(run.actor.getSnapshot().context.lastError?.code).toBe('safeguard-timeout');
    expect(run.pending()).toEqual([]);
    run.stop();
  });

  it('runs to a tag as well as to a flow state', async () => {
    const run = startMachine(holdEverything());
    await run.settle();
    expect(run.pending().map((call) => call.actor)).toEqual(['readIdentity']);
    const manual = run.reach({ tag: 'screen:manual' });
    run.release('readIdentity', {
      ok: eligibleIdentity({ eligible: false, reasons: [{ code: 'made-before-cutoff', message: 'old' }] }),
    });
    await manual;
    expect(run.flowState()).toBe('manual.waiting');
    run.stop();
  });

  it('repeats the last step and records every input', async () => {
    const run = startMachine({ ...happyScript(), registerDevice: [{ error: { code: 'timeout' } }] });
    await run.reach('automatic.backoff');
    await run.advance(run.actor.getSnapshot().context.retry.delayMs);
    expect(run.flowState()).toBe('automatic.backoff');
    expect(run.calls.registerDevice?.map((input) => input.reregister)).toEqual([false, true]);
    run.stop();
  });
});
