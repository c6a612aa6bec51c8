// DM-specific machinery of the stub's property tests (issue 12: Chromium's wire):
//  - `dmReq`: a raw request to POST /device_management, its body a DeviceManagementRequest encoded
//    as protobuf (the default) or as the JSON debug encoding;
//  - `expectDmRefused`: a 4xx whose body is a DeviceManagementResponse with error_message in the
//    request's encoding (JSON also carries the table's dm_status), the field named, nothing written;
//  - `corruptDmJson`: the JSON debug encoding of a valid message with exactly one field made invalid
//    for the schema (wrong JSON type, unknown enum name, invalid base64, an unknown key), with the
//    names that may identify it in the error (the field, its message or enum type);
//  - `mutateBytes`: byte-level damage to a protobuf body (flip, truncate, insert, splice).

import type { DescField, DescMessage } from '@bufbuild/protobuf';
import fc from 'fast-check';
import { expect } from 'vitest';
import { contentTypeOf, type DmEncoding, decodeDm, encodingOfContentType } from '../../../protocol/codec.ts';
import { DeviceManagementResponseSchema } from '../../../protocol/dm.ts';
import { dmStatusForHttp } from '../../../protocol/status.ts';
import type { StartedStub } from '../../helpers/stub.ts';
import { snapshot } from './harness/db-snapshot.ts';
import { type Answer, type Req, send } from './harness/http-client.ts';

export interface DmReply {
  answer: Answer;
  /** The raw answer bytes. */
  bytes: Buffer;
  encoding: DmEncoding;
  errorMessage: string;
  /** JSON answers: `dm_status`. */
  dmStatus: string | undefined;
}

/** Sends and decodes a DM answer (it must decode as a DeviceManagementResponse). */
export async function sendDm(url: string, req: Req): Promise<DmReply> {
  const answer = await send(url, req);
  const encoding = encodingOfContentType(String(answer.headers['content-type'] ?? '')) ?? 'proto';
  const bytes = answer.bytes;
  const decoded = decodeDm(DeviceManagementResponseSchema, bytes, encoding, {
    ignoreUnknownJsonFields: true,
  });
  const dmStatus =
    encoding === 'json'
      ? (JSON.parse(bytes.toString('utf8')) as { dm_status?: string }).dm_status
      : undefined;
  return { answer, bytes, encoding, errorMessage: decoded.errorMessage, dmStatus };
}

export interface DmRefusal {
  status?: number | readonly number[];
  /** The error_message must name one of these (compared without case and underscores) or match. */
  field?: string | readonly string[] | RegExp | undefined;
}

const norm = (x: string): string => x.toLowerCase().replace(/_/g, '');

function describeReq(req: Req, r: DmReply): string {
  const body = req.body === undefined ? '' : ` body(${Buffer.byteLength(req.body)}B)`;
  return `${req.method} ${req.path.slice(0, 160)} ct=${String(req.headers?.['content-type'])} auth=${JSON.stringify(
    req.headers?.authorization,
  )}${body} → ${r.answer.status} ${r.errorMessage.slice(0, 300)}`;
}

/** A 4xx DeviceManagementResponse error in the request's encoding, the field named, nothing written. */
export async function expectDmRefused(s: StartedStub, req: Req, exp: DmRefusal = {}): Promise<DmReply> {
  const before = snapshot(s);
  const r = await sendDm(s.url, req);
  const where = describeReq(req, r);
  const { status } = r.answer;
  expect(status, where).toBeGreaterThanOrEqual(400);
  expect(status, where).toBeLessThan(500);
  if (exp.status !== undefined) {
    const allowed = typeof exp.status === 'number' ? [exp.status] : exp.status;
    expect(allowed, where).toContain(status);
  }
  const asked = encodingOfContentType(req.headers?.['content-type']) ?? 'proto';
  expect(r.answer.headers['content-type'], where).toBe(contentTypeOf(asked));
  expect(r.errorMessage.length, where).toBeGreaterThan(0);
  if (asked === 'json') expect(r.dmStatus, where).toBe(dmStatusForHttp(status));
  if (exp.field instanceof RegExp) expect(r.errorMessage, where).toMatch(exp.field);
  else if (exp.field !== undefined) {
    const names = typeof exp.field === 'string' ? [exp.field] : exp.field;
    expect(
      names.some((n) => norm(r.errorMessage).includes(norm(n))),
      `${where}: names none of ${names.join(', ')}`,
    ).toBe(true);
  }
  expect(snapshot(s), where).toEqual(before);
  return r;
}

// ---------------------------------------------------------------------------------------------------
// One-field corruption of the JSON debug encoding, driven by the message descriptors

export interface DmCorruption {
  body: Buffer;
  /** Names that may identify the culprit in the error message. */
  names: string[];
  what: string;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Path = (string | number)[];

interface Leaf {
  path: Path;
  field: DescField;
}

function collect(
  schema: DescMessage,
  value: { [k: string]: Json },
  path: Path,
  out: Leaf[],
  objects: { path: Path; schema: DescMessage }[],
): void {
  objects.push({ path, schema });
  for (const [key, v] of Object.entries(value)) {
    const field = schema.fields.find((f) => f.name === key);
    if (field === undefined) continue;
    out.push({ path: [...path, key], field });
    if (field.fieldKind === 'message' && v !== null && typeof v === 'object' && !Array.isArray(v)) {
      collect(field.message, v, [...path, key], out, objects);
    } else if (field.fieldKind === 'list' && field.listKind === 'message' && Array.isArray(v)) {
      v.forEach((item, i) => {
        if (item !== null && typeof item === 'object' && !Array.isArray(item))
          collect(field.message, item, [...path, key, i], out, objects);
      });
    }
  }
}

/** JSON values certainly invalid for a field of this kind in canonical proto JSON. */
function wrongValues(field: DescField): Json[] {
  switch (field.fieldKind) {
    case 'message':
      return ['x', 5, true, []];
    case 'list':
      return ['x', 5, { a: 1 }];
    case 'enum':
      return ['NOT_A_VALUE_OF_THIS_ENUM', 1.5, true, {}, []];
    case 'map':
      return ['x', 5, []];
    case 'scalar':
      switch (field.scalar) {
        case 9: // string
          return [5, true, {}, []];
        case 12: // bytes
          return ['!!!not base64!!!', 5, {}, []];
        case 8: // bool
          return ['yes', 1, {}, []];
        default: // numbers (int64 as JSON strings too)
          return ['x', 1.5, true, {}, []];
      }
  }
}

function namesOf(field: DescField): string[] {
  const names = [field.name];
  if (field.fieldKind === 'message' || (field.fieldKind === 'list' && field.listKind === 'message'))
    names.push(field.message.name);
  if (field.fieldKind === 'enum' || (field.fieldKind === 'list' && field.listKind === 'enum'))
    names.push(field.enum.name);
  return names;
}

function setAt(root: Json, path: Path, value: Json): Json {
  const copy = structuredClone(root);
  let at: Json = copy;
  for (const k of path.slice(0, -1)) at = (at as Record<string | number, Json>)[k] as Json;
  (at as Record<string | number, Json>)[path[path.length - 1] as string | number] = value;
  return copy;
}

/** The valid JSON (canonical, snake_case) of a message with one field made invalid. */
export function corruptDmJson(
  schema: DescMessage,
  validJson: { [k: string]: Json },
): fc.Arbitrary<DmCorruption> {
  const leaves: Leaf[] = [];
  const objects: { path: Path; schema: DescMessage }[] = [];
  collect(schema, validJson, [], leaves, objects);
  const wrong = leaves.flatMap((l) =>
    wrongValues(l.field).map((v) => ({
      path: l.path,
      value: v,
      names: namesOf(l.field),
      what: `${l.path.join('.')} = ${JSON.stringify(v)}`,
    })),
  );
  const unknown = fc
    .tuple(
      fc.constantFrom(...objects),
      fc.stringMatching(/^[a-z][a-z_]{0,11}$/),
      fc.jsonValue({ maxDepth: 1 }),
    )
    .filter(([o, k]) => !o.schema.fields.some((f) => f.name === k || f.jsonName === k))
    .map(([o, k, v]) => {
      const changed = setAt(validJson, [...o.path, k], v as Json);
      return {
        body: Buffer.from(JSON.stringify(changed)),
        names: [k],
        what: `unknown key ${o.path.join('.')}.${k}`,
      };
    });
  return fc.oneof(
    {
      weight: 4,
      arbitrary: fc.constantFrom(...wrong).map((w) => ({
        body: Buffer.from(JSON.stringify(setAt(validJson, w.path, w.value))),
        names: w.names,
        what: w.what,
      })),
    },
    { weight: 1, arbitrary: unknown },
  );
}

/** Byte-level damage to an encoded message. */
export function mutateBytes(valid: Uint8Array): fc.Arbitrary<Buffer> {
  const n = valid.length;
  return fc.oneof(
    fc.tuple(fc.nat(Math.max(0, n - 1)), fc.integer({ min: 1, max: 255 })).map(([i, x]) => {
      const b = Buffer.from(valid);
      b[i] = (b[i] ?? 0) ^ x;
      return b;
    }),
    fc.nat(Math.max(0, n - 1)).map((i) => Buffer.from(valid.subarray(0, i))),
    fc
      .tuple(fc.nat(n), fc.uint8Array({ minLength: 1, maxLength: 16 }))
      .map(([i, ins]) =>
        Buffer.concat([Buffer.from(valid.subarray(0, i)), Buffer.from(ins), Buffer.from(valid.subarray(i))]),
      ),
    fc
      .tuple(fc.nat(n), fc.nat(n))
      .map(([a, b]) =>
        Buffer.concat([
          Buffer.from(valid.subarray(0, Math.min(a, b))),
          Buffer.from(valid.subarray(Math.max(a, b))),
        ]),
      ),
  );
}
