// Malformed bodies, queries and headers: always a 4xx naming the field, never a 5xx. On the DM
// endpoint the error is a DeviceManagementResponse with error_message (in JSON, also dm_status).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEMO,
  dm,
  dmPath,
  dmStatusOf,
  http,
  login,
  type StartedStub,
  startStub,
} from '../../helpers/stub.ts';

let s: StartedStub;
let admin: string;
beforeAll(async () => {
  s = await startStub();
  admin = await login(s.url, DEMO.admin.email, DEMO.admin.password);
});
afterAll(async () => {
  await s.close();
});

const policyBody = { policyRequest: { requests: [{ policyType: 'google/chromeos/device' }] } };

async function post(path: string, body: Uint8Array | string, contentType: string) {
  const res = await fetch(`${s.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
  });
  return { status: res.status, contentType: res.headers.get('content-type'), text: await res.text() };
}

describe('DM endpoint: the query string', () => {
  it.each([
    [
      'a missing deviceid',
      '/device_management?request=policy&devicetype=2&apptype=Chrome',
      'query parameter deviceid is required',
    ],
    ['an unknown request type', dmPath('frobnicate', 'x'), 'query parameter request must be one of'],
    [
      'a wrong apptype',
      '/device_management?request=policy&devicetype=2&apptype=Firefox&deviceid=x',
      'query parameter apptype must be Chrome',
    ],
    [
      'a wrong devicetype',
      '/device_management?request=policy&devicetype=1&apptype=Chrome&deviceid=x',
      'query parameter devicetype must be 2',
    ],
    ['a 65-character deviceid', dmPath('policy', 'x'.repeat(65)), 'query parameter deviceid must be 1 to 64'],
    [
      'a repeated parameter',
      `${dmPath('policy', 'x')}&request=policy`,
      'query parameter request must be given once',
    ],
    [
      'an agent over 64 characters',
      dmPath('policy', 'x', { agent: 'a'.repeat(65) }),
      'query parameter agent must be at most 64',
    ],
    [
      'retry not true|false',
      dmPath('policy', 'x', { retry: 'yes' as 'true' }),
      'query parameter retry must be true or false',
    ],
    [
      'a non-integer lasterror',
      dmPath('policy', 'x', { lasterror: '4o1' }),
      'query parameter lasterror must be an integer',
    ],
    [
      'a long unknown parameter',
      dmPath('policy', 'x', { colour: 'r'.repeat(257) }),
      'query parameter colour must be at most 256',
    ],
  ])('answers 400 DM_STATUS_REQUEST_INVALID for %s', async (_what, path, message) => {
    const r = await post(path, '{"policy_request":{}}', 'application/json');
    expect(r.status).toBe(400);
    expect(JSON.parse(r.text)).toEqual({
      error_message: expect.stringContaining(message),
      dm_status: 'DM_STATUS_REQUEST_INVALID',
    });
  });

  it('tolerates Chromium’s optional parameters and short unknown ones', async () => {
    const r = await dm(s.url, 'policy', 'tolerant', policyBody, {
      query: {
        agent: 'zte-agent/0.1.0',
        platform: 'Linux|x86_64|6.1',
        retry: 'true',
        lasterror: '503',
        extra: 'fine',
      },
    });
    expect(r.status).toBe(401); // got as far as the DM token check
  });
});

describe('DM endpoint: the body', () => {
  it.each([
    [
      'malformed JSON',
      '{"register_request": ',
      'application/json',
      'body: not a valid enterprise_management.DeviceManagementRequest (json)',
    ],
    ['no body (JSON)', '', 'application/json', 'body: not a valid'],
    ['a JSON array', '[]', 'application/json', 'body: not a valid'],
    ['an unknown JSON key', '{"register_request": {}, "extra": 1}', 'application/json', 'extra'],
    ['a wrong JSON type', '{"register_request": {"machine_id": 5}}', 'application/json', 'machine_id'],
    [
      'the wrong field for the type',
      '{"policy_request": {}}',
      'application/json',
      'register_request is required for request=register',
    ],
    [
      'an empty protobuf body',
      '',
      'application/x-protobuffer',
      'register_request is required for request=register',
    ],
    [
      'a text/plain body',
      'hello',
      'text/plain',
      'Content-Type "text/plain" is not application/x-protobuffer',
    ],
    ['a form body', 'a=b', 'application/x-www-form-urlencoded', 'Content-Type'],
  ])('answers 400 naming the field for %s', async (_what, body, contentType, message) => {
    const r = await post(dmPath('register', 'bad-client'), body, contentType);
    expect(r.status).toBe(400);
    if (contentType === 'application/json') {
      expect(r.contentType).toMatch(/^application\/json/);
      expect(JSON.parse(r.text)).toEqual({
        error_message: expect.stringContaining(message),
        dm_status: 'DM_STATUS_REQUEST_INVALID',
      });
    } else {
      // Protobuf (also the answer to an unknown Content-Type): DeviceManagementResponse{error_message (2)}.
      expect(r.contentType).toBe('application/x-protobuffer');
      expect(r.text).toContain(message);
    }
  });

  it('accepts application/protobuf and application/octet-stream as protobuf, and answers in protobuf', async () => {
    for (const contentType of [
      'application/protobuf',
      'application/octet-stream',
      'application/x-protobuffer; charset=binary',
    ]) {
      const r = await dm(s.url, 'policy', 'ct-client', policyBody, { contentType });
      expect(r.status, contentType).toBe(401);
      expect(r.headers.get('content-type')).toBe('application/x-protobuffer');
      expect(dmStatusOf(r)).toBe('DM_STATUS_SERVICE_MANAGEMENT_TOKEN_INVALID');
    }
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
