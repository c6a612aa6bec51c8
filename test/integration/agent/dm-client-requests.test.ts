// What the DM client sends (DESIGN §5) and what it returns for well-formed answers.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDmClient, type DmClient } from '../../../agent/dm-client/index.ts';
import type { DeviceRegisterRequest } from '../../../protocol/dm.ts';
import { type FakeServer, json, startFakeDmServer } from './helpers/fake-dm-server.ts';

const registerAnswer = {
  register_response: {
    device_management_token: 'dm-token-1',
    management_domain: 'demo.example',
    org_unit_path: '/',
    license_consumed: true,
    bundled_license: false,
  },
};
const registerRequest: DeviceRegisterRequest = {
  type: 2,
  machine_id: 'SN123',
  machine_model: 'Chromebook ASUS CX1 (CX1500CNA)',
  flavor: 15,
  device_register_identification: { attested_device_id: 'SN123' },
};

let server: FakeServer;
let client: DmClient;

beforeAll(async () => {
  server = await startFakeDmServer(json(200, registerAnswer));
  client = createDmClient({ serverUrl: `${server.url}/`, deviceId: 'device-42', userAgent: 'zte-test/1' });
});
afterAll(() => server.close());

function last() {
  const r = server.requests.at(-1);
  if (r === undefined) throw new Error('no request recorded');
  return r;
}

describe('requests on the wire', () => {
  it('initial enrollment state: POST with the query of DESIGN §5 and a keyed JSON body', async () => {
    server.setHandler(
      json(200, {
        device_initial_enrollment_state_response: {
          initial_enrollment_mode: 2,
          management_domain: 'demo.example',
        },
      }),
    );
    const answer = await client.initialEnrollmentState({
      serial_number: 'SN123',
      model: 'X',
      attested_device_id: 'SN123',
    });
    expect(answer).toEqual({ initial_enrollment_mode: 2, management_domain: 'demo.example' });
    const r = last();
    expect(r.method).toBe('POST');
    expect(r.url.pathname).toBe('/device_management');
    expect([...r.url.searchParams]).toEqual([
      ['request', 'device_initial_enrollment_state'],
      ['devicetype', '2'],
      ['apptype', 'Chrome'],
      ['deviceid', 'device-42'],
    ]);
    expect(r.headers['content-type']).toBe('application/json');
    expect(r.headers['user-agent']).toBe('zte-test/1');
    expect(r.headers.authorization).toBeUndefined();
    expect(JSON.parse(r.body)).toEqual({
      device_initial_enrollment_state_request: {
        serial_number: 'SN123',
        model: 'X',
        attested_device_id: 'SN123',
      },
    });
  });

  it('certificate_based_register sends the signed request and no credentials', async () => {
    server.setHandler(json(200, registerAnswer));
    const signed = { signed_request: { data: 'ZGF0YQ==', signature: 'c2ln' } };
    expect(await client.certificateBasedRegister(signed)).toEqual(registerAnswer.register_response);
    expect(last().url.searchParams.get('request')).toBe('certificate_based_register');
    expect(JSON.parse(last().body)).toEqual({ certificate_based_register_request: signed });
    expect(last().headers.authorization).toBeUndefined();
  });

  it.each([
    ['register', 'GoogleLogin auth=admin-tok', (c: DmClient) => c.register(registerRequest, 'admin-tok')],
    [
      'token_based_register',
      'GoogleEnrollmentToken token=enr-tok',
      (c: DmClient) => c.tokenBasedRegister(registerRequest, 'enr-tok'),
    ],
  ] as const)('%s sends %s', async (type, authorization, call) => {
    server.setHandler(json(200, registerAnswer));
    expect(await call(client)).toEqual(registerAnswer.register_response);
    expect(last().url.searchParams.get('request')).toBe(type);
    expect(last().headers.authorization).toBe(authorization);
    expect(JSON.parse(last().body)).toEqual({ [`${type}_request`]: registerRequest });
  });

  it('policy sends the DM token and the device policy type', async () => {
    const policy = {
      policy_type: 'google/chromeos/device',
      management_domain: 'demo.example',
      org_unit_path: '/',
      policy_value: { DeviceGuestModeEnabled: false },
      timestamp: 1_700_000_000_000,
    };
    server.setHandler(json(200, { policy_response: policy }));
    expect(await client.policy('dm-token-1')).toEqual(policy);
    expect(last().headers.authorization).toBe('GoogleDMToken token=dm-token-1');
    expect(JSON.parse(last().body)).toEqual({ policy_request: { policy_type: 'google/chromeos/device' } });
  });

  it('unregister sends the DM token', async () => {
    server.setHandler(json(200, { unregister_response: {} }));
    await expect(client.unregister('dm-token-1')).resolves.toBeUndefined();
    expect(last().url.searchParams.get('request')).toBe('unregister');
    expect(last().headers.authorization).toBe('GoogleDMToken token=dm-token-1');
    expect(JSON.parse(last().body)).toEqual({ unregister_request: {} });
  });

  it('keeps a path prefix of the server URL', async () => {
    server.setHandler(json(200, { unregister_response: {} }));
    const prefixed = createDmClient({ serverUrl: `${server.url}/dm/api//`, deviceId: 'd' });
    await prefixed.unregister('t');
    expect(last().url.pathname).toBe('/dm/api/device_management');
  });

  it('a token that could split a header is refused before anything is sent', async () => {
    const before = server.requests.length;
    await expect(client.policy('tok\r\nx-evil: 1')).rejects.toMatchObject({ code: 'request-invalid' });
    await expect(client.register(registerRequest, '')).rejects.toMatchObject({ code: 'request-invalid' });
    expect(server.requests.length).toBe(before);
  });

  it('a request that cannot be encoded is request-invalid, not a TypeError', async () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    await expect(
      client.register(circular as unknown as DeviceRegisterRequest, 'admin-tok'),
    ).rejects.toMatchObject({ name: 'DmError', code: 'request-invalid' });
  });
});

describe('configuration mistakes are caught at creation', () => {
  it.each([
    [{ serverUrl: 'not a url', deviceId: 'd' }],
    [{ serverUrl: 'ftp://h/', deviceId: 'd' }],
    [{ serverUrl: 'http://h/', deviceId: '' }],
    [{ serverUrl: 'http://h/', deviceId: 'has space' }],
    [{ serverUrl: 'http://h/', deviceId: 'x'.repeat(65) }],
  ])('%j', (options) => {
    expect(() => createDmClient(options)).toThrow();
  });
});
