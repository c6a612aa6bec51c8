import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BOOT_PHASE,
  type BootDecision,
  DEFAULT_MAX_BOOT_ATTEMPTS,
  HISTORY_CAP,
  type PersistedAgentState,
  planBoot,
  validatePersistedState,
} from '../../../agent/persistence/index.ts';
import { arbState, T0, validState } from './fixtures.ts';

const NOW = new Date('2024-03-02T09:00:00.000Z');
const MANAGED = {
  dmToken: 'dm-token-1',
  managementDomain: 'school.example',
  orgUnitPath: '/Students',
  enrolledAt: T0.toISOString(),
};

function boot(loaded: PersistedAgentState | null, maxBootAttempts?: number): BootDecision {
  return planBoot(loaded, { bootId: 'boot-new', now: NOW, maxBootAttempts });
}

/** A record left by a boot that stopped in `phase` without a registration in flight. */
function interrupted(bootAttempts: number, extra: Partial<PersistedAgentState> = {}): PersistedAgentState {
  return validState({ bootAttempts, phase: 'determiningEnrollmentState', registration: undefined, ...extra });
}

describe('planBoot', () => {
  it('no record: fresh check, first attempt, a new record', () => {
    const { plan, next } = boot(null);
    expect(plan).toEqual({ kind: 'fresh-check' });
    expect(next).toEqual({
      version: 1,
      bootId: 'boot-new',
      bootAttempts: 1,
      phase: BOOT_PHASE,
      updatedAt: NOW.toISOString(),
      history: [{ state: BOOT_PHASE, at: NOW.toISOString() }],
    });
  });

  it('managed stays managed, and the boot counter is reset', () => {
    const loaded = validState({ managed: MANAGED, bootAttempts: 4, manual: { reason: 'x' } });
    const { plan, next } = boot(loaded);
    expect(plan).toEqual({ kind: 'managed', managed: MANAGED });
    expect(next.managed).toEqual(MANAGED);
    expect(next.bootAttempts).toBe(0);
    expect(next.registration).toBeUndefined();
    expect(next.manual).toBeUndefined();
  });

  it('managed stays managed even past the attempt limit', () => {
    expect(boot(validState({ managed: MANAGED, bootAttempts: 99 }), 5).plan.kind).toBe('managed');
  });

  it('an interrupted registration is retried with reregister, keeping the in-flight mark', () => {
    const loaded = validState({
      bootAttempts: 2,
      registration: { inFlight: true, attemptedAt: T0.toISOString() },
    });
    const { plan, next } = boot(loaded);
    expect(plan).toEqual({ kind: 'retry-registration', reregister: true });
    expect(next.registration).toEqual({ inFlight: true, attemptedAt: T0.toISOString() });
    expect(next.bootAttempts).toBe(3);
  });

  it('a finished registration (not in flight) is not retried', () => {
    const { plan, next } = boot(interrupted(1, { registration: { inFlight: false } }));
    expect(plan).toEqual({ kind: 'fresh-check' });
    expect(next.registration).toBeUndefined();
  });

  it('"not pre-provisioned" is never cached: the next boot checks afresh, and it was not a failed boot', () => {
    const { plan, next } = boot(
      interrupted(4, { manual: { reason: 'not-pre-provisioned' }, phase: 'manual' }),
    );
    expect(plan).toEqual({ kind: 'fresh-check' });
    expect(next.manual).toBeUndefined();
    expect(next.bootAttempts).toBe(1);
  });

  it('any earlier manual outcome is checked afresh too', () => {
    expect(boot(interrupted(1, { manual: { reason: 'model-not-listed' } })).plan).toEqual({
      kind: 'fresh-check',
    });
  });

  it('below the limit the boot tries; at the limit it is too-many-attempts', () => {
    const below = boot(interrupted(DEFAULT_MAX_BOOT_ATTEMPTS - 1));
    expect(below.plan).toEqual({ kind: 'fresh-check' });
    expect(below.next.bootAttempts).toBe(DEFAULT_MAX_BOOT_ATTEMPTS);

    const at = boot(interrupted(DEFAULT_MAX_BOOT_ATTEMPTS));
    expect(at.plan).toEqual({ kind: 'too-many-attempts', attempts: DEFAULT_MAX_BOOT_ATTEMPTS });
    expect(at.next.manual).toEqual({ reason: 'too-many-attempts' });
    expect(at.next.bootAttempts).toBe(DEFAULT_MAX_BOOT_ATTEMPTS + 1);
  });

  it('too many attempts wins over a registration retry, and keeps the mark for the boot after', () => {
    const loaded = validState({ bootAttempts: 3, registration: { inFlight: true } });
    const first = boot(loaded, 3);
    expect(first.plan).toEqual({ kind: 'too-many-attempts', attempts: 3 });
    expect(first.next.registration).toEqual({ inFlight: true });
    const after = boot(first.next, 3);
    expect(after.plan).toEqual({ kind: 'retry-registration', reregister: true });
    expect(after.next.bootAttempts).toBe(1);
  });

  it('a crash loop: boots 1..max try, boot max+1 shows the manual screen, the boot after tries again', () => {
    const max = 3;
    let record: PersistedAgentState | null = null;
    const kinds: string[] = [];
    for (let i = 0; i < 2 * (max + 1); i++) {
      const { plan, next } = boot(record, max);
      kinds.push(plan.kind);
      record = next; // the boot dies before any further write
    }
    const cycle = [...Array<string>(max).fill('fresh-check'), 'too-many-attempts'];
    expect(kinds).toEqual([...cycle, ...cycle]);
  });

  it('reaching managed resets the count of a long run of failed boots', () => {
    let record: PersistedAgentState = boot(null, 3).next;
    record = boot(record, 3).next;
    record = boot(record, 3).next;
    expect(record.bootAttempts).toBe(3);
    const enrolled = { ...record, managed: MANAGED }; // this boot enrolled
    const { plan, next } = boot(enrolled, 3);
    expect(plan.kind).toBe('managed');
    expect(next.bootAttempts).toBe(0);
  });

  it('carries identity, last error and history over, appending the boot', () => {
    const lastError = { code: 'network-unreachable', message: 'no route' };
    const loaded = interrupted(1, { lastError });
    const { next } = boot(loaded);
    expect(next.identity).toEqual(loaded.identity);
    expect(next.lastError).toEqual(lastError);
    expect(next.history).toEqual([...loaded.history, { state: BOOT_PHASE, at: NOW.toISOString() }]);
    expect(next.bootId).toBe('boot-new');
    expect(next.phase).toBe(BOOT_PHASE);
  });

  it('keeps the history within its cap', () => {
    const history = Array.from({ length: HISTORY_CAP }, (_, i) => ({ state: `s${i}`, at: T0.toISOString() }));
    const { next } = boot(interrupted(1, { history }));
    expect(next.history).toHaveLength(HISTORY_CAP);
    expect(next.history[0]).toEqual({ state: 's1', at: T0.toISOString() });
    expect(next.history.at(-1)).toEqual({ state: BOOT_PHASE, at: NOW.toISOString() });
  });

  it('rejects a maxBootAttempts that is not a positive integer', () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) expect(() => boot(null, bad)).toThrow(RangeError);
  });

  it('for any record: pure, the next record is valid, and the plan follows the rules', () => {
    fc.assert(
      fc.property(arbState, fc.integer({ min: 1, max: 10 }), (loaded, max) => {
        const before = structuredClone(loaded);
        const { plan, next } = boot(loaded, max);
        expect(loaded).toEqual(before);
        expect(validatePersistedState(next)).toEqual({ ok: true, state: next });
        const previous = loaded.manual === undefined ? loaded.bootAttempts : 0;
        if (loaded.managed !== undefined) expect(plan).toEqual({ kind: 'managed', managed: loaded.managed });
        else if (previous >= max) expect(plan).toEqual({ kind: 'too-many-attempts', attempts: previous });
        else if (loaded.registration?.inFlight)
          expect(plan).toEqual({ kind: 'retry-registration', reregister: true });
        else expect(plan).toEqual({ kind: 'fresh-check' });
        if (plan.kind !== 'too-many-attempts') expect(next.manual).toBeUndefined();
        expect(next.bootAttempts).toBe(plan.kind === 'managed' ? 0 : previous + 1);
      }),
    );
  });
});
