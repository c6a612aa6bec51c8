// Property tests of POST /v1/partner/devices:preprovision: corrupted, random, wrongly typed or
// oversized uploads and garbled partner keys → 4xx `{error_message, error_code}` naming the field,
// nothing written; SQL injection, traversal and look-alike strings in an otherwise valid upload are
// either refused or stored verbatim (parameterised SQL), touching no other row or table.

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acerDevice, DEMO, type StartedStub, startStub } from '../../helpers/stub.ts';
import { corrupt, type Spec } from './harness/corrupt.ts';
import { expectIntegrity, snapshot, without } from './harness/db-snapshot.ts';
import { garbledAuth } from './harness/garbled-auth.ts';
import { HOSTILE } from './harness/hostile-strings.ts';
import { JSON_TYPE, jsonBody, type Req, send } from './harness/http-client.ts';
import { junk, WRONG_CONTENT_TYPE } from './harness/junk.ts';
import { expectRefused } from './harness/refusal.ts';

const LIMIT = 1024 * 1024;
const PATH = '/v1/partner/devices:preprovision';
const text = (max: number): Spec => ({ t: 'str', min: 1, max });
const spec: Spec = {
  t: 'obj',
  fields: {
    customer_id: text(64),
    pre_provisioning_token: text(256),
    devices: {
      t: 'arr',
      max: 1000,
      item: {
        t: 'obj',
        fields: {
          device_id: text(64),
          id_kind: text(64),
          serial_number: text(64),
          manufacturer: text(128),
          model: text(256),
          bundled_license: { t: 'bool', opt: true },
        },
      },
    },
  },
};
const valid = {
  customer_id: DEMO.customer,
  pre_provisioning_token: DEMO.token,
  devices: [acerDevice(101, { bundled_license: false }), acerDevice(102, { bundled_license: true })],
};

let s: StartedStub;
beforeAll(async () => {
  s = await startStub();
});
afterAll(async () => {
  await s.close();
});

const post = (body: string | Buffer, headers: Record<string, string | undefined> = {}): Req => ({
  method: 'POST',
  path: PATH,
  headers: { 'content-type': JSON_TYPE, authorization: `Bearer ${DEMO.partnerKey}`, ...headers },
  body,
});

/** What SQLite keeps of a JS string: its UTF-8 encoding (a lone surrogate becomes U+FFFD). */
const asStored = (x: string): string => Buffer.from(x, 'utf8').toString('utf8');

describe('POST /v1/partner/devices:preprovision', () => {
  it('the valid upload corrupted in one field → 400 naming it, nothing written', async () => {
    await fc.assert(
      fc.asyncProperty(corrupt(valid, spec, { limit: LIMIT }), async (c) => {
        await expectRefused(s, post(c.body), { status: 400, field: c.field });
      }),
      { numRuns: 250 },
    );
  });

  it('random JSON, random values, random bytes → 400, nothing written', async () => {
    await fc.assert(
      fc.asyncProperty(junk({ keys: Object.keys(valid) }), async (body) => {
        await expectRefused(s, post(body), { status: 400 });
      }),
      { numRuns: 80 },
    );
  });

  it('the valid upload under a content type other than JSON → 400/415, nothing written', async () => {
    await fc.assert(
      fc.asyncProperty(WRONG_CONTENT_TYPE, async (type) => {
        await expectRefused(s, post(JSON.stringify(valid), { 'content-type': type }), { status: [400, 415] });
      }),
      { numRuns: 30 },
    );
  });

  it('a missing or garbled partner key → 401; an unauthorised partner → 403; nothing written', async () => {
    const auth = fc.oneof(
      { arbitrary: garbledAuth('Bearer', null, DEMO.partnerKey), weight: 9 },
      { arbitrary: fc.constant(`Bearer ${DEMO.unlistedPartnerKey}`), weight: 1 },
    );
    await fc.assert(
      fc.asyncProperty(auth, async (authorization) => {
        const unlisted = authorization === `Bearer ${DEMO.unlistedPartnerKey}`;
        await expectRefused(s, post(JSON.stringify(valid), { authorization }), {
          status: unlisted ? 403 : 401,
          field: unlisted ? 'not an authorised' : /partner key/,
        });
      }),
      { numRuns: 80 },
    );
  });

  it('a body over 1 MiB (a valid upload padded with spaces, or junk) → 413, nothing written', async () => {
    const body = JSON.stringify(valid);
    const over = fc.integer({ min: LIMIT + 1, max: LIMIT + 65_536 });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          over.map((n) => body + ' '.repeat(n - body.length)),
          over.map((n) => Buffer.alloc(n, '{')),
        ),
        async (b) => {
          const a = await expectRefused(s, post(b), { status: 413 });
          expect(JSON.parse(a.text).error_code).toBe('PAYLOAD_TOO_LARGE');
        },
      ),
      { numRuns: 8 },
    );
  });

  it('hostile strings in a valid upload → 400, or per-device results stored verbatim; nothing else touched', async () => {
    const fields = [
      'device_id+serial_number',
      'device_id',
      'serial_number',
      'manufacturer',
      'model',
      'id_kind',
      'customer_id',
      'pre_provisioning_token',
    ] as const;
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...fields),
        fc.constantFrom(...HOSTILE, 'a\ud800b'),
        async (field, value) => {
          n += 1;
          const hostile: Record<string, unknown> = { ...acerDevice(`7${n}`) };
          const upload: Record<string, unknown> = { ...valid, devices: [hostile, acerDevice(`8${n}`)] };
          if (field === 'device_id+serial_number') {
            hostile.device_id = value;
            hostile.serial_number = value;
          } else if (field === 'customer_id' || field === 'pre_provisioning_token') upload[field] = value;
          else hostile[field] = value;
          const ids = [String(hostile.device_id), acerDevice(`8${n}`).device_id];
          const rowOf = (id: string) =>
            s.stub.db.prepare('SELECT * FROM devices WHERE device_id = ?').get(id);
          const others = () =>
            s.stub.db
              .prepare('SELECT * FROM devices WHERE device_id NOT IN (?, ?) ORDER BY device_id')
              .all(...ids.map(asStored));
          const before = snapshot(s);
          const rowsBefore = ids.map(rowOf);
          const othersBefore = others();

          const a = await send(s.url, post(JSON.stringify(upload)));
          const where = `${field}=${JSON.stringify(value)} → ${a.status} ${a.text}`;
          const body = jsonBody(a);
          if (a.status !== 200) {
            expect(a.status, where).toBe(400);
            expect(body.error_message, where).toContain(field.split('+')[0]);
            expect(snapshot(s), where).toEqual(before);
            return;
          }
          expect(without(snapshot(s), 'devices'), where).toEqual(without(before, 'devices'));
          expect(others(), where).toEqual(othersBefore);
          const results = body.results as { device_id: string; status: string }[];
          expect(
            results.map((r) => r.device_id),
            where,
          ).toEqual(ids);
          results.forEach((r, i) => {
            const sent = (upload.devices as Record<string, unknown>[])[i] ?? {};
            const row = rowOf(ids[i] ?? '') as Record<string, unknown> | undefined;
            if (r.status === 'PRE_PROVISIONED') {
              expect(row, where).toMatchObject({
                device_id: asStored(String(sent.device_id)),
                serial_number: asStored(String(sent.serial_number)),
                id_kind: asStored(String(sent.id_kind)),
                manufacturer: asStored(String(sent.manufacturer)),
                model: asStored(String(sent.model)),
                customer_id: DEMO.customer,
                status: 'PRE_PROVISIONED',
              });
            } else {
              expect(r.status, where).toBe('ERROR');
              expect(row, where).toEqual(rowsBefore[i]);
            }
          });
          expectIntegrity(s);
        },
      ),
      { numRuns: 120 },
    );
  });

  it('the uncorrupted upload is accepted (so the refusals above come from the corruptions)', async () => {
    const a = await send(s.url, post(JSON.stringify(valid)));
    expect(a.status, a.text).toBe(200);
    expect(jsonBody(a).results).toEqual(
      valid.devices.map((d) => ({ device_id: d.device_id, status: 'PRE_PROVISIONED' })),
    );
  });
});
