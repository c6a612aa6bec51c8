// Property tests of the admin API under /v1/customers/{cid}: every route refuses corrupted, random,
// wrongly typed or oversized bodies, hostile path parameters and queries, and missing, garbled or
// foreign admin tokens with a 4xx `{error_message, error_code}` (naming the field when one is at
// fault) and writes nothing; hostile org unit paths are refused or stored verbatim, nothing else
// touched, the database intact.

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORG_UNIT_REGEX } from '../../../server-stub/rules/identity.ts';
import { DEMO, login, type StartedStub, startStub } from '../../helpers/stub.ts';
import {
  type BodyShape,
  corrupt,
  expectIntegrity,
  expectRefused,
  garbledAuth,
  HOSTILE,
  hostileSegment,
  JSON_TYPE,
  jsonBody,
  junk,
  type Req,
  type Spec,
  seg,
  send,
  snapshot,
  WRONG_CONTENT_TYPE,
  without,
} from './harness.ts';

const LIMIT = 16 * 1024;
const CID = DEMO.customer;
const DEVICE = 'ASUSDEMO0001';
const EXISTING_OUS = ['/', '/Classrooms'];

const BAD_OUS = [
  '/Nope',
  '/../../etc/passwd',
  '/classrooms',
  '/Classrooms/x',
  '/ Classrooms',
  '/Classrooms ',
  '//',
  '/a/',
];
const existingOu: Spec = { t: 'str', min: 1, max: 1024, ok: (x) => EXISTING_OUS.includes(x), bad: BAD_OUS };
const newOu: Spec = { t: 'str', min: 1, max: 1024, ok: (x) => ORG_UNIT_REGEX.test(x), bad: BAD_OUS };

interface Route {
  name: string;
  method: string;
  /** `{cid}`, `{token}`, `{device}` are replaced by the (valid or hostile) parameters. */
  path: string;
  token?: string;
  body?: unknown;
  spec?: Spec;
  shape?: BodyShape;
  query?: string;
}

const ROUTES: Route[] = [
  { name: 'GET preprovisioning-tokens', method: 'GET', path: '/v1/customers/{cid}/preprovisioning-tokens' },
  {
    name: 'POST preprovisioning-tokens',
    method: 'POST',
    path: '/v1/customers/{cid}/preprovisioning-tokens',
    body: { org_unit_path: '/Classrooms' },
    spec: { t: 'obj', fields: { org_unit_path: { ...existingOu, opt: true } } },
    shape: { keys: ['org_unit_path'], emptyOk: true, nullOk: true },
  },
  {
    name: 'POST preprovisioning-tokens/{token}/revoke',
    method: 'POST',
    path: '/v1/customers/{cid}/preprovisioning-tokens/{token}/revoke',
    token: DEMO.token,
  },
  { name: 'GET enrollment-tokens', method: 'GET', path: '/v1/customers/{cid}/enrollment-tokens' },
  {
    name: 'POST enrollment-tokens',
    method: 'POST',
    path: '/v1/customers/{cid}/enrollment-tokens',
    body: { org_unit_path: '/' },
    spec: { t: 'obj', fields: { org_unit_path: { ...existingOu, opt: true } } },
    shape: { keys: ['org_unit_path'], emptyOk: true, nullOk: true },
  },
  {
    name: 'POST enrollment-tokens/{token}/revoke',
    method: 'POST',
    path: '/v1/customers/{cid}/enrollment-tokens/{token}/revoke',
    token: DEMO.enrollmentToken,
  },
  {
    name: 'GET devices',
    method: 'GET',
    path: '/v1/customers/{cid}/devices',
    query: 'status=PRE_PROVISIONED',
  },
  { name: 'GET devices/{device}', method: 'GET', path: '/v1/customers/{cid}/devices/{device}' },
  {
    name: 'PATCH devices/{device}',
    method: 'PATCH',
    path: '/v1/customers/{cid}/devices/{device}',
    body: { org_unit_path: '/Classrooms' },
    spec: { t: 'obj', fields: { org_unit_path: existingOu } },
    shape: { keys: ['org_unit_path'] },
  },
  { name: 'DELETE devices/{device}', method: 'DELETE', path: '/v1/customers/{cid}/devices/{device}' },
  {
    name: 'POST devices/{device}/deprovision',
    method: 'POST',
    path: '/v1/customers/{cid}/devices/{device}/deprovision',
  },
  { name: 'GET licenses', method: 'GET', path: '/v1/customers/{cid}/licenses' },
  {
    name: 'PUT licenses',
    method: 'PUT',
    path: '/v1/customers/{cid}/licenses',
    body: {
      chrome_enterprise_upgrade_total: 20,
      chrome_education_upgrade_total: 5,
      chrome_nonprofit_upgrade_total: 0,
    },
    spec: {
      t: 'obj',
      fields: {
        chrome_enterprise_upgrade_total: { t: 'int', min: 0, max: 1_000_000, opt: true },
        chrome_education_upgrade_total: { t: 'int', min: 0, max: 1_000_000, opt: true },
        chrome_nonprofit_upgrade_total: { t: 'int', min: 0, max: 1_000_000, opt: true },
      },
    },
    shape: {
      keys: [
        'chrome_enterprise_upgrade_total',
        'chrome_education_upgrade_total',
        'chrome_nonprofit_upgrade_total',
      ],
    },
  },
  { name: 'GET org-units', method: 'GET', path: '/v1/customers/{cid}/org-units' },
  {
    name: 'POST org-units',
    method: 'POST',
    path: '/v1/customers/{cid}/org-units',
    body: { org_unit_path: '/Labs' },
    spec: { t: 'obj', fields: { org_unit_path: newOu } },
    shape: { keys: ['org_unit_path'] },
  },
];
const BODY_ROUTES = ROUTES.filter((r) => r.spec !== undefined);
/** Routes that parse a body (so that an oversized one is a 413). */
const UPLOAD_ROUTES = ROUTES.filter((r) => r.method !== 'GET');

let s: StartedStub;
let admin: string;
let otherAdmin: string;
beforeAll(async () => {
  s = await startStub();
  admin = await login(s.url, DEMO.admin.email, DEMO.admin.password);
  otherAdmin = await login(s.url, DEMO.otherAdmin.email, DEMO.otherAdmin.password);
});
afterAll(async () => {
  await s.close();
});

interface Over {
  cid?: string;
  token?: string;
  device?: string;
  query?: string;
  body?: string | Buffer;
  headers?: Record<string, string | undefined>;
}

/** The route's valid request, with some parts replaced (path parameters are used as given, encoded). */
function request(r: Route, o: Over = {}): Req {
  const path = r.path
    .replace('{cid}', o.cid ?? CID)
    .replace('{token}', o.token ?? r.token ?? '')
    .replace('{device}', o.device ?? DEVICE);
  const query = o.query ?? r.query;
  const body = o.body ?? (r.body === undefined ? undefined : JSON.stringify(r.body));
  return {
    method: r.method,
    path: query === undefined ? path : `${path}?${query}`,
    headers: {
      authorization: `Bearer ${admin}`,
      ...(body === undefined ? {} : { 'content-type': JSON_TYPE }),
      ...o.headers,
    },
    body,
  };
}

function decoded(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

const tokenExists = (t: string): boolean =>
  s.stub.db
    .prepare(
      'SELECT 1 FROM preprovisioning_tokens WHERE token = ? UNION SELECT 1 FROM enrollment_tokens WHERE token = ?',
    )
    .get(t, t) !== undefined;
const deviceExists = (d: string): boolean =>
  s.stub.db.prepare('SELECT 1 FROM devices WHERE device_id = ?').get(d) !== undefined;

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

describe('hostile org unit paths in otherwise valid requests', () => {
  it('are refused, or stored verbatim in the one table written; nothing else touched, db intact', async () => {
    const route = fc.constantFrom(
      'POST org-units',
      'POST preprovisioning-tokens',
      'POST enrollment-tokens',
      'PATCH devices/{device}',
    );
    const path = fc.oneof(
      fc.constantFrom(...HOSTILE),
      fc.constantFrom(...HOSTILE).map((h) => `/${h}`),
      fc.constantFrom(...HOSTILE).map((h) => `/Classrooms/${h}`),
    );
    const written: Record<string, string[]> = {
      'POST org-units': ['org_units'],
      'POST preprovisioning-tokens': ['preprovisioning_tokens'],
      'POST enrollment-tokens': ['enrollment_tokens'],
      'PATCH devices/{device}': ['devices'],
    };
    await fc.assert(
      fc.asyncProperty(route, path, async (name, ou) => {
        const r = ROUTES.find((x) => x.name === name) as Route;
        const before = snapshot(s);
        const a = await send(s.url, request(r, { body: JSON.stringify({ org_unit_path: ou }) }));
        const where = `${name} ${JSON.stringify(ou)} → ${a.status} ${a.text}`;
        const body = jsonBody(a);
        const tables = written[name] ?? [];
        if (a.status >= 400) {
          expect(a.status, where).toBeLessThan(500);
          expect(body.error_message, where).toMatch(/org_unit_path|org unit/);
          expect(snapshot(s), where).toEqual(before);
        } else {
          expect([200, 201], where).toContain(a.status);
          expect(body.org_unit_path, where).toBe(ou);
          expect(without(snapshot(s), ...tables), where).toEqual(without(before, ...tables));
          if (name === 'POST org-units') {
            const row = s.stub.db
              .prepare('SELECT path FROM org_units WHERE customer_id = ? AND path = ?')
              .pluck()
              .get(CID, ou);
            expect(row, where).toBe(ou);
          } else if (name === 'PATCH devices/{device}') {
            const row = s.stub.db
              .prepare('SELECT org_unit_path FROM devices WHERE device_id = ?')
              .pluck()
              .get(DEVICE);
            expect(row, where).toBe(ou);
          } else {
            const table = tables[0] ?? '';
            const row = s.stub.db
              .prepare(`SELECT org_unit_path FROM ${table} WHERE token = ?`)
              .pluck()
              .get(body.token);
            expect(row, where).toBe(ou);
          }
        }
        expectIntegrity(s);
      }),
      { numRuns: 120 },
    );
  });
});

// Last: the uncorrupted requests are accepted, so the refusals above come from the corruptions.
describe('the uncorrupted requests', () => {
  // DELETE last: it removes the device the other routes use.
  const ordered = [
    ...ROUTES.filter((r) => r.method !== 'DELETE'),
    ...ROUTES.filter((r) => r.method === 'DELETE'),
  ];
  it.each(ordered.map((r) => [r.name, r] as const))('%s → 2xx (or its documented 409)', async (name, r) => {
    const a = await send(s.url, request(r));
    const expected = name.endsWith('/deprovision')
      ? [409]
      : name === 'POST org-units'
        ? [201, 409]
        : [200, 201];
    expect(expected, `${a.status} ${a.text}`).toContain(a.status);
  });
});
