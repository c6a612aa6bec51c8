// The vocabulary the machine's states are labelled with (XState `tags` and `meta`), which everything
// outside `agent/machine/` reads instead of state names: the screen a state shows, whether a boot has
// its answer there, which outcome it belongs to. No imports: any module may use these names.

/** The screens of the OOBE. `clock` is the distinct wrong-clock screen (the UI shows it as an error). */
export const SCREENS = ['checking', 'offline', 'enrolling', 'enrolled', 'error', 'clock', 'manual'] as const;
export type Screen = (typeof SCREENS)[number];

/** What a settled boot ended with: the `outcome` of the `--json` line. */
export const OUTCOMES = ['managed', 'manual', 'error'] as const;
export type FlowOutcome = (typeof OUTCOMES)[number];

export type ScreenTag = `screen:${Screen}`;
export type OutcomeTag = `outcome:${FlowOutcome}`;

export type Tag =
  | ScreenTag
  | OutcomeTag
  /** A person (or `--ui none`) waits here: the boot has its answer. */
  | 'settled'
  /** The automatic check (network, the server's answers, registration): the server may be asked. */
  | 'automatic-check'
  /** Waiting out a retryable failure's delay: the checking screen says so and when it tries again. */
  | 'retrying'
  /** Checking the attestation key before registering. */
  | 'attesting'
  /** Enrolled; the device policy is being fetched. */
  | 'fetching-policy'
  /** Durably noting "a registration may reach the server", just before sending it. */
  | 'registration-checkpoint'
  /** A register request may be on its way: a kill here must be retried with `reregister`. */
  | 'registration-sending'
  /** The Alt+V diagnostics overlay is open (the diagnostics region). */
  | 'diagnostics-open';

export const screenTag = (screen: Screen): ScreenTag => `screen:${screen}`;
export const outcomeTag = (outcome: FlowOutcome): OutcomeTag => `outcome:${outcome}`;

/** The flow's initial state: also the phase a boot record is written with before the machine runs. */
export const INITIAL_FLOW_STATE = 'booting';
