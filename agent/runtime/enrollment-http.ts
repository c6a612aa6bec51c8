// The agent's non-DM calls: SMART Remote Management's display endpoints and the admin login used by
// manual enrollment. Same transport as the DM client (capped body, no got retries, per-phase time-outs).

import type { IncomingHttpHeaders } from 'node:http';
import got, { AbortError, TimeoutError } from 'got';
import {
  SMART_PATHS,
  type SmartCheckinRequest,
  type SmartCheckinResponse,
  type SmartEnrollRequest,
  type SmartErrorCode,
} from '../../protocol/smart.ts';
import { DEFAULT_DM_TIMEOUTS, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_USER_AGENT } from '../dm-client/index.ts';
import { isPlainObject, parseJsonBytes } from '../dm-client/json.ts';
import {
  type CertificateSummary,
  type ServerTrust,
  serverTrustErrorIn,
  type TlsErrorCode,
} from '../dm-client/server-trust.ts';
import { dmGotOptions, postCapped } from '../dm-client/transport.ts';
import { GMAIL_ADMIN_CODE, GMAIL_ADMIN_MESSAGE, isGmailAdminAccount } from '../identity/admin-account.ts';

/** Stable codes of these calls; `network`/`timeout` share the DM client's retryable class. */
export type EnrollmentHttpErrorCode =
  | 'network'
  | 'timeout'
  | 'aborted'
  | 'invalid-response'
  | 'invalid-credentials'
  | 'gmail-admin-account'
  | 'smart-domain-not-activated'
  | 'smart-activation-pending'
  | 'smart-unknown-domain'
  | 'smart-display-conflict'
  | 'temporarily-unavailable'
  | 'request-rejected'
  | TlsErrorCode;

export class EnrollmentHttpError extends Error {
  override readonly name = 'EnrollmentHttpError';
  constructor(
    readonly code: EnrollmentHttpErrorCode,
    message: string,
    readonly httpStatus: number | null = null,
    /** The certificate presented by a server that failed TLS verification (server-trust.ts). */
    readonly certificate: CertificateSummary | null = null,
  ) {
    super(message);
  }
}

/** The server's stable `error_code` (protocol/smart.ts) decides; the HTTP status only when it has none. */
const SMART_CODE_BY_ERROR: Readonly<Partial<Record<SmartErrorCode, EnrollmentHttpErrorCode>>> = {
  DOMAIN_NOT_ACTIVATED: 'smart-domain-not-activated',
  ACTIVATION_PENDING: 'smart-activation-pending',
  DOMAIN_NOT_FOUND: 'smart-unknown-domain',
  DISPLAY_ENROLLED_ELSEWHERE: 'smart-display-conflict',
  DISPLAY_ASSIGNED_ELSEWHERE: 'smart-display-conflict',
  DISPLAY_MODEL_MISMATCH: 'smart-display-conflict',
};

const CODE_BY_STATUS: Readonly<Record<number, EnrollmentHttpErrorCode>> = {
  401: 'invalid-credentials',
  402: 'smart-domain-not-activated',
  404: 'smart-unknown-domain',
  409: 'smart-display-conflict',
};

function codeOf(errorCode: unknown, status: number): EnrollmentHttpErrorCode {
  const byCode = typeof errorCode === 'string' ? SMART_CODE_BY_ERROR[errorCode as SmartErrorCode] : undefined;
  return byCode ?? CODE_BY_STATUS[status] ?? 'request-rejected';
}

export interface EnrollmentHttp {
  smartCheckin(body: SmartCheckinRequest, signal?: AbortSignal): Promise<{ assignedDomain: string | null }>;
  smartEnroll(body: SmartEnrollRequest, signal?: AbortSignal): Promise<void>;
  /** Admin login for manual enrollment: the token goes into `GoogleLogin auth=`. */
  login(email: string, password: string, signal?: AbortSignal): Promise<string>;
  /** The server's clock (its `Date` header), or null when it cannot be had right now. Never throws. */
  serverTime(signal?: AbortSignal): Promise<Date | null>;
  /** The valid `Date` header of the latest answer to a call above, error answers included; null before one. */
  serverDate(): Date | null;
}

/** The clock check must not hold the boot up: a server that does not answer quickly is skipped. */
const SERVER_TIME_TIMEOUT_MS = 3_000;

export interface EnrollmentHttpOptions {
  /** Whom to trust over https: the same trust as the DM client's (issue 17). */
  trust?: ServerTrust;
}

export function createEnrollmentHttp(serverUrl: string, options: EnrollmentHttpOptions = {}): EnrollmentHttp {
  const http = got.extend(dmGotOptions(DEFAULT_DM_TIMEOUTS, DEFAULT_USER_AGENT, options.trust));
  const base = serverUrl.replace(/\/+$/, '');
  let lastServerDate: Date | null = null;

  async function post(
    path: string,
    body: unknown,
    signal: AbortSignal | undefined,
  ): Promise<Record<string, unknown>> {
    let status: number;
    let bytes: Buffer | null;
    let headers: IncomingHttpHeaders;
    try {
      ({
        status,
        body: bytes,
        headers,
      } = await postCapped(http, new URL(`${base}${path}`), {
        body: JSON.stringify(body),
        headers: {},
        signal,
        maxBytes: DEFAULT_MAX_RESPONSE_BYTES,
      }));
    } catch (error) {
      if (signal?.aborted || error instanceof AbortError)
        throw new EnrollmentHttpError('aborted', `${path}: aborted`);
      if (error instanceof TimeoutError)
        throw new EnrollmentHttpError('timeout', `${path}: no answer in time`);
      if (error instanceof EnrollmentHttpError) throw error;
      // The server failed verification: nothing was sent to it (server-trust.ts).
      const untrusted = serverTrustErrorIn(error);
      if (untrusted !== null)
        throw new EnrollmentHttpError(
          untrusted.code,
          `${path}: ${untrusted.message}`,
          null,
          untrusted.certificate,
        );
      const code = (error as { code?: unknown }).code;
      throw new EnrollmentHttpError(
        code === 'response-too-large' ? 'invalid-response' : 'network',
        `${path}: ${String(error)}`,
      );
    }
    const date = Date.parse(headers.date ?? '');
    if (!Number.isNaN(date)) lastServerDate = new Date(date);
    const parsed = bytes === null ? null : parseJsonBytes(bytes);
    const json = parsed?.ok && isPlainObject(parsed.value) ? parsed.value : null;
    if (status >= 200 && status <= 299) {
      if (json === null)
        throw new EnrollmentHttpError('invalid-response', `${path}: the answer is not a JSON object`, status);
      return json;
    }
    const serverMessage =
      typeof json?.error_message === 'string' ? json.error_message.slice(0, 500) : `HTTP ${status}`;
    if (status >= 500 || status === 429)
      throw new EnrollmentHttpError('temporarily-unavailable', `${path}: ${serverMessage}`, status);
    throw new EnrollmentHttpError(codeOf(json?.error_code, status), `${path}: ${serverMessage}`, status);
  }

  return {
    async smartCheckin(body, signal) {
      const answer: Partial<Record<keyof SmartCheckinResponse, unknown>> = await post(
        SMART_PATHS.displayCheckin,
        body,
        signal,
      );
      const domain = answer.assigned_domain;
      if (domain !== null && typeof domain !== 'string') {
        throw new EnrollmentHttpError(
          'invalid-response',
          'checkin: assigned_domain is neither a string nor null',
        );
      }
      return { assignedDomain: domain };
    },
    async smartEnroll(body, signal) {
      await post(SMART_PATHS.displayEnroll, body, signal);
    },
    async serverTime(signal) {
      try {
        const res = await http.get(`${base}/`, {
          timeout: { request: SERVER_TIME_TIMEOUT_MS },
          ...(signal ? { signal } : {}),
        });
        const date = Date.parse(String(res.headers.date ?? ''));
        return Number.isNaN(date) ? null : new Date(date);
      } catch {
        return null;
      }
    },
    serverDate: () => lastServerDate,
    async login(email, password, signal) {
      // Seed 000: the admin account never ends in @gmail.com; refused here before anything is sent,
      // and a server's 403 to a login means the same refusal.
      if (isGmailAdminAccount(email)) throw new EnrollmentHttpError(GMAIL_ADMIN_CODE, GMAIL_ADMIN_MESSAGE);
      let answer: Record<string, unknown>;
      try {
        answer = await post('/v1/auth/login', { email, password }, signal);
      } catch (error) {
        if (error instanceof EnrollmentHttpError && error.httpStatus === 403)
          throw new EnrollmentHttpError(GMAIL_ADMIN_CODE, error.message, 403);
        throw error;
      }
      if (typeof answer.token !== 'string')
        throw new EnrollmentHttpError('invalid-response', 'login: no token in the answer');
      return answer.token;
    },
  };
}
