// Errors of the SMART Remote Management API. Every error answer is `{error_message, error_code}`;
// callers and tests branch on `error_code`, never on the message.

export type SmartErrorCode =
  | 'INVALID_REQUEST'
  | 'INVALID_JSON'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'NOT_FOUND'
  | 'DOMAIN_TAKEN'
  | 'DOMAIN_NOT_FOUND'
  | 'INVALID_ACTIVATION_CODE'
  | 'ACTIVATION_PENDING'
  | 'INVALID_CREDENTIALS'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN_DOMAIN'
  | 'PRODUCT_KEY_NOT_FOUND'
  | 'PRODUCT_KEY_ALREADY_REDEEMED'
  | 'CLAIM_WINDOW_EXPIRED'
  | 'DISPLAY_ENROLLED_ELSEWHERE'
  | 'DISPLAY_ASSIGNED_ELSEWHERE'
  | 'DISPLAY_MODEL_MISMATCH'
  | 'NO_CREDITS'
  | 'INTERNAL';

export interface SmartErrorBody {
  error_message: string;
  /** A SmartErrorCode, or the code of a 4xx error raised by the host app (e.g. its JSON parser). */
  error_code: SmartErrorCode | (string & {});
}

export class SmartError extends Error {
  override readonly name = 'SmartError';
  readonly statusCode: number;
  readonly code: SmartErrorCode;

  constructor(statusCode: number, code: SmartErrorCode, message: string) {
    super(message);
    this.statusCode = statusCode;
    this.code = code;
  }

  toBody(): SmartErrorBody {
    return { error_message: this.message, error_code: this.code };
  }
}

export function isSmartError(e: unknown): e is SmartError {
  return e instanceof SmartError;
}
