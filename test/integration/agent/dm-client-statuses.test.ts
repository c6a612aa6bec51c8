// Every HTTP status of DESIGN §5 from a real HTTP server → the right DmError, the error_message read
// from a protobuf or JSON DeviceManagementResponse; got retries nothing.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  classifyDmError,
  createDmClient,
  DM_ERROR_CODE_BY_STATUS,
  type DmClient,
  DmError,
  type DmErrorClass,
} from '../../../agent/dm-client/index.ts';
import { DM_STATUS_BY_HTTP, type DmStatus, dmStatusForHttp } from '../../../protocol/status.ts';
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

/**
 * DESIGN §6's classes by DM status: temporarily unavailable (404, 5xx) and too many requests are
 * retried, device not found is "not pre-provisioned", every other status is actionable.
 */
function classOf(dmStatus: DmStatus): DmErrorClass {
  if (dmStatus === 'DM_STATUS_TEMPORARY_UNAVAILABLE' || dmStatus === 'DM_STATUS_SERVICE_TOO_MANY_REQUESTS')
    return 'retryable';
  return dmStatus === 'DM_STATUS_SERVICE_DEVICE_NOT_FOUND' ? 'terminal-for-zte' : 'actionable';
}

/**
 * Every error status of the protocol's table (protocol/status.ts; its 5xx range by 500 and 503), with
 * the dm_status the table pairs it with, the agent's code for that dm_status and its class. The
 * table's numbers themselves are checked against the spec in test/unit/dm-client/classify.test.ts.
 */
const STATUS_ROWS = [
  ...Object.keys(DM_STATUS_BY_HTTP)
    .map(Number)
    .filter((status) => status !== 200),
  500,
  503,
]
  .sort((x, y) => x - y)
  .map((status) => {
    const dmStatus = dmStatusForHttp(status);
    if (dmStatus === null || dmStatus === 'DM_STATUS_SUCCESS') throw new Error(`${status} is not an error`);
    return [status, dmStatus, DM_ERROR_CODE_BY_STATUS[dmStatus], classOf(dmStatus)] as const;
  });

const lookup = () => client.deviceStateRetrieval({ serialNumber: 'S', brandCode: 'ABCD' });

describe('DM error statuses', () => {
  it.each(STATUS_ROWS)('HTTP %i → %s → %s (%s)', async (status, dmStatus, code, cls) => {
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
