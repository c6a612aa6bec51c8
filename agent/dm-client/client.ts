// The device-management client (DESIGN §5): Chromium's DM protocol byte for byte. One POST per request
// type on got, a serialized DeviceManagementRequest in (protobuf by default, the proto's canonical
// JSON as a debug encoding), a DeviceManagementResponse out; the caller's AbortSignal passed through
// so leaving a machine state aborts the request; no retries of its own (the machine retries, and the
// client then says `retry=true&lasterror=…` as Chromium does). This file builds each request type's
// call; call.ts puts one call on the wire.

import type { MessageInitShape } from '@bufbuild/protobuf';
import got from 'got';
import type { DmEncoding } from '../../protocol/codec.ts';
import {
  AUTH_SCHEME,
  CHROME_DEVICE_POLICY_TYPE,
  DEVICE_ID_PATTERN,
  DeviceAutoEnrollmentRequest_EnrollmentCheckType,
  type DeviceAutoEnrollmentResponse,
  type DeviceInitialEnrollmentStateResponse,
  type DeviceRegisterRequestSchema,
  type DeviceRegisterResponse,
  type DeviceStateRetrievalResponse,
  DM_PARAM,
  DM_PATH,
  type DmRequestType,
  PolicyFetchRequest_SignatureType,
  type PolicyFetchResponse,
  type SignedData,
} from '../../protocol/dm.ts';
import { createCaller } from './call.ts';
import { answerOf, checkRegisterResponse, type Decoded } from './decode.ts';
import { DmError } from './errors.ts';
import { DEFAULT_AGENT_PARAM, platformParam } from './query.ts';
import type { ServerTrust } from './server-trust.ts';
import type { HttpTimeouts } from './transport.ts';
import { dmGotOptions } from './transport.ts';

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
export const DEVICE_POLICY_TYPE = CHROME_DEVICE_POLICY_TYPE;

export interface DmClientOptions {
  /** e.g. `http://127.0.0.1:8080`; a path prefix is kept (`https://h/dm` → `https://h/dm/device_management`). */
  serverUrl: string | URL;
  /** The `deviceid` query parameter: 1–64 printable ASCII characters. */
  deviceId: string;
  /** `proto` (default, `application/x-protobuffer`) or `json` (the debug encoding). */
  encoding?: DmEncoding;
  /** The `agent` query parameter (default `zte-agent/<version>`), cut to 64 characters. */
  agent?: string;
  /** The `platform` query parameter (default `OS|arch|version` of this machine). */
  platform?: string;
  timeouts?: DmClientTimeouts;
  userAgent?: string;
  /** Cap on an answer's body (default 1 MiB). */
  maxResponseBytes?: number;
  /** Clock for HTTP-date Retry-After values (default Date.now). */
  now?: () => number;
  /** Whom to trust over https (server-trust.ts); default: Node's default verification. */
  trust?: ServerTrust;
}

export interface DmCallOptions {
  /** The invoking actor's signal: aborting it aborts the request with an `aborted` DmError. */
  signal?: AbortSignal;
}

export interface DmClient {
  readonly serverUrl: string;
  readonly deviceId: string;
  readonly encoding: DmEncoding;
  /** The `Date` header of the server's latest answer (any status), or null before the first one. */
  serverDate(): Date | null;
  /** `enterprise_check`, forced-enrollment flavour: one round of the hash dance. */
  enterpriseCheck(
    bucket: { remainder: bigint; modulus: bigint },
    options?: DmCallOptions,
  ): Promise<DeviceAutoEnrollmentResponse>;
  /** `device_state_retrieval` by serial number and brand code. */
  deviceStateRetrieval(
    device: { serialNumber: string; brandCode: string },
    options?: DmCallOptions,
  ): Promise<DeviceStateRetrievalResponse>;
  /** `device_initial_enrollment_state` by serial number and brand code. */
  initialEnrollmentState(
    device: { serialNumber: string; brandCode: string },
    options?: DmCallOptions,
  ): Promise<DeviceInitialEnrollmentStateResponse>;
  /** `certificate_based_register`: the signed registration data (see attestation/build-request.ts). */
  certificateBasedRegister(
    signedRequest: SignedData,
    options?: DmCallOptions,
  ): Promise<DeviceRegisterResponse>;
  /** Manual fallback: the admin's OAuth token in the `oauth_token` query parameter. */
  register(
    request: RegisterRequestInit,
    oauthToken: string,
    options?: DmCallOptions,
  ): Promise<DeviceRegisterResponse>;
  /** `Authorization: GoogleEnrollmentToken token=<enrollmentToken>`, wrapper messages 41 / 40. */
  tokenBasedRegister(
    request: RegisterRequestInit,
    enrollmentToken: string,
    options?: DmCallOptions,
  ): Promise<DeviceRegisterResponse>;
  /**
   * `Authorization: GoogleDMToken token=<dmToken>`: one PolicyFetchRequest for the device policy,
   * SHA256_RSA, with the pinned key's version when there is one. Returns the unverified response
   * (policy-verify.ts verifies it).
   */
  policy(
    dmToken: string,
    options?: DmCallOptions & { publicKeyVersion?: number | null; policyType?: string },
  ): Promise<PolicyFetchResponse>;
  unregister(dmToken: string, options?: DmCallOptions): Promise<void>;
}

/** A DeviceRegisterRequest as `create()` takes it (attestation/build-request.ts builds them). */
export type RegisterRequestInit = MessageInitShape<typeof DeviceRegisterRequestSchema>;

/** Credentials go in a header or the query: printable ASCII only, so nothing can split or inject. */
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
 * Throws TypeError/RangeError for a malformed `serverUrl`, `deviceId` or `encoding` (a configuration
 * mistake, caught by the CLI); every failure of a call is a DmError.
 */
export function createDmClient(options: DmClientOptions): DmClient {
  const endpoint = dmEndpoint(options.serverUrl);
  const { deviceId } = options;
  if (!DEVICE_ID_PATTERN.test(deviceId)) {
    throw new RangeError('deviceId must be 1–64 printable ASCII characters without spaces');
  }
  const encoding = options.encoding ?? 'proto';
  if (encoding !== 'proto' && encoding !== 'json')
    throw new RangeError(`unknown DM encoding ${String(encoding)}`);
  const agent = (options.agent ?? DEFAULT_AGENT_PARAM).slice(0, 64);
  const platform = options.platform ?? platformParam();
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const now = options.now ?? Date.now;
  const http = got.extend(
    dmGotOptions(
      { ...DEFAULT_DM_TIMEOUTS, ...options.timeouts },
      options.userAgent ?? DEFAULT_USER_AGENT,
      options.trust,
    ),
  );
  let serverDate: Date | null = null;
  const send = createCaller({
    endpoint,
    deviceId,
    encoding,
    agent,
    platform,
    maxBytes,
    now,
    http,
    onServerDate: (date) => {
      serverDate = date;
    },
  });

  function credential(type: DmRequestType, token: string): string {
    if (typeof token !== 'string' || !TOKEN_PATTERN.test(token)) {
      throw new DmError('request-invalid', `${type}: the token is empty or not printable ASCII`, {
        requestType: type,
      });
    }
    return token;
  }

  const auth = (scheme: { scheme: string; param: string }, token: string) =>
    `${scheme.scheme} ${scheme.param}=${token}`;

  const registerAnswer =
    (type: 'certificate_based_register' | 'register') =>
    (envelope: Parameters<typeof answerOf>[1]): Decoded<DeviceRegisterResponse> => {
      const answer = answerOf(type, envelope);
      return answer.ok ? checkRegisterResponse(answer.value as DeviceRegisterResponse) : answer;
    };

  /** Rejections for bad input are DmErrors too, thrown asynchronously like every other failure. */
  const later = async <T>(run: () => Promise<T>): Promise<T> => run();

  return {
    serverUrl: endpoint.origin + endpoint.pathname.slice(0, -DM_PATH.length),
    deviceId,
    encoding,
    serverDate: () => serverDate,
    enterpriseCheck: (bucket, opts) =>
      send({
        type: 'enterprise_check',
        payload: {
          autoEnrollmentRequest: {
            remainder: bucket.remainder,
            modulus: bucket.modulus,
            enrollmentCheckType: DeviceAutoEnrollmentRequest_EnrollmentCheckType.FORCED_ENROLLMENT,
          },
        },
        pick: (e) => answerOf('enterprise_check', e) as Decoded<DeviceAutoEnrollmentResponse>,
        signal: opts?.signal,
      }),
    deviceStateRetrieval: (device, opts) =>
      send({
        type: 'device_state_retrieval',
        payload: {
          deviceStateRetrievalRequest: {
            serialNumber: device.serialNumber,
            brandCode: device.brandCode,
          },
        },
        pick: (e) => answerOf('device_state_retrieval', e) as Decoded<DeviceStateRetrievalResponse>,
        signal: opts?.signal,
      }),
    initialEnrollmentState: (device, opts) =>
      send({
        type: 'device_initial_enrollment_state',
        payload: {
          deviceInitialEnrollmentStateRequest: {
            serialNumber: device.serialNumber,
            brandCode: device.brandCode,
          },
        },
        pick: (e) =>
          answerOf('device_initial_enrollment_state', e) as Decoded<DeviceInitialEnrollmentStateResponse>,
        signal: opts?.signal,
      }),
    certificateBasedRegister: (signedRequest, opts) =>
      send({
        type: 'certificate_based_register',
        payload: { certificateBasedRegisterRequest: { signedRequest } },
        pick: registerAnswer('certificate_based_register'),
        signal: opts?.signal,
      }),
    register: (request, oauthToken, opts) =>
      later(() =>
        send({
          type: 'register',
          payload: { registerRequest: request },
          query: { [DM_PARAM.oauthToken]: credential('register', oauthToken) },
          pick: registerAnswer('register'),
          signal: opts?.signal,
        }),
      ),
    tokenBasedRegister: (request, enrollmentToken, opts) =>
      later(() =>
        send({
          type: 'token_based_register',
          payload: { tokenBasedDeviceRegisterRequest: { deviceRegisterRequest: request } },
          authorization: auth(
            AUTH_SCHEME.enrollmentToken,
            credential('token_based_register', enrollmentToken),
          ),
          pick: (e) => {
            const wrapper = answerOf('token_based_register', e);
            if (!wrapper.ok) return wrapper;
            return checkRegisterResponse(
              (wrapper.value as { deviceRegisterResponse?: DeviceRegisterResponse }).deviceRegisterResponse,
            );
          },
          signal: opts?.signal,
        }),
      ),
    policy: (dmToken, opts) =>
      later(() =>
        send({
          type: 'policy',
          payload: {
            policyRequest: {
              requests: [
                {
                  policyType: opts?.policyType ?? DEVICE_POLICY_TYPE,
                  signatureType: PolicyFetchRequest_SignatureType.SHA256_RSA,
                  ...(opts?.publicKeyVersion != null ? { publicKeyVersion: opts.publicKeyVersion } : {}),
                },
              ],
            },
          },
          authorization: auth(AUTH_SCHEME.dmToken, credential('policy', dmToken)),
          pick: (e) => {
            const answer = answerOf('policy', e);
            if (!answer.ok) return answer;
            const first = (answer.value as { responses: PolicyFetchResponse[] }).responses[0];
            return first === undefined
              ? { ok: false, problem: 'policy_response has no PolicyFetchResponse' }
              : { ok: true, value: first };
          },
          signal: opts?.signal,
        }),
      ),
    unregister: (dmToken, opts) =>
      later(async () => {
        await send({
          type: 'unregister',
          payload: { unregisterRequest: {} },
          authorization: auth(AUTH_SCHEME.dmToken, credential('unregister', dmToken)),
          pick: (e) => answerOf('unregister', e),
          signal: opts?.signal,
        });
      }),
  };
}
