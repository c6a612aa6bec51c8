// One call of the DM client on the wire: the URL with Chromium's query parameters (`retry` and
// `lasterror` after a failure of the same type), the request encoded, POSTed with a capped answer, the
// answer decoded and picked, and every failure mapped to a DmError. client.ts builds the calls.

import { create, type MessageInitShape } from '@bufbuild/protobuf';
import type { Got } from 'got';
import { contentTypeOf, type DmEncoding, encodeDm } from '../../protocol/codec.ts';
import {
  APP_TYPE_CHROME,
  DEVICE_TYPE_CHROME_OS,
  DeviceManagementRequestSchema,
  DM_PARAM,
  type DmRequestType,
} from '../../protocol/dm.ts';
import { parseRetryAfter } from './backoff.ts';
import { answerEncoding, type answerOf, type Decoded, decodeEnvelope } from './decode.ts';
import { DmError, dmErrorCodeForHttp, sanitizeServerMessage } from './errors.ts';
import { lastErrorOf } from './last-error.ts';
import type { RawResponse } from './transport.ts';
import { postCapped } from './transport.ts';
import { isTimeoutReason, transportErrorToDmError } from './transport-error.ts';

/** The request's one field, named by the field its type uses (protocol/dm.ts DM_REQUEST_FIELD). */
export type Payload = MessageInitShape<typeof DeviceManagementRequestSchema>;

export interface Call<T> {
  type: DmRequestType;
  payload: Payload;
  /** The whole Authorization header value. */
  authorization?: string;
  /** Extra query parameters (`oauth_token`). */
  query?: Record<string, string>;
  pick: (envelope: Parameters<typeof answerOf>[1]) => Decoded<T>;
  signal: AbortSignal | undefined;
}

/** What every call of one client shares. */
export interface CallerConfig {
  /** `<server>/device_management`, without query. */
  endpoint: URL;
  deviceId: string;
  encoding: DmEncoding;
  /** The `agent` and `platform` query parameters. */
  agent: string;
  platform: string;
  /** Cap on an answer's body. */
  maxBytes: number;
  /** Clock for HTTP-date Retry-After values. */
  now: () => number;
  http: Got;
  /** Told the `Date` header of every answer that has a valid one, error answers included. */
  onServerDate?: (date: Date) => void;
}

/**
 * The function that makes one call: every failure, of the transport, the server or its answer, is
 * thrown as a DmError; a failed attempt is remembered per request type for the next `lasterror`.
 */
export function createCaller(config: CallerConfig): <T>(call: Call<T>) => Promise<T> {
  const { endpoint, deviceId, encoding, agent, platform, maxBytes, now, http, onServerDate } = config;
  /** The last failure of each request type, sent as `lasterror` on the next attempt of that type. */
  const lastErrors = new Map<DmRequestType, number>();

  function urlFor(type: DmRequestType, extra: Record<string, string> = {}): URL {
    const url = new URL(endpoint);
    const q = url.searchParams;
    q.set(DM_PARAM.request, type);
    q.set(DM_PARAM.deviceType, DEVICE_TYPE_CHROME_OS);
    q.set(DM_PARAM.appType, APP_TYPE_CHROME);
    q.set(DM_PARAM.deviceId, deviceId);
    q.set(DM_PARAM.agent, agent);
    q.set(DM_PARAM.platform, platform);
    const last = lastErrors.get(type);
    q.set(DM_PARAM.retry, last === undefined ? 'false' : 'true');
    if (last !== undefined) q.set(DM_PARAM.lastError, String(last));
    for (const [key, value] of Object.entries(extra)) q.set(key, value);
    return url;
  }

  function errorAnswer(type: DmRequestType, raw: RawResponse): DmError {
    const { code, dmStatus } = dmErrorCodeForHttp(raw.status);
    let serverMessage: string | null = null;
    const bodyEncoding = answerEncoding(raw.headers['content-type'], encoding);
    if (raw.body !== null && raw.body.length > 0 && bodyEncoding !== null) {
      // An undecodable error body is tolerated: the status alone is the verdict.
      const decoded = decodeEnvelope(raw.body, bodyEncoding);
      if (decoded.ok) serverMessage = sanitizeServerMessage(decoded.value.errorMessage);
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

  function successAnswer<T>(call: Call<T>, raw: RawResponse): T {
    const invalid = (problem: string) =>
      new DmError('invalid-response', `${call.type}: invalid answer: ${problem}`, {
        requestType: call.type,
        httpStatus: raw.status,
      });
    if (raw.body === null) throw invalid('no body');
    const bodyEncoding = answerEncoding(raw.headers['content-type'], encoding);
    if (bodyEncoding === null)
      throw invalid(`Content-Type ${String(raw.headers['content-type'])} is not a DM answer`);
    const envelope = decodeEnvelope(raw.body, bodyEncoding);
    if (!envelope.ok) throw invalid(envelope.problem);
    const picked = call.pick(envelope.value);
    if (!picked.ok) throw invalid(picked.problem);
    return picked.value;
  }

  async function send<T>(call: Call<T>): Promise<T> {
    const { type, signal } = call;
    let attempted = false;
    try {
      if (signal?.aborted) {
        const code = isTimeoutReason(signal.reason) ? 'timeout' : 'aborted';
        throw new DmError(code, `${type}: ${code} before it was sent`, { requestType: type });
      }
      let body: Uint8Array;
      try {
        body = encodeDm(
          DeviceManagementRequestSchema,
          create(DeviceManagementRequestSchema, call.payload),
          encoding,
        );
      } catch (e) {
        throw new DmError('request-invalid', `${type}: the request cannot be encoded`, {
          requestType: type,
          cause: e,
        });
      }
      const headers: Record<string, string> = { 'content-type': contentTypeOf(encoding) };
      if (call.authorization !== undefined) headers.authorization = call.authorization;
      attempted = true;
      const raw = await postCapped(http, urlFor(type, call.query), { body, headers, signal, maxBytes });
      const date = Date.parse(raw.headers.date ?? '');
      if (!Number.isNaN(date)) onServerDate?.(new Date(date));
      if (raw.status < 200 || raw.status > 299) throw errorAnswer(type, raw);
      const value = successAnswer(call, raw);
      lastErrors.delete(type);
      return value;
    } catch (error) {
      const dmError = transportErrorToDmError(error, type, signal);
      // An abort is the caller leaving, not a failure the server saw; a request never sent is not either.
      if (attempted && dmError.code !== 'aborted') lastErrors.set(type, lastErrorOf(dmError));
      throw dmError;
    }
  }

  return send;
}
