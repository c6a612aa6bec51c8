// Wire types of SMART Remote Management's display endpoints (seed 002), shared by the stub that serves
// them (server-stub/smart/) and the agent that calls them (agent/runtime/enrollment-http.ts). The stub's
// request schemas (server-stub/smart/schemas.ts) are checked against these types at compile time.

export const SMART_PATHS = {
  displayCheckin: '/smart/v1/displays/checkin',
  displayEnroll: '/smart/v1/displays/enroll',
} as const;

/** `POST /smart/v1/displays/checkin`: which domain is this display assigned to? */
export interface SmartCheckinRequest {
  serial_number: string;
  model_number: string;
}

export interface SmartCheckinResponse {
  /** The domain the display is enrolled in, else the domain that redeemed its invoice's key, else null. */
  assigned_domain: string | null;
}

/** `POST /smart/v1/displays/enroll`. */
export interface SmartEnrollRequest {
  serial_number: string;
  model_number: string;
  domain: string;
}

export interface SmartEnrollResponse {
  serial_number: string;
  model_number: string;
  domain: string;
  enrolled_at: string;
  invoice_id: string | null;
  /** Credits this enrollment granted (a display whose invoice includes credits on enrollment). */
  credits_granted: number;
  balance: number;
  already_enrolled: boolean;
}

/**
 * Stable `error_code`s of the SMART routes (besides the stub's common ones: INVALID_REQUEST,
 * INVALID_JSON, UNAUTHENTICATED, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, NOT_FOUND). Clients
 * branch on these, never on `error_message`.
 */
export const SMART_ERROR_CODES = [
  'DOMAIN_TAKEN',
  'DOMAIN_NOT_FOUND',
  'INVALID_ACTIVATION_CODE',
  'ACTIVATION_PENDING',
  /** The 30-day trial is over and the domain has no credits: enrollment and management are refused. */
  'DOMAIN_NOT_ACTIVATED',
  'INVALID_CREDENTIALS',
  'FORBIDDEN_DOMAIN',
  'PRODUCT_KEY_NOT_FOUND',
  'PRODUCT_KEY_NOT_CLAIMED',
  'PRODUCT_KEY_ALREADY_REDEEMED',
  'CLAIM_CODE_NOT_FOUND',
  /** Seed 002's "activation error": the subscription was not claimed within one year of purchase. */
  'CLAIM_PERIOD_EXPIRED',
  'DISPLAY_ENROLLED_ELSEWHERE',
  'DISPLAY_ASSIGNED_ELSEWHERE',
  'DISPLAY_MODEL_MISMATCH',
] as const;

export type SmartErrorCode = (typeof SMART_ERROR_CODES)[number];

/** Every SMART error answer: `{error_message, error_code}`. */
export interface SmartErrorBody {
  error_message: string;
  error_code: string;
}

export function isSmartErrorCode(value: unknown): value is SmartErrorCode {
  return typeof value === 'string' && (SMART_ERROR_CODES as readonly string[]).includes(value);
}
