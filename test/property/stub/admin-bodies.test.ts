// Property tests of the admin API's request bodies (/v1/customers/{cid}/…): every route with a body
// refuses it corrupted in one field, random, under a content type other than JSON, or over 16 KiB,
// with a 4xx `{error_message, error_code}` (naming the field when one is at fault), writing nothing.

import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StartedStub } from '../../helpers/stub.ts';
import { BODY_ROUTES, LIMIT, UPLOAD_ROUTES, useAdminStub } from './admin-fixture.ts';
import { corrupt, type Spec } from './harness/corrupt.ts';
import { JSON_TYPE } from './harness/http-client.ts';
import { type BodyShape, junk, WRONG_CONTENT_TYPE } from './harness/junk.ts';
import { expectRefused } from './harness/refusal.ts';

const stub = useAdminStub();
const { request } = stub;
let s: StartedStub;
beforeAll(() => {
  s = stub.s;
});

describe.each(BODY_ROUTES)('$name', (r) => {
  it('the valid body corrupted in one field → 400 naming it, nothing written', async () => {
    await fc.assert(
      fc.asyncProperty(
        corrupt(r.body, r.spec as Spec, { limit: LIMIT, nullOk: r.shape?.nullOk === true }),
        async (c) => {
          await expectRefused(s, request(r, { body: c.body }), { status: 400, field: c.field });
        },
      ),
      { numRuns: 120 },
    );
  });

  it('random JSON, random values, random bytes → 400, nothing written', async () => {
    await fc.assert(
      fc.asyncProperty(junk(r.shape as BodyShape), async (body) => {
        await expectRefused(s, request(r, { body }), { status: 400 });
      }),
      { numRuns: 50 },
    );
  });

  it('the valid body under a content type other than JSON → 400/415, nothing written', async () => {
    await fc.assert(
      fc.asyncProperty(WRONG_CONTENT_TYPE, async (type) => {
        await expectRefused(s, request(r, { headers: { 'content-type': type } }), { status: [400, 415] });
      }),
      { numRuns: 25 },
    );
  });
});

describe('every admin route', () => {
  it('a body over 16 KiB (valid JSON padded with spaces, or junk) → 413, nothing written', async () => {
    const over = fc.integer({ min: LIMIT + 1, max: LIMIT * 3 });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...UPLOAD_ROUTES), over, fc.boolean(), async (r, n, padded) => {
        const text = JSON.stringify(r.body ?? {});
        const body = padded ? text + ' '.repeat(n - text.length) : Buffer.alloc(n, '[');
        const a = await expectRefused(s, request(r, { body, headers: { 'content-type': JSON_TYPE } }), {
          status: 413,
        });
        expect(JSON.parse(a.text).error_code).toBe('PAYLOAD_TOO_LARGE');
      }),
      { numRuns: 40 },
    );
  });
});
