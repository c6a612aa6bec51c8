// The DM client's retry policy, as pure data and functions: which failures the machine retries,
// which send the device to manual enrollment, which go to the error screen (DESIGN §6).

import type { DmErrorCode } from './errors.ts';
import { isDmError } from './errors.ts';

/**
 * `retryable`: no verdict about the device was obtained (network, time-out, 5xx, 429, a garbled
 * answer): back off and ask again, within the machine's safeguard. `terminal-for-zte`: the server
 * says zero-touch does not apply (410, not pre-provisioned): go to manual enrollment, as Chromium
 * does. `actionable`: a verdict a person must act on (licences, domain, conflict…): the error screen.
 * `untrusted-server`: the server failed TLS verification (issue 17), so nothing was sent to it: the
 * error screen names why (a not-yet-valid certificate: the clock screen), and the machine keeps
 * trying again in the background with backoff, since a captive portal may be signed in later.
 */
export type DmErrorClass = 'retryable' | 'terminal-for-zte' | 'actionable' | 'untrusted-server';

export const DM_ERROR_CLASS: Readonly<Record<DmErrorCode, DmErrorClass>> = {
  network: 'retryable',
  timeout: 'retryable',
  // An abort says nothing about the device; whoever asks again should simply retry.
  aborted: 'retryable',
  // A captive portal's HTML page, a proxy's truncated answer: a later attempt may well succeed.
  'invalid-response': 'retryable',
  'response-too-large': 'retryable',
  'too-many-requests': 'retryable',
  'temporarily-unavailable': 'retryable',
  'device-not-found': 'terminal-for-zte',
  'http-status-error': 'actionable',
  'request-invalid': 'actionable',
  'token-invalid': 'actionable',
  'missing-licenses': 'actionable',
  'management-not-supported': 'actionable',
  'invalid-serial-number': 'actionable',
  'domain-mismatch': 'actionable',
  'device-id-conflict': 'actionable',
  'activation-pending': 'actionable',
  'request-too-large': 'actionable',
  'consumer-account-with-packaged-license': 'actionable',
  deprovisioned: 'actionable',
  'invalid-packaged-device-for-kiosk': 'actionable',
  'policy-not-found': 'actionable',
  'arc-disabled': 'actionable',
  'enterprise-account-not-eligible': 'actionable',
  'terms-of-service-not-accepted': 'actionable',
  'illegal-account-for-packaged-edu-license': 'actionable',
  // Policy that does not verify may be forged: never retried blindly, a person must look.
  'policy-invalid': 'actionable',
  'tls-untrusted-issuer': 'untrusted-server',
  'tls-wrong-host': 'untrusted-server',
  'tls-cert-expired': 'untrusted-server',
  'tls-cert-not-yet-valid': 'untrusted-server',
  'tls-pin-mismatch': 'untrusted-server',
  'tls-handshake-failed': 'untrusted-server',
};

/** The class of any thrown value; anything that is not a DmError is `actionable`. */
export function classifyDmError(error: unknown): DmErrorClass {
  return isDmError(error) ? DM_ERROR_CLASS[error.code] : 'actionable';
}

export function isRetryable(error: unknown): boolean {
  return classifyDmError(error) === 'retryable';
}

export function isUntrustedServer(error: unknown): boolean {
  return classifyDmError(error) === 'untrusted-server';
}

export function isTerminalForZte(error: unknown): boolean {
  return classifyDmError(error) === 'terminal-for-zte';
}
