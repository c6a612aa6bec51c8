// The two encodings of DM messages (DESIGN §5): protobuf on the wire (the default, what Chromium
// sends) and the proto's canonical JSON with the original snake_case names as a debug encoding.
// Decoding refuses what a hostile peer could use against us: it never throws anything but a
// DmCodecError, and JSON nesting is bounded before it is parsed.

import {
  type DescMessage,
  fromBinary,
  fromJsonString,
  type MessageShape,
  toBinary,
  toJsonString,
} from '@bufbuild/protobuf';

export type DmEncoding = 'proto' | 'json';
export const DM_ENCODINGS: readonly DmEncoding[] = ['proto', 'json'];

/** What Chromium sends and expects back. */
export const PROTOBUF_CONTENT_TYPE = 'application/x-protobuffer';
/** Also accepted for a protobuf body. */
export const PROTOBUF_CONTENT_TYPES: readonly string[] = [
  PROTOBUF_CONTENT_TYPE,
  'application/protobuf',
  'application/octet-stream',
];
export const JSON_CONTENT_TYPE = 'application/json';

/** The encoding a `Content-Type` header asks for, or null for anything else. */
export function encodingOfContentType(header: string | undefined): DmEncoding | null {
  if (header === undefined) return null;
  const mime = header.split(';')[0]?.trim().toLowerCase() ?? '';
  if (PROTOBUF_CONTENT_TYPES.includes(mime)) return 'proto';
  if (mime === JSON_CONTENT_TYPE) return 'json';
  return null;
}

export function contentTypeOf(encoding: DmEncoding): string {
  return encoding === 'proto' ? PROTOBUF_CONTENT_TYPE : `${JSON_CONTENT_TYPE}; charset=utf-8`;
}

export class DmCodecError extends Error {
  readonly code = 'dm-codec-error';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DmCodecError';
  }
}

/** JSON deeper than this is refused before JSON.parse (our messages nest at most 6 levels). */
export const MAX_JSON_DEPTH = 32;

/** True when arrays/objects nest deeper than `limit` (a linear scan; strings are skipped). */
export function jsonNestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

export interface DecodeOptions {
  /** JSON only: ignore keys the schema does not know (the agent does, for a server's extra keys). */
  ignoreUnknownJsonFields?: boolean;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function encodeDm<S extends DescMessage>(
  schema: S,
  message: MessageShape<S>,
  encoding: DmEncoding,
): Uint8Array {
  if (encoding === 'proto') return toBinary(schema, message);
  return new TextEncoder().encode(toJsonString(schema, message, { useProtoFieldName: true }));
}

export function decodeDm<S extends DescMessage>(
  schema: S,
  bytes: Uint8Array,
  encoding: DmEncoding,
  options: DecodeOptions = {},
): MessageShape<S> {
  try {
    // Unknown protobuf fields are skipped, not kept: a peer cannot make us hold bytes we never use.
    if (encoding === 'proto') return fromBinary(schema, bytes, { readUnknownFields: false });
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch (e) {
      throw new DmCodecError('the body is not valid UTF-8', { cause: e });
    }
    if (jsonNestsDeeperThan(text, MAX_JSON_DEPTH)) {
      throw new DmCodecError(`the JSON nests deeper than ${MAX_JSON_DEPTH} levels`);
    }
    return fromJsonString(schema, text, { ignoreUnknownFields: options.ignoreUnknownJsonFields ?? false });
  } catch (e) {
    if (e instanceof DmCodecError) throw e;
    // Stack exhaustion on deeply nested groups is a RangeError: still just a bad message.
    const why = e instanceof Error ? e.message : String(e);
    throw new DmCodecError(`not a valid ${schema.typeName} (${encoding}): ${why}`, { cause: e });
  }
}
