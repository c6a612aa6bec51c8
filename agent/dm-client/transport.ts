// One POST over got's stream API, so the body can be capped while it arrives: a hostile
// server cannot make us buffer more than `maxBytes`. got retries nothing (the machine does) and
// follows no redirects; time-outs are got's per-phase ones, cancellation is the caller's signal.

import type { IncomingHttpHeaders } from 'node:http';
import type { Delays, Got } from 'got';
import { DmError } from './errors.ts';
import type { ServerTrust } from './server-trust.ts';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The whole body, or null for an error answer whose body exceeded the cap (its status still counts). */
  body: Buffer | null;
}

export interface PostOptions {
  /** A JSON text or the bytes of a serialized message. */
  body: string | Uint8Array;
  /** `content-type` defaults to application/json. */
  headers: Record<string, string>;
  signal: AbortSignal | undefined;
  maxBytes: number;
}

export type HttpTimeouts = Pick<
  Delays,
  'lookup' | 'connect' | 'secureConnect' | 'send' | 'response' | 'request'
>;

/**
 * A got instance with the DM client's fixed behaviour. With a `trust` (server-trust.ts), https goes
 * through its agent: verified against the device's CAs and pins before any byte of HTTP is written.
 */
export function dmGotOptions(timeouts: HttpTimeouts, userAgent: string, trust?: ServerTrust) {
  return {
    retry: { limit: 0 },
    throwHttpErrors: false,
    followRedirect: false,
    timeout: { ...timeouts },
    headers: { 'user-agent': userAgent },
    ...(trust !== undefined ? { agent: { https: trust.agent } } : {}),
  } as const;
}

function isOk(status: number): boolean {
  return status >= 200 && status <= 299;
}

/** Rejects with got's errors (mapped by the caller) or a `response-too-large` DmError. */
export function postCapped(http: Got, url: URL, options: PostOptions): Promise<RawResponse> {
  return new Promise<RawResponse>((resolve, reject) => {
    const stream = http.stream.post(url, {
      body: typeof options.body === 'string' ? options.body : Buffer.from(options.body),
      headers: { 'content-type': 'application/json', ...options.headers },
      signal: options.signal,
    });
    let settled = false;
    let status = 0;
    let headers: IncomingHttpHeaders = {};
    const chunks: Buffer[] = [];
    let size = 0;

    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      outcome();
    };
    const overflow = (what: string) => {
      settle(() => {
        stream.destroy();
        if (isOk(status)) {
          reject(
            new DmError(
              'response-too-large',
              `the answer is larger than ${options.maxBytes} bytes (${what})`,
              {
                httpStatus: status,
              },
            ),
          );
        } else {
          resolve({ status, headers, body: null });
        }
      });
    };

    // Registered for the stream's whole life: a late error after destroy() must not go unhandled.
    stream.on('error', (error: unknown) => settle(() => reject(error)));
    stream.on('response', (response: { statusCode: number; headers: IncomingHttpHeaders }) => {
      status = response.statusCode;
      headers = response.headers;
      const length = Number(headers['content-length']);
      const encoded = headers['content-encoding'] !== undefined && headers['content-encoding'] !== 'identity';
      if (!encoded && Number.isFinite(length) && length > options.maxBytes)
        overflow(`content-length ${length}`);
    });
    stream.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > options.maxBytes) overflow(`${size} bytes received so far`);
      else chunks.push(chunk);
    });
    stream.on('end', () => settle(() => resolve({ status, headers, body: Buffer.concat(chunks, size) })));
  });
}
