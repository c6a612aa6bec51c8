// Writing DM answers (DESIGN §5): a DeviceManagementResponse in the encoding the request used
// (protobuf `application/x-protobuffer`, or the JSON debug encoding), with the HTTP status of the
// table. An error answer is a DeviceManagementResponse carrying only `error_message`; in JSON it also
// carries `dm_status`, a key outside the schema that a client ignores.

import { create } from '@bufbuild/protobuf';
import type { FastifyReply } from 'fastify';
import { contentTypeOf, type DmEncoding, encodeDm } from '../../protocol/codec.ts';
import { type DeviceManagementResponse, DeviceManagementResponseSchema } from '../../protocol/dm.ts';
import { type DmStatus, dmStatusForHttp } from '../../protocol/status.ts';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The text with every lone surrogate replaced by U+FFFD (String.prototype.toWellFormed). */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\ufffd');
}

/** The bytes of an error answer. */
export function dmErrorBytes(encoding: DmEncoding, message: string, dmStatus: DmStatus): Buffer {
  // A message may quote the request (a JSON parser's snippet can split a surrogate pair): a proto
  // string must be well-formed Unicode, or the client could not decode the answer.
  const response = create(DeviceManagementResponseSchema, { errorMessage: wellFormed(message) });
  const bytes = encodeDm(DeviceManagementResponseSchema, response, encoding);
  if (encoding === 'proto') return Buffer.from(bytes);
  const json = JSON.parse(Buffer.from(bytes).toString('utf8')) as Record<string, unknown>;
  return Buffer.from(JSON.stringify({ ...json, dm_status: dmStatus }), 'utf8');
}

/**
 * fastify refuses status codes above 599, but the DM table has 902–907: Node's HTTP server writes
 * any three-digit status, so such answers go out on the raw response.
 */
function sendRaw(reply: FastifyReply, status: number, contentType: string, payload: Buffer): FastifyReply {
  reply.hijack();
  const headers: Record<string, string | number> = {
    'content-type': contentType,
    'content-length': payload.length,
  };
  const retryAfter = reply.getHeader('retry-after');
  if (typeof retryAfter === 'string') headers['retry-after'] = retryAfter;
  reply.raw.writeHead(status, headers);
  reply.raw.end(payload);
  return reply;
}

export function sendDmAnswer(
  reply: FastifyReply,
  encoding: DmEncoding,
  answer: DeviceManagementResponse,
): FastifyReply {
  const payload = Buffer.from(encodeDm(DeviceManagementResponseSchema, answer, encoding));
  return reply.code(200).header('content-type', contentTypeOf(encoding)).send(payload);
}

/** An error answer; a status outside the DM table (415, 404 of a route…) is a plain 400. */
export function sendDmError(
  reply: FastifyReply,
  encoding: DmEncoding,
  httpStatus: number,
  message: string,
  retryAfterSeconds?: number,
): FastifyReply {
  const known = dmStatusForHttp(httpStatus);
  const status = known === null || known === 'DM_STATUS_SUCCESS' ? 400 : httpStatus;
  const dmStatus = dmStatusForHttp(status) ?? 'DM_STATUS_REQUEST_INVALID';
  if (retryAfterSeconds !== undefined) reply.header('retry-after', String(retryAfterSeconds));
  const payload = dmErrorBytes(encoding, message, dmStatus);
  const contentType = contentTypeOf(encoding);
  if (status > 599) return sendRaw(reply, status, contentType, payload);
  return reply.code(status).header('content-type', contentType).send(payload);
}
