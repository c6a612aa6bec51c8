// Property tests of the admin API's credentials, path parameters and query (/v1/customers/{cid}/…):
// a missing, garbled or foreign admin token, a hostile customer, token or device id in the path, and a
// hostile query are refused with a 4xx `{error_message, error_code}` naming what is wrong, writing nothing.

import fc from 'fast-check';
import { beforeAll, describe, it } from 'vitest';
import type { StartedStub } from '../../helpers/stub.ts';
import { CID, DEVICE, decoded, ROUTES, type Route, useAdminStub } from './admin-fixture.ts';
import { garbledAuth } from './harness/garbled-auth.ts';
import { HOSTILE } from './harness/hostile-strings.ts';
import { hostileSegment, seg } from './harness/path-segments.ts';
import { expectRefused } from './harness/refusal.ts';

const stub = useAdminStub();
const { request } = stub;
let s: StartedStub;
let admin: string;
let otherAdmin: string;
beforeAll(() => {
  s = stub.s;
  admin = stub.admin;
  otherAdmin = stub.otherAdmin;
});

const tokenExists = (t: string): boolean =>
  s.stub.db
    .prepare(
      'SELECT 1 FROM preprovisioning_tokens WHERE token = ? UNION SELECT 1 FROM enrollment_tokens WHERE token = ?',
    )
    .get(t, t) !== undefined;
const deviceExists = (d: string): boolean =>
  s.stub.db.prepare('SELECT 1 FROM devices WHERE device_id = ?').get(d) !== undefined;

describe('every admin route', () => {
  it('a missing or garbled admin token → 401; another customer’s admin → 403; nothing written', async () => {
    const auth = fc.oneof(
      { arbitrary: garbledAuth('Bearer', null, 'ADMIN').map((h) => ({ h, other: false })), weight: 9 },
      { arbitrary: fc.constant({ h: 'OTHER' as string | undefined, other: true }), weight: 1 },
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ROUTES), auth, async (r, { h, other }) => {
        // The placeholder stands for the real token (known only once the stub runs).
        const authorization = other ? `Bearer ${otherAdmin}` : h?.replaceAll('ADMIN', admin);
        await expectRefused(s, request(r, { headers: { authorization } }), {
          status: other ? 403 : 401,
          field: other ? 'customer' : /admin token/,
        });
      }),
      { numRuns: 150 },
    );
  });

  it('a hostile customer id in the path → 4xx, nothing written', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ROUTES), hostileSegment(CID), async (r, cid) => {
        fc.pre(decoded(cid) !== CID);
        await expectRefused(s, request(r, { cid }), { field: /customer|url|path|cid/i });
      }),
      { numRuns: 150 },
    );
  });

  it('a hostile token or device id in the path → 4xx (404 unknown, 400 malformed), nothing written', async () => {
    const withParam = ROUTES.filter((r) => r.path.includes('{token}') || r.path.includes('{device}'));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...withParam), hostileSegment(DEVICE), async (r, id) => {
        const plain = decoded(id);
        fc.pre(plain === null || (!tokenExists(plain) && !deviceExists(plain)));
        const isToken = r.path.includes('{token}');
        await expectRefused(s, request(r, isToken ? { token: id } : { device: id }), {
          status: [400, 404],
          field: isToken ? /token|url|path/i : /device|url|path/i,
        });
      }),
      { numRuns: 150 },
    );
  });

  it('GET devices with a hostile query → 400 naming the parameter', async () => {
    const name = fc.stringMatching(/^[a-z][a-z0-9_]{0,11}$/).filter((k) => k !== 'status');
    const query = fc.oneof(
      fc
        .constantFrom(
          ...HOSTILE,
          'managed',
          'MANAGED ',
          'PRE-PROVISIONED',
          '',
          'ＭＡＮＡＧＥＤ',
          'DELETED',
          '*',
        )
        .map((v) => ({ q: `status=${seg(v)}`, field: 'status' })),
      fc.constant({ q: 'status=MANAGED&status=MANAGED', field: 'status' }),
      name.map((k) => ({ q: `status=MANAGED&${k}=1`, field: k })),
      fc.constantFrom('__proto__', 'constructor').map((k) => ({ q: `${k}=x`, field: k })),
    );
    const list = ROUTES.find((r) => r.name === 'GET devices') as Route;
    await fc.assert(
      fc.asyncProperty(query, async ({ q, field }) => {
        await expectRefused(s, request(list, { query: q }), { status: 400, field });
      }),
      { numRuns: 60 },
    );
  });
});
