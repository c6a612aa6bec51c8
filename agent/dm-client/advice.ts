// What each DM client error means for a person, and what to do about it: the troubleshooting
// section of seed 000 ("Résoudre les problèmes liés à l'enregistrement sans contact"), plus the
// obvious steps for failures the seed does not cover. The UI and diagnostics show it. The words are in
// the message catalogs (agent/i18n: `advice.<code>.message`, `advice.step.*`), in French and English;
// this table only says which sentence and which steps each code gets.

import { DEFAULT_LOCALE, type Locale, type MessageKey, translate } from '../i18n/index.ts';
import type { DmErrorCode } from './errors.ts';

/** DM client codes, plus the attestation key store's failure, which the same screens show. */
export type AdviceCode = DmErrorCode | 'attestation-unavailable';

export interface Advice {
  code: AdviceCode;
  /** One plain-language sentence: what happened. */
  message: string;
  /** What to do, in order. */
  steps: readonly string[];
  /** True when the steps come from the seed's troubleshooting section. */
  fromSeed: boolean;
}

// The seed's own words (catalog keys).
const PARTNER = 'advice.step.partner';
const ALT_V = 'advice.step.altV';
const LICENCES = 'advice.step.licences';
const BUNDLED = 'advice.step.bundled';
const MANUAL = 'advice.step.manual';

// Our own steps for what the seed does not cover.
const WAIT = 'advice.step.wait';
const NETWORK = 'advice.step.network';
const DIAGNOSTICS = 'advice.step.diagnostics';

// The server failed TLS verification (issue 17): nothing was sent to it, and the device keeps trying.
const TLS_RETRYING = 'advice.step.tlsRetrying';
const CAPTIVE_PORTAL = 'advice.step.captivePortal';
const PROXY = 'advice.step.proxy';
const SERVER_CA = 'advice.step.serverCa';
const CERT_DETAILS = 'advice.step.certDetails';
const CLOCK_STEP = 'advice.step.clock';

interface AdviceEntry {
  steps: readonly MessageKey[];
  fromSeed: boolean;
}

/** The message of each code is `advice.<code>.message`. */
const ADVICE: Readonly<Record<AdviceCode, AdviceEntry>> = {
  network: { steps: [WAIT, NETWORK, MANUAL], fromSeed: false },
  timeout: { steps: [WAIT, NETWORK, MANUAL], fromSeed: false },
  aborted: { steps: ['advice.step.nothing'], fromSeed: false },
  'invalid-response': { steps: [WAIT, NETWORK, DIAGNOSTICS, MANUAL], fromSeed: false },
  'response-too-large': { steps: [WAIT, NETWORK, DIAGNOSTICS, MANUAL], fromSeed: false },
  'http-status-error': { steps: [NETWORK, DIAGNOSTICS, MANUAL], fromSeed: false },
  'request-invalid': { steps: [DIAGNOSTICS, MANUAL], fromSeed: false },
  'token-invalid': { steps: [PARTNER, MANUAL], fromSeed: true },
  'missing-licenses': { steps: [LICENCES, BUNDLED, MANUAL], fromSeed: true },
  'management-not-supported': { steps: [PARTNER, ALT_V, MANUAL], fromSeed: true },
  'invalid-serial-number': { steps: [ALT_V, PARTNER, MANUAL], fromSeed: true },
  'domain-mismatch': { steps: [PARTNER, MANUAL], fromSeed: true },
  'device-id-conflict': { steps: [PARTNER, DIAGNOSTICS, MANUAL], fromSeed: true },
  'device-not-found': { steps: [PARTNER, ALT_V, MANUAL], fromSeed: true },
  'activation-pending': { steps: ['advice.step.activation', MANUAL], fromSeed: false },
  'request-too-large': { steps: [DIAGNOSTICS, MANUAL], fromSeed: false },
  'consumer-account-with-packaged-license': { steps: [BUNDLED, MANUAL], fromSeed: true },
  'too-many-requests': { steps: [WAIT, MANUAL], fromSeed: false },
  'temporarily-unavailable': { steps: [WAIT, MANUAL], fromSeed: false },
  deprovisioned: { steps: ['advice.step.deprovisioned', PARTNER, MANUAL], fromSeed: true },
  'invalid-packaged-device-for-kiosk': {
    steps: [BUNDLED, 'advice.step.kioskLicence', MANUAL],
    fromSeed: false,
  },
  'policy-not-found': { steps: ['advice.step.policyNotFound', DIAGNOSTICS, MANUAL], fromSeed: false },
  'arc-disabled': { steps: ['advice.step.arc', MANUAL], fromSeed: false },
  'enterprise-account-not-eligible': { steps: ['advice.step.subscription', MANUAL], fromSeed: false },
  'terms-of-service-not-accepted': { steps: ['advice.step.tos', MANUAL], fromSeed: false },
  'illegal-account-for-packaged-edu-license': { steps: [BUNDLED, MANUAL], fromSeed: false },
  'policy-invalid': {
    steps: ['advice.step.policyServer', DIAGNOSTICS, 'advice.step.policyRetry', MANUAL],
    fromSeed: false,
  },
  'tls-untrusted-issuer': {
    steps: [TLS_RETRYING, CAPTIVE_PORTAL, PROXY, SERVER_CA, CERT_DETAILS, MANUAL],
    fromSeed: false,
  },
  'tls-wrong-host': {
    steps: [TLS_RETRYING, CAPTIVE_PORTAL, PROXY, 'advice.step.certName', CERT_DETAILS, MANUAL],
    fromSeed: false,
  },
  'tls-cert-expired': {
    steps: [TLS_RETRYING, CLOCK_STEP, 'advice.step.certRenew', CERT_DETAILS, MANUAL],
    fromSeed: false,
  },
  'tls-cert-not-yet-valid': {
    steps: ['advice.step.setClock', TLS_RETRYING, CERT_DETAILS, MANUAL],
    fromSeed: false,
  },
  'tls-pin-mismatch': {
    steps: [TLS_RETRYING, PROXY, 'advice.step.newPin', CERT_DETAILS, MANUAL],
    fromSeed: false,
  },
  'tls-handshake-failed': {
    steps: [TLS_RETRYING, CAPTIVE_PORTAL, PROXY, NETWORK, MANUAL],
    fromSeed: false,
  },
  'attestation-unavailable': { steps: [ALT_V, 'advice.step.manufacturer', MANUAL], fromSeed: true },
};

/** The catalog key of a code's sentence. */
export function adviceMessageKey(code: AdviceCode): MessageKey {
  return `advice.${code}.message`;
}

/** What a code means and what to do, in `locale` (English unless told). */
export function adviceFor(code: AdviceCode, locale: Locale = DEFAULT_LOCALE): Advice {
  const entry = ADVICE[code];
  return {
    code,
    message: translate(locale, adviceMessageKey(code)),
    steps: entry.steps.map((key) => translate(locale, key)),
    fromSeed: entry.fromSeed,
  };
}
