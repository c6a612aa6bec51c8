// What the OOBE shows for a machine snapshot: the screen, its words, and what a person can do there.
// UI-neutral (the web page renders it; a terminal UI can too). Derived only from the snapshot and the
// locale, so every source of events (page, evdev, HID, terminal) sees the same screen. Every word comes
// from the message catalogs (agent/i18n) in that locale.

import {
  explainError,
  type ManualAdviceCode,
  manualAdvice,
  manualReasonText,
} from '../../diagnostics/words.ts';
import { DEFAULT_LOCALE, type Locale, type MessageKey, translate, translator } from '../../i18n/index.ts';
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
  /** The language every text of this model is in. */
  locale: Locale;
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
  /** The page's title: the screen's title and the product's name. */
  documentTitle: string;
  /** The header's line: the model and the serial number, as far as they are known. */
  deviceLine: string;
  message: string;
  detail: string | null;
  /** Checking (retrying): "Last error: … (code)" in words; null elsewhere. */
  retryNote: string | null;
  /** Enrolled: "Organisational unit: /…"; null elsewhere. */
  orgUnitText: string | null;
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

const CHECKING_STEPS: Readonly<Record<string, MessageKey>> = {
  booting: 'screen.step.booting',
  readingIdentity: 'screen.step.readingIdentity',
  checkingEligibility: 'screen.step.checkingEligibility',
  checkingClock: 'screen.step.checkingClock',
  'automatic.waitingForNetwork': 'screen.step.network',
  'automatic.routing': 'screen.step.network',
  'automatic.determining': 'screen.step.determining',
  'automatic.smartCheckin': 'screen.step.smartCheckin',
  'automatic.resuming': 'screen.step.resuming',
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

function screenError(code: string, rawMessage: string, locale: Locale): ScreenError {
  const e = explainError(code, rawMessage, locale);
  return { code, message: e.message, steps: [...e.steps] };
}

export function screenModelOf(snapshot: AgentSnapshot, locale: Locale = DEFAULT_LOCALE): ScreenModel {
  const body = screenBody(snapshot, locale);
  const { model, serialNumber } = body.device;
  const serial = serialNumber ? translate(locale, 'page.serialShort', { serial: serialNumber }) : null;
  return {
    ...body,
    documentTitle: translate(locale, 'page.documentTitle', { title: body.title }),
    // Model names stay as the table writes them, in either language.
    deviceLine: [model, serial].filter((part): part is string => part !== null).join(' · '),
  };
}

function screenBody(
  snapshot: AgentSnapshot,
  locale: Locale,
): Omit<ScreenModel, 'documentTitle' | 'deviceLine'> {
  const { t } = translator(locale);
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
    locale,
    state,
    diagnosticsOpen,
    device: {
      kind,
      manufacturer: identity?.manufacturer ?? null,
      model: identity?.model ?? null,
      serialNumber: identity?.serialNumber ?? null,
    },
    detail: null,
    retryNote: null,
    orgUnitText: null,
    error: null,
    enrolled: null,
    manual: null,
  } satisfies Partial<Omit<ScreenModel, 'documentTitle' | 'deviceLine'>>;

  switch (screen) {
    case 'checking': {
      if (state === 'automatic.backoff') {
        const seconds = Math.max(1, Math.round(ctx.retry.delayMs / 1000));
        const last = ctx.lastError;
        const error = last ? screenError(last.code, last.message, locale) : null;
        const attempt = ctx.retry.attempt;
        return {
          ...base,
          title: t('screen.checking.title', { thing }),
          message: error
            ? t('screen.backoff.messageAfterError', { error: error.message, seconds, attempt })
            : t('screen.backoff.message', { seconds, attempt }),
          detail: t('screen.backoff.detail'),
          retryNote: error
            ? t('screen.backoff.lastError', { message: error.message, code: error.code })
            : null,
          error,
        };
      }
      return {
        ...base,
        title: t('screen.checking.title', { thing }),
        message: t(CHECKING_STEPS[state] ?? 'screen.step.other'),
      };
    }
    case 'offline':
      return { ...base, title: t('screen.offline.title'), message: t('screen.offline.message') };
    case 'enrolling': {
      const domain = ctx.smartDomain ?? ctx.enrollmentState?.managementDomain ?? null;
      let message: string;
      if (state === 'manual.enrolling') message = t('screen.enrolling.manual');
      else if (state === 'automatic.checkingAttestation')
        message = domain
          ? t('screen.enrolling.attestationForDomain', { thing, domain })
          : t('screen.enrolling.attestation', { thing });
      else
        message = domain
          ? t('screen.enrolling.messageInDomain', { thing, domain })
          : t('screen.enrolling.message', { thing });
      return { ...base, title: t('screen.enrolling.title', { thing }), message };
    }
    case 'enrolled': {
      const e = ctx.enrollment;
      const domain = e?.managementDomain || t('screen.enrolled.yourOrganisation');
      return {
        ...base,
        title: t('screen.enrolled.title'),
        message: t('screen.enrolled.message', { domain }),
        detail: state === 'managed.fetchingPolicy' ? t('screen.enrolled.fetchingPolicy') : null,
        orgUnitText: e ? t('screen.enrolled.orgUnit', { orgUnit: e.orgUnitPath }) : null,
        enrolled: e ? { managementDomain: e.managementDomain, orgUnitPath: e.orgUnitPath } : null,
      };
    }
    case 'error': {
      const last = ctx.lastError ?? { code: 'internal', message: '' };
      const error = screenError(last.code, last.message, locale);
      const title = state === 'clockWrong' ? t('screen.error.clockTitle') : t('screen.error.title');
      return { ...base, title, message: error.message, error };
    }
    case 'manual': {
      const methods: ManualMethod[] =
        kind === 'smart-display'
          ? ['smart-domain']
          : kind === 'chrome'
            ? ['credentials', 'enrollment-token']
            : ['credentials', 'enrollment-token', 'smart-domain'];
      const reasonText = manualReasonText(ctx.manualReason, identity, locale);
      const advice = manualAdvice(ctx.manualReason, locale);
      const failed = ctx.manualEnrollError;
      return {
        ...base,
        title: t('screen.manual.title', { thing }),
        message: reasonText,
        error: failed ? screenError(failed.code, failed.message, locale) : null,
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
