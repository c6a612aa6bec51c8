// SMART Remote Management errors: the stub's one error family (ApiError, http/errors.ts) with the SMART
// codes of protocol/smart.ts. The stub's error handler answers them as `{error_message, error_code}`.

import type { SmartErrorCode } from '../../protocol/smart.ts';
import { ApiError } from '../http/errors.ts';

/** HTTP status of each SMART code (one status per code, so clients may branch on either). */
export const SMART_ERROR_STATUS: Readonly<Record<SmartErrorCode, number>> = {
  DOMAIN_TAKEN: 409,
  DOMAIN_NOT_FOUND: 404,
  INVALID_ACTIVATION_CODE: 403,
  ACTIVATION_PENDING: 403,
  DOMAIN_NOT_ACTIVATED: 402,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN_DOMAIN: 403,
  PRODUCT_KEY_NOT_FOUND: 404,
  PRODUCT_KEY_NOT_CLAIMED: 409,
  PRODUCT_KEY_ALREADY_REDEEMED: 409,
  CLAIM_CODE_NOT_FOUND: 404,
  CLAIM_PERIOD_EXPIRED: 422,
  DISPLAY_ENROLLED_ELSEWHERE: 409,
  DISPLAY_ASSIGNED_ELSEWHERE: 409,
  DISPLAY_MODEL_MISMATCH: 409,
};

export function smartError(code: SmartErrorCode, message: string): ApiError {
  return new ApiError(SMART_ERROR_STATUS[code], code, message);
}

/** Seed 002's advice when redeeming credits goes wrong. */
export const CONTACT_SMART_SUPPORT =
  'If you have problems redeeming credits, contact SMART support (smarttech.com/contactsupport).';
