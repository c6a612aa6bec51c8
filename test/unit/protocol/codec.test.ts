// The DM codecs: protobuf and canonical JSON round-trip the same message (fast-check over the
// request shapes the agent sends), and hostile bytes are refused with a DmCodecError, never a crash.

import { create, equals } from '@bufbuild/protobuf';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DmCodecError,
  decodeDm,
  encodeDm,
  encodingOfContentType,
  jsonNestsDeeperThan,
} from '../../../protocol/codec.ts';
import { DeviceManagementRequestSchema, DeviceManagementResponseSchema } from '../../../protocol/dm.ts';

const text = fc.string({ maxLength: 40 });
const bytes = fc.uint8Array({ maxLength: 64 });

const registerRequest = fc.record(
  {
    reregister: fc.boolean(),
    type: fc.constantFrom(0, 1, 2, 3, 4, 6),
    machineId: text,
    machineModel: text,
    flavor: fc.integer({ min: 0, max: 19 }).filter((f) => f !== 12),
    brandCode: text,
    ethernetMacAddress: text,
    manufactureDate: text,
    expectedEnrollmentDomain: text,
    deviceRegisterIdentification: fc.record({ attestedDeviceId: text }),
  },
  { requiredKeys: [] },
);

const request = fc.oneof(
  fc
    .record({
      remainder: fc.bigInt({ min: 0n, max: 2n ** 62n }),
      modulus: fc.bigInt({ min: 1n, max: 2n ** 62n }),
    })
    .map((r) => ({ autoEnrollmentRequest: { ...r, enrollmentCheckType: 2 } })),
  fc.record({ serialNumber: text, brandCode: text }).map((r) => ({ deviceStateRetrievalRequest: r })),
  fc.record({ serialNumber: text, brandCode: text }).map((r) => ({ deviceInitialEnrollmentStateRequest: r })),
  fc
    .record({ data: bytes, signature: bytes, extraDataBytes: fc.integer({ min: 0, max: 256 }) })
    .map((signedRequest) => ({ certificateBasedRegisterRequest: { signedRequest } })),
  registerRequest.map((registerRequest) => ({ registerRequest })),
  registerRequest.map((deviceRegisterRequest) => ({
    tokenBasedDeviceRegisterRequest: { deviceRegisterRequest },
  })),
  fc
    .record({
      policyType: text,
      signatureType: fc.constantFrom(0, 1, 2),
      publicKeyVersion: fc.integer({ min: 0, max: 1000 }),
    })
    .map((r) => ({ policyRequest: { requests: [r] } })),
  fc.constant({ unregisterRequest: {} }),
);

describe('DM codecs', () => {
  it('round-trips every request type through protobuf and through canonical JSON', () => {
    fc.assert(
      fc.property(request, (init) => {
        const msg = create(DeviceManagementRequestSchema, init);
        for (const encoding of ['proto', 'json'] as const) {
          const back = decodeDm(
            DeviceManagementRequestSchema,
            encodeDm(DeviceManagementRequestSchema, msg, encoding),
            encoding,
          );
          expect(equals(DeviceManagementRequestSchema, back, msg)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('writes JSON with the proto field names (snake_case)', () => {
    const msg = create(DeviceManagementRequestSchema, {
      deviceStateRetrievalRequest: { serialNumber: 'S', brandCode: 'ABCD' },
    });
    expect(
      JSON.parse(new TextDecoder().decode(encodeDm(DeviceManagementRequestSchema, msg, 'json'))),
    ).toEqual({
      device_state_retrieval_request: { serial_number: 'S', brand_code: 'ABCD' },
    });
  });

  it('refuses truncated, mistyped, oversized-length and deeply nested protobuf with a DmCodecError', () => {
    const hostile: Record<string, Uint8Array> = {
      truncated: new Uint8Array([0x1a, 0x05, 0x0a, 0x01]),
      'wrong wire type for a message field': new Uint8Array([0x18, 0x01]), // field 3 as varint
      'huge length prefix': new Uint8Array([0x1a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x00]),
      'deep group nesting': new Uint8Array([...new Array(200_000).fill(0x0b)]), // start-group, 200k deep
      'bad varint': new Uint8Array([0x08, ...new Array(11).fill(0xff)]),
    };
    for (const [what, body] of Object.entries(hostile)) {
      expect(() => decodeDm(DeviceManagementResponseSchema, body, 'proto'), what).toThrow(DmCodecError);
    }
  });

  it('survives arbitrary bytes: decodes or throws a DmCodecError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), (body) => {
        try {
          decodeDm(DeviceManagementResponseSchema, body, 'proto');
        } catch (e) {
          expect(e).toBeInstanceOf(DmCodecError);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('refuses JSON that is not UTF-8, nests too deep, or has unknown keys unless asked to ignore them', () => {
    expect(() => decodeDm(DeviceManagementResponseSchema, new Uint8Array([0xff]), 'json')).toThrow(
      DmCodecError,
    );
    const deep = new TextEncoder().encode(`${'['.repeat(100)}${']'.repeat(100)}`);
    expect(() => decodeDm(DeviceManagementResponseSchema, deep, 'json')).toThrow(/nests deeper/);
    const extra = new TextEncoder().encode('{"error_message":"x","dm_status":"DM_STATUS_REQUEST_INVALID"}');
    expect(() => decodeDm(DeviceManagementResponseSchema, extra, 'json')).toThrow(DmCodecError);
    expect(
      decodeDm(DeviceManagementResponseSchema, extra, 'json', { ignoreUnknownJsonFields: true }).errorMessage,
    ).toBe('x');
    expect(jsonNestsDeeperThan('{"a":"[[[[[["}', 2)).toBe(false);
  });

  it('picks the encoding from Content-Type as Chromium and DESIGN §5 name them', () => {
    expect(encodingOfContentType('application/x-protobuffer')).toBe('proto');
    expect(encodingOfContentType('application/protobuf')).toBe('proto');
    expect(encodingOfContentType('Application/Octet-Stream')).toBe('proto');
    expect(encodingOfContentType('application/json; charset=utf-8')).toBe('json');
    expect(encodingOfContentType('text/plain')).toBeNull();
    expect(encodingOfContentType(undefined)).toBeNull();
  });
});
