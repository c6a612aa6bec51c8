// Whatever a server answers, the client resolves with a well-formed value or rejects with a DmError.

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDmClient, type DmClient, isDmError } from '../../../agent/dm-client/index.ts';
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

const anything = fc.oneof(
  fc.jsonValue(),
  fc.string(),
  fc.constant(null),
  fc.integer(),
  fc.dictionary(fc.string(), fc.jsonValue()),
);
// Bodies that get past the envelope so that the field checks are what is exercised.
const envelopes = fc.oneof(
  fc
    .record(
      {
        initial_enrollment_mode: anything,
        management_domain: anything,
        is_license_packaged_with_device: anything,
        org_unit_path: anything,
      },
      { requiredKeys: [] },
    )
    .map((v) => ({ device_initial_enrollment_state_response: v })),
  fc
    .record(
      {
        device_management_token: anything,
        management_domain: anything,
        org_unit_path: anything,
        license_consumed: anything,
        bundled_license: anything,
        enrollment_type: anything,
      },
      { requiredKeys: [] },
    )
    .map((v) => ({ register_response: v })),
  fc
    .record(
      {
        policy_type: anything,
        management_domain: anything,
        org_unit_path: anything,
        policy_value: anything,
        timestamp: anything,
      },
      { requiredKeys: [] },
    )
    .map((v) => ({ policy_response: v })),
  fc.constant({ unregister_response: {} }),
);
const bodies = fc.oneof(
  envelopes.map((v) => new TextEncoder().encode(JSON.stringify(v))),
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
      'content-type': fc.constantFrom('application/json', 'text/html', 'application/octet-stream'),
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
  (c) => c.initialEnrollmentState({ serial_number: 'S', model: 'M' }),
  (c) => c.certificateBasedRegister({ signed_request: { data: 'e30=', signature: 'AA==' } }),
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
