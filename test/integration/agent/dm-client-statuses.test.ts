// Every HTTP status of DESIGN §5 from a real HTTP server → the right DmError; got retries nothing.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyDmError, createDmClient, type DmClient, DmError } from '../../../agent/dm-client/index.ts';
import { type FakeServer, json, startFakeDmServer } from './helpers/fake-dm-server.ts';

const NOW = Date.parse('2025-03-01T12:00:00Z');
let server: FakeServer;
let client: DmClient;

beforeAll(async () => {
  server = await startFakeDmServer(json(200, {}));
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

const lookup = () => client.initialEnrollmentState({ serial_number: 'S', model: 'M' });

describe('DM error statuses', () => {
  it.each([
    [400, 'DM_STATUS_REQUEST_INVALID', 'request-invalid', 'actionable'],
    [401, 'DM_STATUS_SERVICE_MANAGEMENT_TOKEN_INVALID', 'token-invalid', 'actionable'],
    [402, 'DM_STATUS_SERVICE_MISSING_LICENSES', 'missing-licenses', 'actionable'],
    [403, 'DM_STATUS_SERVICE_MANAGEMENT_NOT_SUPPORTED', 'management-not-supported', 'actionable'],
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
    [429, 'DM_STATUS_SERVICE_TOO_MANY_REQUESTS', 'too-many-requests', 'retryable'],
    [500, 'DM_STATUS_TEMPORARY_UNAVAILABLE', 'temporarily-unavailable', 'retryable'],
    [503, 'DM_STATUS_TEMPORARY_UNAVAILABLE', 'temporarily-unavailable', 'retryable'],
    [903, 'DM_STATUS_SERVICE_DEPROVISIONED', 'deprovisioned', 'actionable'],
  ] as const)('HTTP %i → %s → %s (%s)', async (status, dmStatus, code, cls) => {
    server.setHandler(json(status, { error_message: `server says ${status}`, dm_status: dmStatus }));
    const error = await failure(lookup());
    expect(error.code).toBe(code);
    expect(error.httpStatus).toBe(status);
    expect(error.dmStatus).toBe(dmStatus);
    expect(error.serverMessage).toBe(`server says ${status}`);
    expect(error.requestType).toBe('device_initial_enrollment_state');
    expect(classifyDmError(error)).toBe(cls);
  });

  it('an error body that is not JSON still yields the status code, without a message', async () => {
    server.setHandler((_req, res) => {
      res.writeHead(402, { 'content-type': 'text/html' });
      res.end('<h1>Payment required</h1>');
    });
    const error = await failure(lookup());
    expect(error.code).toBe('missing-licenses');
    expect(error.serverMessage).toBeNull();
  });

  it('an unknown status is http-status-error; a redirect is not followed', async () => {
    server.setHandler(json(404, { error_message: 'no such path' }));
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
    server.setHandler(json(429, { error_message: 'slow down' }, { 'retry-after': '17' }));
    expect(await failure(lookup())).toMatchObject({ code: 'too-many-requests', retryAfterMs: 17_000 });
  });

  it('503 with an HTTP-date, relative to the injected clock', async () => {
    server.setHandler(json(503, {}, { 'retry-after': 'Sat, 01 Mar 2025 12:02:00 GMT' }));
    expect(await failure(lookup())).toMatchObject({ code: 'temporarily-unavailable', retryAfterMs: 120_000 });
  });

  it('absent or garbled → null', async () => {
    server.setHandler(json(429, {}, { 'retry-after': 'later' }));
    expect((await failure(lookup())).retryAfterMs).toBeNull();
    server.setHandler(json(429, {}));
    expect((await failure(lookup())).retryAfterMs).toBeNull();
  });
});

describe('no retries inside the client', () => {
  it.each([503, 429, 500])('a %i is asked exactly once', async (status) => {
    server.setHandler(json(status, {}, { 'retry-after': '0' }));
    const before = server.requests.length;
    await failure(lookup());
    expect(server.requests.length).toBe(before + 1);
  });
});
