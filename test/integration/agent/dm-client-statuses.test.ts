// Every HTTP status of DESIGN §5 from a real HTTP server → the right DmError, the error_message read
// from a protobuf or JSON DeviceManagementResponse; got retries nothing.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyDmError, createDmClient, type DmClient, DmError } from '../../../agent/dm-client/index.ts';
import { dm, type FakeServer, startFakeDmServer } from './helpers/fake-dm-server.ts';

const NOW = Date.parse('2025-03-01T12:00:00Z');
let server: FakeServer;
let client: DmClient;

beforeAll(async () => {
  server = await startFakeDmServer(dm(200, {}));
  client = createDmClient({ serverUrl: server.url, deviceId: 'dev-1', now: () => NOW });
});
afterAll(() => server.close());

async function failure(call: Promise<unknown>): Promise<DmError> {
  const error = await call.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DmError);
  return error as DmError;
}

const lookup = () => client.deviceStateRetrieval({ serialNumber: 'S', brandCode: 'ABCD' });

describe('DM error statuses', () => {
  it.each([
    [400, 'DM_STATUS_REQUEST_INVALID', 'request-invalid', 'actionable'],
    [401, 'DM_STATUS_SERVICE_MANAGEMENT_TOKEN_INVALID', 'token-invalid', 'actionable'],
    [402, 'DM_STATUS_SERVICE_MISSING_LICENSES', 'missing-licenses', 'actionable'],
    [403, 'DM_STATUS_SERVICE_MANAGEMENT_NOT_SUPPORTED', 'management-not-supported', 'actionable'],
    [404, 'DM_STATUS_TEMPORARY_UNAVAILABLE', 'temporarily-unavailable', 'retryable'],
    [405, 'DM_STATUS_SERVICE_INVALID_SERIAL_NUMBER', 'invalid-serial-number', 'actionable'],
    [406, 'DM_STATUS_SERVICE_DOMAIN_MISMATCH', 'domain-mismatch', 'actionable'],
    [409, 'DM_STATUS_SERVICE_DEVICE_ID_CONFLICT', 'device-id-conflict', 'actionable'],
    [410, 'DM_STATUS_SERVICE_DEVICE_NOT_FOUND', 'device-not-found', 'terminal-for-zte'],
    [412, 'DM_STATUS_SERVICE_ACTIVATION_PENDING', 'activation-pending', 'actionable'],
    [413, 'DM_STATUS_REQUEST_TOO_LARGE', 'request-too-large', 'actionable'],
    [
      417,
      'DM_STATUS_SERVICE_CONSUMER_ACCOUNT_WITH_PACKAGED_LICENSE',
      'consumer-account-with-packaged-license',
      'actionable',
    ],
    [
      418,
      'DM_STATUS_SERVICE_INVALID_PACKAGED_DEVICE_FOR_KIOSK',
      'invalid-packaged-device-for-kiosk',
      'actionable',
    ],
    [429, 'DM_STATUS_SERVICE_TOO_MANY_REQUESTS', 'too-many-requests', 'retryable'],
    [500, 'DM_STATUS_TEMPORARY_UNAVAILABLE', 'temporarily-unavailable', 'retryable'],
    [503, 'DM_STATUS_TEMPORARY_UNAVAILABLE', 'temporarily-unavailable', 'retryable'],
    [902, 'DM_STATUS_SERVICE_POLICY_NOT_FOUND', 'policy-not-found', 'actionable'],
    [903, 'DM_STATUS_SERVICE_DEPROVISIONED', 'deprovisioned', 'actionable'],
    [904, 'DM_STATUS_SERVICE_ARC_DISABLED', 'arc-disabled', 'actionable'],
    [
      905,
      'DM_STATUS_SERVICE_ENTERPRISE_ACCOUNT_IS_NOT_ELIGIBLE_TO_ENROLL',
      'enterprise-account-not-eligible',
      'actionable',
    ],
    [
      906,
      'DM_STATUS_SERVICE_ENTERPRISE_TOS_HAS_NOT_BEEN_ACCEPTED',
      'terms-of-service-not-accepted',
      'actionable',
    ],
    [
      907,
      'DM_STATUS_SERVICE_ILLEGAL_ACCOUNT_FOR_PACKAGED_EDU_LICENSE',
      'illegal-account-for-packaged-edu-license',
      'actionable',
    ],
  ] as const)('HTTP %i → %s → %s (%s)', async (status, dmStatus, code, cls) => {
    for (const encoding of ['proto', 'json'] as const) {
      server.setHandler(dm(status, { errorMessage: `server says ${status}` }, { encoding, dmStatus }));
      const error = await failure(lookup());
      expect(error.code).toBe(code);
      expect(error.httpStatus).toBe(status);
      expect(error.dmStatus).toBe(dmStatus);
      expect(error.serverMessage).toBe(`server says ${status}`);
      expect(error.requestType).toBe('device_state_retrieval');
      expect(classifyDmError(error)).toBe(cls);
    }
  });

  it.each([
    ['HTML', 'text/html', Buffer.from('<h1>Payment required</h1>')],
    ['garbled protobuf', 'application/x-protobuffer', Buffer.from([0x12, 0xff, 0x01])],
    ['garbled JSON', 'application/json', Buffer.from('{"error_message": ')],
  ])(
    'an undecodable error body (%s) still yields the status code, without a message',
    async (_, type, body) => {
      server.setHandler((_req, res) => {
        res.writeHead(402, { 'content-type': type });
        res.end(body);
      });
      const error = await failure(lookup());
      expect(error.code).toBe('missing-licenses');
      expect(error.serverMessage).toBeNull();
    },
  );

  it('an unknown status is http-status-error; a redirect is not followed', async () => {
    server.setHandler(dm(422, { errorMessage: 'unprocessable' }));
    expect((await failure(lookup())).code).toBe('http-status-error');
    const before = server.requests.length;
    server.setHandler((_req, res) => {
      res.writeHead(307, { location: '/elsewhere' });
      res.end();
    });
    const redirect = await failure(lookup());
    expect(redirect.code).toBe('http-status-error');
    expect(redirect.httpStatus).toBe(307);
    expect(server.requests.length).toBe(before + 1);
  });
});

describe('Retry-After', () => {
  it('429 with delay-seconds', async () => {
    server.setHandler(dm(429, { errorMessage: 'slow down' }, { headers: { 'retry-after': '17' } }));
    expect(await failure(lookup())).toMatchObject({ code: 'too-many-requests', retryAfterMs: 17_000 });
  });

  it('503 with an HTTP-date, relative to the injected clock', async () => {
    server.setHandler(dm(503, {}, { headers: { 'retry-after': 'Sat, 01 Mar 2025 12:02:00 GMT' } }));
    expect(await failure(lookup())).toMatchObject({ code: 'temporarily-unavailable', retryAfterMs: 120_000 });
  });

  it('absent or garbled → null', async () => {
    server.setHandler(dm(429, {}, { headers: { 'retry-after': 'later' } }));
    expect((await failure(lookup())).retryAfterMs).toBeNull();
    server.setHandler(dm(429, {}));
    expect((await failure(lookup())).retryAfterMs).toBeNull();
  });
});

describe('no retries inside the client', () => {
  it.each([503, 429, 500])('a %i is asked exactly once', async (status) => {
    server.setHandler(dm(status, {}, { headers: { 'retry-after': '0' } }));
    const before = server.requests.length;
    await failure(lookup());
    expect(server.requests.length).toBe(before + 1);
  });
});
