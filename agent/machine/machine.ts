// The first-boot machine (DESIGN §6, issue 4): identity → eligibility → network → enrollment state →
// attestation registration → managed, or the manual screen (with why), or the error screen (with a
// code, Retry and "Enroll manually"). A parallel region toggles the Alt+V diagnostics from any state.
// Actors are contracts here; the runtime supplies real ones with `.provide()`.

import { assign, fromPromise, setup } from 'xstate';
import { retryDelayMs } from '../dm-client/index.ts';
import { classifyCode, toErrorInfo } from './classify.ts';
import { clockMessage, judgeClock } from './clock.ts';
import { CLOCK_POLL_MS, LINK_POLL_MS, RETRY_BASE_MS, RETRY_CAP_MS, SAFEGUARD_MS } from './delays.ts';
import type {
  ActorContracts,
  AgentContext,
  AgentEvent,
  Enrollment,
  MachineInput,
  ManualReason,
  RetryStep,
} from './types.ts';

/** A placeholder that fails loudly if the runtime forgot to provide the real actor. */
function contract<K extends keyof ActorContracts>(name: K) {
  return fromPromise<ActorContracts[K]['output'], ActorContracts[K]['input']>(async () => {
    throw Object.assign(new Error(`actor "${name}" was not provided`), { code: 'internal' });
  });
}

const errorOf = (event: unknown) => toErrorInfo((event as { error?: unknown }).error);
const classOf = (event: unknown) => classifyCode(errorOf(event).code);

export const agentMachine = setup({
  types: {
    context: {} as AgentContext,
    events: {} as AgentEvent,
    input: {} as MachineInput,
  },
  actors: {
    readIdentity: contract('readIdentity'),
    checkLink: contract('checkLink'),
    // A real default: the system clock, no server reference. The runtime provides one that also
    // compares with the server's Date header.
    checkClock: fromPromise<ActorContracts['checkClock']['output'], ActorContracts['checkClock']['input']>(
      async () => judgeClock(new Date(), null),
    ),
    checkAttestation: contract('checkAttestation'),
    fetchEnrollmentState: contract('fetchEnrollmentState'),
    registerDevice: contract('registerDevice'),
    fetchPolicy: contract('fetchPolicy'),
    smartCheckin: contract('smartCheckin'),
    smartEnroll: contract('smartEnroll'),
    manualEnroll: contract('manualEnroll'),
    checkpoint: contract('checkpoint'),
  },
  delays: {
    SAFEGUARD: SAFEGUARD_MS,
    LINK_POLL: LINK_POLL_MS,
    CLOCK_POLL: CLOCK_POLL_MS,
    RETRY_DELAY: ({ context }) => context.retry.delayMs,
  },
  guards: {
    bootManaged: ({ context }) => context.boot.kind === 'managed',
    bootTooManyAttempts: ({ context }) => context.boot.kind === 'too-many-attempts',
    notEligible: ({ context }) => context.identity !== null && !context.identity.eligible,
    isSmartDisplay: ({ context }) => context.identity?.deviceClass === 'smart-display',
    reregister: ({ context }) => context.reregister,
    hasDmToken: ({ context }) => (context.enrollment?.dmToken ?? '') !== '',
    retryable: ({ event }) => classOf(event) === 'retryable',
    failedOnNetwork: ({ context }) =>
      context.lastError?.code === 'network' || context.lastError?.code === 'timeout',
    terminalForZte: ({ event }) => classOf(event) === 'terminal-for-zte',
    // The server failed TLS verification (issue 17): nothing was sent; the error screen, retried behind it.
    untrustedServer: ({ event }) => classOf(event) === 'untrusted-server',
    // …except a certificate not valid yet, whose cause is the device clock: the clock screen.
    certificateNotYetValid: ({ event }) => errorOf(event).code === 'tls-cert-not-yet-valid',
    lastErrorUntrustedServer: ({ context }) =>
      context.lastError !== null && classifyCode(context.lastError.code) === 'untrusted-server',
    policyInvalid: ({ event }) => errorOf(event).code === 'policy-invalid',
    retryDetermining: ({ context }) => context.retry.step === 'determining',
    retryRegistering: ({ context }) => context.retry.step === 'registering',
    retrySmartCheckin: ({ context }) => context.retry.step === 'smartCheckin',
  },
  actions: {
    scheduleRetry: assign(({ context, event }, step: RetryStep) => {
      const info = errorOf(event);
      const attempt = context.retry.step === step ? context.retry.attempt + 1 : 1;
      const delayMs = retryDelayMs(attempt, {
        baseMs: RETRY_BASE_MS,
        capMs: RETRY_CAP_MS,
        random: context.random,
        ...(info.retryAfterMs !== undefined ? { retryAfterMs: info.retryAfterMs } : {}),
      });
      return { lastError: info, retry: { step, attempt, delayMs } };
    }),
    recordError: assign(({ event }) => ({ lastError: errorOf(event) })),
    toManual: assign((_, reason: ManualReason) => ({ manualReason: reason })),
  },
}).createMachine({
  id: 'agent',
  type: 'parallel',
  context: ({ input }) => ({
    boot: input.boot,
    random: input.random ?? Math.random,
    identity: null,
    enrollmentState: null,
    enrollment:
      input.boot.kind === 'managed'
        ? {
            managementDomain: input.boot.managed.managementDomain,
            orgUnitPath: input.boot.managed.orgUnitPath,
            dmToken: input.boot.managed.dmToken,
            policyKey: input.boot.managed.policyKey ?? null,
          }
        : null,
    policy: null,
    smartDomain: null,
    manualReason: null,
    lastError: null,
    retry: { step: null, attempt: 0, delayMs: 0 },
    reregister: input.boot.kind === 'retry-registration',
    manualEnrollError: null,
  }),
  states: {
    flow: {
      initial: 'booting',
      states: {
        booting: {
          always: [
            { guard: 'bootManaged', target: 'managed' },
            {
              guard: 'bootTooManyAttempts',
              target: 'manual',
              actions: { type: 'toManual', params: 'too-many-attempts' },
            },
            { target: 'readingIdentity' },
          ],
        },
        readingIdentity: {
          invoke: {
            src: 'readIdentity',
            onDone: {
              target: 'checkingEligibility',
              actions: assign({ identity: ({ event }) => event.output }),
            },
            onError: { target: 'error', actions: 'recordError' },
          },
        },
        checkingEligibility: {
          always: [
            {
              guard: 'notEligible',
              target: 'manual',
              actions: assign({
                manualReason: ({ context }) => context.identity?.reasons[0]?.code ?? 'model-not-listed',
              }),
            },
            { target: 'checkingClock' },
          ],
        },
        checkingClock: {
          invoke: {
            src: 'checkClock',
            onDone: [
              { guard: ({ event }) => event.output.ok, target: 'automatic' },
              {
                target: 'clockWrong',
                actions: assign({
                  lastError: ({ event }) => ({
                    code: 'clock',
                    message: event.output.ok ? '' : clockMessage(event.output),
                  }),
                }),
              },
            ],
            // A check that cannot run must not block enrollment: TLS will tell if the clock is off.
            onError: { target: 'automatic', actions: 'recordError' },
          },
        },
        // The distinct clock screen: re-checks on its own, so it recovers once the clock is right.
        clockWrong: {
          after: { CLOCK_POLL: 'checkingClock' },
          on: {
            RETRY: 'checkingClock',
            ENROLL_MANUALLY: { target: 'manual', actions: { type: 'toManual', params: 'user-chose-manual' } },
          },
        },
        automatic: {
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
              invoke: {
                src: 'checkLink',
                onDone: [{ guard: ({ event }) => event.output.up, target: 'routing' }, { target: 'offline' }],
                onError: { target: 'offline', actions: 'recordError' },
              },
            },
            offline: {
              after: { LINK_POLL: 'waitingForNetwork' },
              on: { NETWORK_UP: 'waitingForNetwork' },
            },
            routing: {
              always: [
                { guard: 'isSmartDisplay', target: 'smartCheckin' },
                { guard: 'reregister', target: 'checkingAttestation' },
                { target: 'determining' },
              ],
            },
            determining: {
              invoke: {
                src: 'fetchEnrollmentState',
                input: ({ context }) => ({ identity: requireIdentity(context) }),
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
                onError: [
                  {
                    guard: 'certificateNotYetValid',
                    target: '#agent.flow.clockWrong',
                    actions: { type: 'scheduleRetry', params: 'determining' },
                  },
                  {
                    guard: 'untrustedServer',
                    target: '#agent.flow.error',
                    actions: { type: 'scheduleRetry', params: 'determining' },
                  },
                  {
                    guard: 'retryable',
                    target: 'backoff',
                    actions: { type: 'scheduleRetry', params: 'determining' },
                  },
                  {
                    guard: 'terminalForZte',
                    target: '#agent.flow.manual',
                    actions: ['recordError', { type: 'toManual', params: 'not-pre-provisioned' }],
                  },
                  { target: '#agent.flow.error', actions: 'recordError' },
                ],
              },
            },
            checkingAttestation: {
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
            registering: {
              initial: 'checkpoint',
              states: {
                // Durably note "a registration may reach the server" before sending it, so a power cut
                // mid-request restarts with `reregister: true` and never costs a second licence.
                checkpoint: {
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
                  // Once a register request may have left, every later attempt (a retry, Retry on the
                  // error screen after the safeguard aborted it) must say `reregister: true`.
                  exit: assign({ reregister: true }),
                  invoke: {
                    src: 'registerDevice',
                    input: ({ context }) => ({
                      identity: requireIdentity(context),
                      reregister: context.reregister,
                      managementDomain: context.enrollmentState?.managementDomain ?? null,
                    }),
                    onDone: {
                      target: '#agent.flow.managed',
                      actions: assign({
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
                    onError: [
                      {
                        guard: 'certificateNotYetValid',
                        target: '#agent.flow.clockWrong',
                        actions: { type: 'scheduleRetry', params: 'registering' },
                      },
                      {
                        guard: 'untrustedServer',
                        target: '#agent.flow.error',
                        actions: { type: 'scheduleRetry', params: 'registering' },
                      },
                      {
                        guard: 'retryable',
                        target: '#agent.flow.automatic.backoff',
                        actions: { type: 'scheduleRetry', params: 'registering' },
                      },
                      {
                        guard: 'terminalForZte',
                        target: '#agent.flow.manual',
                        actions: ['recordError', { type: 'toManual', params: 'not-pre-provisioned' }],
                      },
                      { target: '#agent.flow.error', actions: 'recordError' },
                    ],
                  },
                },
              },
            },
            smartCheckin: {
              invoke: {
                src: 'smartCheckin',
                input: ({ context }) => ({ identity: requireIdentity(context) }),
                onDone: [
                  {
                    guard: ({ event }) => event.output.assignedDomain !== null,
                    target: 'smartEnrolling',
                    actions: assign({ smartDomain: ({ event }) => event.output.assignedDomain }),
                  },
                  { target: '#agent.flow.manual', actions: { type: 'toManual', params: 'smart-unassigned' } },
                ],
                onError: [
                  {
                    guard: 'certificateNotYetValid',
                    target: '#agent.flow.clockWrong',
                    actions: { type: 'scheduleRetry', params: 'smartCheckin' },
                  },
                  {
                    guard: 'untrustedServer',
                    target: '#agent.flow.error',
                    actions: { type: 'scheduleRetry', params: 'smartCheckin' },
                  },
                  {
                    guard: 'retryable',
                    target: 'backoff',
                    actions: { type: 'scheduleRetry', params: 'smartCheckin' },
                  },
                  { target: '#agent.flow.error', actions: 'recordError' },
                ],
              },
            },
            smartEnrolling: {
              invoke: {
                src: 'smartEnroll',
                input: ({ context }) => ({
                  identity: requireIdentity(context),
                  domain: context.smartDomain ?? '',
                }),
                onDone: {
                  target: '#agent.flow.managed',
                  actions: assign({ enrollment: ({ event }) => smartEnrollment(event.output.domain) }),
                },
                onError: [
                  {
                    guard: 'certificateNotYetValid',
                    target: '#agent.flow.clockWrong',
                    actions: { type: 'scheduleRetry', params: 'smartEnrolling' },
                  },
                  {
                    guard: 'untrustedServer',
                    target: '#agent.flow.error',
                    actions: { type: 'scheduleRetry', params: 'smartEnrolling' },
                  },
                  {
                    guard: 'retryable',
                    target: 'backoff',
                    actions: { type: 'scheduleRetry', params: 'smartEnrolling' },
                  },
                  { target: '#agent.flow.error', actions: 'recordError' },
                ],
              },
            },
            backoff: {
              after: { RETRY_DELAY: 'resuming' },
              // The link came back: no need to wait out a network failure's delay. A server's own
              // delay (503, 429 with Retry-After) is still honoured.
              on: { NETWORK_UP: { guard: 'failedOnNetwork', target: 'resuming' } },
            },
            resuming: {
              always: [
                { guard: 'retryDetermining', target: 'determining' },
                { guard: 'retryRegistering', target: 'registering' },
                { guard: 'retrySmartCheckin', target: 'smartCheckin' },
                { target: 'smartEnrolling' },
              ],
            },
          },
        },
        managed: {
          initial: 'routing',
          states: {
            // SMART displays have no DM token and no Chrome policy to fetch.
            routing: {
              always: [{ guard: 'hasDmToken', target: 'fetchingPolicy' }, { target: 'idle' }],
            },
            fetchingPolicy: {
              invoke: {
                src: 'fetchPolicy',
                input: ({ context }) => ({
                  dmToken: context.enrollment?.dmToken ?? '',
                  pinned: context.enrollment?.policyKey ?? null,
                }),
                onDone: {
                  target: 'idle',
                  actions: assign({
                    policy: ({ event }) => event.output,
                    // The key is pinned from now on; the policy names the domain (`managed_by`).
                    enrollment: ({ context, event }) =>
                      context.enrollment === null
                        ? null
                        : {
                            ...context.enrollment,
                            policyKey: event.output.pin,
                            managementDomain: event.output.managedBy ?? context.enrollment.managementDomain,
                            orgUnitPath: context.enrollment.orgUnitPath || (event.output.orgUnitPath ?? ''),
                          },
                  }),
                },
                onError: [
                  // Policy that does not verify against the pinned key is refused: the error screen.
                  { guard: 'policyInvalid', target: '#agent.flow.error', actions: 'recordError' },
                  // Enrollment is done; another policy fetch failure is shown in diagnostics, not fatal.
                  { target: 'idle', actions: 'recordError' },
                ],
              },
            },
            idle: { type: 'final' },
          },
        },
        manual: {
          initial: 'waiting',
          states: {
            waiting: {
              on: { MANUAL_ENROLL: { target: 'enrolling', actions: assign({ manualEnrollError: null }) } },
            },
            enrolling: {
              invoke: {
                src: 'manualEnroll',
                input: ({ context, event }) => ({
                  identity: context.identity,
                  request: (event as Extract<AgentEvent, { type: 'MANUAL_ENROLL' }>).request,
                  managementDomain: context.enrollmentState?.managementDomain ?? null,
                }),
                onDone: {
                  target: '#agent.flow.managed',
                  actions: assign({ enrollment: ({ event }) => event.output, manualEnrollError: null }),
                },
                onError: {
                  target: 'waiting',
                  actions: assign({ manualEnrollError: ({ event }) => toErrorInfo(event.error) }),
                },
              },
            },
          },
        },
        error: {
          // A server that failed TLS verification is asked again behind the error screen, with backoff
          // (a captive portal may be signed in later); the screen stays until it passes.
          after: {
            RETRY_DELAY: { guard: 'lastErrorUntrustedServer', target: '#agent.flow.automatic.resuming' },
          },
          on: {
            RETRY: [
              // An enrolled device (its policy was refused) only fetches its policy again.
              {
                guard: 'hasDmToken',
                target: 'managed',
                actions: assign({ lastError: null, retry: { step: null, attempt: 0, delayMs: 0 } }),
              },
              {
                target: 'readingIdentity',
                actions: assign({ lastError: null, retry: { step: null, attempt: 0, delayMs: 0 } }),
              },
            ],
            ENROLL_MANUALLY: { target: 'manual', actions: { type: 'toManual', params: 'user-chose-manual' } },
          },
        },
      },
    },
    diagnostics: {
      initial: 'closed',
      states: {
        closed: { on: { ALT_V: 'open' } },
        open: { on: { ALT_V: 'closed', CLOSE_DIAGNOSTICS: 'closed' } },
      },
    },
  },
});

function requireIdentity(context: AgentContext) {
  if (context.identity === null)
    throw Object.assign(new Error('identity not read yet'), { code: 'internal' });
  return context.identity;
}

function smartEnrollment(domain: string): Enrollment {
  return {
    managementDomain: domain,
    orgUnitPath: '/',
    dmToken: '',
    licenseConsumed: false,
    bundledLicense: false,
  };
}
