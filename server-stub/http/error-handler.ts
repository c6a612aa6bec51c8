// One error handler for the whole stub: every validation error, malformed JSON, oversized or
// wrongly typed payload is a 4xx naming the field; only a bug (or an injected fault) is a 5xx.
// On the DM endpoint the answer carries `dm_status` (DESIGN §5), elsewhere `error_code`.

import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ConnectionError, FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { encodingOfContentType } from '../../protocol/codec.ts';
import { DM_PATH } from '../../protocol/dm.ts';
import { dmStatusForHttp } from '../../protocol/status.ts';
import { sendDmError } from '../dm/wire.ts';
import { ApiError, type ApiErrorBody, DmError } from './errors.ts';
import { describeValidation, type ValidationIssue } from './validation-message.ts';

interface Classified {
  status: number;
  code: string;
  message: string;
  retryAfterSeconds?: number | undefined;
}

const DEFAULT_CODE: Record<number, string> = {
  400: 'INVALID_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
};

function fastifyErrorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

function statusOf(err: unknown): number | undefined {
  const s = (err as { statusCode?: unknown }).statusCode;
  return typeof s === 'number' && Number.isInteger(s) ? s : undefined;
}

export function classifyError(err: unknown): Classified {
  if (err instanceof DmError) {
    return {
      status: err.statusCode,
      code: err.dmStatus,
      message: err.message,
      retryAfterSeconds: err.retryAfterSeconds,
    };
  }
  if (err instanceof ApiError) return { status: err.statusCode, code: err.code, message: err.message };
  const fe = err as Partial<FastifyError> & { validation?: ValidationIssue[] };
  if (Array.isArray(fe.validation)) {
    return {
      status: 400,
      code: 'INVALID_REQUEST',
      message: describeValidation(fe.validationContext, fe.validation),
    };
  }
  const code = fastifyErrorCode(err);
  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'body is larger than this endpoint accepts' };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { status: 400, code: 'INVALID_JSON', message: 'body is not valid JSON' };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return {
        status: 400,
        code: 'INVALID_JSON',
        message: 'body is empty but content-type is application/json',
      };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: 'content-type header: unsupported media type',
      };
    default:
      break;
  }
  if (err instanceof SyntaxError)
    return { status: 400, code: 'INVALID_JSON', message: `body: ${err.message}` };
  const status = statusOf(err);
  if (status !== undefined && status >= 400 && status < 500) {
    const own = code !== undefined && !code.startsWith('FST_') && !code.startsWith('ERR_') ? code : undefined;
    const message = err instanceof Error ? err.message : 'bad request';
    return { status, code: own ?? DEFAULT_CODE[status] ?? 'INVALID_REQUEST', message };
  }
  return { status: 500, code: 'INTERNAL', message: 'internal error' };
}

function isDmRoute(request: FastifyRequest): boolean {
  return request.routeOptions.url === DM_PATH;
}

export function sendError(request: FastifyRequest, reply: FastifyReply, c: Classified): FastifyReply {
  if (c.retryAfterSeconds !== undefined) reply.header('retry-after', String(c.retryAfterSeconds));
  if (isDmRoute(request)) {
    // The DM route's answer: a DeviceManagementResponse in the request's encoding (dm/wire.ts).
    const encoding = encodingOfContentType(request.headers['content-type']) ?? 'proto';
    return sendDmError(reply, encoding, c.status, c.message);
  }
  const body: ApiErrorBody = { error_message: c.message, error_code: c.code };
  return reply.code(c.status).send(body);
}

/** The request target last routed on each connection (for a framing error in its body). */
const routedTargets = new WeakMap<object, string>();

export function installErrorHandlers(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    routedTargets.set(request.raw.socket, request.raw.url ?? '');
  });
  app.setErrorHandler((err, request, reply) => {
    const c = classifyError(err);
    if (c.status >= 500 && !(err instanceof DmError)) {
      request.log.error(
        { err },
        isDmRoute(request) ? 'unexpected error on the DM endpoint' : 'unexpected error',
      );
    }
    return sendError(request, reply, c);
  });
  app.setNotFoundHandler((request, reply) => {
    const body: ApiErrorBody = {
      error_message: `no route for ${request.method} ${request.url.split('?')[0] ?? ''}`,
      error_code: 'NOT_FOUND',
    };
    return reply.code(404).send(body);
  });
}

/**
 * Fastify's `frameworkErrors` option: errors of the router itself, before any route runs — a path
 * that is not valid percent-encoding (FST_ERR_BAD_URL) or a path parameter longer than
 * `maxParamLength` (FST_ERR_MAX_PARAM_LENGTH, which fastify would answer 414). Both are malformed
 * requests: 400 with the usual `{error_message, error_code}` body.
 */
export function frameworkErrorHandler(
  error: FastifyError,
  _request: FastifyRequest,
  reply: FastifyReply,
): void {
  const message =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? 'url: a path parameter is longer than the server accepts'
      : error.code === 'FST_ERR_BAD_URL'
        ? 'url: the path is not valid percent-encoding'
        : `url: ${error.message}`;
  const body: ApiErrorBody = { error_message: message, error_code: 'INVALID_REQUEST' };
  void reply.code(400).send(body);
}

/**
 * Does the unparsable request target the DM endpoint? Its request line is in the raw bytes when the
 * headers could not be parsed; when the body could not (broken chunked encoding), it was routed.
 */
function targetsDm(raw: unknown, socket: Socket): boolean {
  const line = Buffer.isBuffer(raw) ? raw.subarray(0, 256).toString('latin1') : '';
  const fromLine = /^[A-Z]+ (\S+) HTTP\//.exec(line)?.[1];
  const target = fromLine ?? routedTargets.get(socket) ?? '';
  return target === DM_PATH || target.startsWith(`${DM_PATH}?`);
}

/**
 * Fastify's `clientErrorHandler` option: the request could not even be parsed as HTTP (a control
 * byte in a header, conflicting content lengths, broken chunked encoding, headers too large). No
 * route ran; the answer still has the stub's error shape (`dm_status` when the request line named the
 * DM endpoint), then the connection is closed as the HTTP parser cannot go on.
 */
export function clientErrorHandler(err: ConnectionError, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  // Typed as its JSON form by fastify, but a Buffer at run time (Node's HPE_* parse errors).
  const dm = targetsDm((err as { rawPacket?: unknown }).rawPacket, socket);
  const http = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
  // The DM table has neither 408 nor 431: there, as in sendError, they are plain invalid requests.
  const status = dm && dmStatusForHttp(http) === null ? 400 : http;
  const message =
    http === 431
      ? 'headers are larger than the server accepts'
      : http === 408
        ? 'request timed out'
        : `malformed HTTP request: ${err.message}`;
  const body = JSON.stringify(
    dm
      ? { error_message: message, dm_status: dmStatusForHttp(status) ?? 'DM_STATUS_REQUEST_INVALID' }
      : {
          error_message: message,
          error_code: status === 400 ? 'INVALID_REQUEST' : (DEFAULT_CODE[status] ?? 'INVALID_REQUEST'),
        },
  );
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Bad Request'}\r\nConnection: close\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}
