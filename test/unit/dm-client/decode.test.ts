// Decoding DM answers: the envelope in either encoding, the field each request type expects, the
// required DM token; an answer of another kind (HTML, an undecodable body) is a problem, not a throw.

import { create, toBinary } from '@bufbuild/protobuf';
import { describe, expect, it } from 'vitest';
import {
  answerEncoding,
  answerOf,
  checkRegisterResponse,
  decodeEnvelope,
  MAX_FIELD_LENGTH,
} from '../../../agent/dm-client/decode.ts';
import { encodeDm } from '../../../protocol/codec.ts';
import { DeviceManagementResponseSchema, DeviceRegisterResponseSchema } from '../../../protocol/dm.ts';

const envelope = create(DeviceManagementResponseSchema, {
  registerResponse: { deviceManagementToken: 'dmtok-1', orgUnitPath: '/Classrooms', licenseConsumed: true },
});

describe('answerEncoding', () => {
  it.each([
    ['application/x-protobuffer', 'proto'],
    ['application/protobuf', 'proto'],
    ['application/octet-stream', 'proto'],
    ['application/json; charset=utf-8', 'json'],
    ['text/html', null],
  ] as const)('%s → %s', (type, encoding) => {
    expect(answerEncoding(type, 'json')).toBe(encoding);
  });

  it('no Content-Type: the encoding the request was sent in', () => {
    expect(answerEncoding(undefined, 'proto')).toBe('proto');
    expect(answerEncoding('', 'json')).toBe('json');
  });
});

describe('decodeEnvelope', () => {
  it.each(['proto', 'json'] as const)('reads a %s envelope', (encoding) => {
    const decoded = decodeEnvelope(encodeDm(DeviceManagementResponseSchema, envelope, encoding), encoding);
    expect(decoded.ok).toBe(true);
    if (decoded.ok) expect(decoded.value.registerResponse?.deviceManagementToken).toBe('dmtok-1');
  });

  it('ignores the JSON error keys that are not fields (dm_status)', () => {
    const body = new TextEncoder().encode(
      '{"error_message":"no","dm_status":"DM_STATUS_SERVICE_MISSING_LICENSES"}',
    );
    const decoded = decodeEnvelope(body, 'json');
    expect(decoded.ok && decoded.value.errorMessage).toBe('no');
  });

  it.each([
    ['HTML as JSON', new TextEncoder().encode('<html>portal</html>'), 'json'],
    ['a truncated varint', new Uint8Array([0x12, 0x80]), 'proto'],
    ['a length prefix past the end', new Uint8Array([0x1a, 0xff, 0xff, 0xff, 0x0f, 0x01]), 'proto'],
    ['invalid UTF-8 JSON', new Uint8Array([0xff, 0xfe]), 'json'],
  ] as const)('%s is a problem, not a throw', (_, bytes, encoding) => {
    const decoded = decodeEnvelope(bytes, encoding);
    expect(decoded.ok).toBe(false);
  });
});

describe('answerOf', () => {
  it('picks the field of the request type', () => {
    const picked = answerOf('certificate_based_register', envelope);
    expect(picked.ok).toBe(true);
  });

  it('a missing field is named in snake case', () => {
    const picked = answerOf('policy', envelope);
    expect(picked).toEqual({ ok: false, problem: 'the answer has no policy_response' });
  });

  it('an empty message that is present counts as present (protobuf keeps its presence)', () => {
    const bytes = toBinary(
      DeviceManagementResponseSchema,
      create(DeviceManagementResponseSchema, { autoEnrollmentResponse: {} }),
    );
    const decoded = decodeEnvelope(bytes, 'proto');
    expect(decoded.ok && answerOf('enterprise_check', decoded.value).ok).toBe(true);
  });
});

describe('checkRegisterResponse', () => {
  it('accepts a response with its required token', () => {
    const r = create(DeviceRegisterResponseSchema, { deviceManagementToken: 'tok' });
    expect(checkRegisterResponse(r)).toEqual({ ok: true, value: r });
  });

  it.each([
    ['absent', create(DeviceRegisterResponseSchema, {})],
    ['empty', create(DeviceRegisterResponseSchema, { deviceManagementToken: '' })],
  ])('a token %s is invalid, naming the field', (_, r) => {
    const result = checkRegisterResponse(r);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toContain('device_management_token');
  });

  it.each([
    ['with a space', 'to ken'],
    ['too long', 'x'.repeat(MAX_FIELD_LENGTH + 1)],
    ['with a newline', 'tok\nX-Injected: 1'],
  ])('a token %s is refused (it goes into headers later)', (_, token) => {
    expect(
      checkRegisterResponse(create(DeviceRegisterResponseSchema, { deviceManagementToken: token })).ok,
    ).toBe(false);
  });

  it('no register response at all is invalid', () => {
    expect(checkRegisterResponse(undefined).ok).toBe(false);
  });
});
