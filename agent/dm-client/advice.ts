// What each DM client error means for a person, and what to do about it: the troubleshooting
// section of seed 000 ("Résoudre les problèmes liés à l'enregistrement sans contact") in English,
// plus the obvious steps for failures the seed does not cover. The UI and diagnostics show it.

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

// The seed's own words, translated.
const PARTNER =
  'Contact your pre-provisioning partner to make sure they entered the pre-provisioning token, the domain and the device correctly. If needed, contact support for help.';
const ALT_V =
  'Press Alt+V during the initial setup to check that the device is pre-provisioned and compatible with zero-touch enrollment. Contact support for help.';
const LICENCES = 'Contact your reseller to buy more Chrome Enterprise Upgrade licences.';
const BUNDLED =
  'Devices sold with Chrome Enterprise Upgrade have a licence attached to the device and do not use a separate licence. If this is such a bundled device and this message appears, contact the device manufacturer for help.';
const MANUAL =
  'If the device is compatible but zero-touch enrollment fails, the manual enrollment screen is shown: enroll the device manually.';

// Our own steps for what the seed does not cover.
const WAIT = 'The device retries by itself; nothing needs to be done while it does.';
const NETWORK =
  'Check the network connection (cable or Wi-Fi, proxy, captive portal) and that the server address is right.';
const DIAGNOSTICS = 'Press Alt+V and export the diagnostics bundle for support.';

const ADVICE: Readonly<Record<AdviceCode, Omit<Advice, 'code'>>> = {
  network: {
    message: 'The enrollment server could not be reached.',
    steps: [WAIT, NETWORK, MANUAL],
    fromSeed: false,
  },
  timeout: {
    message: 'The enrollment server did not answer in time.',
    steps: [WAIT, NETWORK, MANUAL],
    fromSeed: false,
  },
  aborted: {
    message: 'The request to the enrollment server was cancelled.',
    steps: ['Nothing to do: the device asks again when it needs to.'],
    fromSeed: false,
  },
  'invalid-response': {
    message: 'The enrollment server sent an answer the device cannot understand.',
    steps: [WAIT, NETWORK, DIAGNOSTICS, MANUAL],
    fromSeed: false,
  },
  'response-too-large': {
    message: 'The enrollment server sent an answer far larger than any valid one.',
    steps: [WAIT, NETWORK, DIAGNOSTICS, MANUAL],
    fromSeed: false,
  },
  'http-status-error': {
    message: 'The server answered with an HTTP status the enrollment protocol does not use.',
    steps: [NETWORK, DIAGNOSTICS, MANUAL],
    fromSeed: false,
  },
  'request-invalid': {
    message: 'The enrollment server rejected the request as invalid.',
    steps: [DIAGNOSTICS, MANUAL],
    fromSeed: false,
  },
  'token-invalid': {
    message: 'The enrollment server did not accept the device’s credentials.',
    steps: [PARTNER, MANUAL],
    fromSeed: true,
  },
  'missing-licenses': {
    message:
      'The organisation does not have enough Chrome Enterprise Upgrade licences to enroll this device.',
    steps: [LICENCES, BUNDLED, MANUAL],
    fromSeed: true,
  },
  'management-not-supported': {
    message: 'The enrollment server refused to manage this device (token revoked or attestation refused).',
    steps: [PARTNER, ALT_V, MANUAL],
    fromSeed: true,
  },
  'invalid-serial-number': {
    message: 'The enrollment server does not recognise this device’s serial number.',
    steps: [ALT_V, PARTNER, MANUAL],
    fromSeed: true,
  },
  'domain-mismatch': {
    message: 'This device is pre-provisioned for a different domain.',
    steps: [PARTNER, MANUAL],
    fromSeed: true,
  },
  'device-id-conflict': {
    message: 'Another device is already enrolled with this device’s identity.',
    steps: [PARTNER, DIAGNOSTICS, MANUAL],
    fromSeed: true,
  },
  'device-not-found': {
    message: 'The device is not listed as pre-provisioned.',
    steps: [PARTNER, ALT_V, MANUAL],
    fromSeed: true,
  },
  'activation-pending': {
    message: 'The organisation’s enrollment is not activated yet.',
    steps: ['Ask the administrator to finish activating the domain, then press Retry.', MANUAL],
    fromSeed: false,
  },
  'request-too-large': {
    message: 'The enrollment server found the device’s request too large.',
    steps: [DIAGNOSTICS, MANUAL],
    fromSeed: false,
  },
  'consumer-account-with-packaged-license': {
    message: 'This device comes with a bundled licence that cannot be used with this account.',
    steps: [BUNDLED, MANUAL],
    fromSeed: true,
  },
  'too-many-requests': {
    message: 'The enrollment server is busy and asked the device to wait.',
    steps: [WAIT, MANUAL],
    fromSeed: false,
  },
  'temporarily-unavailable': {
    message: 'The enrollment server is temporarily unavailable.',
    steps: [WAIT, MANUAL],
    fromSeed: false,
  },
  deprovisioned: {
    message: 'This device has been deprovisioned by its organisation.',
    steps: [
      'Ask the administrator to check the device in the Admin console; a deprovisioned device must be pre-provisioned again.',
      PARTNER,
      MANUAL,
    ],
    fromSeed: true,
  },
  'invalid-packaged-device-for-kiosk': {
    message: 'This device’s bundled licence does not allow it to be used as a kiosk or signage device.',
    steps: [BUNDLED, 'Ask the administrator to check the licence type assigned to the device.', MANUAL],
    fromSeed: false,
  },
  'policy-not-found': {
    message: 'The enrollment server has no device policy for this device.',
    steps: [
      'Ask the administrator to check that the device’s organisational unit has device settings, then press Retry.',
      DIAGNOSTICS,
      MANUAL,
    ],
    fromSeed: false,
  },
  'arc-disabled': {
    message:
      'The enrollment server refused the request because Android apps are turned off for this account.',
    steps: ['Ask the administrator to check the Android apps setting in the Admin console.', MANUAL],
    fromSeed: false,
  },
  'enterprise-account-not-eligible': {
    message: 'The organisation’s account is not eligible to enroll devices.',
    steps: [
      'Ask the administrator to check the organisation’s Chrome subscription in the Admin console.',
      MANUAL,
    ],
    fromSeed: false,
  },
  'terms-of-service-not-accepted': {
    message: 'The organisation has not accepted the Chrome Enterprise terms of service yet.',
    steps: [
      'Ask the administrator to accept the terms of service in the Admin console, then press Retry.',
      MANUAL,
    ],
    fromSeed: false,
  },
  'illegal-account-for-packaged-edu-license': {
    message: 'This device’s bundled Education licence cannot be used with this organisation’s account.',
    steps: [BUNDLED, MANUAL],
    fromSeed: false,
  },
  'policy-invalid': {
    message:
      'The device policy received from the server could not be verified (bad signature, unexpected key, or a policy meant for another device), so it was refused.',
    steps: [
      'Check that the device talks to your organisation’s enrollment server (no proxy or other server in between).',
      DIAGNOSTICS,
      'Press Retry to fetch the policy again; contact support if it is refused again.',
      MANUAL,
    ],
    fromSeed: false,
  },
  'attestation-unavailable': {
    message: 'The device cannot prove its identity: its attestation key or certificate is missing or broken.',
    steps: [ALT_V, 'Contact the device manufacturer for help.', MANUAL],
    fromSeed: true,
  },
};

export function adviceFor(code: AdviceCode): Advice {
  return { code, ...ADVICE[code] };
}
