// Property tests of POST /device_management?request=<type>, for each of the 6 request types: a
// corrupted body, query, Authorization header or content type, random payloads and oversized bodies
// are all answered with a 4xx `{error_message, dm_status}` (the field named when one field is at
// fault), never a 5xx or a dropped connection, and write nothing at all.

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DM_REQUEST_BODY_KEY, DM_REQUEST_TYPES, type DmRequestType } from '../../../protocol/dm.ts';
import { dmStatusForHttp } from '../../../protocol/status.ts';
import {
  acerDevice,
  certificateBasedRegisterBody,
  DEMO,
  dmPath,
  fieldsFor,
  login,
  mintDevice,
  preprovision,
  type StartedStub,
  startStub,
  zeroTouchRegister,
} from '../../helpers/stub.ts';
import {
  type BodyShape,
  CONTROL,
  confusablesOf,
  corrupt,
  expectIntegrity,
  expectRefused,
  garbledAuth,
  HOSTILE,
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

const LIMIT = 64 * 1024;
const CLIENT = 'prop-dm-client-1';
const MODEL = 'Chromebook Acer 311 (C722/C722T)';
const DEVICE_ID = /^[\x21-\x7E]{1,64}$/;
const BASE64 = /^(?:[A-Za-z0-9+/_-]{4})*(?:[A-Za-z0-9+/_-]{2}(?:==)?|[A-Za-z0-9+/_-]{3}=?)?$/;

const attestedId: Spec = { t: 'str', min: 1, max: 64, ok: (s) => DEVICE_ID.test(s), ascii: true };

const registerRequest: Spec = {
  t: 'obj',
  fields: {
    type: { t: 'int', min: 2, max: 2 },
    machine_id: { t: 'str', max: 128 },
    machine_model: { t: 'str', min: 1, max: 256 },
    flavor: { t: 'int', min: 0, max: 1000 },
    device_register_identification: { t: 'obj', opt: true, fields: { attested_device_id: attestedId } },
    manufacture_date: {
      t: 'str',
      min: 10,
      max: 10,
      ok: (s) => /^\d{4}-\d{2}-\d{2}$/.test(s),
      ascii: true,
      opt: true,
    },
    ethernet_mac_address: { t: 'str', max: 32, opt: true },
    reregister: { t: 'bool', opt: true },
    management_domain: { t: 'str', min: 1, max: 253, opt: true },
  },
};

interface DmEndpoint {
  type: DmRequestType;
  spec: Spec;
  body: () => unknown;
  /** The Authorization header of a valid request: scheme, parameter and credential. */
  auth?: () => { scheme: string; param: string; token: string };
}

let s: StartedStub;
let admin: string;
let dmToken: string;
let cbrBody: unknown;

function registerBody(n: number) {
  const d = acerDevice(`9${n}`);
  return {
    type: 2,
    machine_id: d.serial_number,
    machine_model: MODEL,
    flavor: 15,
    device_register_identification: { attested_device_id: d.device_id },
    manufacture_date: '2024-01-31',
    ethernet_mac_address: '00:11:22:33:44:55',
    reregister: false,
    management_domain: DEMO.domain,
  };
}

const ENDPOINTS: DmEndpoint[] = [
  {
    type: 'device_initial_enrollment_state',
    spec: {
      t: 'obj',
      fields: {
        device_initial_enrollment_state_request: {
          t: 'obj',
          fields: {
            serial_number: { t: 'str', max: 128 },
            model: { t: 'str', min: 1, max: 256 },
            brand_code: { t: 'str', max: 16, opt: true },
            attested_device_id: { ...attestedId, opt: true },
          },
        },
      },
    },
    body: () => ({
      device_initial_enrollment_state_request: {
        serial_number: 'NXTEST000000001',
        model: MODEL,
        brand_code: 'ACER',
        attested_device_id: 'NXTEST000000001',
      },
    }),
  },
  {
    type: 'certificate_based_register',
    spec: {
      t: 'obj',
      fields: {
        certificate_based_register_request: {
          t: 'obj',
          fields: {
            signed_request: {
              t: 'obj',
              fields: {
                data: { t: 'str', min: 1, max: 48 * 1024, ok: (x) => BASE64.test(x), ascii: true },
                signature: { t: 'str', min: 1, max: 1024, ok: (x) => BASE64.test(x), ascii: true },
              },
            },
          },
        },
      },
    },
    body: () => cbrBody,
  },
  {
    type: 'register',
    spec: { t: 'obj', fields: { register_request: registerRequest } },
    body: () => ({ register_request: registerBody(1) }),
    auth: () => ({ scheme: 'GoogleLogin', param: 'auth', token: admin }),
  },
  {
    type: 'token_based_register',
    spec: { t: 'obj', fields: { token_based_register_request: registerRequest } },
    body: () => ({ token_based_register_request: registerBody(2) }),
    auth: () => ({ scheme: 'GoogleEnrollmentToken', param: 'token', token: DEMO.enrollmentToken }),
  },
  {
    type: 'policy',
    spec: {
      t: 'obj',
      fields: {
        policy_request: {
          t: 'obj',
          opt: true,
          fields: { policy_type: { t: 'str', min: 1, max: 128, opt: true } },
        },
      },
    },
    body: () => ({ policy_request: { policy_type: 'google/chromeos/device' } }),
    auth: () => ({ scheme: 'GoogleDMToken', param: 'token', token: dmToken }),
  },
  {
    type: 'unregister',
    spec: { t: 'obj', fields: { unregister_request: { t: 'obj', opt: true, fields: {} } } },
    body: () => ({ unregister_request: {} }),
    auth: () => ({ scheme: 'GoogleDMToken', param: 'token', token: dmToken }),
  },
];

const OTHER_KEYS = Object.values(DM_REQUEST_BODY_KEY);

beforeAll(async () => {
  s = await startStub();
  admin = await login(s.url, DEMO.admin.email, DEMO.admin.password);
  const managed = acerDevice(1);
  const pending = acerDevice(2);
  expect((await preprovision(s.url, [managed, pending])).status).toBe(200);
  const r = await zeroTouchRegister<{ register_response: { device_management_token: string } }>(
    s.url,
    managed,
    CLIENT,
  );
  expect(r.status).toBe(200);
  dmToken = r.body.register_response.device_management_token;
  // A valid zero-touch registration of the pending device, never sent as is.
  cbrBody = await certificateBasedRegisterBody(
    await mintDevice(s.url, pending.device_id),
    fieldsFor(pending),
  );
});
afterAll(async () => {
  await s.close();
});

function request(
  ep: DmEndpoint,
  over: { path?: string; body?: string | Buffer; headers?: Record<string, string | undefined> },
): Req {
  const a = ep.auth?.();
  return {
    method: 'POST',
    path: over.path ?? dmPath(ep.type, CLIENT),
    headers: {
      'content-type': JSON_TYPE,
      ...(a === undefined ? {} : { authorization: `${a.scheme} ${a.param}=${a.token}` }),
      ...over.headers,
    },
    body: over.body ?? JSON.stringify(ep.body()),
  };
}

const shapeOf = (ep: DmEndpoint): BodyShape => ({ keys: [DM_REQUEST_BODY_KEY[ep.type]] });

/** The four required query parameters, one of them made invalid (or dropped, repeated, or too many). */
function brokenQuery(type: DmRequestType): fc.Arbitrary<{ query: string; field: string | undefined }> {
  const valid: [string, string][] = [
    ['request', type],
    ['devicetype', '2'],
    ['apptype', 'Chrome'],
    ['deviceid', CLIENT],
  ];
  const bad: Record<string, string[]> = {
    request: [
      ...HOSTILE,
      ...confusablesOf(type),
      type.toUpperCase(),
      `${type} `,
      '',
      'frobnicate',
      'Policy',
    ].filter((x) => !(DM_REQUEST_TYPES as readonly string[]).includes(x)),
    devicetype: ['1', '02', '2.0', ' 2', '2 ', '２', '', 'two', '-2', ...HOSTILE],
    apptype: ['chrome', 'CHROME', ...confusablesOf('Chrome'), 'Chrome ', '', 'Firefox', ...HOSTILE],
    deviceid: [
      '',
      'x'.repeat(65),
      'x'.repeat(300),
      ...HOSTILE,
      ...CONTROL.map((c) => `${CLIENT}${c}`),
      ...confusablesOf(CLIENT),
    ].filter((x) => !DEVICE_ID.test(x)),
  };
  const q = (pairs: [string, string][]): string => pairs.map(([k, v]) => `${seg(k)}=${seg(v)}`).join('&');
  const names = valid.map(([k]) => k);
  const extraName = fc.stringMatching(/^[a-z][a-z0-9_]{0,11}$/).filter((k) => !names.includes(k));
  return fc.oneof(
    fc.nat(3).map((i) => ({ query: q(valid.filter((_, j) => j !== i)), field: names[i] })),
    fc
      .nat(3)
      .chain((i) => fc.constantFrom(...(bad[names[i] ?? ''] ?? [''])).map((v) => ({ i, v })))
      .map(({ i, v }) => ({
        query: q(valid.map(([k, x], j): [string, string] => [k, j === i ? v : x])),
        field: names[i],
      })),
    fc.nat(3).map((i) => ({ query: `${q(valid)}&${q([valid[i] as [string, string]])}`, field: names[i] })),
    fc
      .tuple(extraName, fc.integer({ min: 257, max: 2000 }))
      .map(([k, n]) => ({ query: `${q(valid)}&${q([[k, 'v'.repeat(n)]])}`, field: k })),
    fc.uniqueArray(extraName, { minLength: 13, maxLength: 30 }).map((ks) => ({
      query: `${q(valid)}&${q(ks.map((k): [string, string] => [k, '1']))}`,
      field: 'querystring',
    })),
  );
}

describe.each(ENDPOINTS)('POST /device_management?request=$type', (ep) => {
  it('a valid body corrupted in one field → 400 naming it, nothing written', async () => {
    await fc.assert(
      fc.asyncProperty(corrupt(ep.body(), ep.spec, { limit: LIMIT, extraKeys: OTHER_KEYS }), async (c) => {
        await expectRefused(s, request(ep, { body: c.body }), { dm: true, status: 400, field: c.field });
      }),
      { numRuns: 150 },
    );
  });

  it('random JSON, random values, random bytes → 400, nothing written', async () => {
    await fc.assert(
      fc.asyncProperty(junk(shapeOf(ep)), async (body) => {
        await expectRefused(s, request(ep, { body }), { dm: true, status: 400 });
      }),
      { numRuns: 60 },
    );
  });

  it('a corrupted query (each parameter dropped, invalid, repeated; too many) → 400 naming it', async () => {
    await fc.assert(
      fc.asyncProperty(brokenQuery(ep.type), async ({ query, field }) => {
        await expectRefused(s, request(ep, { path: `/device_management?${query}` }), {
          dm: true,
          status: 400,
          field,
        });
      }),
      { numRuns: 60 },
    );
  });

  it('the valid body under a content type other than JSON → 400, nothing written', async () => {
    await fc.assert(
      fc.asyncProperty(WRONG_CONTENT_TYPE, async (type) => {
        await expectRefused(s, request(ep, { headers: { 'content-type': type } }), { dm: true, status: 400 });
      }),
      { numRuns: 30 },
    );
  });

  it('a body over 64 KiB (even valid JSON padded with spaces) → 413 DM_STATUS_REQUEST_TOO_LARGE', async () => {
    const valid = JSON.stringify(ep.body());
    const over = fc.integer({ min: LIMIT + 1, max: LIMIT + 8192 });
    const big = fc.oneof(
      over.map((n) => valid + ' '.repeat(n - Buffer.byteLength(valid))),
      over.map((n) => JSON.stringify({ pad: 'x'.repeat(n) })),
      fc
        .tuple(over, fc.uint8Array({ minLength: 1, maxLength: 64 }))
        .map(([n, b]) =>
          Buffer.concat(Array.from({ length: Math.ceil(n / b.length) }, () => Buffer.from(b))),
        ),
    );
    await fc.assert(
      fc.asyncProperty(big, async (body) => {
        const a = await expectRefused(s, request(ep, { body }), { dm: true, status: 413 });
        expect(JSON.parse(a.text).dm_status).toBe('DM_STATUS_REQUEST_TOO_LARGE');
      }),
      { numRuns: 12 },
    );
  });

  const auth = ep.auth;
  if (auth !== undefined) {
    it('a missing or garbled Authorization header → 401, nothing written', async () => {
      const { scheme, param, token } = auth();
      await fc.assert(
        fc.asyncProperty(garbledAuth(scheme, param, token), async (authorization) => {
          await expectRefused(s, request(ep, { headers: { authorization } }), {
            dm: true,
            status: 401,
            field: /token/i,
          });
        }),
        { numRuns: 80 },
      );
    });
  }
});

describe('hostile strings in otherwise valid DM requests', () => {
  it('→ 4xx writing nothing, or 200 storing them verbatim (devices, dm_tokens only); db intact', async () => {
    // Enough licences that registrations succeed (and so store what they were sent).
    const put = await send(s.url, {
      method: 'PUT',
      path: `/v1/customers/${DEMO.customer}/licenses`,
      headers: { 'content-type': JSON_TYPE, authorization: `Bearer ${admin}` },
      body: JSON.stringify({ chrome_enterprise_upgrade_total: 1000 }),
    });
    expect(put.status, put.text).toBe(200);
    const targets = [
      ...['serial_number', 'model', 'attested_device_id', 'brand_code'].map(
        (f) => ['device_initial_enrollment_state', f] as const,
      ),
      ...[
        'machine_id',
        'machine_model',
        'attested_device_id',
        'ethernet_mac_address',
        'management_domain',
      ].flatMap((f) => [['register', f] as const, ['token_based_register', f] as const]),
      ['policy', 'policy_type'] as const,
    ];
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...targets),
        fc.constantFrom(...HOSTILE),
        async ([type, field], value) => {
          n += 1;
          const ep = ENDPOINTS.find((e) => e.type === type) as DmEndpoint;
          const key = DM_REQUEST_BODY_KEY[type];
          const body = ep.body() as Record<string, Record<string, unknown>>;
          const inner = body[key] ?? {};
          if (type === 'register' || type === 'token_based_register') {
            const id = `NXINJ${String(n).padStart(6, '0')}`;
            inner.machine_id = id;
            inner.device_register_identification = { attested_device_id: id };
          }
          if (field === 'attested_device_id' && type !== 'device_initial_enrollment_state') {
            inner.device_register_identification = { attested_device_id: value };
          } else inner[field] = value;
          const deviceId = String(
            (inner.device_register_identification as { attested_device_id?: string } | undefined)
              ?.attested_device_id ?? inner.attested_device_id,
          );
          const others = () =>
            s.stub.db.prepare('SELECT * FROM devices WHERE device_id <> ? ORDER BY device_id').all(deviceId);
          const before = snapshot(s);
          const othersBefore = others();
          const a = await send(s.url, request(ep, { body: JSON.stringify(body) }));
          const where = `${type}.${field}=${JSON.stringify(value)} → ${a.status} ${a.text.slice(0, 300)}`;
          const answer = jsonBody(a);
          if (a.status !== 200) {
            expect(a.status >= 400 && a.status < 500, where).toBe(true);
            expect(answer.dm_status, where).toBe(dmStatusForHttp(a.status));
            expect(snapshot(s), where).toEqual(before);
          } else if (type === 'device_initial_enrollment_state' || type === 'policy') {
            expect(snapshot(s), where).toEqual(before);
            const r = answer[
              type === 'policy' ? 'policy_response' : 'device_initial_enrollment_state_response'
            ] as Record<string, unknown>;
            if (field === 'model') expect(r.initial_enrollment_mode, where).toBe(0); // another model is not this device
            if (field === 'policy_type') expect(r.policy_type, where).toBe(value);
          } else {
            expect(without(snapshot(s), 'devices', 'dm_tokens'), where).toEqual(
              without(before, 'devices', 'dm_tokens'),
            );
            expect(others(), where).toEqual(othersBefore);
            const row = s.stub.db
              .prepare('SELECT * FROM devices WHERE device_id = ?')
              .get(deviceId) as Record<string, unknown>;
            expect(row, where).toMatchObject({
              device_id: deviceId,
              serial_number: inner.machine_id,
              model: inner.machine_model,
              status: 'MANAGED',
            });
          }
          expectIntegrity(s);
        },
      ),
      { numRuns: 120 },
    );
  });
});

// Last, so that its writes cannot affect the properties above: each uncorrupted request is accepted,
// which shows that the 4xx answers above come from the corruptions and not from the set-up.
describe('the uncorrupted requests', () => {
  it.each(ENDPOINTS.map((ep) => [ep.type, ep] as const))('%s → 200', async (_type, ep) => {
    const a = await send(s.url, request(ep, {}));
    expect(a.status, a.text).toBe(200);
  });
});
