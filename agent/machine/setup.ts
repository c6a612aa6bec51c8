// The machine's setup (DESIGN §6): its types, the actor contracts (placeholders the runtime replaces
// with `.provide()`), named delays, guards and actions. The states are in automatic.ts, outcomes.ts and
// machine.ts; all of them build on `machineSetup`.

import { assign, fromPromise, setup } from 'xstate';
import { retryDelayMs } from '../dm-client/index.ts';
import { classifyCode, toErrorInfo } from './classify.ts';
import { judgeClock } from './clock.ts';
import { CLOCK_POLL_MS, LINK_POLL_MS, RETRY_BASE_MS, RETRY_CAP_MS, SAFEGUARD_MS } from './delays.ts';
import type { Tag } from './tags.ts';
import type {
  ActorContracts,
  AgentContext,
  AgentEvent,
  FlowMeta,
  IdentityReading,
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

export const errorOf = (event: unknown) => toErrorInfo((event as { error?: unknown }).error);
const classOf = (event: unknown) => classifyCode(errorOf(event).code);

/** The reading a `readIdentity` actor gave, whichever of its two shapes it used. */
export function readingOf(output: ActorContracts['readIdentity']['output']): IdentityReading {
  return 'report' in output ? output : { report: output, ethernetMac: null, smartModelNumber: null };
}

export const machineSetup = setup({
  types: {
    context: {} as AgentContext,
    events: {} as AgentEvent,
    input: {} as MachineInput,
    tags: {} as Tag,
    meta: {} as FlowMeta,
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
    // A DM answer's Date header showed the clock the probe could not check to be off (clock.ts).
    clockSkewedOnAnswer: ({ event }) => errorOf(event).code === 'clock',
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
    // A status code is the server's verdict on the registration; without one (network, timeout) the
    // request may still have landed, so it stays in flight.
    registrationFailed: assign(({ context, event }) => ({
      registrationInFlight: errorOf(event).httpStatus === undefined ? context.registrationInFlight : false,
    })),
  },
});

/** The machine's context at start, from its input. */
export function initialContext(input: MachineInput): AgentContext {
  return {
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
    registrationInFlight: input.registrationInFlight ?? input.boot.kind === 'retry-registration',
    clockUnverified: false,
    ethernetMac: null,
    smartModelNumber: null,
    manualEnrollError: null,
  };
}

export function requireIdentity(context: AgentContext) {
  if (context.identity === null)
    throw Object.assign(new Error('identity not read yet'), { code: 'internal' });
  return context.identity;
}
