// The automatic check (DESIGN §6): network → enrollment state → attestation → registration, or the
// SMART display check-in and enrollment, with backoff for retryable failures. A 90 s safeguard bounds
// it. Each leaf is tagged with its screen (see tags.ts); checking steps name their words in `meta`.

import { assign } from 'xstate';
import { SAFEGUARD_MS } from './delays.ts';
import { machineSetup, requireIdentity } from './setup.ts';
import type { Enrollment, RetryStep } from './types.ts';

/** Where a failed server call goes: the clock screen, the error screen, backoff, manual, or error. */
function serverFailure(step: RetryStep, backoff: string, notPreProvisionedToManual: boolean) {
  const retry = { type: 'scheduleRetry', params: step } as const;
  return [
    { guard: 'certificateNotYetValid', target: '#agent.flow.clockWrong', actions: [retry] } as const,
    { guard: 'clockSkewedOnAnswer', target: '#agent.flow.clockWrong', actions: ['recordError'] } as const,
    { guard: 'untrustedServer', target: '#agent.flow.error', actions: [retry] } as const,
    { guard: 'retryable', target: backoff, actions: [retry] } as const,
    ...(notPreProvisionedToManual
      ? [
          {
            guard: 'terminalForZte',
            target: '#agent.flow.manual',
            actions: ['recordError', { type: 'toManual', params: 'not-pre-provisioned' }],
          } as const,
        ]
      : []),
    { target: '#agent.flow.error', actions: ['recordError'] } as const,
  ];
}

/** As serverFailure, for the register request: a status code settles the registration in flight. */
function registrationFailure() {
  return serverFailure('registering', '#agent.flow.automatic.backoff', true).map((t) => ({
    ...t,
    actions: ['registrationFailed' as const, ...t.actions],
  }));
}

const registering = machineSetup.createStateConfig({
  initial: 'checkpoint',
  states: {
    // Durably note "a registration may reach the server" before sending it, so a power cut
    // mid-request restarts with `reregister: true` and never costs a second licence.
    checkpoint: {
      tags: ['screen:enrolling', 'registration-checkpoint'],
      entry: assign({ registrationInFlight: true }),
      invoke: {
        src: 'checkpoint',
        input: ({ context }) => ({
          phase: 'registering' as const,
          reregister: context.reregister,
        }),
        onDone: 'sending',
        // A read-only or full state dir must not block enrollment: carry on, diagnostics say why.
        onError: { target: 'sending', actions: 'recordError' },
      },
    },
    sending: {
      tags: ['screen:enrolling', 'registration-sending'],
      // Once a register request may have left, every later attempt (a retry, Retry on the
      // error screen after the safeguard aborted it) must say `reregister: true`.
      exit: assign({ reregister: true }),
      invoke: {
        src: 'registerDevice',
        input: ({ context }) => ({
          identity: requireIdentity(context),
          reregister: context.reregister,
          managementDomain: context.enrollmentState?.managementDomain ?? null,
          ethernetMac: context.ethernetMac,
        }),
        onDone: {
          target: '#agent.flow.managed',
          actions: assign({
            registrationInFlight: false,
            // The domain is the state answer's (the policy's `managed_by` confirms it).
            enrollment: ({ context, event }): Enrollment => ({
              managementDomain: context.enrollmentState?.managementDomain ?? '',
              orgUnitPath: event.output.orgUnitPath ?? context.enrollmentState?.orgUnitPath ?? '',
              dmToken: event.output.dmToken,
              policyKey: null,
              ...(event.output.licenseConsumed !== null
                ? { licenseConsumed: event.output.licenseConsumed }
                : {}),
              ...(event.output.bundledLicense !== null
                ? { bundledLicense: event.output.bundledLicense }
                : {}),
            }),
          }),
        },
        onError: registrationFailure(),
      },
    },
  },
});

export const automatic = machineSetup.createStateConfig({
  tags: ['automatic-check'],
  initial: 'waitingForNetwork',
  after: {
    SAFEGUARD: {
      target: 'error',
      actions: assign({
        lastError: ({ context }) => ({
          code: 'safeguard-timeout',
          message: `The automatic enrollment check did not finish within ${SAFEGUARD_MS / 1000} s.${
            context.lastError ? ` Last error: ${context.lastError.code}.` : ''
          }`,
        }),
      }),
    },
  },
  states: {
    waitingForNetwork: {
      tags: ['screen:checking'],
      meta: { step: 'screen.step.network' },
      invoke: {
        src: 'checkLink',
        onDone: [{ guard: ({ event }) => event.output.up, target: 'routing' }, { target: 'offline' }],
        onError: { target: 'offline', actions: 'recordError' },
      },
    },
    offline: {
      tags: ['screen:offline'],
      after: { LINK_POLL: 'waitingForNetwork' },
      on: { NETWORK_UP: 'waitingForNetwork' },
    },
    routing: {
      tags: ['screen:checking'],
      meta: { step: 'screen.step.network' },
      always: [
        { guard: 'isSmartDisplay', target: 'smartCheckin' },
        { guard: 'reregister', target: 'checkingAttestation' },
        { target: 'determining' },
      ],
    },
    determining: {
      tags: ['screen:checking'],
      meta: { step: 'screen.step.determining' },
      invoke: {
        src: 'fetchEnrollmentState',
        input: ({ context }) => ({ identity: requireIdentity(context), judgeClock: context.clockUnverified }),
        onDone: [
          {
            guard: ({ event }) => event.output.mode === 'zero-touch-enforced',
            target: 'checkingAttestation',
            actions: assign({ enrollmentState: ({ event }) => event.output }),
          },
          {
            guard: ({ event }) => event.output.mode === 'enrollment-enforced',
            target: '#agent.flow.manual',
            actions: [
              assign({ enrollmentState: ({ event }) => event.output }),
              { type: 'toManual', params: 'enrollment-enforced' },
            ],
          },
          {
            guard: ({ event }) => event.output.mode === 'token-enrollment-enforced',
            target: '#agent.flow.manual',
            actions: [
              assign({ enrollmentState: ({ event }) => event.output }),
              { type: 'toManual', params: 'token-enrollment-enforced' },
            ],
          },
          {
            guard: ({ event }) => event.output.mode === 'disabled',
            target: '#agent.flow.manual',
            actions: [
              assign({ enrollmentState: ({ event }) => event.output }),
              { type: 'toManual', params: 'zero-touch-disabled' },
            ],
          },
          {
            target: '#agent.flow.manual',
            actions: [
              assign({ enrollmentState: ({ event }) => event.output }),
              { type: 'toManual', params: 'not-pre-provisioned' },
            ],
          },
        ],
        onError: serverFailure('determining', 'backoff', true),
      },
    },
    checkingAttestation: {
      tags: ['screen:enrolling', 'attesting'],
      invoke: {
        src: 'checkAttestation',
        onDone: [
          { guard: ({ event }) => event.output.available, target: 'registering' },
          {
            target: '#agent.flow.manual',
            actions: [
              assign({
                lastError: ({ event }) => ({
                  code: 'attestation-unavailable',
                  message: event.output.available ? '' : event.output.reason,
                }),
              }),
              { type: 'toManual', params: 'attestation-unavailable' },
            ],
          },
        ],
        onError: {
          target: '#agent.flow.manual',
          actions: ['recordError', { type: 'toManual', params: 'attestation-unavailable' }],
        },
      },
    },
    registering,
    smartCheckin: {
      tags: ['screen:checking'],
      meta: { step: 'screen.step.smartCheckin' },
      invoke: {
        src: 'smartCheckin',
        input: ({ context }) => ({
          identity: requireIdentity(context),
          smartModelNumber: context.smartModelNumber,
          judgeClock: context.clockUnverified,
        }),
        onDone: [
          {
            guard: ({ event }) => event.output.assignedDomain !== null,
            target: 'smartEnrolling',
            actions: assign({ smartDomain: ({ event }) => event.output.assignedDomain }),
          },
          { target: '#agent.flow.manual', actions: { type: 'toManual', params: 'smart-unassigned' } },
        ],
        onError: serverFailure('smartCheckin', 'backoff', false),
      },
    },
    smartEnrolling: {
      tags: ['screen:enrolling'],
      invoke: {
        src: 'smartEnroll',
        input: ({ context }) => ({
          identity: requireIdentity(context),
          domain: context.smartDomain ?? '',
          smartModelNumber: context.smartModelNumber,
        }),
        onDone: {
          target: '#agent.flow.managed',
          actions: assign({ enrollment: ({ event }) => smartEnrollment(event.output.domain) }),
        },
        onError: serverFailure('smartEnrolling', 'backoff', false),
      },
    },
    backoff: {
      tags: ['screen:checking', 'retrying'],
      after: { RETRY_DELAY: 'resuming' },
      // The link came back: no need to wait out a network failure's delay. A server's own
      // delay (503, 429 with Retry-After) is still honoured.
      on: { NETWORK_UP: { guard: 'failedOnNetwork', target: 'resuming' } },
    },
    resuming: {
      tags: ['screen:checking'],
      meta: { step: 'screen.step.resuming' },
      always: [
        { guard: 'retryDetermining', target: 'determining' },
        { guard: 'retryRegistering', target: 'registering' },
        { guard: 'retrySmartCheckin', target: 'smartCheckin' },
        { target: 'smartEnrolling' },
      ],
    },
  },
});

function smartEnrollment(domain: string): Enrollment {
  return {
    managementDomain: domain,
    orgUnitPath: '/',
    dmToken: '',
    licenseConsumed: false,
    bundledLicense: false,
  };
}
