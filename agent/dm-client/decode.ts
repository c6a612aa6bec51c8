// From an answer's bytes to the message the caller asked for (DESIGN §5). The body is decoded as a
// DeviceManagementResponse in the encoding its Content-Type names (protobuf or the debug JSON); the
// field that answers the request type must be there, and so must the fields the proto marks required
// and the agent cannot do without. Anything else is a `problem` the client turns into
// `invalid-response`.

import { isFieldSet } from '@bufbuild/protobuf';
import { DmCodecError, type DmEncoding, decodeDm, encodingOfContentType } from '../../protocol/codec.ts';
import {
  type DeviceManagementResponse,
  DeviceManagementResponseSchema,
  type DeviceRegisterResponse,
  DeviceRegisterResponseSchema,
  DM_RESPONSE_FIELD,
  type DmRequestType,
} from '../../protocol/dm.ts';

export type Decoded<T> = { ok: true; value: T } | { ok: false; problem: string };

/** Longest string accepted in a field the agent keeps (domains, org unit paths, tokens). */
export const MAX_FIELD_LENGTH = 4096;

/**
 * The encoding of an answer: its Content-Type's, or — with no Content-Type at all — the one the
 * request was sent in. Any other Content-Type (an HTML captive portal…) is not a DM answer: null.
 */
export function answerEncoding(contentType: string | undefined, requested: DmEncoding): DmEncoding | null {
  if (contentType === undefined || contentType.trim() === '') return requested;
  return encodingOfContentType(contentType);
}

/** Decodes a DeviceManagementResponse; a server's unknown JSON keys (`dm_status`) are ignored. */
export function decodeEnvelope(bytes: Uint8Array, encoding: DmEncoding): Decoded<DeviceManagementResponse> {
  try {
    return {
      ok: true,
      value: decodeDm(DeviceManagementResponseSchema, bytes, encoding, { ignoreUnknownJsonFields: true }),
    };
  } catch (e) {
    if (e instanceof DmCodecError) return { ok: false, problem: e.message };
    throw e;
  }
}

/** The message that answers `type`, or why the envelope does not hold it. */
export function answerOf<T extends DmRequestType>(
  type: T,
  envelope: DeviceManagementResponse,
): Decoded<NonNullable<DeviceManagementResponse[(typeof DM_RESPONSE_FIELD)[T]]>> {
  const field = DM_RESPONSE_FIELD[type];
  const value = envelope[field];
  if (value === undefined || value === null || typeof value !== 'object') {
    return { ok: false, problem: `the answer has no ${snake(field)}` };
  }
  return { ok: true, value: value as NonNullable<DeviceManagementResponse[(typeof DM_RESPONSE_FIELD)[T]]> };
}

/** A DeviceRegisterResponse the agent can use: the required DM token present, printable, bounded. */
export function checkRegisterResponse(
  response: DeviceRegisterResponse | undefined,
): Decoded<DeviceRegisterResponse> {
  if (response === undefined) return { ok: false, problem: 'the answer has no device_register_response' };
  const token = response.deviceManagementToken;
  if (!isFieldSet(response, DeviceRegisterResponseSchema.field.deviceManagementToken) || token === '') {
    return { ok: false, problem: 'device_management_token (required) is missing' };
  }
  if (token.length > MAX_FIELD_LENGTH || !/^[\x21-\x7E]+$/.test(token)) {
    return { ok: false, problem: 'device_management_token is not 1–4096 printable ASCII characters' };
  }
  for (const [name, value] of [
    ['machine_name', response.machineName],
    ['org_unit_path', response.orgUnitPath],
  ] as const) {
    if (value.length > MAX_FIELD_LENGTH) return { ok: false, problem: `${name} is too long` };
  }
  return { ok: true, value: response };
}

function snake(camel: string): string {
  return camel.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
