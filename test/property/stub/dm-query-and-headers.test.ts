// Property tests of the DM endpoint's query, content type and Authorization header (POST
// /device_management?request=<type>, each of the 8 request types): each query parameter dropped,
// invalid or repeated, too many parameters, a content type that is neither protobuf nor JSON, and a
// missing or garbled credential are answered with a 4xx DeviceManagementResponse error in the
// request's encoding, naming what is wrong, and nothing written. Bodies: dm-bodies.test.ts.

import fc from 'fast-check';
import { beforeAll, describe, it } from 'vitest';
import { type DmEncoding, encodingOfContentType } from '../../../protocol/codec.ts';
import { DM_REQUEST_TYPES, type DmRequestType } from '../../../protocol/dm.ts';
import type { StartedStub } from '../../helpers/stub.ts';
import { CLIENT, useDmStub } from './dm-fixture.ts';
import { expectDmRefused } from './dm-harness.ts';
import { garbledAuth } from './harness/garbled-auth.ts';
import { CONTROL, confusablesOf, HOSTILE } from './harness/hostile-strings.ts';
import { WRONG_CONTENT_TYPE } from './harness/junk.ts';
import { seg } from './harness/path-segments.ts';

const DEVICE_ID = /^[\x21-\x7E]{1,64}$/;

const dm = useDmStub();
const ENDPOINTS = dm.endpoints;
const { request } = dm;
let s: StartedStub;
beforeAll(() => {
  s = dm.s;
});

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
