// What the DM client sends (DESIGN §5, Chromium's wire format) and what it returns for well-formed
// answers: the query Chromium sends, protobuf by default and JSON on request, the one field of
// DeviceManagementRequest each request type uses, credentials where Chromium puts them.

import { create, isFieldSet } from '@bufbuild/protobuf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDmClient, type DmClient, NET_ERROR } from '../../../agent/dm-client/index.ts';
import {
  DeviceAutoEnrollmentRequest_EnrollmentCheckType,
  DeviceManagementRequestSchema,
  PolicyFetchRequest_SignatureType,
  PolicyFetchRequestSchema,
  SignedDataSchema,
} from '../../../protocol/dm.ts';
import {
  dm,
  type FakeServer,
  type RecordedRequest,
  requestOf,
  startFakeDmServer,
} from './helpers/fake-dm-server.ts';

const registerAnswer = { registerResponse: { deviceManagementToken: 'dm-token-1', orgUnitPath: '/' } };
const registerRequest = {
  type: 2,
  machineId: 'SN123',
  machineModel: 'Chromebook ASUS CX1 (CX1500CNA)',
  flavor: 15,
  deviceRegisterIdentification: { attestedDeviceId: 'SN123' },
};

let server: FakeServer;
let client: DmClient;
let jsonClient: DmClient;
const options = {
  deviceId: 'device-42',
  userAgent: 'zte-test/1',
  agent: 'zte-agent/0.1.0',
  platform: 'Linux|x86_64|6.1.0',
};

beforeAll(async () => {
  server = await startFakeDmServer(dm(200, registerAnswer));
  client = createDmClient({ serverUrl: `${server.url}/`, ...options });
  jsonClient = createDmClient({ serverUrl: server.url, ...options, encoding: 'json' });
});
afterAll(() => server.close());

function last(): RecordedRequest {
  const r = server.requests.at(-1);
  if (r === undefined) throw new Error('no request recorded');
  return r;
}

/** The fields of DeviceManagementRequest the request set (exactly one for every type). */
function setFields(r: RecordedRequest): string[] {
  const request = requestOf(r);
  return DeviceManagementRequestSchema.fields.filter((f) => isFieldSet(request, f)).map((f) => f.localName);
}

describe('requests on the wire', () => {
  it('enterprise_check: POST, Chromium’s query, a protobuf DeviceAutoEnrollmentRequest', async () => {
    server.setHandler(dm(200, { autoEnrollmentResponse: { hashes: [new Uint8Array(8)] } }));
    const answer = await client.enterpriseCheck({ remainder: 5n, modulus: 16n });
    expect(answer.hashes.map((h) => [...h])).toEqual([[0, 0, 0, 0, 0, 0, 0, 0]]);
    const r = last();
    expect(r.method).toBe('POST');
    expect(r.url.pathname).toBe('/device_management');
    expect([...r.url.searchParams]).toEqual([
      ['request', 'enterprise_check'],
      ['devicetype', '2'],
      ['apptype', 'Chrome'],
      ['deviceid', 'device-42'],
      ['agent', 'zte-agent/0.1.0'],
      ['platform', 'Linux|x86_64|6.1.0'],
      ['retry', 'false'],
    ]);
    expect(r.headers['content-type']).toBe('application/x-protobuffer');
    expect(r.headers['user-agent']).toBe('zte-test/1');
    expect(r.headers.authorization).toBeUndefined();
    expect(setFields(r)).toEqual(['autoEnrollmentRequest']);
    expect(requestOf(r).autoEnrollmentRequest).toMatchObject({
      remainder: 5n,
      modulus: 16n,
      enrollmentCheckType: DeviceAutoEnrollmentRequest_EnrollmentCheckType.FORCED_ENROLLMENT,
    });
  });

  it('the same request in the JSON debug encoding: canonical JSON with the proto’s names', async () => {
    server.setHandler(dm(200, { autoEnrollmentResponse: {} }));
    await jsonClient.enterpriseCheck({ remainder: 5n, modulus: 16n });
    expect(last().headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(last().body)).toEqual({
      auto_enrollment_request: {
        remainder: '5',
        modulus: '16',
        enrollment_check_type: 'ENROLLMENT_CHECK_TYPE_FORCED_ENROLLMENT',
      },
    });
  });

  it.each(['proto', 'json'] as const)(
    'reads a %s answer by its Content-Type, whatever it sent',
    async (encoding) => {
      server.setHandler(
        dm(200, { deviceStateRetrievalResponse: { managementDomain: 'demo.example' } }, { encoding }),
      );
      const answer = await client.deviceStateRetrieval({ serialNumber: 'SN123', brandCode: 'ACRA' });
      expect(answer.managementDomain).toBe('demo.example');
    },
  );

  it('device_state_retrieval and device_initial_enrollment_state send serial + brand code only', async () => {
    server.setHandler(dm(200, { deviceStateRetrievalResponse: {} }));
    await client.deviceStateRetrieval({ serialNumber: 'SN123', brandCode: 'ACRA' });
    expect(setFields(last())).toEqual(['deviceStateRetrievalRequest']);
    const retrieval = requestOf(last()).deviceStateRetrievalRequest;
    expect(retrieval).toMatchObject({ serialNumber: 'SN123', brandCode: 'ACRA' });
    expect(retrieval?.serverBackedStateKey).toHaveLength(0);

    server.setHandler(dm(200, { deviceInitialEnrollmentStateResponse: { initialEnrollmentMode: 2 } }));
    const state = await client.initialEnrollmentState({ serialNumber: 'SN123', brandCode: 'ACRA' });
    expect(state.initialEnrollmentMode).toBe(2);
    expect(last().url.searchParams.get('request')).toBe('device_initial_enrollment_state');
    expect(requestOf(last()).deviceInitialEnrollmentStateRequest).toMatchObject({
      serialNumber: 'SN123',
      brandCode: 'ACRA',
    });
  });

  it('certificate_based_register sends the SignedData and no credentials', async () => {
    server.setHandler(dm(200, registerAnswer));
    const signed = create(SignedDataSchema, {
      data: new Uint8Array([1, 2, 3, 4]),
      signature: new Uint8Array([9]),
      extraDataBytes: 2,
    });
    const answer = await client.certificateBasedRegister(signed);
    expect(answer.deviceManagementToken).toBe('dm-token-1');
    expect(last().url.searchParams.get('request')).toBe('certificate_based_register');
    expect(setFields(last())).toEqual(['certificateBasedRegisterRequest']);
    const sent = requestOf(last()).certificateBasedRegisterRequest?.signedRequest;
    expect([...(sent?.data ?? [])]).toEqual([1, 2, 3, 4]);
    expect([...(sent?.signature ?? [])]).toEqual([9]);
    expect(sent?.extraDataBytes).toBe(2);
    expect(last().headers.authorization).toBeUndefined();
  });

  it('register (manual fallback): the admin’s OAuth token in `oauth_token`, no Authorization', async () => {
    server.setHandler(dm(200, registerAnswer));
    await client.register(registerRequest, 'admin-tok');
    expect(last().url.searchParams.get('request')).toBe('register');
    expect(last().url.searchParams.get('oauth_token')).toBe('admin-tok');
    expect(last().headers.authorization).toBeUndefined();
    expect(setFields(last())).toEqual(['registerRequest']);
    expect(requestOf(last()).registerRequest).toMatchObject({ machineId: 'SN123', flavor: 15 });
  });

  it('token_based_register: GoogleEnrollmentToken, wrapper request 41 and response 40', async () => {
    server.setHandler(
      dm(200, {
        tokenBasedDeviceRegisterResponse: { deviceRegisterResponse: { deviceManagementToken: 'dm-2' } },
      }),
    );
    const answer = await client.tokenBasedRegister(registerRequest, 'enr-tok');
    expect(answer.deviceManagementToken).toBe('dm-2');
    expect(last().headers.authorization).toBe('GoogleEnrollmentToken token=enr-tok');
    expect(setFields(last())).toEqual(['tokenBasedDeviceRegisterRequest']);
    expect(requestOf(last()).tokenBasedDeviceRegisterRequest?.deviceRegisterRequest).toMatchObject({
      machineId: 'SN123',
    });
    // Field numbers on the wire: 41 (0x2a8 + wire type 2 → varint 0xca 0x02) in the request.
    expect([...last().bytes.subarray(0, 2)]).toEqual([0xca, 0x02]);
  });

  it('policy: GoogleDMToken, one PolicyFetchRequest for the device policy, SHA256_RSA', async () => {
    server.setHandler(dm(200, { policyResponse: { responses: [{ policyData: new Uint8Array([1]) }] } }));
    const answer = await client.policy('dm-token-1');
    expect([...answer.policyData]).toEqual([1]);
    expect(last().headers.authorization).toBe('GoogleDMToken token=dm-token-1');
    const fetches = requestOf(last()).policyRequest?.requests ?? [];
    expect(fetches).toHaveLength(1);
    expect(fetches[0]).toMatchObject({
      policyType: 'google/chromeos/device',
      signatureType: PolicyFetchRequest_SignatureType.SHA256_RSA,
    });
    const first = fetches[0];
    if (first === undefined) throw new Error('no PolicyFetchRequest');
    expect(isFieldSet(first, PolicyFetchRequestSchema.field.publicKeyVersion)).toBe(false);

    await client.policy('dm-token-1', { publicKeyVersion: 7 });
    expect(requestOf(last()).policyRequest?.requests[0]?.publicKeyVersion).toBe(7);
  });

  it('unregister sends the DM token', async () => {
    server.setHandler(dm(200, { unregisterResponse: {} }));
    await expect(client.unregister('dm-token-1')).resolves.toBeUndefined();
    expect(last().url.searchParams.get('request')).toBe('unregister');
    expect(last().headers.authorization).toBe('GoogleDMToken token=dm-token-1');
    expect(setFields(last())).toEqual(['unregisterRequest']);
  });

  it('keeps a path prefix of the server URL', async () => {
    server.setHandler(dm(200, { unregisterResponse: {} }));
    const prefixed = createDmClient({ serverUrl: `${server.url}/dm/api//`, deviceId: 'd' });
    await prefixed.unregister('t');
    expect(last().url.pathname).toBe('/dm/api/device_management');
  });

  it('by default: agent zte-agent/<version> (≤ 64 characters) and platform OS|arch|version', async () => {
    server.setHandler(dm(200, { unregisterResponse: {} }));
    await createDmClient({ serverUrl: server.url, deviceId: 'd' }).unregister('t');
    const q = last().url.searchParams;
    expect(q.get('agent')).toMatch(/^zte-agent\/\d+\.\d+\.\d+/);
    expect((q.get('agent') ?? '').length).toBeLessThanOrEqual(64);
    expect(q.get('platform')).toMatch(/^[^|]+\|[^|]+\|\d+(\.\d+)*$/);
  });

  it('a token that could split a header is refused before anything is sent', async () => {
    const before = server.requests.length;
    await expect(client.policy('tok\r\nx-evil: 1')).rejects.toMatchObject({ code: 'request-invalid' });
    await expect(client.register(registerRequest, '')).rejects.toMatchObject({ code: 'request-invalid' });
    expect(server.requests.length).toBe(before);
  });

  it('a request that cannot be encoded is request-invalid, not a TypeError', async () => {
    const before = server.requests.length;
    // An int64 cannot hold 2^70.
    await expect(client.enterpriseCheck({ remainder: 2n ** 70n, modulus: 16n })).rejects.toMatchObject({
      name: 'DmError',
      code: 'request-invalid',
    });
    expect(server.requests.length).toBe(before);
  });
});

describe('retry and lasterror (Chromium’s kParamRetry / kParamLastError)', () => {
  it('after a failure of the same type: retry=true and lasterror=<HTTP status>; a success resets', async () => {
    const c = createDmClient({ serverUrl: server.url, deviceId: 'd' });
    server.setHandler(dm(503, { errorMessage: 'busy' }));
    await expect(c.enterpriseCheck({ remainder: 0n, modulus: 1n })).rejects.toMatchObject({
      code: 'temporarily-unavailable',
    });
    expect(last().url.searchParams.get('retry')).toBe('false');
    expect(last().url.searchParams.has('lasterror')).toBe(false);

    // Another request type has its own memory.
    server.setHandler(dm(200, { deviceStateRetrievalResponse: {} }));
    await c.deviceStateRetrieval({ serialNumber: 'S', brandCode: 'ABCD' });
    expect(last().url.searchParams.get('retry')).toBe('false');

    server.setHandler(dm(200, { autoEnrollmentResponse: {} }));
    await c.enterpriseCheck({ remainder: 0n, modulus: 1n });
    expect(last().url.searchParams.get('retry')).toBe('true');
    expect(last().url.searchParams.get('lasterror')).toBe('503');

    await c.enterpriseCheck({ remainder: 0n, modulus: 1n });
    expect(last().url.searchParams.get('retry')).toBe('false');
    expect(last().url.searchParams.has('lasterror')).toBe(false);
  });

  it('a failure below HTTP is remembered as a Chromium net error code (connection reset: -101)', async () => {
    const c = createDmClient({ serverUrl: server.url, deviceId: 'd' });
    server.setHandler((req) => req.socket.destroy());
    await expect(c.enterpriseCheck({ remainder: 0n, modulus: 1n })).rejects.toMatchObject({
      code: 'network',
    });
    server.setHandler(dm(200, { autoEnrollmentResponse: {} }));
    await c.enterpriseCheck({ remainder: 0n, modulus: 1n });
    expect(last().url.searchParams.get('retry')).toBe('true');
    expect(last().url.searchParams.get('lasterror')).toBe(String(NET_ERROR.ERR_CONNECTION_RESET));
  });

  it('an aborted call is not a failure the server saw: no lasterror after it', async () => {
    const c = createDmClient({ serverUrl: server.url, deviceId: 'd' });
    const controller = new AbortController();
    server.setHandler(() => controller.abort());
    await expect(
      c.enterpriseCheck({ remainder: 0n, modulus: 1n }, { signal: controller.signal }),
    ).rejects.toMatchObject({ code: 'aborted' });
    server.setHandler(dm(200, { autoEnrollmentResponse: {} }));
    await c.enterpriseCheck({ remainder: 0n, modulus: 1n });
    expect(last().url.searchParams.get('retry')).toBe('false');
  });
});

describe('configuration mistakes are caught at creation', () => {
  it.each([
    [{ serverUrl: 'not a url', deviceId: 'd' }],
    [{ serverUrl: 'ftp://h/', deviceId: 'd' }],
    [{ serverUrl: 'http://h/', deviceId: '' }],
    [{ serverUrl: 'http://h/', deviceId: 'has space' }],
    [{ serverUrl: 'http://h/', deviceId: 'x'.repeat(65) }],
    [{ serverUrl: 'http://h/', deviceId: 'd', encoding: 'xml' as never }],
  ])('%j', (opts) => {
    expect(() => createDmClient(opts)).toThrow();
  });
});
