// The state timeline kept in the persisted record (shown by Alt+V and in `--json` output), capped so
// the file stays small however many boots and transitions a device goes through.

import type { PersistedAgentState } from './record.ts';

/** At most this many history entries are kept; the oldest are dropped first. */
export const HISTORY_CAP = 200;

export type HistoryEntry = PersistedAgentState['history'][number];

/** The last `cap` entries (a new array; the input is not modified). */
export function capHistory(history: readonly HistoryEntry[], cap: number = HISTORY_CAP): HistoryEntry[] {
  return history.slice(Math.max(0, history.length - cap));
}

/**
 * The record after the machine entered `phase` at `now`: phase and updatedAt set, the transition
 * appended to the history, the history capped. The input is not modified.
 */
export function recordTransition(state: PersistedAgentState, phase: string, now: Date): PersistedAgentState {
  const at = now.toISOString();
  return { ...state, phase, updatedAt: at, history: capHistory([...state.history, { state: phase, at }]) };
}
