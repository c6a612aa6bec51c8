import { describe, expect, it } from 'vitest';
import { capHistory, HISTORY_CAP, recordTransition } from '../../../agent/persistence/index.ts';
import { T0, validState } from './fixtures.ts';

const entries = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ state: `s${i}`, at: T0.toISOString() }));

describe('history', () => {
  it('capHistory keeps the newest entries', () => {
    expect(capHistory(entries(3))).toEqual(entries(3));
    expect(capHistory(entries(HISTORY_CAP + 7))).toEqual(entries(HISTORY_CAP + 7).slice(7));
    expect(capHistory(entries(5), 2)).toEqual(entries(5).slice(3));
  });

  it('recordTransition sets phase and updatedAt, appends, caps, and does not modify its input', () => {
    const state = validState({ history: entries(HISTORY_CAP) });
    const now = new Date('2024-03-01T09:00:00.000Z');
    const next = recordTransition(state, 'managed', now);
    expect(state.history).toHaveLength(HISTORY_CAP);
    expect(state.phase).toBe('registering');
    expect(next.phase).toBe('managed');
    expect(next.updatedAt).toBe(now.toISOString());
    expect(next.history).toHaveLength(HISTORY_CAP);
    expect(next.history[0]).toEqual({ state: 's1', at: T0.toISOString() });
    expect(next.history.at(-1)).toEqual({ state: 'managed', at: now.toISOString() });
  });
});
