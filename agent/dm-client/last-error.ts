// The `retry` / `lasterror` query parameters (DESIGN §5). Chromium's DeviceManagementService sends
// `retry=true` and `lasterror=<code>` when it asks again after a failure of the same job. We keep the
// last failure per request type and send:
//  - the HTTP status of the last answer when there was one (e.g. `503`, `429`, and `200` when a
//    success answer could not be decoded);
//  - otherwise a Chromium net error code (net/base/net_error_list.h, negative numbers) for what
//    happened below HTTP: ERR_CONNECTION_REFUSED (-102), ERR_TIMED_OUT (-7), ERR_ABORTED (-3), …
// A success forgets the failure, so the next request of that type says `retry=false`.

import type { DmErrorCode } from './errors.ts';

/** Chromium's net error codes for the failures the transport can report. */
export const NET_ERROR = {
  ERR_FAILED: -2,
  ERR_ABORTED: -3,
  ERR_TIMED_OUT: -7,
  ERR_FILE_TOO_BIG: -8,
  ERR_CONNECTION_CLOSED: -100,
  ERR_CONNECTION_RESET: -101,
  ERR_CONNECTION_REFUSED: -102,
  ERR_CONNECTION_ABORTED: -103,
  ERR_NAME_NOT_RESOLVED: -105,
  ERR_INTERNET_DISCONNECTED: -106,
  ERR_ADDRESS_UNREACHABLE: -109,
  ERR_CONNECTION_TIMED_OUT: -118,
  ERR_SSL_PROTOCOL_ERROR: -107,
  ERR_NAME_RESOLUTION_FAILED: -137,
  ERR_SSL_PINNED_KEY_NOT_IN_CERT_CHAIN: -150,
  ERR_CERT_COMMON_NAME_INVALID: -200,
  ERR_CERT_DATE_INVALID: -201,
  ERR_CERT_AUTHORITY_INVALID: -202,
  ERR_EMPTY_RESPONSE: -324,
  ERR_INVALID_HTTP_RESPONSE: -370,
} as const;

/** Node/libuv error codes (`causeCode`) → Chromium net error codes. */
const BY_CAUSE: Readonly<Record<string, number>> = {
  ECONNREFUSED: NET_ERROR.ERR_CONNECTION_REFUSED,
  ECONNRESET: NET_ERROR.ERR_CONNECTION_RESET,
  ECONNABORTED: NET_ERROR.ERR_CONNECTION_ABORTED,
  EPIPE: NET_ERROR.ERR_CONNECTION_RESET,
  ENOTFOUND: NET_ERROR.ERR_NAME_NOT_RESOLVED,
  EAI_AGAIN: NET_ERROR.ERR_NAME_RESOLUTION_FAILED,
  ENETUNREACH: NET_ERROR.ERR_INTERNET_DISCONNECTED,
  EHOSTUNREACH: NET_ERROR.ERR_ADDRESS_UNREACHABLE,
  ETIMEDOUT: NET_ERROR.ERR_CONNECTION_TIMED_OUT,
  ERR_STREAM_PREMATURE_CLOSE: NET_ERROR.ERR_CONNECTION_CLOSED,
};

/** What a failed exchange tells the server on the retry: its HTTP status, or a net error code. */
export function lastErrorOf(failure: {
  code: DmErrorCode;
  httpStatus: number | null;
  causeCode: string | null;
}): number {
  if (failure.httpStatus !== null) return failure.httpStatus;
  switch (failure.code) {
    case 'timeout':
      return NET_ERROR.ERR_TIMED_OUT;
    case 'aborted':
      return NET_ERROR.ERR_ABORTED;
    case 'response-too-large':
      return NET_ERROR.ERR_FILE_TOO_BIG;
    case 'invalid-response':
      return NET_ERROR.ERR_INVALID_HTTP_RESPONSE;
    case 'tls-untrusted-issuer':
      return NET_ERROR.ERR_CERT_AUTHORITY_INVALID;
    case 'tls-wrong-host':
      return NET_ERROR.ERR_CERT_COMMON_NAME_INVALID;
    case 'tls-cert-expired':
    case 'tls-cert-not-yet-valid':
      return NET_ERROR.ERR_CERT_DATE_INVALID;
    case 'tls-pin-mismatch':
      return NET_ERROR.ERR_SSL_PINNED_KEY_NOT_IN_CERT_CHAIN;
    case 'tls-handshake-failed':
      return NET_ERROR.ERR_SSL_PROTOCOL_ERROR;
    default:
      if (failure.causeCode?.startsWith('HPE_')) return NET_ERROR.ERR_INVALID_HTTP_RESPONSE;
      return (failure.causeCode !== null ? BY_CAUSE[failure.causeCode] : undefined) ?? NET_ERROR.ERR_FAILED;
  }
}
