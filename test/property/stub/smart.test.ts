// SMART Remote Management routes against corruptions derived from their own request schemas
// (server-stub/smart/schemas.ts, the ones fastify validates with): every corruption is a 400
// INVALID_REQUEST whose message names the corrupted field, and no SMART table changes.

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMART_REQUEST_SCHEMAS } from '../../../server-stub/smart/schemas.ts';
import {
  activeDomain,
  type Harness,
  type Json,
  outbox,
  post,
  signup,
  snapshot,
  startSmart,
} from '../../integration/smart/harness.ts';
import { corruptionsOf, type ObjectSchema } from './schema-corruptions.ts';

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

/** A valid request for each schema'd route: the URL to call and the value the corruptions start from. */
const VALID: Record<string, () => { url: string; valid: Json; auth?: boolean }> = {
  'POST /smart/v1/domains': () => ({ url: '/smart/v1/domains', valid: signup('fuzzed') }),
  'GET /smart/v1/outbox': () => ({ url: '/smart/v1/outbox', valid: { email: 'it@acme.example' } }),
  'POST /smart/v1/domains/:name/activate': () => ({
    url: '/smart/v1/domains/waiting/activate',
    valid: { code: waitingCode },
  }),
  'GET /smart/v1/domains/:name/activate': () => ({
    url: '/smart/v1/domains/waiting/activate',
    valid: { code: waitingCode },
  }),
  'POST /smart/v1/login': () => ({
    url: '/smart/v1/login',
    valid: { email: 'it@acme.example', password: 'acme-password' },
  }),
  'POST /smart/v1/domains/:name/billing/redeem': () => ({
    url: '/smart/v1/domains/acme/billing/redeem',
    valid: { product_key: 'SRMR-DEMO-0100-CCCC' },
    auth: true,
  }),
  'POST /smart/v1/admin-portal/claims': () => ({
    url: '/smart/v1/admin-portal/claims',
    valid: { claim_code: 'SRMC-DEMO-0001' },
  }),
  'POST /smart/v1/displays/checkin': () => ({
    url: '/smart/v1/displays/checkin',
    valid: { serial_number: 'S1', model_number: 'm1' },
  }),
  'POST /smart/v1/displays/enroll': () => ({
    url: '/smart/v1/displays/enroll',
    valid: { serial_number: 'LOOSE1', model_number: 'm1', domain: 'acme' },
  }),
  'POST /v1/test/smart/reseller-keys': () => ({ url: '/v1/test/smart/reseller-keys', valid: { credits: 5 } }),
};

async function send(method: string, url: string, part: 'body' | 'querystring', value: Json, auth: boolean) {
  const headers: Record<string, string> = {};
  if (auth) headers.authorization = `Bearer ${token}`;
  if (part === 'body') {
    headers['content-type'] = 'application/json';
    return h.app.inject({ method: method as 'POST', url, headers, payload: JSON.stringify(value) });
  }
  const qs = new URLSearchParams(
    Object.entries(value).map(([k, v]): [string, string] => [k, String(v)]),
  ).toString();
  return h.app.inject({ method: method as 'GET', url: `${url}?${qs}`, headers });
}

describe('SMART requests corrupted from their own schemas', () => {
  it('has a valid request for every schema (so no route escapes these properties)', () => {
    expect(Object.keys(VALID).sort()).toEqual(Object.keys(SMART_REQUEST_SCHEMAS).sort());
  });

  for (const [route, parts] of Object.entries(SMART_REQUEST_SCHEMAS)) {
    const [method = 'POST'] = route.split(' ');
    const part = parts.body !== undefined ? 'body' : 'querystring';
    const schema = (parts.body ?? parts.querystring) as unknown as ObjectSchema;
    it(`${route}: each corruption → 400 INVALID_REQUEST naming the field, nothing written`, async () => {
      const { url, valid, auth } = VALID[route]?.() ?? { url: '', valid: {} };
      // The uncorrupted request passes validation (whatever the rules then say).
      const ok = await send(method, url, part, valid, auth === true);
      expect((ok.json() as Json).error_code, `${route} valid`).not.toBe('INVALID_REQUEST');
      await fc.assert(
        fc.asyncProperty(corruptionsOf(schema, valid, part), async (c) => {
          const before = snapshot(h.db);
          const r = await send(method, url, part, c.value, auth === true);
          const body = r.json() as Json;
          expect(r.statusCode, `${c.field} ${c.how}: ${JSON.stringify(c.value)}`).toBe(400);
          expect(body.error_code).toBe('INVALID_REQUEST');
          expect(
            String(body.error_message).startsWith(c.field),
            `${body.error_message} names ${c.field}`,
          ).toBe(true);
          expect(snapshot(h.db)).toBe(before);
        }),
        { numRuns: 80 },
      );
    });
  }
});
