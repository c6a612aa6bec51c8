// A pure model of the first-boot machine (issue 4, item 7): the specification the real machine in
// machine.ts is checked against by test/unit/machine/model-based.test.ts.
//
// @xstate/graph refuses machines with `invoke` or `after`, so this model has neither: its events are
// the OUTCOMES the real machine's actors, timers and users produce (`REGISTER_RETRYABLE`: the
// registerDevice actor rejected with a retryable code; `BACKOFF_ELAPSED`: the RETRY_DELAY timer
// fired; `RETRY`: the person pressed Retry). Every state of the model is one where the real machine
// rests: it waits for one actor, for a timer or for a person.
//
// Differences in shape from machine.ts, none in behaviour:
//  - the transient states (`booting`'s always, `checkingEligibility`, `automatic.routing`,
//    `automatic.resuming`, `managed.routing`) are folded into guarded transitions of the events that
//    lead to them. `booting` is kept as the state before the machine starts: its BOOT_* events are
//    the boot plans (restart-policy.ts) the real machine is started with;
//  - `automatic.registering.{checkpoint,sending}` is flattened into `automatic.checkpointing` and
//    `automatic.registering`;
//  - the diagnostics region (Alt+V) is left out: it is independent of the flow.
// REAL_FLOW_STATE maps each model state to the real machine's `flowStateOf` string.
//
// The context keeps what the real machine's context must then say: the manual reason, the code of the
// last error, the reregister flag, the retry step and attempt (and so the backoff delay) and the
// code of the last manual enrollment failure. Error outcomes stand for one representative code each
// (OUTCOME_ERROR_CODES), of the class their name says.

import { and, assign, setup } from 'xstate';
import type { ManualReason, RetryStep } from './types.ts';

export interface ModelContext {
  /** The identity read says `smart-display`. */
  isSmart: boolean;
  reregister: boolean;
  manualReason: ManualReason | null;
  /** `lastError.code` of the real machine. */
  lastErrorCode: string | null;
  /** `manualEnrollError.code` of the real machine. */
  manualEnrollErrorCode: string | null;
  retryStep: RetryStep | null;
  /** Attempts of `retryStep` so far; with the jitter source it gives the backoff delay. */
  retryAttempt: number;
  /** The device holds a DM token (enrolled): Retry on the error screen only fetches policy again. */
  enrolled: boolean;
}

/** Boot plans: the first event of every path. */
export type BootEventType =
  | 'BOOT_FRESH'
  | 'BOOT_RETRY_REGISTRATION'
  | 'BOOT_MANAGED'
  | 'BOOT_MANAGED_SMART'
  | 'BOOT_TOO_MANY_ATTEMPTS';

/** Outcomes that are an actor rejecting: each stands for one representative error code. */
export type ErrorOutcomeType =
  | 'IDENTITY_FAILED'
  | 'CLOCK_CHECK_FAILED'
  | 'LINK_CHECK_FAILED'
  | 'STATE_NOT_FOUND'
  | 'STATE_RETRYABLE'
  | 'STATE_ACTIONABLE'
  | 'STATE_UNTRUSTED'
  | 'STATE_CERT_NOT_YET_VALID'
  | 'ATTESTATION_FAILED'
  | 'CHECKPOINT_FAILED'
  | 'REGISTER_RETRYABLE'
  | 'REGISTER_NOT_FOUND'
  | 'REGISTER_ACTIONABLE'
  | 'REGISTER_UNTRUSTED'
  | 'SMART_CHECKIN_RETRYABLE'
  | 'SMART_CHECKIN_FAILED'
  | 'SMART_CHECKIN_UNTRUSTED'
  | 'SMART_ENROLL_RETRYABLE'
  | 'SMART_ENROLL_ACTIONABLE'
  | 'SMART_ENROLL_UNTRUSTED'
  | 'POLICY_FAILED'
  | 'POLICY_INVALID'
  | 'MANUAL_FAILED';

/** Outcomes that are an actor resolving. */
export type DoneOutcomeType =
  | 'IDENTITY_ELIGIBLE'
  | 'IDENTITY_NOT_ELIGIBLE'
  | 'IDENTITY_SMART'
  | 'CLOCK_OK'
  | 'CLOCK_WRONG'
  | 'LINK_UP'
  | 'LINK_DOWN'
  | 'STATE_ZTE'
  | 'STATE_NONE'
  | 'STATE_ENFORCED'
  | 'STATE_TOKEN_ENFORCED'
  | 'STATE_DISABLED'
  | 'ATTESTATION_OK'
  | 'ATTESTATION_MISSING'
  | 'CHECKPOINT_OK'
  | 'REGISTER_OK'
  | 'SMART_ASSIGNED'
  | 'SMART_UNASSIGNED'
  | 'SMART_ENROLL_OK'
  | 'POLICY_OK'
  | 'MANUAL_OK'
  | 'MANUAL_SMART_OK';

/** Timers of the real machine firing. */
export type TimerEventType =
  | 'LINK_POLL_ELAPSED'
  | 'BACKOFF_ELAPSED'
  | 'SAFEGUARD_ELAPSED'
  | 'CLOCK_POLL_ELAPSED';

/** Events the platform or a person sends the real machine. */
export type UserEventType = 'NETWORK_UP' | 'RETRY' | 'ENROLL_MANUALLY' | 'MANUAL_ENROLL';

export type ModelEventType =
  | BootEventType
  | ErrorOutcomeType
  | DoneOutcomeType
  | TimerEventType
  | UserEventType;
export type ModelEvent = { type: ModelEventType };

/**
 * The code each error outcome stands for. `*_RETRYABLE` codes classify as retryable, `*_NOT_FOUND` as
 * terminal-for-ZTE, `*_ACTIONABLE` as actionable (the test checks this against classify.ts).
 */
export const OUTCOME_ERROR_CODES: Readonly<Record<ErrorOutcomeType, string>> = {
  IDENTITY_FAILED: 'identity-read-failed',
  CLOCK_CHECK_FAILED: 'internal',
  LINK_CHECK_FAILED: 'link-check-failed',
  STATE_NOT_FOUND: 'device-not-found',
  STATE_RETRYABLE: 'network',
  STATE_ACTIONABLE: 'invalid-serial-number',
  // The server failed TLS verification (issue 17): the error screen, retried behind it; a certificate
  // not valid yet: the clock screen.
  STATE_UNTRUSTED: 'tls-untrusted-issuer',
  STATE_CERT_NOT_YET_VALID: 'tls-cert-not-yet-valid',
  ATTESTATION_FAILED: 'internal',
  CHECKPOINT_FAILED: 'state-write-failed',
  REGISTER_RETRYABLE: 'timeout',
  REGISTER_NOT_FOUND: 'device-not-found',
  REGISTER_ACTIONABLE: 'missing-licenses',
  REGISTER_UNTRUSTED: 'tls-pin-mismatch',
  SMART_CHECKIN_RETRYABLE: 'network',
  // Not a DM code: actionable. A 410 here is actionable too (no terminal-for-ZTE branch for SMART).
  SMART_CHECKIN_FAILED: 'http-status-error',
  SMART_ENROLL_RETRYABLE: 'timeout',
  SMART_ENROLL_ACTIONABLE: 'smart-domain-not-activated',
  SMART_CHECKIN_UNTRUSTED: 'tls-wrong-host',
  SMART_ENROLL_UNTRUSTED: 'tls-handshake-failed',
  POLICY_FAILED: 'token-invalid',
  // Policy that does not verify against the pinned key: the error screen (DESIGN §6).
  POLICY_INVALID: 'policy-invalid',
  MANUAL_FAILED: 'token-invalid',
};

/** The first reason of the ineligible identity IDENTITY_NOT_ELIGIBLE stands for. */
export const NOT_ELIGIBLE_REASON = 'made-before-cutoff' satisfies ManualReason;

/** Model state (as `modelStateOf` writes it) → the real machine's `flowStateOf` string. */
export const REAL_FLOW_STATE = {
  /** Before the real machine is started. */
  booting: null,
  readingIdentity: 'readingIdentity',
  'automatic.waitingForNetwork': 'automatic.waitingForNetwork',
  'automatic.offline': 'automatic.offline',
  'automatic.determining': 'automatic.determining',
  'automatic.checkingAttestation': 'automatic.checkingAttestation',
  'automatic.checkpointing': 'automatic.registering.checkpoint',
  'automatic.registering': 'automatic.registering.sending',
  'automatic.smartCheckin': 'automatic.smartCheckin',
  'automatic.smartEnrolling': 'automatic.smartEnrolling',
  'automatic.backoff': 'automatic.backoff',
  'managed.fetchingPolicy': 'managed.fetchingPolicy',
  'managed.idle': 'managed.idle',
  'manual.waiting': 'manual.waiting',
  'manual.enrolling': 'manual.enrolling',
  checkingClock: 'checkingClock',
  clockWrong: 'clockWrong',
  error: 'error',
  untrustedServer: 'error',
} as const satisfies Record<string, string | null>;

export type ModelState = keyof typeof REAL_FLOW_STATE;

/** `automatic.backoff`, `error`, … from a model snapshot value (one atomic state at a time). */
export function modelStateOf(value: unknown): ModelState {
  const parts: string[] = [];
  let node: unknown = value;
  while (typeof node === 'object' && node !== null) {
    const first = Object.entries(node as Record<string, unknown>)[0];
    if (first === undefined) break;
    parts.push(first[0]);
    node = first[1];
  }
  if (typeof node === 'string') parts.push(node);
  const state = parts.join('.');
  if (!(state in REAL_FLOW_STATE)) throw new Error(`model state "${state}" has no real counterpart`);
  return state as ModelState;
}

/** `automatic.resuming` of machine.ts, for BACKOFF_ELAPSED and NETWORK_UP in backoff. */
const resume = [
  { guard: 'retryDetermining', target: 'determining' },
  // The real `registering` starts with its checkpoint.
  { guard: 'retryRegistering', target: 'checkpointing' },
  { guard: 'retrySmartCheckin', target: 'smartCheckin' },
  { target: 'smartEnrolling' },
] as const;

export const agentModel = setup({
  types: {
    context: {} as ModelContext,
    events: {} as ModelEvent,
  },
  actions: {
    failed: assign((_, type: ErrorOutcomeType) => ({ lastErrorCode: OUTCOME_ERROR_CODES[type] })),
    toManual: assign((_, reason: ManualReason) => ({ manualReason: reason })),
    /** scheduleRetry of machine.ts: the attempt counts on while the same step keeps failing. */
    scheduleRetry: assign(({ context }, { step, type }: { step: RetryStep; type: ErrorOutcomeType }) => ({
      lastErrorCode: OUTCOME_ERROR_CODES[type],
      retryStep: step,
      retryAttempt: context.retryStep === step ? context.retryAttempt + 1 : 1,
    })),
  },
  guards: {
    isSmart: ({ context }) => context.isSmart,
    enrolled: ({ context }) => context.enrolled,
    reregister: ({ context }) => context.reregister,
    retryDetermining: ({ context }) => context.retryStep === 'determining',
    retryRegistering: ({ context }) => context.retryStep === 'registering',
    retrySmartCheckin: ({ context }) => context.retryStep === 'smartCheckin',
    failedOnNetwork: ({ context }) =>
      context.lastErrorCode === 'network' || context.lastErrorCode === 'timeout',
  },
}).createMachine({
  id: 'model',
  initial: 'booting',
  context: {
    isSmart: false,
    reregister: false,
    manualReason: null,
    lastErrorCode: null,
    manualEnrollErrorCode: null,
    retryStep: null,
    retryAttempt: 0,
    enrolled: false,
  },
  states: {
    booting: {
      on: {
        BOOT_FRESH: 'readingIdentity',
        BOOT_RETRY_REGISTRATION: { target: 'readingIdentity', actions: assign({ reregister: true }) },
        // A persisted DM token: policy only. A managed SMART display has none: nothing to do.
        BOOT_MANAGED: { target: 'managed.fetchingPolicy', actions: assign({ enrolled: true }) },
        BOOT_MANAGED_SMART: 'managed.idle',
        BOOT_TOO_MANY_ATTEMPTS: {
          target: 'manual',
          actions: { type: 'toManual', params: 'too-many-attempts' },
        },
      },
    },
    readingIdentity: {
      on: {
        IDENTITY_ELIGIBLE: { target: 'checkingClock', actions: assign({ isSmart: false }) },
        IDENTITY_SMART: { target: 'checkingClock', actions: assign({ isSmart: true }) },
        IDENTITY_NOT_ELIGIBLE: {
          target: 'manual',
          actions: [assign({ isSmart: false }), { type: 'toManual', params: NOT_ELIGIBLE_REASON }],
        },
        IDENTITY_FAILED: { target: 'error', actions: { type: 'failed', params: 'IDENTITY_FAILED' } },
      },
    },
    checkingClock: {
      on: {
        CLOCK_OK: 'automatic',
        CLOCK_WRONG: { target: 'clockWrong', actions: assign({ lastErrorCode: 'clock' }) },
        // A check that cannot run does not block enrollment.
        CLOCK_CHECK_FAILED: {
          target: 'automatic',
          actions: { type: 'failed', params: 'CLOCK_CHECK_FAILED' },
        },
      },
    },
    // The distinct clock screen: re-checks on its own until the clock is right.
    clockWrong: {
      on: {
        CLOCK_POLL_ELAPSED: 'checkingClock',
        RETRY: 'checkingClock',
        ENROLL_MANUALLY: { target: 'manual', actions: { type: 'toManual', params: 'user-chose-manual' } },
      },
    },
    automatic: {
      initial: 'waitingForNetwork',
      on: {
        // The 90 s safeguard bounds the whole automatic check, whatever it is waiting for, the offline
        // screen included (after it, only Retry or "Enroll manually" leave the error screen).
        SAFEGUARD_ELAPSED: { target: 'error', actions: assign({ lastErrorCode: 'safeguard-timeout' }) },
      },
      states: {
        waitingForNetwork: {
          on: {
            LINK_UP: [
              { guard: 'isSmart', target: 'smartCheckin' },
              // An earlier registration may have reached the server: register again, no look-up.
              { guard: 'reregister', target: 'checkingAttestation' },
              { target: 'determining' },
            ],
            LINK_DOWN: 'offline',
            LINK_CHECK_FAILED: {
              target: 'offline',
              actions: { type: 'failed', params: 'LINK_CHECK_FAILED' },
            },
          },
        },
        offline: {
          on: {
            LINK_POLL_ELAPSED: 'waitingForNetwork',
            NETWORK_UP: 'waitingForNetwork',
          },
        },
        determining: {
          on: {
            STATE_ZTE: 'checkingAttestation',
            STATE_ENFORCED: {
              target: '#model.manual',
              actions: { type: 'toManual', params: 'enrollment-enforced' },
            },
            STATE_TOKEN_ENFORCED: {
              target: '#model.manual',
              actions: { type: 'toManual', params: 'token-enrollment-enforced' },
            },
            STATE_DISABLED: {
              target: '#model.manual',
              actions: { type: 'toManual', params: 'zero-touch-disabled' },
            },
            STATE_NONE: {
              target: '#model.manual',
              actions: { type: 'toManual', params: 'not-pre-provisioned' },
            },
            STATE_NOT_FOUND: {
              target: '#model.manual',
              actions: [
                { type: 'failed', params: 'STATE_NOT_FOUND' },
                { type: 'toManual', params: 'not-pre-provisioned' },
              ],
            },
            STATE_RETRYABLE: {
              target: 'backoff',
              actions: { type: 'scheduleRetry', params: { step: 'determining', type: 'STATE_RETRYABLE' } },
            },
            STATE_ACTIONABLE: {
              target: '#model.error',
              actions: { type: 'failed', params: 'STATE_ACTIONABLE' },
            },
            STATE_UNTRUSTED: {
              target: '#model.untrustedServer',
              actions: { type: 'scheduleRetry', params: { step: 'determining', type: 'STATE_UNTRUSTED' } },
            },
            STATE_CERT_NOT_YET_VALID: {
              target: '#model.clockWrong',
              actions: {
                type: 'scheduleRetry',
                params: { step: 'determining', type: 'STATE_CERT_NOT_YET_VALID' },
              },
            },
          },
        },
        checkingAttestation: {
          on: {
            ATTESTATION_OK: 'checkpointing',
            ATTESTATION_MISSING: {
              target: '#model.manual',
              actions: [
                assign({ lastErrorCode: 'attestation-unavailable' }),
                { type: 'toManual', params: 'attestation-unavailable' },
              ],
            },
            ATTESTATION_FAILED: {
              target: '#model.manual',
              actions: [
                { type: 'failed', params: 'ATTESTATION_FAILED' },
                { type: 'toManual', params: 'attestation-unavailable' },
              ],
            },
          },
        },
        checkpointing: {
          on: {
            CHECKPOINT_OK: 'registering',
            // A state dir that cannot be written does not block enrollment.
            CHECKPOINT_FAILED: {
              target: 'registering',
              actions: { type: 'failed', params: 'CHECKPOINT_FAILED' },
            },
          },
        },
        registering: {
          // Leaving the register request any way at all: it may have reached the server, so every
          // later attempt says `reregister: true` (machine.ts: exit action of registering.sending).
          exit: assign({ reregister: true }),
          on: {
            REGISTER_OK: { target: '#model.managed.fetchingPolicy', actions: assign({ enrolled: true }) },
            // The safeguard aborts the request in flight; a Retry must still say `reregister`.
            SAFEGUARD_ELAPSED: {
              target: '#model.error',
              actions: assign({ lastErrorCode: 'safeguard-timeout' }),
            },
            REGISTER_RETRYABLE: {
              target: 'backoff',
              actions: [
                { type: 'scheduleRetry', params: { step: 'registering', type: 'REGISTER_RETRYABLE' } },
              ],
            },
            REGISTER_NOT_FOUND: {
              target: '#model.manual',
              actions: [
                { type: 'failed', params: 'REGISTER_NOT_FOUND' },
                { type: 'toManual', params: 'not-pre-provisioned' },
              ],
            },
            REGISTER_ACTIONABLE: {
              target: '#model.error',
              actions: { type: 'failed', params: 'REGISTER_ACTIONABLE' },
            },
            REGISTER_UNTRUSTED: {
              target: '#model.untrustedServer',
              actions: { type: 'scheduleRetry', params: { step: 'registering', type: 'REGISTER_UNTRUSTED' } },
            },
          },
        },
        smartCheckin: {
          on: {
            SMART_ASSIGNED: 'smartEnrolling',
            SMART_UNASSIGNED: {
              target: '#model.manual',
              actions: { type: 'toManual', params: 'smart-unassigned' },
            },
            SMART_CHECKIN_RETRYABLE: {
              target: 'backoff',
              actions: {
                type: 'scheduleRetry',
                params: { step: 'smartCheckin', type: 'SMART_CHECKIN_RETRYABLE' },
              },
            },
            SMART_CHECKIN_FAILED: {
              target: '#model.error',
              actions: { type: 'failed', params: 'SMART_CHECKIN_FAILED' },
            },
            SMART_CHECKIN_UNTRUSTED: {
              target: '#model.untrustedServer',
              actions: {
                type: 'scheduleRetry',
                params: { step: 'smartCheckin', type: 'SMART_CHECKIN_UNTRUSTED' },
              },
            },
          },
        },
        smartEnrolling: {
          on: {
            // SMART displays have no DM token: no policy to fetch.
            SMART_ENROLL_OK: '#model.managed.idle',
            SMART_ENROLL_RETRYABLE: {
              target: 'backoff',
              actions: {
                type: 'scheduleRetry',
                params: { step: 'smartEnrolling', type: 'SMART_ENROLL_RETRYABLE' },
              },
            },
            SMART_ENROLL_ACTIONABLE: {
              target: '#model.error',
              actions: { type: 'failed', params: 'SMART_ENROLL_ACTIONABLE' },
            },
            SMART_ENROLL_UNTRUSTED: {
              target: '#model.untrustedServer',
              actions: {
                type: 'scheduleRetry',
                params: { step: 'smartEnrolling', type: 'SMART_ENROLL_UNTRUSTED' },
              },
            },
          },
        },
        backoff: {
          on: {
            BACKOFF_ELAPSED: [...resume],
            // The link came back: no need to wait out a network failure's delay; a server's own
            // delay (503, 429 Retry-After) is still honoured.
            NETWORK_UP: [
              { guard: and(['failedOnNetwork', 'retryDetermining']), target: 'determining' },
              { guard: and(['failedOnNetwork', 'retryRegistering']), target: 'checkpointing' },
              { guard: and(['failedOnNetwork', 'retrySmartCheckin']), target: 'smartCheckin' },
              { guard: 'failedOnNetwork', target: 'smartEnrolling' },
            ],
          },
        },
      },
    },
    managed: {
      initial: 'fetchingPolicy',
      states: {
        fetchingPolicy: {
          on: {
            POLICY_OK: 'idle',
            // Enrolled all the same: the failure is only shown in diagnostics.
            POLICY_FAILED: { target: 'idle', actions: { type: 'failed', params: 'POLICY_FAILED' } },
            // Refused policy (signature, pinned key, token, device ID, type): the error screen.
            POLICY_INVALID: { target: '#model.error', actions: { type: 'failed', params: 'POLICY_INVALID' } },
          },
        },
        idle: { type: 'final' },
      },
    },
    manual: {
      initial: 'waiting',
      states: {
        waiting: {
          on: { MANUAL_ENROLL: { target: 'enrolling', actions: assign({ manualEnrollErrorCode: null }) } },
        },
        enrolling: {
          on: {
            MANUAL_OK: {
              target: '#model.managed.fetchingPolicy',
              actions: assign({ manualEnrollErrorCode: null, enrolled: true }),
            },
            // A SMART domain enrollment gives no DM token.
            MANUAL_SMART_OK: {
              target: '#model.managed.idle',
              actions: assign({ manualEnrollErrorCode: null }),
            },
            MANUAL_FAILED: {
              target: 'waiting',
              actions: assign({ manualEnrollErrorCode: OUTCOME_ERROR_CODES.MANUAL_FAILED }),
            },
          },
        },
      },
    },
    error: {
      on: {
        RETRY: [
          // An enrolled device whose policy was refused only fetches its policy again.
          {
            guard: 'enrolled',
            target: 'managed.fetchingPolicy',
            actions: assign({ lastErrorCode: null, retryStep: null, retryAttempt: 0 }),
          },
          // Starts over from the identity; `reregister` is kept (an earlier register may have landed).
          {
            target: 'readingIdentity',
            actions: assign({ lastErrorCode: null, retryStep: null, retryAttempt: 0 }),
          },
        ],
        ENROLL_MANUALLY: { target: 'manual', actions: { type: 'toManual', params: 'user-chose-manual' } },
      },
    },
    // The error screen of a server that failed TLS verification (issue 17): the same screen for a
    // person (real state `error`), but asked again behind it after the backoff (machine.ts `error.after`).
    untrustedServer: {
      on: {
        BACKOFF_ELAPSED: [
          { guard: 'retryDetermining', target: 'automatic.determining' },
          { guard: 'retryRegistering', target: 'automatic.checkpointing' },
          { guard: 'retrySmartCheckin', target: 'automatic.smartCheckin' },
          { target: 'automatic.smartEnrolling' },
        ],
        // Never enrolled here (a policy fetch that fails TLS is shown in diagnostics only): starts over.
        RETRY: {
          target: 'readingIdentity',
          actions: assign({ lastErrorCode: null, retryStep: null, retryAttempt: 0 }),
        },
        ENROLL_MANUALLY: { target: 'manual', actions: { type: 'toManual', params: 'user-chose-manual' } },
      },
    },
  },
});
