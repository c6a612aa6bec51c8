// Where a boot ends (DESIGN §6): managed (then the device policy), the manual enrollment screen (with
// why, and manual enrollment from it), or the error screen (with a code, Retry and "Enroll manually").
// Their states carry the `outcome:*` tags; the ones a person waits on are `settled`.

import { assign } from 'xstate';
import { errorOf, machineSetup } from './setup.ts';
import type { AgentEvent } from './types.ts';

export const managed = machineSetup.createStateConfig({
  tags: ['outcome:managed'],
  initial: 'routing',
  states: {
    // SMART displays have no DM token and no Chrome policy to fetch.
    routing: {
      tags: ['screen:enrolled'],
      always: [{ guard: 'hasDmToken', target: 'fetchingPolicy' }, { target: 'idle' }],
    },
    fetchingPolicy: {
      tags: ['screen:enrolled', 'fetching-policy'],
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
    idle: { tags: ['screen:enrolled', 'settled'], type: 'final' },
  },
});

export const manual = machineSetup.createStateConfig({
  tags: ['outcome:manual'],
  initial: 'waiting',
  states: {
    waiting: {
      tags: ['screen:manual', 'settled'],
      on: { MANUAL_ENROLL: { target: 'enrolling', actions: assign({ manualEnrollError: null }) } },
    },
    enrolling: {
      tags: ['screen:enrolling'],
      invoke: {
        src: 'manualEnroll',
        input: ({ context, event }) => ({
          identity: context.identity,
          request: (event as Extract<AgentEvent, { type: 'MANUAL_ENROLL' }>).request,
          managementDomain: context.enrollmentState?.managementDomain ?? null,
          ethernetMac: context.ethernetMac,
          smartModelNumber: context.smartModelNumber,
        }),
        onDone: {
          target: '#agent.flow.managed',
          actions: assign({ enrollment: ({ event }) => event.output, manualEnrollError: null }),
        },
        onError: {
          target: 'waiting',
          actions: assign({ manualEnrollError: ({ event }) => errorOf(event) }),
        },
      },
    },
  },
});

export const error = machineSetup.createStateConfig({
  tags: ['screen:error', 'settled', 'outcome:error'],
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
});
