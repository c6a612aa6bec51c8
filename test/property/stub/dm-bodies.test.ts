// Property tests of the DM endpoint's bodies (POST /device_management?request=<type>, each of the 8
// request types): the JSON debug encoding corrupted in one field, protobuf bytes damaged, random bodies
// and oversized bodies are answered with a 4xx DeviceManagementResponse error (error_message; in JSON
// also dm_status) in the request's encoding, the field named when one field is at fault, never a 5xx
// or a dropped connection, and nothing written. Query, headers: dm-query-and-headers.test.ts.

import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { contentTypeOf, type DmEncoding } from '../../../protocol/codec.ts';
import { DeviceManagementRequestSchema } from '../../../protocol/dm.ts';
import { dmStatusForHttp } from '../../../protocol/status.ts';
import type { StartedStub } from '../../helpers/stub.ts';
import { LIMIT, PROTO, useDmStub } from './dm-fixture.ts';
import { corruptDmJson, expectDmRefused, mutateBytes, sendDm } from './dm-harness.ts';
import { expectIntegrity, snapshot } from './harness/db-snapshot.ts';

const dm = useDmStub();
const ENDPOINTS = dm.endpoints;
const { encoded, request } = dm;
let s: StartedStub;
beforeAll(() => {
  s = dm.s;
});

describe.each(ENDPOINTS)('POST /device_management?request=$type', (ep) => {
  it('the JSON debug encoding corrupted in one field → 400 naming it, nothing written', async () => {
    const valid = JSON.parse(encoded(ep, 'json').toString('utf8'));
    await fc.assert(
      fc.asyncProperty(corruptDmJson(DeviceManagementRequestSchema, valid), async (c) => {
        await expectDmRefused(s, request(ep, { body: c.body, encoding: 'json' }), {
          status: 400,
          field: c.names,
        });
      }),
      { numRuns: 120 },
    );
  });

  it('protobuf bytes damaged (flipped, truncated, inserted, spliced) → never a 5xx; a refusal writes nothing', async () => {
    const valid = encoded(ep, 'proto');
    await fc.assert(
      fc.asyncProperty(mutateBytes(valid), async (body) => {
        const before = snapshot(s);
        // unregister without its credential: a damaged body that still decodes must not end the
        // session the other properties use.
        const headers = ep.type === 'unregister' ? { authorization: undefined } : {};
        const r = await sendDm(s.url, request(ep, { body, headers }));
        const where = `${ep.type} ${body.toString('hex').slice(0, 200)} → ${r.answer.status} ${r.errorMessage}`;
        expect(r.answer.status, where).toBeLessThan(500);
        expect(r.answer.headers['content-type'], where).toBe(PROTO);
        if (r.answer.status >= 400) {
          expect(r.errorMessage.length, where).toBeGreaterThan(0);
          expect(snapshot(s), where).toEqual(before);
        } else if (ep.writes !== true) {
          expect(snapshot(s), where).toEqual(before);
        }
        expectIntegrity(s);
      }),
      { numRuns: ep.writes === true ? 25 : 80 },
    );
  });

  it('random bytes or random JSON → never a 5xx; a refusal is a DM error that writes nothing', async () => {
    const body = fc.oneof(
      fc.uint8Array({ maxLength: 400 }).map((b) => ({ body: Buffer.from(b), encoding: 'proto' as const })),
      fc.json({ maxDepth: 4 }).map((j) => ({ body: Buffer.from(j), encoding: 'json' as const })),
      fc
        .string({ unit: 'binary', maxLength: 200 })
        .map((j) => ({ body: Buffer.from(j), encoding: 'json' as const })),
    );
    await fc.assert(
      fc.asyncProperty(body, async ({ body: b, encoding }) => {
        const before = snapshot(s);
        // Without credentials: a random body that happens to decode cannot register or unregister.
        const req = request(ep, { body: b, encoding, headers: { authorization: undefined } });
        const r = await sendDm(s.url, req);
        const where = `${ep.type} ${encoding} ${b.toString('hex').slice(0, 200)} → ${r.answer.status} ${r.errorMessage}`;
        expect(r.answer.status, where).toBeLessThan(500);
        expect(r.answer.headers['content-type'], where).toBe(contentTypeOf(encoding));
        if (r.answer.status >= 400) {
          expect(r.errorMessage.length, where).toBeGreaterThan(0);
          if (encoding === 'json') expect(r.dmStatus, where).toBe(dmStatusForHttp(r.answer.status));
        }
        if (ep.type !== 'certificate_based_register' || r.answer.status !== 200)
          expect(snapshot(s), where).toEqual(before);
      }),
      { numRuns: 60 },
    );
  });

  it('a body over 64 KiB (even a valid message padded with unknown bytes) → 413 DM_STATUS_REQUEST_TOO_LARGE', async () => {
    const over = fc.integer({ min: LIMIT + 1, max: LIMIT + 8192 });
    const big = fc.oneof(
      fc.tuple(over, fc.constantFrom<DmEncoding>('proto', 'json')).map(([n, encoding]) => {
        const valid = encoded(ep, encoding);
        const pad =
          encoding === 'json' ? Buffer.from(' '.repeat(n - valid.length)) : Buffer.alloc(n - valid.length);
        return { body: Buffer.concat([valid, pad]), encoding };
      }),
      fc.tuple(over, fc.uint8Array({ minLength: 1, maxLength: 64 })).map(([n, b]) => ({
        body: Buffer.concat(Array.from({ length: Math.ceil(n / b.length) }, () => Buffer.from(b))),
        encoding: 'proto' as const,
      })),
    );
    await fc.assert(
      fc.asyncProperty(big, async ({ body, encoding }) => {
        const r = await expectDmRefused(s, request(ep, { body, encoding }), { status: 413 });
        if (encoding === 'json') expect(r.dmStatus).toBe('DM_STATUS_REQUEST_TOO_LARGE');
      }),
      { numRuns: 12 },
    );
  });
});
