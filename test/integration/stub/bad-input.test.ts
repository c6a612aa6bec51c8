// Malformed bodies, queries and headers: always a 4xx naming the field, never a 5xx.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, dmPath, http, login, type StartedStub, startStub } from '../../helpers/stub.ts';

let s: StartedStub;
let admin: string;
beforeAll(async () => {
  s = await startStub();
  admin = await login(s.url, DEMO.admin.email, DEMO.admin.password);
});
afterAll(async () => {
  await s.close();
});

describe('DM endpoint', () => {
  it.each([
    [
      'a missing deviceid',
      '/device_management?request=policy&devicetype=2&apptype=Chrome',
      'querystring.deviceid is required',
    ],
    ['an unknown request type', dmPath('frobnicate', 'x'), 'querystring.request must be one of'],
    [
      'a wrong apptype',
      '/device_management?request=policy&devicetype=2&apptype=Firefox&deviceid=x',
      'querystring.apptype must be "Chrome"',
    ],
    ['a 65-character deviceid', dmPath('policy', 'x'.repeat(65)), 'querystring.deviceid must match pattern'],
    ['a repeated parameter', `${dmPath('policy', 'x')}&request=policy`, 'querystring.request must be string'],
  ])('answers 400 DM_STATUS_REQUEST_INVALID for %s', async (_what, path, message) => {
    const r = await http(s.url, 'POST', path, { body: {} });
    expect(r.status).toBe(400);
    expect(r.body.dm_status).toBe('DM_STATUS_REQUEST_INVALID');
    expect(r.body.error_message).toContain(message);
  });

  it.each([
    ['malformed JSON', { raw: '{"register_request": ' }, 'body is not valid JSON'],
    ['no body', {}, 'body must be object'],
    ['a JSON array', { body: [] }, 'body must be object'],
    [
      'the wrong key',
      { body: { policy_request: {} } },
      'body.policy_request is not allowed for request=register',
    ],
    ['a missing key', { body: {} }, 'body.register_request is required'],
    ['an unknown key', { body: { register_request: {}, extra: 1 } }, 'body.extra is not allowed'],
    [
      'a wrong type',
      { body: { register_request: { type: 2, machine_id: 5, machine_model: 'm', flavor: 15 } } },
      'body.register_request.machine_id must be string',
    ],
    ['a text/plain body', { raw: 'hello', headers: { 'content-type': 'text/plain' } }, 'body must be object'],
    [
      'an unsupported media type',
      { raw: 'a=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      'content-type',
    ],
  ])('answers 400 naming the field for %s', async (_what, opts, message) => {
    const r = await http(s.url, 'POST', dmPath('register', 'bad-client'), opts);
    expect(r.status).toBe(400);
    expect(r.body).toEqual({
      error_message: expect.stringContaining(message),
      dm_status: 'DM_STATUS_REQUEST_INVALID',
    });
  });
});

describe('JSON APIs', () => {
  it('answers 413 PAYLOAD_TOO_LARGE for oversized bodies', async () => {
    for (const [path, size] of [
      ['/v1/auth/login', 10_000],
      [`/v1/customers/${DEMO.customer}/licenses`, 20_000],
      ['/v1/partner/devices:preprovision', 1_100_000],
    ] as const) {
      const r = await http(s.url, path.endsWith('licenses') ? 'PUT' : 'POST', path, {
        raw: JSON.stringify({ pad: 'x'.repeat(size) }),
        bearer: path.includes('partner') ? DEMO.partnerKey : admin,
      });
      expect(r.status, path).toBe(413);
      expect(r.body).toMatchObject({ error_code: 'PAYLOAD_TOO_LARGE' });
    }
  });

  it('answers 400 INVALID_JSON for malformed JSON', async () => {
    const r = await http(s.url, 'POST', '/v1/auth/login', { raw: '{"email":' });
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ error_message: 'body is not valid JSON', error_code: 'INVALID_JSON' });
  });

  it('rejects unknown fields instead of dropping them', async () => {
    const r = await http(s.url, 'POST', `/v1/customers/${DEMO.customer}/preprovisioning-tokens`, {
      bearer: admin,
      body: { org_unit_path: '/', colour: 'red' },
    });
    expect(r.status).toBe(400);
    expect(r.body.error_message).toBe('body.colour is not allowed');
  });

  it('does not coerce types', async () => {
    const r = await http(s.url, 'PUT', `/v1/customers/${DEMO.customer}/licenses`, {
      bearer: admin,
      body: { chrome_enterprise_upgrade_total: '12' },
    });
    expect(r.status).toBe(400);
    expect(r.body.error_message).toBe('body.chrome_enterprise_upgrade_total must be integer');
  });

  it('answers 404 NOT_FOUND for unknown paths', async () => {
    const r = await http(s.url, 'GET', '/v1/nothing-here');
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ error_code: 'NOT_FOUND' });
  });
});
