// Typed errors thrown by route handlers. The error handler turns them into answers:
// `{error_message, error_code}` on the JSON APIs, `{error_message, dm_status}` on the DM endpoint.
// Callers branch on the code or status, never on the message.

import type { SmartErrorCode } from '../../protocol/smart.ts';
import { type DmStatus, dmStatusForHttp } from '../../protocol/status.ts';

export type ApiErrorCode =
  | 'INVALID_REQUEST'
  | 'INVALID_JSON'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'PARTNER_NOT_AUTHORIZED'
  | 'GMAIL_ACCOUNT_NOT_ALLOWED'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'LICENSES_IN_USE'
  | 'DEVICE_NOT_PRE_PROVISIONED'
  | 'DEVICE_NOT_MANAGED'
  /** SMART Remote Management (protocol/smart.ts). */
  | SmartErrorCode
  | 'INTERNAL';

export interface ApiErrorBody {
  error_message: string;
  error_code: string;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly statusCode: number;
  readonly code: ApiErrorCode;

  constructor(statusCode: number, code: ApiErrorCode, message: string) {
    super(message);
    this.statusCode = statusCode;
    this.code = code;
  }
}

/** An answer of the DM endpoint: an HTTP status of the DESIGN §5 table and its dm_status. */
export class DmError extends Error {
  override readonly name = 'DmError';
  readonly statusCode: number;
  readonly dmStatus: DmStatus;
  readonly retryAfterSeconds: number | undefined;

  constructor(statusCode: number, message: string, retryAfterSeconds?: number) {
    super(message);
    const status = dmStatusForHttp(statusCode);
    if (status === null || status === 'DM_STATUS_SUCCESS') {
      throw new RangeError(`HTTP ${statusCode} is not an error of the DM status table`);
    }
    this.statusCode = statusCode;
    this.dmStatus = status;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export const badRequest = (message: string): ApiError => new ApiError(400, 'INVALID_REQUEST', message);
export const notFound = (message: string): ApiError => new ApiError(404, 'NOT_FOUND', message);
export const unauthenticated = (message: string): ApiError => new ApiError(401, 'UNAUTHENTICATED', message);
export const forbidden = (message: string): ApiError => new ApiError(403, 'FORBIDDEN', message);
