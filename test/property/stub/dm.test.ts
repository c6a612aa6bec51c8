// Property tests of POST /device_management?request=<type> on Chromium's wire, for each of the 8
// request types: the JSON debug encoding corrupted in one field, protobuf bytes damaged, random
// bodies, a corrupted query, Authorization header or content type, and oversized bodies are all
// answered with a 4xx DeviceManagementResponse error (error_message; in JSON also dm_status), in the
// request's encoding, the field named when one field is at fault, never a 5xx or a dropped
// connection, and nothing written.

import { create, toBinary, toJson } from '@bufbuild/protobuf';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentTypeOf, type DmEncoding, encodingOfContentType } from '../../../protocol/codec.ts';
import {
  DeviceManagementRequestSchema,
  DM_REQUEST_TYPES,
  type DmRequestType,
  PolicyFetchRequest_SignatureType,
} from '../../../protocol/dm.ts';
import { dmStatusForHttp } from '../../../protocol/status.ts';
import {
  acerDevice,
  certificateBasedRegisterBody,
  DEMO,
  type DmMessage,
  dmPath,
  fetchPolicy,
  fieldsFor,
  login,
  manualRequestFor,
  mintDevice,
  preprovision,
  type StartedStub,
  startStub,
  zeroTouchRegister,
} from '../../helpers/stub.ts';
import { corruptDmJson, expectDmRefused, mutateBytes, sendDm } from './dm-harness.ts';
import {
  CONTROL,
  confusablesOf,
  expectIntegrity,
  garbledAuth,
  HOSTILE,
  JSON_TYPE,
  type Req,
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
const PROTO = 'application/x-protobuffer';

interface DmEndpoint {
  type: DmRequestType;
  message: () => DmMessage;
  /** The Authorization header of a valid request: scheme, parameter and credential. */
  auth?: () => { scheme: string; param: string; token: string };
  /** A valid request writes to the database (register types, unregister). */
  writes?: boolean;
}

let s: StartedStub;
let admin: string;
let dmToken: string;
let cbrBody: DmMessage;
/** Rebuilds cbrBody with a fresh nonce (a damaged copy that still verified may have burnt the first). */
let freshCbrBody: () => Promise<DmMessage>;

function registerRequest(n: number) {
  const d = acerDevice(`9${n}`);
  return manualRequestFor(
    { serial_number: d.serial_number, model: MODEL },
    {
      deviceRegisterIdentification: { attestedDeviceId: d.device_id },
      brandCode: 'RJIA',
      manufactureDate: '2024-01-31',
      ethernetMacAddress: '001122334455',
      reregister: false,
      expectedEnrollmentDomain: DEMO.domain,
    },
  );
}

const ENDPOINTS: DmEndpoint[] = [
  {
    type: 'enterprise_check',
    message: () => ({ autoEnrollmentRequest: { remainder: 0n, modulus: 1n, enrollmentCheckType: 2 } }),
  },
  {
    type: 'device_state_retrieval',
    message: () => ({ deviceStateRetrievalRequest: { serialNumber: 'NXTEST000000001', brandCode: 'RJIA' } }),
  },
  {
    type: 'device_initial_enrollment_state',
    message: () => ({
      deviceInitialEnrollmentStateRequest: { serialNumber: 'NXTEST000000001', brandCode: 'RJIA' },
    }),
  },
  { type: 'certificate_based_register', message: () => cbrBody, writes: true },
  {
    type: 'register',
    message: () => ({ registerRequest: registerRequest(1) }),
    auth: () => ({ scheme: 'GoogleLogin', param: 'auth', token: admin }),
    writes: true,
  },
  {
    type: 'token_based_register',
    message: () => ({ tokenBasedDeviceRegisterRequest: { deviceRegisterRequest: registerRequest(2) } }),
    auth: () => ({ scheme: 'GoogleEnrollmentToken', param: 'token', token: DEMO.enrollmentToken }),
    writes: true,
  },
  {
    type: 'policy',
    message: () => ({
      policyRequest: {
        requests: [
          {
            policyType: 'google/chromeos/device',
            signatureType: PolicyFetchRequest_SignatureType.SHA256_RSA,
            publicKeyVersion: 1,
          },
        ],
      },
    }),
    auth: () => ({ scheme: 'GoogleDMToken', param: 'token', token: dmToken }),
  },
  {
    type: 'unregister',
    message: () => ({ unregisterRequest: {} }),
    auth: () => ({ scheme: 'GoogleDMToken', param: 'token', token: dmToken }),
    writes: true,
  },
];

const encoded = (ep: DmEndpoint, encoding: DmEncoding): Buffer => encodeMessage(ep.message(), encoding);

function encodeMessage(message: DmMessage, encoding: DmEncoding): Buffer {
  const m = create(DeviceManagementRequestSchema, message);
  return encoding === 'proto'
    ? Buffer.from(toBinary(DeviceManagementRequestSchema, m))
    : Buffer.from(JSON.stringify(toJson(DeviceManagementRequestSchema, m, { useProtoFieldName: true })));
}

beforeAll(async () => {
  s = await startStub();
  admin = await login(s.url, DEMO.admin.email, DEMO.admin.password);
  const managed = acerDevice(1);
  const pending = acerDevice(2);
  expect((await preprovision(s.url, [managed, pending])).status).toBe(200);
  const r = await zeroTouchRegister(s.url, managed, CLIENT);
  expect(r.status).toBe(200);
  dmToken = r.body.registerResponse?.deviceManagementToken ?? '';
  // The policy key exists before any property runs (its creation is a write).
  expect((await fetchPolicy(s.url, CLIENT, dmToken)).status).toBe(200);
  // A valid zero-touch registration of the pending device, never sent as is until the last test.
  const pendingIdentity = await mintDevice(s.url, pending.device_id);
  freshCbrBody = () => certificateBasedRegisterBody(pendingIdentity, fieldsFor(pending));
  cbrBody = await freshCbrBody();
});
afterAll(async () => {
  await s.close();
});

function request(
  ep: DmEndpoint,
  over: {
    path?: string;
    body?: string | Buffer;
    headers?: Record<string, string | undefined>;
    encoding?: DmEncoding;
  } = {},
): Req {
  const a = ep.auth?.();
  const encoding = over.encoding ?? 'proto';
  return {
    method: 'POST',
    path: over.path ?? dmPath(ep.type, CLIENT),
    headers: {
      'content-type': contentTypeOf(encoding),
      ...(a === undefined ? {} : { authorization: `${a.scheme} ${a.param}=${a.token}` }),
      ...over.headers,
    },
    body: over.body ?? encoded(ep, encoding),
  };
}

/** The four required query parameters, one of them made invalid (or dropped, repeated, or too many). */
function brokenQuery(type: DmRequestType): fc.Arbitrary<{ query: string; field: string }> {
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
  const extraName = fc
    .stringMatching(/^[a-z][a-z0-9_]{0,11}$/)
    .filter(
      (k) => !names.includes(k) && !['agent', 'retry', 'lasterror', 'oauth_token', 'platform'].includes(k),
    );
  return fc.oneof(
    fc.nat(3).map((i) => ({ query: q(valid.filter((_, j) => j !== i)), field: names[i] ?? '' })),
    fc
      .nat(3)
      .chain((i) => fc.constantFrom(...(bad[names[i] ?? ''] ?? [''])).map((v) => ({ i, v })))
      .map(({ i, v }) => ({
        query: q(valid.map(([k, x], j): [string, string] => [k, j === i ? v : x])),
        field: names[i] ?? '',
      })),
    fc
      .nat(3)
      .map((i) => ({ query: `${q(valid)}&${q([valid[i] as [string, string]])}`, field: names[i] ?? '' })),
    fc
      .tuple(extraName, fc.integer({ min: 257, max: 2000 }))
      .map(([k, n]) => ({ query: `${q(valid)}&${q([[k, 'v'.repeat(n)]])}`, field: k })),
    fc.uniqueArray(extraName, { minLength: 13, maxLength: 30 }).map((ks) => ({
      query: `${q(valid)}&${q(ks.map((k): [string, string] => [k, '1']))}`,
      field: 'query parameters',
    })),
  );
}

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

  it('a corrupted query (each parameter dropped, invalid, repeated; too many) → 400 naming it', async () => {
    await fc.assert(
      fc.asyncProperty(
        brokenQuery(ep.type),
        fc.constantFrom<DmEncoding>('proto', 'json'),
        async ({ query, field }, encoding) => {
          await expectDmRefused(s, request(ep, { path: `/device_management?${query}`, encoding }), {
            status: 400,
            field,
          });
        },
      ),
      { numRuns: 60 },
    );
  });

  it('the valid body under a content type that is neither protobuf nor JSON → 400 (in protobuf), nothing written', async () => {
    await fc.assert(
      fc.asyncProperty(
        WRONG_CONTENT_TYPE.filter((t) => encodingOfContentType(t) === null),
        async (type) => {
          await expectDmRefused(s, request(ep, { headers: { 'content-type': type } }), {
            status: 400,
            field: 'Content-Type',
          });
        },
      ),
      { numRuns: 30 },
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

  const auth = ep.auth;
  if (auth !== undefined) {
    it('a missing or garbled Authorization header → 401, nothing written', async () => {
      const { scheme, param, token } = auth();
      await fc.assert(
        fc.asyncProperty(
          garbledAuth(scheme, param, token),
          fc.constantFrom<DmEncoding>('proto', 'json'),
          async (authorization, encoding) => {
            await expectDmRefused(s, request(ep, { headers: { authorization }, encoding }), {
              status: 401,
              field: /token/i,
            });
          },
        ),
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
    type Target = readonly [DmRequestType, string];
    const targets: Target[] = [
      ...['serialNumber', 'brandCode'].map((f): Target => ['device_initial_enrollment_state', f]),
      ...['serialNumber', 'brandCode'].map((f): Target => ['device_state_retrieval', f]),
      ...[
        'machineId',
        'machineModel',
        'attestedDeviceId',
        'ethernetMacAddress',
        'expectedEnrollmentDomain',
        'brandCode',
      ].flatMap((f): Target[] => [
        ['register', f],
        ['token_based_register', f],
      ]),
      ['policy', 'policyType'],
    ];
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...targets),
        fc.constantFrom(...HOSTILE),
        fc.constantFrom<DmEncoding>('proto', 'json'),
        async ([type, field], value, encoding) => {
          n += 1;
          const ep = ENDPOINTS.find((e) => e.type === type) as DmEndpoint;
          const m = create(DeviceManagementRequestSchema, ep.message());
          const id = `NXINJ${String(n).padStart(6, '0')}`;
          const reg =
            type === 'register'
              ? m.registerRequest
              : m.tokenBasedDeviceRegisterRequest?.deviceRegisterRequest;
          let deviceId = id;
          if (reg !== undefined) {
            reg.machineId = id;
            reg.deviceRegisterIdentification = {
              $typeName: 'enterprise_management.DeviceRegisterIdentification',
              attestedDeviceId: id,
            };
            reg.expectedEnrollmentDomain = '';
            if (field === 'attestedDeviceId') {
              reg.deviceRegisterIdentification.attestedDeviceId = value;
              deviceId = value;
            } else (reg as unknown as Record<string, string>)[field] = value;
          } else if (type === 'policy') {
            const first = m.policyRequest?.requests[0];
            if (first !== undefined) first.policyType = value;
          } else {
            const inner = (type === 'device_state_retrieval'
              ? m.deviceStateRetrievalRequest
              : m.deviceInitialEnrollmentStateRequest) as unknown as Record<string, string>;
            inner[field] = value;
          }
          const body =
            encoding === 'proto'
              ? Buffer.from(toBinary(DeviceManagementRequestSchema, m))
              : Buffer.from(
                  JSON.stringify(toJson(DeviceManagementRequestSchema, m, { useProtoFieldName: true })),
                );
          const others = () =>
            s.stub.db.prepare('SELECT * FROM devices WHERE device_id <> ? ORDER BY device_id').all(deviceId);
          const before = snapshot(s);
          const othersBefore = others();
          const r = await sendDm(s.url, request(ep, { body, encoding }));
          const where = `${type}.${field}=${JSON.stringify(value)} (${encoding}) → ${r.answer.status} ${r.errorMessage.slice(0, 300)}`;
          if (r.answer.status !== 200) {
            expect(r.answer.status >= 400 && r.answer.status < 500, where).toBe(true);
            if (encoding === 'json') expect(r.dmStatus, where).toBe(dmStatusForHttp(r.answer.status));
            expect(snapshot(s), where).toEqual(before);
          } else if (reg === undefined) {
            expect(snapshot(s), where).toEqual(before);
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
              serial_number: reg.machineId,
              model: reg.machineModel,
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
// in either encoding, which shows that the 4xx answers above come from the corruptions.
describe('the uncorrupted requests', () => {
  it.each(ENDPOINTS.map((ep) => [ep.type, ep] as const))('%s → 200', async (_type, ep) => {
    const encoding: DmEncoding = ep.type === 'unregister' ? 'json' : 'proto';
    if (ep.type === 'certificate_based_register') cbrBody = await freshCbrBody();
    // Devices no damaged copy can have registered (a flipped byte in a brand code or serial may have
    // recorded devices 91/92 under another identity, which then rightly conflict).
    const fresh: Partial<Record<DmRequestType, DmMessage>> = {
      register: { registerRequest: registerRequest(11) },
      token_based_register: {
        tokenBasedDeviceRegisterRequest: { deviceRegisterRequest: registerRequest(12) },
      },
    };
    const message = fresh[ep.type];
    const body = message === undefined ? undefined : encodeMessage(message, encoding);
    const r = await sendDm(s.url, request(ep, { encoding, ...(body === undefined ? {} : { body }) }));
    expect(r.answer.status, r.errorMessage).toBe(200);
    expect(r.answer.headers['content-type']).toBe(contentTypeOf(encoding));
  });
});
