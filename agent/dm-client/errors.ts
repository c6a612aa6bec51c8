// The DM client's one error type. Every failure of a DM call is a DmError with a stable `code`;
// guards and the machine test the code, never the message (DESIGN §6).

import type { DmRequestType } from '../../protocol/dm.ts';
import type { DmStatus } from '../../protocol/status.ts';
import { dmStatusForHttp } from '../../protocol/status.ts';
import { type CertificateSummary, TLS_ERROR_CODES, type TlsErrorCode } from './server-trust.ts';

/** One code per DM status of DESIGN §5 (the HTTP error answers). */
export type DmStatusErrorCode =
  | 'request-invalid'
  | 'token-invalid'
  | 'missing-licenses'
  | 'management-not-supported'
  | 'invalid-serial-number'
  | 'domain-mismatch'
  | 'device-id-conflict'
  | 'device-not-found'
  | 'activation-pending'
  | 'request-too-large'
  | 'consumer-account-with-packaged-license'
  | 'too-many-requests'
  | 'temporarily-unavailable'
  | 'invalid-packaged-device-for-kiosk'
  | 'policy-not-found'
  | 'deprovisioned'
  | 'arc-disabled'
  | 'enterprise-account-not-eligible'
  | 'terms-of-service-not-accepted'
  | 'illegal-account-for-packaged-edu-license';

/**
 * Failures without a DM status. `network`: the exchange failed below HTTP (refused, reset, DNS…).
 * `timeout`: one of the configured time-outs fired. `aborted`: the caller's signal aborted the call.
 * `invalid-response`: the answer is not HTTP, not a decodable DeviceManagementResponse in the
 * encoding its Content-Type names, or lacks the field (or a required field) the request type expects.
 * `response-too-large`: the answer exceeded the size cap. `http-status-error`: an HTTP status the DM
 * protocol does not define (a 3xx, 407, …). `policy-invalid`: a policy answer that does not verify
 * (signature, pinned key, request token, device ID or policy type; see policy-verify.ts).
 */
export type DmTransportErrorCode =
  | 'network'
  | 'timeout'
  | 'aborted'
  | 'invalid-response'
  | 'response-too-large'
  | 'http-status-error'
  | 'policy-invalid';

/** The server failed TLS verification (issue 17, server-trust.ts): no request was sent to it. */
export type { TlsErrorCode };

export type DmErrorCode = DmTransportErrorCode | DmStatusErrorCode | TlsErrorCode;

/** dm_status → code. DM_STATUS_SUCCESS is not an error. */
export const DM_ERROR_CODE_BY_STATUS: Readonly<
  Record<Exclude<DmStatus, 'DM_STATUS_SUCCESS'>, DmStatusErrorCode>
> = {
  DM_STATUS_REQUEST_INVALID: 'request-invalid',
  DM_STATUS_SERVICE_MANAGEMENT_TOKEN_INVALID: 'token-invalid',
  DM_STATUS_SERVICE_MISSING_LICENSES: 'missing-licenses',
  DM_STATUS_SERVICE_MANAGEMENT_NOT_SUPPORTED: 'management-not-supported',
  DM_STATUS_SERVICE_INVALID_SERIAL_NUMBER: 'invalid-serial-number',
  DM_STATUS_SERVICE_DOMAIN_MISMATCH: 'domain-mismatch',
  DM_STATUS_SERVICE_DEVICE_ID_CONFLICT: 'device-id-conflict',
  DM_STATUS_SERVICE_DEVICE_NOT_FOUND: 'device-not-found',
  DM_STATUS_SERVICE_ACTIVATION_PENDING: 'activation-pending',
  DM_STATUS_REQUEST_TOO_LARGE: 'request-too-large',
  DM_STATUS_SERVICE_CONSUMER_ACCOUNT_WITH_PACKAGED_LICENSE: 'consumer-account-with-packaged-license',
  DM_STATUS_SERVICE_TOO_MANY_REQUESTS: 'too-many-requests',
  DM_STATUS_TEMPORARY_UNAVAILABLE: 'temporarily-unavailable',
  DM_STATUS_SERVICE_INVALID_PACKAGED_DEVICE_FOR_KIOSK: 'invalid-packaged-device-for-kiosk',
  DM_STATUS_SERVICE_POLICY_NOT_FOUND: 'policy-not-found',
  DM_STATUS_SERVICE_DEPROVISIONED: 'deprovisioned',
  DM_STATUS_SERVICE_ARC_DISABLED: 'arc-disabled',
  DM_STATUS_SERVICE_ENTERPRISE_ACCOUNT_IS_NOT_ELIGIBLE_TO_ENROLL: 'enterprise-account-not-eligible',
  DM_STATUS_SERVICE_ENTERPRISE_TOS_HAS_NOT_BEEN_ACCEPTED: 'terms-of-service-not-accepted',
  DM_STATUS_SERVICE_ILLEGAL_ACCOUNT_FOR_PACKAGED_EDU_LICENSE: 'illegal-account-for-packaged-edu-license',
};

export const DM_ERROR_CODES: readonly DmErrorCode[] = [
  'network',
  'timeout',
  'aborted',
  'invalid-response',
  'response-too-large',
  'http-status-error',
  'policy-invalid',
  ...TLS_ERROR_CODES,
  ...Object.values(DM_ERROR_CODE_BY_STATUS),
];

/** The code of a non-2xx HTTP answer, from the table of DESIGN §5 (`http-status-error` off the table). */
export function dmErrorCodeForHttp(httpStatus: number): { code: DmErrorCode; dmStatus: DmStatus | null } {
  const dmStatus = dmStatusForHttp(httpStatus);
  if (dmStatus === null || dmStatus === 'DM_STATUS_SUCCESS')
    return { code: 'http-status-error', dmStatus: null };
  return { code: DM_ERROR_CODE_BY_STATUS[dmStatus], dmStatus };
}

export interface DmErrorDetails {
  requestType?: DmRequestType | null;
  httpStatus?: number | null;
  dmStatus?: DmStatus | null;
  retryAfterMs?: number | null;
  /** The server's `error_message`, sanitised for display. */
  serverMessage?: string | null;
  /** The transport's own code (`ECONNREFUSED`, `HPE_INVALID_CONSTANT`, …) when there is one. */
  causeCode?: string | null;
  /** The certificate the server presented, for a TLS verification failure. */
  certificate?: CertificateSummary | null;
  cause?: unknown;
}

export class DmError extends Error {
  override readonly name = 'DmError';
  readonly code: DmErrorCode;
  readonly requestType: DmRequestType | null;
  /** The HTTP status of the answer; null when there was none (network, timeout, abort). */
  readonly httpStatus: number | null;
  /** The DM status the HTTP status stands for (DESIGN §5), null off the table. */
  readonly dmStatus: DmStatus | null;
  /** Retry-After of the answer in milliseconds (already relative to now), null when absent. */
  readonly retryAfterMs: number | null;
  /** The server's `error_message`, when its error body carried one. */
  readonly serverMessage: string | null;
  readonly causeCode: string | null;
  /** The certificate the server presented, when it failed TLS verification (diagnostics show it). */
  readonly certificate: CertificateSummary | null;

  constructor(code: DmErrorCode, message: string, details: DmErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.requestType = details.requestType ?? null;
    this.httpStatus = details.httpStatus ?? null;
    this.dmStatus = details.dmStatus ?? null;
    this.retryAfterMs = details.retryAfterMs ?? null;
    this.serverMessage = details.serverMessage ?? null;
    this.causeCode = details.causeCode ?? null;
    this.certificate = details.certificate ?? null;
  }

  /** What diagnostics bundles and logs record. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      requestType: this.requestType,
      httpStatus: this.httpStatus,
      dmStatus: this.dmStatus,
      retryAfterMs: this.retryAfterMs,
      serverMessage: this.serverMessage,
      causeCode: this.causeCode,
      // Only for a TLS verification failure: the certificate the server presented.
      ...(this.certificate !== null ? { certificate: this.certificate } : {}),
    };
  }
}

/** True for a DmError, and when `code` is given, one with that code. */
export function isDmError(error: unknown, code?: DmErrorCode): error is DmError {
  return error instanceof DmError && (code === undefined || error.code === code);
}

const MAX_SERVER_MESSAGE = 500;

/** A server-supplied message made safe to show: control characters removed, length capped. */
export function sanitizeServerMessage(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point.
  const clean = value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
  if (clean === '') return null;
  return clean.length > MAX_SERVER_MESSAGE ? `${clean.slice(0, MAX_SERVER_MESSAGE)}…` : clean;
}
