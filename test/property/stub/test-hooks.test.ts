// Property tests of the test hooks (POST /v1/test/faults, /v1/test/clock, /v1/test/factory/devices):
// corrupted, random, wrongly typed or oversized bodies → 4xx `{error_message, error_code}` naming
// the field, nothing written and the clock unmoved; hostile manufacturer names are refused or stored
// verbatim as a CA name, nothing else touched.

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DM_REQUEST_TYPES } from '../../../protocol/dm.ts';
import { dmStatusForHttp } from '../../../protocol/status.ts';
import { caKeyFor } from '../../../server-stub/attestation/index.ts';
import { type StartedStub, startStub } from '../../helpers/stub.ts';
import { corrupt, type Spec } from './harness/corrupt.ts';
import { expectIntegrity, snapshot, without } from './harness/db-snapshot.ts';
import { CONTROL, confusablesOf, HOSTILE } from './harness/hostile-strings.ts';
import { JSON_TYPE, jsonBody, type Req, send } from './harness/http-client.ts';
import { type BodyShape, junk, WRONG_CONTENT_TYPE } from './harness/junk.ts';
import { encode, raw } from './harness/raw-json.ts';
import { expectRefused } from './harness/refusal.ts';

const LIMIT = 8 * 1024;
const DEVICE_ID = /^[\x21-\x7E]{1,64}$/;
const NOT_DM_STATUSES = Array.from({ length: 600 }, (_, i) => 400 + i).filter((n) => {
  const dm = dmStatusForHttp(n);
  return dm === null || dm === 'DM_STATUS_SUCCESS';
});

interface Hook {
  path: string;
  body: Record<string, unknown>;
  spec: Spec;
  shape: BodyShape;
}

const FAULTS: Hook = {
  path: '/v1/test/faults',
  body: { request_type: 'policy', status: 503, count: 2, retry_after_seconds: 5 },
  spec: {
    t: 'obj',
    fields: {
      request_type: {
        t: 'str',
        max: 64,
        ok: (x) => (DM_REQUEST_TYPES as readonly string[]).includes(x),
        ascii: true,
        bad: ['POLICY', 'Policy', ...confusablesOf('policy'), 'policy ', 'frobnicate'],
      },
      status: { t: 'int', min: 400, max: 999, bad: NOT_DM_STATUSES },
      count: { t: 'int', min: 0, max: 1_000_000 },
      retry_after_seconds: { t: 'int', min: 0, max: 86_400, opt: true },
    },
  },
  shape: { keys: ['request_type', 'status', 'count', 'retry_after_seconds'] },
};

const FACTORY: Hook = {
  path: '/v1/test/factory/devices',
  body: { attested_device_id: 'NXTEST000000555', manufacturer: 'Acer' },
  spec: {
    t: 'obj',
    fields: {
      attested_device_id: { t: 'str', min: 1, max: 64, ok: (x) => DEVICE_ID.test(x), ascii: true },
      manufacturer: { t: 'str', min: 1, max: 64, ok: (x) => /\S/u.test(x), bad: ['   ', '\t\n', '\u3000'] },
    },
  },
  shape: { keys: ['attested_device_id', 'manufacturer'] },
};

const CLOCK_PATH = '/v1/test/clock';

let s: StartedStub;
beforeAll(async () => {
  s = await startStub();
});
afterAll(async () => {
  await s.close();
});

const post = (
  path: string,
  body: string | Buffer,
  headers: Record<string, string | undefined> = {},
): Req => ({
  method: 'POST',
  path,
  headers: { 'content-type': JSON_TYPE, ...headers },
  body,
});

describe.each([FAULTS, FACTORY])('POST $path', (hook) => {
  it('the valid body corrupted in one field → 400 naming it, nothing written', async () => {
    await fc.assert(
      fc.asyncProperty(corrupt(hook.body, hook.spec, { limit: LIMIT }), async (c) => {
        await expectRefused(s, post(hook.path, c.body), { status: 400, field: c.field });
      }),
      { numRuns: 150 },
    );
  });

  it('random JSON, random values, random bytes → 400, nothing written', async () => {
    await fc.assert(
      fc.asyncProperty(junk(hook.shape), async (body) => {
        await expectRefused(s, post(hook.path, body), { status: 400 });
      }),
      { numRuns: 50 },
    );
  });

  it('the valid body under a content type other than JSON → 400/415; over 8 KiB → 413', async () => {
    const text = JSON.stringify(hook.body);
    const req = fc.oneof(
      WRONG_CONTENT_TYPE.map((type) => ({
        r: post(hook.path, text, { 'content-type': type }),
        status: [400, 415],
      })),
      fc
        .integer({ min: LIMIT + 1, max: LIMIT * 3 })
        .map((n) => ({ r: post(hook.path, text + ' '.repeat(n - text.length)), status: [413] })),
    );
    await fc.assert(
      fc.asyncProperty(req, async ({ r, status }) => {
        await expectRefused(s, r, { status });
      }),
      { numRuns: 40 },
    );
  });
});

describe('POST /v1/test/clock', () => {
  it('anything but an ISO 8601 instant of a real calendar date or epoch milliseconds → 400, clock unmoved', async () => {
    const badNow = fc.oneof(
      fc.constantFrom(
        '2025-02-30',
        '2025-02-29T10:00:00Z',
        '2025-04-31',
        '2025-06-31T00:00',
        '2025-13-01',
        '2025-00-10',
        '2025-06-00',
        '2025-06-02T25:00',
        '2025-06-02T09:61',
        'yesterday',
        'now',
        '',
        ' ',
        '1748854800000',
        '2025-06-02T09:00:00Z ',
        '２０２５-06-02',
        '2025/06/02',
        ...HOSTILE,
        ...CONTROL.map((c) => `2025-06-02${c}`),
      ),
      fc.integer({ min: 65, max: 300 }).map((n) => `2025-06-02T${'0'.repeat(n)}`),
      fc.constantFrom(1.5, -0.25, 8.64e15 + 1, -8.64e15 - 1, 1e20, -1e300, true, false, null),
      fc.constantFrom(raw('1e999'), raw('-1e999'), raw('"2025-06-02\\ud800"')),
      fc.oneof(
        fc.array(fc.integer(), { maxLength: 3 }),
        fc.dictionary(fc.string(), fc.integer(), { maxKeys: 2 }),
      ),
    );
    // Dates the calendar does not have (February 29 of a common year, April 31, …), with or without a time.
    const impossible = fc
      .record({
        y: fc.integer({ min: 1900, max: 2200 }),
        m: fc.integer({ min: 1, max: 12 }),
        extra: fc.integer({ min: 1, max: 3 }),
        time: fc.constantFrom('', 'T00:00', 'T12:30:00Z', 'T23:59:59.999+02:00'),
      })
      .map(({ y, m, extra, time }) => ({ y, m, d: new Date(Date.UTC(y, m, 0)).getUTCDate() + extra, time }))
      .filter(({ d }) => d <= 31)
      .map(({ y, m, d, time }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}${time}`);
    const body = fc.oneof(
      { arbitrary: badNow.map((now) => ({ body: encode({ now }), field: 'now' })), weight: 5 },
      { arbitrary: impossible.map((now) => ({ body: encode({ now }), field: 'now' })), weight: 3 },
      { arbitrary: fc.constant({ body: Buffer.from('{}'), field: 'now' }), weight: 1 },
      {
        arbitrary: fc
          .stringMatching(/^[a-z_]{1,10}$/)
          .filter((k) => k !== 'now')
          .map((k) => ({
            body: Buffer.from(JSON.stringify({ now: '2025-06-03T00:00:00Z', [k]: 1 })),
            field: k,
          })),
        weight: 1,
      },
    );
    await fc.assert(
      fc.asyncProperty(body, async (c) => {
        await expectRefused(s, post(CLOCK_PATH, c.body), { status: 400, field: c.field });
      }),
      { numRuns: 120 },
    );
  });

  it('random payloads, wrong content types and 413s → 4xx, clock unmoved', async () => {
    const text = JSON.stringify({ now: '2025-06-03T00:00:00Z' });
    const req = fc.oneof(
      junk({ keys: ['now'] }).map((b) => ({ r: post(CLOCK_PATH, b), status: [400] })),
      WRONG_CONTENT_TYPE.map((type) => ({
        r: post(CLOCK_PATH, text, { 'content-type': type }),
        status: [400, 415],
      })),
      fc
        .integer({ min: LIMIT + 1, max: LIMIT * 2 })
        .map((n) => ({ r: post(CLOCK_PATH, text + ' '.repeat(n)), status: [413] })),
    );
    await fc.assert(
      fc.asyncProperty(req, async ({ r, status }) => {
        await expectRefused(s, r, { status });
      }),
      { numRuns: 80 },
    );
  });
});

describe('hostile strings in otherwise valid test-hook requests', () => {
  it('factory: refused, or the manufacturer stored verbatim as a CA name; nothing else touched', async () => {
    const field = fc.constantFrom('attested_device_id', 'manufacturer');
    await fc.assert(
      fc.asyncProperty(field, fc.constantFrom(...HOSTILE, 'a\ud800b', '\u0000x'), async (f, value) => {
        const body = { ...FACTORY.body, [f]: value };
        const before = snapshot(s);
        const a = await send(s.url, post(FACTORY.path, JSON.stringify(body)));
        const where = `${f}=${JSON.stringify(value)} → ${a.status} ${a.text.slice(0, 200)}`;
        const answer = jsonBody(a);
        if (a.status !== 200) {
          expect(a.status, where).toBe(400);
          expect(answer.error_message, where).toContain(f);
          expect(snapshot(s), where).toEqual(before);
        } else {
          expect(String(answer.certificate_chain_pem), where).toContain('BEGIN CERTIFICATE');
          expect(without(snapshot(s), 'manufacturer_cas'), where).toEqual(
            without(before, 'manufacturer_cas'),
          );
          const m = String(body.manufacturer);
          const name = s.stub.db
            .prepare('SELECT name FROM manufacturer_cas WHERE ca_key = ?')
            .pluck()
            .get(caKeyFor(m));
          expect(typeof name, where).toBe('string');
          expect(caKeyFor(String(name).replace(/ Device Attestation CA$/, '')), where).toBe(caKeyFor(m));
        }
        expectIntegrity(s);
      }),
      { numRuns: 60 },
    );
  });
});

// Last: the uncorrupted requests are accepted (so the refusals above come from the corruptions).
describe('the uncorrupted requests', () => {
  it('faults, clock and factory answer 200', async () => {
    for (const [path, body] of [
      [FAULTS.path, FAULTS.body],
      [CLOCK_PATH, { now: '2025-06-03T00:00:00Z' }],
      [FACTORY.path, FACTORY.body],
    ] as const) {
      const a = await send(s.url, post(path, JSON.stringify(body)));
      expect(a.status, `${path} ${a.text.slice(0, 200)}`).toBe(200);
    }
  });
});
