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
import { DEFAULT_LOCALE, type Locale, translate, translator } from '../../i18n/index.ts';
import type { Screen } from '../../machine/tags.ts';
import { type AgentSnapshot, diagnosticsOpen, flowStatesWithTag, view } from '../../machine/view.ts';

/** The screens of the page: the machine's, its clock screen shown as an error screen. */
export type ScreenName = Exclude<Screen, 'clock'>;
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

/**
 * Flow states that show the error screen (Retry and "Enroll manually"): the error, and a wrong clock.
 * Derived from the machine's screen tags.
 */
export const ERROR_STATES: ReadonlySet<string> = new Set([
  ...flowStatesWithTag('screen:error'),
  ...flowStatesWithTag('screen:clock'),
]);

/** The page shows the machine's clock screen as an error screen with its own title. */
function screenNameOf(screen: Screen): ScreenName {
  return screen === 'clock' ? 'error' : screen;
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
  const flow = view(snapshot);
  const state = flow.flowState;
  const ctx = snapshot.context;
  const identity = ctx.identity;
  const kind =
    identity === null ? 'unknown' : identity.deviceClass === 'smart-display' ? 'smart-display' : 'chrome';
  const thing = kind === 'smart-display' ? 'display' : 'device';
  const screen = screenNameOf(flow.screen);
  const base = {
    screen,
    locale,
    state,
    diagnosticsOpen: diagnosticsOpen(snapshot),
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
      if (flow.tags.has('retrying')) {
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
        message: t(flow.step ?? 'screen.step.other'),
      };
    }
    case 'offline':
      return { ...base, title: t('screen.offline.title'), message: t('screen.offline.message') };
    case 'enrolling': {
      const domain = ctx.smartDomain ?? ctx.enrollmentState?.managementDomain ?? null;
      let message: string;
      if (flow.outcome === 'manual') message = t('screen.enrolling.manual');
      else if (flow.tags.has('attesting'))
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
        detail: flow.tags.has('fetching-policy') ? t('screen.enrolled.fetchingPolicy') : null,
        orgUnitText: e ? t('screen.enrolled.orgUnit', { orgUnit: e.orgUnitPath }) : null,
        enrolled: e ? { managementDomain: e.managementDomain, orgUnitPath: e.orgUnitPath } : null,
      };
    }
    case 'error': {
      const last = ctx.lastError ?? { code: 'internal', message: '' };
      const error = screenError(last.code, last.message, locale);
      const title = flow.screen === 'clock' ? t('screen.error.clockTitle') : t('screen.error.title');
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
