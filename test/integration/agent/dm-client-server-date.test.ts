// The DM client keeps the Date header of the server's latest answer, error answers included: the
// agent judges a clock the server-time probe could not check against it (agent/machine/clock.ts).

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDmClient, type DmClient } from '../../../agent/dm-client/index.ts';
import { dm, type FakeServer, startFakeDmServer } from './helpers/fake-dm-server.ts';

/** An enterprise_check answer: the device is not in the set. */
const OK = { autoEnrollmentResponse: {} };
let server: FakeServer;
let client: DmClient;

beforeAll(async () => {
  server = await startFakeDmServer(dm(200, OK, { headers: { date: 'Sun, 22 Nov 2026 10:00:00 GMT' } }));
  client = createDmClient({ serverUrl: server.url, deviceId: 'dev-1' });
});
afterAll(() => server.close());

describe('DmClient.serverDate', () => {
  it('is null before any answer, then the Date header of the latest answer', async () => {
    expect(client.serverDate()).toBeNull();
    await client.enterpriseCheck({ remainder: 1n, modulus: 2n });
    expect(client.serverDate()?.toISOString()).toBe('2026-11-22T10:00:00.000Z');
  });

  it('takes the Date of an error answer too', async () => {
    server.setHandler(dm(503, {}, { headers: { date: 'Mon, 23 Nov 2026 08:30:00 GMT' } }));
    await expect(client.enterpriseCheck({ remainder: 1n, modulus: 2n })).rejects.toMatchObject({
      httpStatus: 503,
    });
    expect(client.serverDate()?.toISOString()).toBe('2026-11-23T08:30:00.000Z');
  });

  it('keeps the last good time when an answer has an unreadable Date', async () => {
    server.setHandler(dm(200, OK, { headers: { date: 'not a date' } }));
    await client.enterpriseCheck({ remainder: 1n, modulus: 2n });
    expect(client.serverDate()?.toISOString()).toBe('2026-11-23T08:30:00.000Z');
  });
});
