// Whatever a server answers (protobuf, JSON, or anything), the client resolves with a well-formed
// value or rejects with a DmError.

import { create } from '@bufbuild/protobuf';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDmClient, type DmClient, isDmError } from '../../../agent/dm-client/index.ts';
import { encodeDm } from '../../../protocol/codec.ts';
import { DeviceManagementResponseSchema, SignedDataSchema } from '../../../protocol/dm.ts';
import { type FakeServer, startFakeDmServer } from './helpers/fake-dm-server.ts';

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

let current: Answer = { status: 200, headers: {}, body: new Uint8Array() };
let server: FakeServer;
let client: DmClient;

beforeAll(async () => {
  server = await startFakeDmServer((_req, res) => {
    res.writeHead(current.status, current.headers);
    res.end(current.body);
  });
  client = createDmClient({ serverUrl: server.url, deviceId: 'dev-1', maxResponseBytes: 64 * 1024 });
});
afterAll(() => server.close());

const text = fc.oneof(fc.string(), fc.constant(''), fc.string({ unit: 'binary', maxLength: 64 }));
// Well-formed envelopes, so that the field checks (required token, expected field) are exercised.
const envelopes = fc.oneof(
  fc
    .record(
      { deviceManagementToken: fc.option(text, { nil: undefined }), orgUnitPath: text },
      { requiredKeys: [] },
    )
    .map((r) => ({ registerResponse: r })),
  fc
    .record(
      {
        hashes: fc.array(fc.uint8Array({ maxLength: 16 }), { maxLength: 4 }),
        expectedModulus: fc.option(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), { nil: undefined }),
      },
      { requiredKeys: [] },
    )
    .map((r) => ({ autoEnrollmentResponse: r })),
  fc
    .record(
      {
        managementDomain: text,
        initialStateResponse: fc.record(
          { initialEnrollmentMode: fc.integer({ min: 0, max: 9 }), managementDomain: text },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: [] },
    )
    .map((r) => ({ deviceStateRetrievalResponse: r })),
  fc
    .record(
      {
        responses: fc.array(
          fc.record(
            {
              policyData: fc.uint8Array({ maxLength: 64 }),
              policyDataSignature: fc.uint8Array({ maxLength: 64 }),
              newPublicKey: fc.uint8Array({ maxLength: 64 }),
            },
            { requiredKeys: [] },
          ),
          { maxLength: 2 },
        ),
      },
      { requiredKeys: [] },
    )
    .map((r) => ({ policyResponse: r })),
  fc.constant({ unregisterResponse: {} }),
  fc.record({ errorMessage: text }),
);
const asBytes =
  (encoding: 'proto' | 'json') =>
  (init: Parameters<typeof create<typeof DeviceManagementResponseSchema>>[1]) => {
    const message = create(DeviceManagementResponseSchema, init);
    try {
      return encodeDm(DeviceManagementResponseSchema, message, encoding);
    } catch {
      // Our encoder will not leave out a required field (the DM token), a hostile server will:
      // register_response (field 3) present and empty.
      return Uint8Array.of(0x1a, 0x00);
    }
  };
const bodies = fc.oneof(
  envelopes.map(asBytes('proto')),
  envelopes.map(asBytes('json')),
  fc.jsonValue().map((v) => new TextEncoder().encode(JSON.stringify(v))),
  fc.string().map((s) => new TextEncoder().encode(s)),
  fc.uint8Array({ maxLength: 512 }),
);
const answers: fc.Arbitrary<Answer> = fc.record({
  status: fc.oneof(
    fc.constantFrom(200, 201, 204, 301, 400, 401, 402, 403, 404, 409, 410, 429, 500, 503, 903),
    fc.integer({ min: 200, max: 999 }),
  ),
  headers: fc.record(
    {
      'content-type': fc.constantFrom(
        'application/x-protobuffer',
        'application/json',
        'text/html',
        'application/octet-stream',
      ),
      'retry-after': fc.oneof(
        fc.nat().map(String),
        fc.date({ noInvalidDate: true }).map((d) => d.toUTCString()),
        fc.constant('x'),
      ),
    },
    { requiredKeys: [] },
  ),
  body: bodies,
});

const calls: Array<(c: DmClient) => Promise<unknown>> = [
  (c) => c.enterpriseCheck({ remainder: 3n, modulus: 16n }),
  (c) => c.deviceStateRetrieval({ serialNumber: 'S', brandCode: 'ABCD' }),
  (c) =>
    c.certificateBasedRegister(
      create(SignedDataSchema, { data: new Uint8Array([1]), signature: new Uint8Array([2]) }),
    ),
  (c) => c.tokenBasedRegister({ machineId: 'S' }, 'tok'),
  (c) => c.policy('tok'),
  (c) => c.unregister('tok'),
];

describe('arbitrary answers', () => {
  it('never make the client throw anything but a DmError', async () => {
    await fc.assert(
      fc.asyncProperty(answers, fc.nat({ max: calls.length - 1 }), async (answer, which) => {
        current = answer;
        const call = calls[which];
        if (call === undefined) throw new Error('no call');
        const outcome = await call(client).then(
          (value) => ({ ok: true as const, value }),
          (error: unknown) => ({ ok: false as const, error }),
        );
        if (outcome.ok) {
          expect(answer.status).toBeGreaterThanOrEqual(200);
          expect(answer.status).toBeLessThan(300);
        } else {
          expect(isDmError(outcome.error)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
