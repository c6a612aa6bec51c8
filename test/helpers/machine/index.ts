// The one harness for every test that drives the agent machine (issue 14): the real machine with
// scripted actors (an outcome per call, failures with codes, calls held until released) on xstate's
// SimulatedClock; run to a state or a tag, send events, move time. Import from here.
//
//   fixtures.ts          what actors answer with (identity, state answers, registration, policy)
//   script.ts            scripts: steps per actor, held calls, scripted errors
//   run.ts               startMachine: the machine, its clock, calls, held calls, reach/send/advance
//   diagnostics-deps.ts  the diagnostics screen's dependencies answering from a script

export {
  type FakeDeps,
  type FakeDepsOptions,
  fakeDiagnosticsDeps,
} from './diagnostics-deps.ts';
export {
  eligibleIdentity,
  enrollmentState,
  happyScript,
  NOT_IN_SET,
  registration,
  verifiedPolicy,
} from './fixtures.ts';
export { type HeldCall, JITTER, type MachineRun, type MachineTag, startMachine, type Target } from './run.ts';
export {
  ACTOR_NAMES,
  type ActorName,
  type Calls,
  holdEverything,
  type Outcome,
  type Script,
  type ScriptError,
  type Step,
  scriptError,
} from './script.ts';
