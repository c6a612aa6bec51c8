// Plain-language words for the codes a person meets on the OOBE screens and in the Alt+V overlay:
// the DM client's advice table (seed 000's troubleshooting section) for its codes, and our own words
// for the agent's other codes (manual-enrollment logins, SMART Remote Management, the safeguard).

import { type AdviceCode, adviceFor, DM_ERROR_CODES } from '../dm-client/index.ts';
import { GMAIL_ADMIN_CODE } from '../identity/admin-account.ts';
import type { ReasonCode } from '../identity/reasons.ts';
import type { IdentityReport } from '../identity/report.ts';
import type { ManualReason } from '../machine/types.ts';

export interface Explanation {
  /** One sentence: what happened. */
  message: string;
  /** What to do, in order. */
  steps: readonly string[];
}

const ALT_V = 'Press Alt+V to see why, and export the diagnostics bundle for support.';
const MANUAL = 'You can also enroll the device manually.';
const RETRY = 'Press Retry to try again.';

const ADVICE_CODES = new Set<string>([...DM_ERROR_CODES, 'attestation-unavailable']);

const OTHER: Readonly<Record<string, Explanation>> = {
  clock: {
    message: 'The device’s date and time are wrong, so it cannot talk securely to the enrollment server.',
    steps: [
      'Set the correct date and time, or connect to a network that provides them; the device checks again by itself.',
      RETRY,
      MANUAL,
    ],
  },
  'safeguard-timeout': {
    message: 'The automatic enrollment check took too long and was stopped.',
    steps: [
      'Check the network connection (cable or Wi-Fi, proxy, captive portal) and that the server address is right.',
      RETRY,
      ALT_V,
      MANUAL,
    ],
  },
  'invalid-credentials': {
    message: 'The administrator e-mail or password was not accepted.',
    steps: [
      'Check the e-mail address and the password, then try again.',
      'Or use an enrollment token instead.',
    ],
  },
  [GMAIL_ADMIN_CODE]: {
    message: 'A personal Gmail account (ending in "@gmail.com") cannot enroll devices.',
    steps: ['Sign in with your organisation’s administrator account instead.', 'Or use an enrollment token.'],
  },
  // Seed 002: after the 30-day trial the domain must be activated with credits. A product key is claimed
  // in SMART Admin Portal and redeemed in SMART Remote Management Billing.
  'smart-domain-not-activated': {
    message:
      'The 30-day trial of this SMART Remote Management domain is over and the domain has no credits, so it is not activated.',
    steps: [
      'Activate the domain with credits: sign in to SMART Remote Management, click the User icon, select Billing, type the product key in the “Numéro du code PIN” (PIN code) box and click “Utiliser” (Use).',
      'Credits bought from a SMART reseller come as a product key by e-mail. For the subscription included with a SMART product, the purchase confirmation e-mail says whether you must first claim a product key in SMART Admin Portal (within one year of purchase).',
      'If you have problems redeeming credits, contact SMART support (smarttech.com/contactsupport).',
      RETRY,
    ],
  },
  'smart-activation-pending': {
    message: 'The SMART Remote Management domain account has not been activated yet.',
    steps: [
      'Open the activation link in the e-mail sent when the domain was created, and sign in with the credentials you chose.',
      'No e-mail? Check the junk or spam folder, and make sure your mail server does not block e-mails from registration@glbth.com.',
      RETRY,
    ],
  },
  'smart-unknown-domain': {
    message: 'There is no SMART Remote Management domain with that name.',
    steps: [
      'Check the domain name (lower-case letters and digits only) with your administrator, then try again.',
    ],
  },
  'smart-display-conflict': {
    message: 'This display is already enrolled in another SMART Remote Management domain.',
    steps: ['Ask the administrator of that domain to remove the display, then try again.'],
  },
  'request-rejected': {
    message: 'The enrollment server refused the request.',
    steps: ['Check what you entered, then try again.', ALT_V],
  },
  'state-write-failed': {
    message: 'The agent could not save its progress on this device.',
    steps: ['Enrollment carries on, but a restart may repeat some steps.', ALT_V],
  },
  internal: {
    message: 'The enrollment agent met an unexpected problem.',
    steps: [RETRY, ALT_V, MANUAL],
  },
};

/** What an error code means for a person, and what to do; `fallback` is the error's own message. */
export function explainError(code: string, fallback = ''): Explanation {
  if (ADVICE_CODES.has(code)) {
    const advice = adviceFor(code as AdviceCode);
    return { message: advice.message, steps: advice.steps };
  }
  const known = OTHER[code];
  // The clock check's own sentence names the wrong time: more useful than ours.
  if (known && code === 'clock' && fallback.trim() !== '') return { message: fallback, steps: known.steps };
  if (known) return known;
  return {
    message: fallback.trim() === '' ? `Enrollment failed (${code}).` : fallback,
    steps: [RETRY, ALT_V, MANUAL],
  };
}

/** The advice of a code as one paragraph (the `advice` of `/api/diagnostics`'s `lastError`). */
export function adviceText(code: string, fallback = ''): string {
  return explainError(code, fallback).steps.join(' ');
}

const MANUAL_REASONS: Readonly<
  Record<Exclude<ManualReason, IdentityReport['reasons'][number]['code']>, string>
> = {
  'not-pre-provisioned':
    'This device is not listed as pre-provisioned for zero-touch enrollment. Contact your pre-provisioning partner to make sure they entered the pre-provisioning token, the domain and the device correctly.',
  'enrollment-enforced':
    'Your organisation requires this device to be enrolled, but not automatically: enroll it with an administrator account or an enrollment token.',
  'token-enrollment-enforced':
    'Your organisation requires this device to be enrolled with an enrollment token: enter the token your administrator gave you.',
  'zero-touch-disabled': 'Zero-touch enrollment is turned off for this device: enroll it manually.',
  'attestation-unavailable':
    'The device cannot prove its identity: its attestation key or certificate is missing or broken. Contact the device manufacturer if this persists.',
  'too-many-attempts':
    'Automatic enrollment was tried on several starts without success, so the device stopped trying: enroll it manually.',
  'smart-unassigned':
    'This display is not assigned to a SMART Remote Management domain yet. Enter your organisation’s domain name to enroll it. If its subscription comes with a product key, claim the key in SMART Admin Portal and redeem it in SMART Remote Management (User icon, Billing, “Numéro du code PIN”).',
  'user-chose-manual': 'You chose to enroll this device manually.',
};

/** Stable codes of the manual screen's advice (the texts below are the seed's troubleshooting steps). */
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
 * pré-provisionné » → check with the pre-provisioning partner, then support.
 */
const MANUAL_ADVICE: Readonly<Record<ManualAdviceCode, readonly string[]>> = {
  'check-eligibility-alt-v': [
    'Press Alt+V during the initial setup to check that this device is pre-provisioned and compatible with zero-touch enrollment.',
    'Contact support for help.',
  ],
  'check-with-partner': [
    'Contact your pre-provisioning partner to make sure they entered the pre-provisioning token, the domain and the device correctly.',
    'If needed, contact support for help.',
  ],
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
export function manualAdvice(reason: ManualReason | null): ManualAdvice | null {
  if (reason === null) return null;
  const code: ManualAdviceCode | null = Object.hasOwn(INELIGIBLE_REASONS, reason)
    ? 'check-eligibility-alt-v'
    : reason === 'not-pre-provisioned'
      ? 'check-with-partner'
      : null;
  return code === null ? null : { code, steps: MANUAL_ADVICE[code] };
}

/**
 * Why the device is on the manual enrollment screen, in words. Eligibility reasons use the identity
 * layer's own sentence (it names the model, the date or the identifier that failed).
 */
export function manualReasonText(reason: ManualReason | null, identity: IdentityReport | null): string {
  if (reason === null) return 'Enroll this device manually.';
  if (reason in MANUAL_REASONS) return MANUAL_REASONS[reason as keyof typeof MANUAL_REASONS];
  const detail = identity?.reasons.find((r) => r.code === reason)?.message;
  const lead = 'This device cannot use zero-touch enrollment';
  return detail ? `${lead}: ${detail}` : `${lead} (${reason}).`;
}
