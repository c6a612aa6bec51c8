// The first-boot machine (DESIGN §6, issue 4): identity → eligibility → clock → the automatic check
// (automatic.ts) → managed, or the manual screen (with why), or the error screen (with a code, Retry
// and "Enroll manually") (outcomes.ts). A parallel region toggles the Alt+V diagnostics from any state.
// Actors are contracts here (setup.ts); the runtime supplies real ones with `.provide()`. Screens,
// "settled" and outcomes are tags of the states (tags.ts); view.ts reads them.

import { assign } from 'xstate';
import { automatic } from './automatic.ts';
import { clockMessage } from './clock.ts';
import { error, managed, manual } from './outcomes.ts';
import { initialContext, machineSetup, readingOf } from './setup.ts';
import { INITIAL_FLOW_STATE } from './tags.ts';

export const agentMachine = machineSetup.createMachine({
  id: 'agent',
  type: 'parallel',
  context: ({ input }) => initialContext(input),
  states: {
    flow: {
      initial: INITIAL_FLOW_STATE,
      states: {
        [INITIAL_FLOW_STATE]: {
          tags: ['screen:checking'],
          meta: { step: 'screen.step.booting' },
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
          tags: ['screen:checking'],
          meta: { step: 'screen.step.readingIdentity' },
          invoke: {
            src: 'readIdentity',
            onDone: {
              target: 'checkingEligibility',
              actions: assign(({ event }) => {
                const { report, ethernetMac, smartModelNumber } = readingOf(event.output);
                return { identity: report, ethernetMac, smartModelNumber };
              }),
            },
            onError: { target: 'error', actions: 'recordError' },
          },
        },
        checkingEligibility: {
          tags: ['screen:checking'],
          meta: { step: 'screen.step.checkingEligibility' },
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
          tags: ['screen:checking'],
          meta: { step: 'screen.step.checkingClock' },
          invoke: {
            src: 'checkClock',
            onDone: [
              {
                guard: ({ event }) => event.output.ok,
                target: 'automatic',
                actions: assign({
                  clockUnverified: ({ event }) => event.output.ok && event.output.unverified === true,
                }),
              },
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
            onError: {
              target: 'automatic',
              actions: ['recordError', assign({ clockUnverified: true })],
            },
          },
        },
        // The distinct clock screen: re-checks on its own, so it recovers once the clock is right.
        clockWrong: {
          tags: ['screen:clock', 'settled', 'outcome:error'],
          after: { CLOCK_POLL: 'checkingClock' },
          on: {
            RETRY: 'checkingClock',
            ENROLL_MANUALLY: { target: 'manual', actions: { type: 'toManual', params: 'user-chose-manual' } },
          },
        },
        automatic,
        managed,
        manual,
        error,
      },
    },
    diagnostics: {
      initial: 'closed',
      states: {
        closed: { on: { ALT_V: 'open' } },
        open: { tags: ['diagnostics-open'], on: { ALT_V: 'closed', CLOSE_DIAGNOSTICS: 'closed' } },
      },
    },
  },
});
