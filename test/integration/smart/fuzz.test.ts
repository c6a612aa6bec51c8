// Property tests: raw, non-JSON or oversized payloads, malformed paths, queries and tokens on every SMART
// endpoint get a 4xx (never a 5xx) with `{error_message, error_code}`, and leave every SMART table exactly
// as it was. Field-by-field corruptions derived from the routes' schemas: test/property/stub/smart.test.ts.

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activeDomain,
  type Harness,
  type Json,
  outbox,
  post,
  signup,
  snapshot,
  startSmart,
} from './harness.ts';

let h: Harness;
let token: string;
let waitingCode: string;
beforeAll(async () => {
  h = await startSmart();
  token = await activeDomain(h.app, 'acme');
  await post(h.app, '/smart/v1/domains', signup('waiting'));
  waitingCode = (await outbox(h.app, 'it@waiting.example'))[0]?.activation_code ?? '';
});
afterAll(async () => {
  await h.close();
});

async function expectRejected(send: () => Promise<{ status: number; body: Json }>): Promise<void> {
  const before = snapshot(h.db);
  const r = await send();
  expect(r.status).toBeGreaterThanOrEqual(400);
  expect(r.status).toBeLessThan(500);
  expect(typeof r.body.error_message).toBe('string');
  expect(typeof r.body.error_code).toBe('string');
  expect(snapshot(h.db)).toBe(before);
}

const bodyEndpoints: { url: () => string; valid: () => Json; auth?: boolean }[] = [
  { url: () => '/smart/v1/domains', valid: () => signup('fuzzed') },
  { url: () => '/smart/v1/domains/waiting/activate', valid: () => ({ code: waitingCode }) },
  { url: () => '/smart/v1/login', valid: () => ({ email: 'it@acme.example', password: 'acme-password' }) },
  {
    url: () => '/smart/v1/domains/acme/billing/redeem',
    valid: () => ({ product_key: 'SRMK-DEMO-0001-AAAA' }),
    auth: true,
  },
  { url: () => '/smart/v1/admin-portal/claims', valid: () => ({ claim_code: 'SRMC-DEMO-0001' }) },
  { url: () => '/smart/v1/displays/checkin', valid: () => ({ serial_number: 'S1', model_number: 'm1' }) },
  {
    url: () => '/smart/v1/displays/enroll',
    valid: () => ({ serial_number: 'SBID1DEMO0001', model_number: 'sbid-mx065-v2', domain: 'acme' }),
  },
];

describe('malformed payloads', () => {
  for (const ep of bodyEndpoints) {
    it(`POST ${ep.url()} with raw, non-JSON or oversized payloads → 4xx, nothing written`, async () => {
      const payload = fc.oneof(
        fc.string({ maxLength: 64 }).map((p) => ({ p, type: 'application/json' })),
        fc.string({ maxLength: 64 }).map((p) => ({ p, type: 'text/plain' })),
        fc.string({ maxLength: 64 }).map((p) => ({ p, type: 'application/x-www-form-urlencoded' })),
        fc.constant({ p: JSON.stringify({ pad: 'x'.repeat(20_000) }), type: 'application/json' }),
      );
      await fc.assert(
        fc.asyncProperty(payload, async ({ p, type }) => {
          await expectRejected(async () => {
            const headers: Record<string, string> = { 'content-type': type };
            if (ep.auth === true) headers.authorization = `Bearer ${token}`;
            const r = await h.app.inject({ method: 'POST', url: ep.url(), headers, payload: p });
            return { status: r.statusCode, body: r.json() as Json };
          });
        }),
        { numRuns: 40 },
      );
    });
  }
});

describe('malformed paths, queries and tokens', () => {
  const segment = fc.oneof(
    fc.string({ minLength: 1, maxLength: 80 }),
    fc.stringMatching(/^[A-Z-]{1,10}$/),
    fc.string({ minLength: 64, maxLength: 80, unit: fc.constantFrom('a', 'b', '1') }),
  );

  it('GET /smart/v1/outbox?email=<junk> → 4xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 80 }).filter((s) => !/^[^@\s]+@[^@\s]+\.[a-z]+$/i.test(s)),
        async (q) => {
          await expectRejected(async () => {
            const r = await h.app.inject({
              method: 'GET',
              url: `/smart/v1/outbox?email=${encodeURIComponent(q)}`,
            });
            return { status: r.statusCode, body: r.json() as Json };
          });
        },
      ),
      { numRuns: 60 },
    );
  });

  it('GET activation link with a junk code → 4xx and the domain stays pending', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 80 }), async (code) => {
        await expectRejected(async () => {
          const url = `/smart/v1/domains/waiting/activate?code=${encodeURIComponent(code)}`;
          const r = await h.app.inject({ method: 'GET', url });
          return { status: r.statusCode, body: r.json() as Json };
        });
      }),
      { numRuns: 60 },
    );
  });

  it('admin endpoints with junk domain names or tokens → 4xx', async () => {
    const path = fc.constantFrom('', '/billing', '/devices');
    const auth = fc.oneof(
      fc.constant(undefined),
      fc.string({ maxLength: 60 }).map((s) => `Bearer ${s}`),
      fc.constant(`Bearer ${'A'.repeat(43)}`),
    );
    await fc.assert(
      fc.asyncProperty(segment, path, auth, async (name, p, authorization) => {
        await expectRejected(async () => {
          const url = `/smart/v1/domains/${encodeURIComponent(name)}${p}`;
          const headers: Record<string, string> = {};
          if (authorization !== undefined) headers.authorization = authorization;
          const r = await h.app.inject({ method: 'GET', url, headers });
          return { status: r.statusCode, body: r.json() as Json };
        });
      }),
      { numRuns: 80 },
    );
  });
});
