// The device-management client: Chromium's DM protocol calls (DESIGN §5) on got, their errors, the
// retry policy the machine applies, the advice shown for each error, the state determination and
// the verification of signed policy.

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
export {
  classifyDmError,
  DM_ERROR_CLASS,
  isRetryable,
  isTerminalForZte,
  isUntrustedServer,
} from './classify.ts';
export type { DmCallOptions, DmClient, DmClientOptions, DmClientTimeouts } from './client.ts';
export {
  createDmClient,
  DEFAULT_DM_TIMEOUTS,
  DEFAULT_MAX_RESPONSE_BYTES,
  DEFAULT_USER_AGENT,
  DEVICE_POLICY_TYPE,
} from './client.ts';
export type { DetermineOptions, EnrollmentMode, EnrollmentState } from './determine-state.ts';
export {
  determineEnrollmentState,
  enrollmentStateOf,
  INITIAL_MODULUS_POWER,
  isInForcedEnrollmentSet,
  MODULUS_POWER_LIMIT,
} from './determine-state.ts';
export type { DmErrorCode, DmErrorDetails, DmStatusErrorCode, DmTransportErrorCode } from './errors.ts';
export { DM_ERROR_CODE_BY_STATUS, DM_ERROR_CODES, DmError, dmErrorCodeForHttp, isDmError } from './errors.ts';
export { lastErrorOf, NET_ERROR } from './last-error.ts';
export type { PolicyExpectations, PolicyKeyPin, VerifiedPolicy } from './policy-verify.ts';
export { keyFingerprint, verifyPolicy } from './policy-verify.ts';
export { agentParam, DEFAULT_AGENT_PARAM, platformParam } from './query.ts';
export type {
  CertificateSummary,
  ServerTrust,
  ServerTrustOptions,
  TlsErrorCode,
} from './server-trust.ts';
export {
  createServerTrust,
  isServerTrustError,
  parsePemBundle,
  parseSpkiPin,
  readPemBundle,
  ServerTrustError,
  serverTrustErrorIn,
  spkiPinOf,
  spkiPinOfCertificate,
  TLS_ERROR_CODES,
} from './server-trust.ts';
