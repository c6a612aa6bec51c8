// What the OOBE shows for a machine snapshot: the screen, its words, and what a person can do there.
// UI-neutral (the web page renders it; a terminal UI can too). Derived only from the snapshot, so
// every source of events (page, evdev, HID, terminal) sees the same screen.

import {
  explainError,
  type ManualAdviceCode,
  manualAdvice,
  manualReasonText,
} from '../../diagnostics/words.ts';
import type { AgentSnapshot } from '../../runtime/agent.ts';
import { flowStateOf } from '../../runtime/outcome.ts';

export type ScreenName = 'checking' | 'offline' | 'enrolling' | 'enrolled' | 'error' | 'manual';
export type ManualMethod = 'credentials' | 'enrollment-token' | 'smart-domain';

export interface ScreenError {
  code: string;
  /** Plain-language sentence. */
  message: string;
  /** What to do, in order (the seed's troubleshooting advice where it has some). */
  steps: string[];
}

export interface ScreenModel {
  screen: ScreenName;
  /** The machine's flow state, e.g. `automatic.determining`. */
  state: string;
  diagnosticsOpen: boolean;
  device: {
    kind: 'chrome' | 'smart-display' | 'unknown';
    manufacturer: string | null;
    model: string | null;
    serialNumber: string | null;
  };
  title: string;
  message: string;
  detail: string | null;
  /** The error screen's error; on other screens the error being retried or the manual attempt's. */
  error: ScreenError | null;
  enrolled: { managementDomain: string; orgUnitPath: string } | null;
  manual: {
    reason: string | null;
    reasonText: string;
    /** The seed's next steps for this reason (e.g. Alt+V, then support), or null. */
    advice: { code: ManualAdviceCode; steps: string[] } | null;
    methods: ManualMethod[];
  } | null;
}

const CHECKING_STEPS: Readonly<Record<string, string>> = {
  booting: 'Starting…',
  readingIdentity: 'Reading this device’s identity…',
  checkingEligibility: 'Checking that this device supports zero-touch enrollment…',
  checkingClock: 'Checking the device’s date and time…',
  'automatic.waitingForNetwork': 'Checking the network connection…',
  'automatic.routing': 'Checking the network connection…',
  'automatic.determining': 'Asking the enrollment server whether this device is pre-provisioned…',
  'automatic.smartCheckin': 'Asking SMART Remote Management whether this display is assigned to a domain…',
  'automatic.resuming': 'Trying again…',
};

/** Flow states that show the error screen (Retry and "Enroll manually"): the error, and a wrong clock. */
export const ERROR_STATES: ReadonlySet<string> = new Set(['error', 'clockWrong']);

function screenOf(state: string): ScreenName {
  if (ERROR_STATES.has(state)) return 'error';
  if (state === 'automatic.offline') return 'offline';
  if (state.startsWith('managed')) return 'enrolled';
  if (state === 'manual.enrolling') return 'enrolling';
  if (state.startsWith('manual')) return 'manual';
  if (
    state === 'automatic.checkingAttestation' ||
    state.startsWith('automatic.registering') ||
    state === 'automatic.smartEnrolling'
  ) {
    return 'enrolling';
  }
  return 'checking';
}

function screenError(code: string, rawMessage: string): ScreenError {
  const e = explainError(code, rawMessage);
  return { code, message: e.message, steps: [...e.steps] };
}

export function screenModelOf(snapshot: AgentSnapshot): ScreenModel {
  const state = flowStateOf(snapshot.value);
  const ctx = snapshot.context;
  const identity = ctx.identity;
  const kind =
    identity === null ? 'unknown' : identity.deviceClass === 'smart-display' ? 'smart-display' : 'chrome';
  const thing = kind === 'smart-display' ? 'display' : 'device';
  const screen = screenOf(state);
  const diagnosticsOpen = (snapshot.value as { diagnostics?: unknown }).diagnostics === 'open';
  const base = {
    screen,
    state,
    diagnosticsOpen,
    device: {
      kind,
      manufacturer: identity?.manufacturer ?? null,
      model: identity?.model ?? null,
      serialNumber: identity?.serialNumber ?? null,
    },
    detail: null,
    error: null,
    enrolled: null,
    manual: null,
  } satisfies Partial<ScreenModel>;

  switch (screen) {
    case 'checking': {
      if (state === 'automatic.backoff') {
        const seconds = Math.max(1, Math.round(ctx.retry.delayMs / 1000));
        const last = ctx.lastError;
        const error = last ? screenError(last.code, last.message) : null;
        const lead = error ? `${error.message} ` : '';
        return {
          ...base,
          title: `Getting this ${thing} ready`,
          message: `${lead}Trying again in ${seconds} s (attempt ${ctx.retry.attempt}).`,
          detail: 'Nothing needs to be done while the device retries.',
          error,
        };
      }
      return {
        ...base,
        title: `Getting this ${thing} ready`,
        message: CHECKING_STEPS[state] ?? 'Checking…',
      };
    }
    case 'offline':
      return {
        ...base,
        title: 'No network connection',
        message: 'Connect a network cable or join a Wi-Fi network. The device checks again by itself.',
      };
    case 'enrolling': {
      const domain = ctx.smartDomain ?? ctx.enrollmentState?.managementDomain ?? null;
      let message: string;
      if (state === 'manual.enrolling') message = 'Enrolling with the details you entered…';
      else if (state === 'automatic.checkingAttestation')
        message = `This ${thing} is pre-provisioned${domain ? ` for ${domain}` : ''}. Checking its attestation key…`;
      else message = `Enrolling this ${thing}${domain ? ` in ${domain}` : ''}…`;
      return { ...base, title: `Enrolling your ${thing}`, message };
    }
    case 'enrolled': {
      const e = ctx.enrollment;
      const domain = e?.managementDomain || 'your organisation';
      return {
        ...base,
        title: 'Enrollment complete',
        message: `This device is managed by ${domain}`,
        detail: state === 'managed.fetchingPolicy' ? 'Fetching the device policy…' : null,
        enrolled: e ? { managementDomain: e.managementDomain, orgUnitPath: e.orgUnitPath } : null,
      };
    }
    case 'error': {
      const last = ctx.lastError ?? { code: 'internal', message: '' };
      const error = screenError(last.code, last.message);
      const title = state === 'clockWrong' ? 'Check the date and time' : 'Enrollment failed';
      return { ...base, title, message: error.message, error };
    }
    case 'manual': {
      const methods: ManualMethod[] =
        kind === 'smart-display'
          ? ['smart-domain']
          : kind === 'chrome'
            ? ['credentials', 'enrollment-token']
            : ['credentials', 'enrollment-token', 'smart-domain'];
      const reasonText = manualReasonText(ctx.manualReason, identity);
      const advice = manualAdvice(ctx.manualReason);
      const failed = ctx.manualEnrollError;
      return {
        ...base,
        title: kind === 'smart-display' ? 'Enroll this display' : 'Enroll this device manually',
        message: reasonText,
        error: failed ? screenError(failed.code, failed.message) : null,
        manual: {
          reason: ctx.manualReason,
          reasonText,
          advice: advice ? { code: advice.code, steps: [...advice.steps] } : null,
          methods,
        },
      };
    }
  }
}
