// Plain-language words for the codes a person meets on the OOBE screens and in the Alt+V overlay:
// the DM client's advice table (seed 000's troubleshooting section) for its codes, and our own words
// for the agent's other codes (manual-enrollment logins, SMART Remote Management, the safeguard).
// Every sentence comes from the message catalogs (agent/i18n), in the locale asked for (English by
// default: logs, bundles and `agent identify --json` keep English).

import { type AdviceCode, adviceFor, DM_ERROR_CODES } from '../dm-client/index.ts';
import { DEFAULT_LOCALE, type Locale, type MessageKey, translate } from '../i18n/index.ts';
import { GMAIL_ADMIN_CODE } from '../identity/admin-account.ts';
import { type Reason, type ReasonCode, reasonText } from '../identity/reasons.ts';
import type { IdentityReport } from '../identity/report.ts';
import type { ManualReason } from '../machine/types.ts';

export interface Explanation {
  /** One sentence: what happened. */
  message: string;
  /** What to do, in order. */
  steps: readonly string[];
}

const ALT_V = 'explain.step.altV';
const MANUAL = 'explain.step.manual';
const RETRY = 'explain.step.retry';

const ADVICE_CODES = new Set<string>([...DM_ERROR_CODES, 'attestation-unavailable']);

/** Codes with our own words: `explain.<code>.message` and these steps. */
const OTHER_STEPS = {
  clock: ['explain.clock.1', RETRY, MANUAL],
  'safeguard-timeout': ['explain.safeguard-timeout.1', RETRY, ALT_V, MANUAL],
  'invalid-credentials': ['explain.invalid-credentials.1', 'explain.invalid-credentials.2'],
  [GMAIL_ADMIN_CODE]: ['explain.gmail-admin-account.1', 'explain.gmail-admin-account.2'],
  // Seed 002: after the 30-day trial the domain must be activated with credits. A product key is claimed
  // in SMART Admin Portal and redeemed in SMART Remote Management Billing.
  'smart-domain-not-activated': [
    'explain.smart-domain-not-activated.1',
    'explain.smart-domain-not-activated.2',
    'explain.smart-domain-not-activated.3',
    RETRY,
  ],
  'smart-activation-pending': [
    'explain.smart-activation-pending.1',
    'explain.smart-activation-pending.2',
    RETRY,
  ],
  'smart-unknown-domain': ['explain.smart-unknown-domain.1'],
  'smart-display-conflict': ['explain.smart-display-conflict.1'],
  'request-rejected': ['explain.request-rejected.1', ALT_V],
  'state-write-failed': ['explain.state-write-failed.1', ALT_V],
  internal: [RETRY, ALT_V, MANUAL],
} as const satisfies Readonly<Record<string, readonly MessageKey[]>>;

type OtherCode = keyof typeof OTHER_STEPS;

function isOtherCode(code: string): code is OtherCode {
  return Object.hasOwn(OTHER_STEPS, code);
}

const steps = (keys: readonly MessageKey[], locale: Locale) => keys.map((key) => translate(locale, key));

/**
 * What an error code means for a person, and what to do, in `locale`; `fallback` is the error's own
 * message (English, from the layer that raised it): shown as the sentence in English for a code we have
 * no words for, and for the clock check (its sentence names the wrong time).
 */
export function explainError(code: string, fallback = '', locale: Locale = DEFAULT_LOCALE): Explanation {
  if (ADVICE_CODES.has(code)) {
    const advice = adviceFor(code as AdviceCode, locale);
    return { message: advice.message, steps: advice.steps };
  }
  const ownSentence = locale === 'en' && fallback.trim() !== '';
  if (isOtherCode(code)) {
    const message = code === 'clock' && ownSentence ? fallback : translate(locale, `explain.${code}.message`);
    return { message, steps: steps(OTHER_STEPS[code], locale) };
  }
  return {
    message: ownSentence ? fallback : translate(locale, 'explain.unknown', { code }),
    steps: steps([RETRY, ALT_V, MANUAL], locale),
  };
}

/** The advice of a code as one paragraph (the `advice` of `/api/diagnostics`'s `lastError`). */
export function adviceText(code: string, fallback = '', locale: Locale = DEFAULT_LOCALE): string {
  return explainError(code, fallback, locale).steps.join(' ');
}

/** Manual-screen reasons that are not identity reasons: their sentence is `manual.reason.<reason>`. */
const MANUAL_REASONS: Readonly<
  Record<Exclude<ManualReason, IdentityReport['reasons'][number]['code']>, true>
> = {
  'not-pre-provisioned': true,
  'enrollment-enforced': true,
  'token-enrollment-enforced': true,
  'zero-touch-disabled': true,
  'attestation-unavailable': true,
  'too-many-attempts': true,
  'smart-unassigned': true,
  'user-chose-manual': true,
};

/** Stable codes of the manual screen's advice (the texts are the seed's troubleshooting steps). */
export type ManualAdviceCode = 'check-eligibility-alt-v' | 'check-with-partner';

export interface ManualAdvice {
  code: ManualAdviceCode;
  /** What to do, in order. */
  steps: readonly string[];
}

/**
 * Seed 000, "Résoudre les problèmes…": « L'appareil n'est pas identifié comme compatible avec
 * l'enregistrement sans contact » → check with Alt+V during the initial setup that it is
 * pre-provisioned and compatible, then contact support; « L'appareil n'est pas listé comme
 * pré-provisionné » → check with the pre-provisioning partner, then support. French: the seed's words.
 */
const MANUAL_ADVICE: Readonly<Record<ManualAdviceCode, readonly MessageKey[]>> = {
  'check-eligibility-alt-v': [
    'manual.advice.check-eligibility-alt-v.1',
    'manual.advice.check-eligibility-alt-v.2',
  ],
  'check-with-partner': ['manual.advice.check-with-partner.1', 'manual.advice.check-with-partner.2'],
};

/** Identity reason codes (DESIGN §4): the device was not identified as zero-touch compatible. */
const INELIGIBLE_REASONS: Readonly<Record<ReasonCode, true>> = {
  'model-not-listed': true,
  'made-before-cutoff': true,
  'manufacture-date-unknown': true,
  'serial-incomplete': true,
  'missing-serial': true,
  'invalid-identifier': true,
  'missing-attested-device-id': true,
  'identity-mismatch': true,
};

/** The seed's next steps for a manual-screen reason, or null when the seed has none for it. */
export function manualAdvice(
  reason: ManualReason | null,
  locale: Locale = DEFAULT_LOCALE,
): ManualAdvice | null {
  if (reason === null) return null;
  const code: ManualAdviceCode | null = Object.hasOwn(INELIGIBLE_REASONS, reason)
    ? 'check-eligibility-alt-v'
    : reason === 'not-pre-provisioned'
      ? 'check-with-partner'
      : null;
  return code === null ? null : { code, steps: steps(MANUAL_ADVICE[code], locale) };
}

/**
 * Why the device is on the manual enrollment screen, in words. Eligibility reasons use the identity
 * layer's own sentence (it names the model, the date or the identifier that failed), in `locale`.
 */
export function manualReasonText(
  reason: ManualReason | null,
  identity: IdentityReport | null,
  locale: Locale = DEFAULT_LOCALE,
): string {
  if (reason === null) return translate(locale, 'manual.reason.none');
  if (Object.hasOwn(MANUAL_REASONS, reason))
    return translate(locale, `manual.reason.${reason as keyof typeof MANUAL_REASONS}`);
  const found: Reason | undefined = identity?.reasons.find((r) => r.code === reason);
  return found
    ? translate(locale, 'manual.reason.ineligible', { detail: reasonText(found, locale) })
    : translate(locale, 'manual.reason.ineligibleCode', { code: reason });
}
