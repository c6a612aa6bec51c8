// The device-management client (DESIGN §5): one JSON POST per request type on got, the caller's
// AbortSignal passed through so leaving a machine state aborts the request, no retries of its own.

import got from 'got';
import type {
  CertificateBasedRegisterRequest,
  DeviceInitialEnrollmentStateRequest,
  DeviceInitialEnrollmentStateResponse,
  DeviceRegisterRequest,
  DeviceRegisterResponse,
  DmRequestType,
  PolicyFetchResponse,
} from '../../protocol/dm.ts';
import { DEVICE_ID_PATTERN, DM_PATH, DM_REQUEST_BODY_KEY } from '../../protocol/dm.ts';
import { parseRetryAfter } from './backoff.ts';
import {
  decodeInitialEnrollmentState,
  decodePolicyResponse,
  decodeRegisterResponse,
  decodeUnregisterResponse,
  unwrapEnvelope,
} from './decode.ts';
import { DmError, dmErrorCodeForHttp, sanitizeServerMessage } from './errors.ts';
import type { Decoded } from './json.ts';
import { isPlainObject, own, parseJsonBytes } from './json.ts';
import type { HttpTimeouts, RawResponse } from './transport.ts';
import { dmGotOptions, postCapped } from './transport.ts';
import { isTimeoutReason, transportErrorToDmError } from './transport-error.ts';

/** Milliseconds per got phase; `request` bounds the whole exchange, body included. */
export type DmClientTimeouts = HttpTimeouts;

export const DEFAULT_DM_TIMEOUTS: Readonly<Required<DmClientTimeouts>> = {
  lookup: 5_000,
  connect: 10_000,
  secureConnect: 10_000,
  send: 10_000,
  response: 20_000,
  request: 30_000,
};

export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;
export const DEFAULT_USER_AGENT = 'zte-agent/0.1 (ChromeOS zero-touch enrollment)';
export const DEVICE_POLICY_TYPE = 'google/chromeos/device';

export interface DmClientOptions {
  /** e.g. `http://127.0.0.1:8080`; a path prefix is kept (`https://h/dm` → `https://h/dm/device_management`). */
  serverUrl: string | URL;
  /** The `deviceid` query parameter: 1–64 printable ASCII characters. */
  deviceId: string;
  timeouts?: DmClientTimeouts;
  userAgent?: string;
  /** Cap on an answer's body (default 1 MiB). */
  maxResponseBytes?: number;
  /** Clock for HTTP-date Retry-After values (default Date.now). */
  now?: () => number;
}

export interface DmCallOptions {
  /** The invoking actor's signal: aborting it aborts the request with an `aborted` DmError. */
  signal?: AbortSignal;
}

export interface DmClient {
  readonly serverUrl: string;
  readonly deviceId: string;
  initialEnrollmentState(
    request: DeviceInitialEnrollmentStateRequest,
    options?: DmCallOptions,
  ): Promise<DeviceInitialEnrollmentStateResponse>;
  certificateBasedRegister(
    signedRequest: CertificateBasedRegisterRequest,
    options?: DmCallOptions,
  ): Promise<DeviceRegisterResponse>;
  /** Manual fallback: `Authorization: GoogleLogin auth=<adminToken>`. */
  register(
    request: DeviceRegisterRequest,
    adminToken: string,
    options?: DmCallOptions,
  ): Promise<DeviceRegisterResponse>;
  /** `Authorization: GoogleEnrollmentToken token=<enrollmentToken>`. */
  tokenBasedRegister(
    request: DeviceRegisterRequest,
    enrollmentToken: string,
    options?: DmCallOptions,
  ): Promise<DeviceRegisterResponse>;
  /** `Authorization: GoogleDMToken token=<dmToken>`. */
  policy(dmToken: string, options?: DmCallOptions & { policyType?: string }): Promise<PolicyFetchResponse>;
  unregister(dmToken: string, options?: DmCallOptions): Promise<void>;
}

/** Credentials go in a header: printable ASCII only, so nothing can split or inject a header. */
const TOKEN_PATTERN = /^[\x21-\x7E]{1,8192}$/;

function dmEndpoint(serverUrl: string | URL): URL {
  const url = new URL(String(serverUrl));
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(`DM server URL must be http or https, not ${url.protocol}`);
  }
  url.pathname = `${url.pathname.replace(/\/+$/, '')}${DM_PATH}`;
  url.search = '';
  url.hash = '';
  return url;
}

/**
 * Throws TypeError/RangeError for a malformed `serverUrl` or `deviceId` (a configuration mistake,
 * caught by the CLI); every failure of a call is a DmError.
 */
export function createDmClient(options: DmClientOptions): DmClient {
  const endpoint = dmEndpoint(options.serverUrl);
  const { deviceId } = options;
  if (!DEVICE_ID_PATTERN.test(deviceId)) {
    throw new RangeError('deviceId must be 1–64 printable ASCII characters without spaces');
  }
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const now = options.now ?? Date.now;
  const http = got.extend(
    dmGotOptions({ ...DEFAULT_DM_TIMEOUTS, ...options.timeouts }, options.userAgent ?? DEFAULT_USER_AGENT),
  );

  function urlFor(type: DmRequestType): URL {
    const url = new URL(endpoint);
    url.searchParams.set('request', type);
    url.searchParams.set('devicetype', '2');
    url.searchParams.set('apptype', 'Chrome');
    url.searchParams.set('deviceid', deviceId);
    return url;
  }

  function errorAnswer(type: DmRequestType, raw: RawResponse): DmError {
    const { code, dmStatus } = dmErrorCodeForHttp(raw.status);
    let serverMessage: string | null = null;
    if (raw.body !== null) {
      const parsed = parseJsonBytes(raw.body);
      if (parsed.ok && isPlainObject(parsed.value))
        serverMessage = sanitizeServerMessage(own(parsed.value, 'error_message'));
    }
    const label = dmStatus ?? `HTTP ${raw.status}`;
    return new DmError(code, `${type}: ${label}${serverMessage === null ? '' : `: ${serverMessage}`}`, {
      requestType: type,
      httpStatus: raw.status,
      dmStatus,
      serverMessage,
      retryAfterMs: parseRetryAfter(raw.headers['retry-after'], now()),
    });
  }

  async function call<T>(
    type: DmRequestType,
    payload: unknown,
    authorization: string | null,
    decode: (value: unknown) => Decoded<T>,
    signal: AbortSignal | undefined,
  ): Promise<T> {
    try {
      if (signal?.aborted) {
        const code = isTimeoutReason(signal.reason) ? 'timeout' : 'aborted';
        throw new DmError(code, `${type}: ${code} before it was sent`, { requestType: type });
      }
      let body: string;
      try {
        body = JSON.stringify({ [DM_REQUEST_BODY_KEY[type]]: payload });
      } catch (e) {
        throw new DmError('request-invalid', `${type}: the request cannot be encoded as JSON`, {
          requestType: type,
          cause: e,
        });
      }
      const headers: Record<string, string> = authorization === null ? {} : { authorization };
      const raw = await postCapped(http, urlFor(type), { body, headers, signal, maxBytes });
      if (raw.status < 200 || raw.status > 299) throw errorAnswer(type, raw);
      const invalid = (problem: string) =>
        new DmError('invalid-response', `${type}: invalid answer: ${problem}`, {
          requestType: type,
          httpStatus: raw.status,
        });
      if (raw.body === null) throw invalid('no body');
      const parsed = parseJsonBytes(raw.body);
      if (!parsed.ok) throw invalid(parsed.problem);
      const inner = unwrapEnvelope(type, parsed.value);
      if (!inner.ok) throw invalid(inner.problem);
      const decoded = decode(inner.value);
      if (!decoded.ok) throw invalid(decoded.problem);
      return decoded.value;
    } catch (error) {
      throw transportErrorToDmError(error, type, signal);
    }
  }

  function credential(type: DmRequestType, scheme: string, key: string, token: string): string {
    if (typeof token !== 'string' || !TOKEN_PATTERN.test(token)) {
      throw new DmError('request-invalid', `${type}: the token is empty or not printable ASCII`, {
        requestType: type,
      });
    }
    return `${scheme} ${key}=${token}`;
  }

  async function withCredential<T>(
    type: DmRequestType,
    scheme: string,
    key: string,
    token: string,
    run: (authorization: string) => Promise<T>,
  ): Promise<T> {
    return run(credential(type, scheme, key, token));
  }

  return {
    serverUrl: endpoint.origin + endpoint.pathname.slice(0, -DM_PATH.length),
    deviceId,
    initialEnrollmentState: (request, opts) =>
      call('device_initial_enrollment_state', request, null, decodeInitialEnrollmentState, opts?.signal),
    certificateBasedRegister: (signedRequest, opts) =>
      call('certificate_based_register', signedRequest, null, decodeRegisterResponse, opts?.signal),
    register: (request, adminToken, opts) =>
      withCredential('register', 'GoogleLogin', 'auth', adminToken, (auth) =>
        call('register', request, auth, decodeRegisterResponse, opts?.signal),
      ),
    tokenBasedRegister: (request, enrollmentToken, opts) =>
      withCredential('token_based_register', 'GoogleEnrollmentToken', 'token', enrollmentToken, (auth) =>
        call('token_based_register', request, auth, decodeRegisterResponse, opts?.signal),
      ),
    policy: (dmToken, opts) =>
      withCredential('policy', 'GoogleDMToken', 'token', dmToken, (auth) =>
        call(
          'policy',
          { policy_type: opts?.policyType ?? DEVICE_POLICY_TYPE },
          auth,
          decodePolicyResponse,
          opts?.signal,
        ),
      ),
    unregister: async (dmToken, opts) => {
      await withCredential('unregister', 'GoogleDMToken', 'token', dmToken, (auth) =>
        call('unregister', {}, auth, decodeUnregisterResponse, opts?.signal),
      );
    },
  };
}
