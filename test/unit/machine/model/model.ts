// A pure model of the first-boot machine (issue 4, item 7): the specification the real machine
// (agent/machine) is checked against by ../model-based.test.ts. Its words are in vocabulary.ts.
//
// @xstate/graph refuses machines with `invoke` or `after`, so this model has neither: its events are
// the OUTCOMES the real machine's actors, timers and users produce (`REGISTER_RETRYABLE`: the
// registerDevice actor rejected with a retryable code; `BACKOFF_ELAPSED`: the RETRY_DELAY timer
// fired; `RETRY`: the person pressed Retry). Every state of the model is one where the real machine
// rests: it waits for one actor, for a timer or for a person.
//
// Its shape differs from the real machine's (see REAL_FLOW_STATE), its behaviour does not.

import { and, assign, setup } from 'xstate';
import type { ManualReason, RetryStep } from '../../../../agent/machine/types.ts';
import {
  type ErrorOutcomeType,
  type ModelContext,
  type ModelEvent,
  NOT_ELIGIBLE_REASON,
  OUTCOME_ERROR_CODES,
} from './vocabulary.ts';

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
