// Maps whatever an actor threw to what the machine needs: a stable code and its error class.
// Guards test `code`, never message text (DESIGN §6).

import { DM_ERROR_CLASS } from '../dm-client/index.ts';
import type { CertificateSummary } from '../dm-client/server-trust.ts';
import type { AgentErrorInfo, ErrorClass } from './types.ts';

/**
 * The class of an error code: the DM client's table for its codes (network, 5xx, 429 and garbled
 * answers retry; 410 goes to manual; the rest are actionable), actionable for any other code.
 */
export function classifyCode(code: string): ErrorClass {
  return (DM_ERROR_CLASS as Readonly<Record<string, ErrorClass>>)[code] ?? 'actionable';
}

function field<T>(value: unknown, key: string, check: (v: unknown) => v is T): T | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = (value as Record<string, unknown>)[key];
  return check(v) ? v : undefined;
}
const isString = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isCertificate = (v: unknown): v is CertificateSummary =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as CertificateSummary).subject === 'string' &&
  typeof (v as CertificateSummary).issuer === 'string' &&
  typeof (v as CertificateSummary).validFrom === 'string' &&
  typeof (v as CertificateSummary).validTo === 'string';

/** Reads `code`, `message`, `httpStatus`, `retryAfterMs` off any thrown value. */
export function toErrorInfo(error: unknown): AgentErrorInfo {
  const code = field(error, 'code', isString) ?? 'internal';
  const message = error instanceof Error ? error.message : String(error);
  const info: AgentErrorInfo = { code, message };
  const httpStatus = field(error, 'httpStatus', isNumber);
  const retryAfterMs = field(error, 'retryAfterMs', isNumber);
  if (httpStatus !== undefined) info.httpStatus = httpStatus;
  if (retryAfterMs !== undefined) info.retryAfterMs = retryAfterMs;
  const certificate = field(error, 'certificate', isCertificate);
  if (certificate !== undefined) info.certificate = certificate;
  return info;
}
