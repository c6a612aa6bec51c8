// got and Node failures → DmError. Nothing else ever leaves the client.

import { AbortError, TimeoutError } from 'got';
import type { DmRequestType } from '../../protocol/dm.ts';
import { DmError } from './errors.ts';
import { serverTrustErrorIn } from './server-trust.ts';

function codeOf(error: unknown): string | null {
  if (typeof error !== 'object' || error === null) return null;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : null;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function isTimeoutReason(reason: unknown): boolean {
  return reason instanceof Error && reason.name === 'TimeoutError';
}

export function transportErrorToDmError(
  error: unknown,
  requestType: DmRequestType,
  signal: AbortSignal | undefined,
): DmError {
  if (error instanceof DmError) return error;
  // The server failed verification before anything was written to it (server-trust.ts).
  const untrusted = serverTrustErrorIn(error);
  if (untrusted !== null) {
    return new DmError(untrusted.code, `${requestType}: ${untrusted.message}`, {
      requestType,
      causeCode: untrusted.causeCode,
      certificate: untrusted.certificate,
      cause: error,
    });
  }
  const causeCode = codeOf(error);
  const details = { requestType, causeCode, cause: error };
  // A phase time-out, or a caller's AbortSignal.timeout(): a time-out either way.
  if (error instanceof TimeoutError || (signal?.aborted && isTimeoutReason(signal.reason))) {
    const phase = error instanceof TimeoutError ? `${error.event} phase` : 'caller deadline';
    return new DmError('timeout', `${requestType}: no answer in time (${phase})`, details);
  }
  if (signal?.aborted || error instanceof AbortError) {
    return new DmError('aborted', `${requestType}: the request was aborted`, details);
  }
  // llhttp refused what came back: whatever answered does not speak HTTP properly.
  if (causeCode?.startsWith('HPE_')) {
    return new DmError('invalid-response', `${requestType}: malformed HTTP answer (${causeCode})`, details);
  }
  // ECONNREFUSED, ECONNRESET ("socket hang up"), ETIMEDOUT from the OS, EAI_AGAIN, ENOTFOUND,
  // EHOSTUNREACH, a body cut short… and anything unforeseen: the exchange did not happen.
  return new DmError('network', `${requestType}: ${messageOf(error)}`, details);
}
