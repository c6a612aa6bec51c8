// The device-management client: got-based DM protocol calls (DESIGN §5), their errors, the retry
// policy the machine applies, and the advice shown for each error.

export type { Advice, AdviceCode } from './advice.ts';
export { adviceFor } from './advice.ts';
export type { JitterKind, RetryDelayOptions } from './backoff.ts';
export {
  backoffCeilingMs,
  DEFAULT_RETRY_POLICY,
  MAX_DELAY_MS,
  parseRetryAfter,
  retryDelayMs,
} from './backoff.ts';
export type { DmErrorClass } from './classify.ts';
export { classifyDmError, DM_ERROR_CLASS, isRetryable, isTerminalForZte } from './classify.ts';
export type { DmCallOptions, DmClient, DmClientOptions, DmClientTimeouts } from './client.ts';
export {
  createDmClient,
  DEFAULT_DM_TIMEOUTS,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_USER_AGENT,
  DEVICE_POLICY_TYPE,
} from './client.ts';
export type { DmErrorCode, DmErrorDetails, DmStatusErrorCode, DmTransportErrorCode } from './errors.ts';
export { DM_ERROR_CODE_BY_STATUS, DM_ERROR_CODES, DmError, dmErrorCodeForHttp, isDmError } from './errors.ts';
