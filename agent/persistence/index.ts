// The agent's durable state: atomic writes, the state.json record, and the restart rules.

export {
  type AtomicWriteFs,
  isStateWriteError,
  StateWriteError,
  type StateWriteStep,
  type WritableFileHandle,
  type WriteFileAtomicOptions,
  writeFileAtomic,
} from './atomic-write.ts';
export { capHistory, HISTORY_CAP, type HistoryEntry, recordTransition } from './history.ts';
export type { PersistedAgentState } from './record.ts';
export {
  BOOT_PHASE,
  type BootDecision,
  type BootPlan,
  DEFAULT_MAX_BOOT_ATTEMPTS,
  NOT_PRE_PROVISIONED_REASON,
  type PlanBootOptions,
  planBoot,
  TOO_MANY_ATTEMPTS_REASON,
} from './restart-policy.ts';
export {
  type LoadProblem,
  type LoadResult,
  MAX_STATE_FILE_BYTES,
  STATE_FILE_NAME,
  type StateFs,
  StateStore,
  type StateStoreOptions,
} from './state-file.ts';
export { isPersistedAgentState, STATE_VERSION, validatePersistedState } from './validate-state.ts';
