// The SMART calls keep the Date header of the server's latest answer, error answers included: the agent
// judges a clock the server-time probe could not check against the check-in's answer.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnrollmentHttp, type EnrollmentHttp } from '../../../agent/runtime/enrollment-http.ts';

let answer = { status: 200, date: '', body: '' };
let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.sendDate = false;
      res.writeHead(answer.status, { 'content-type': 'application/json', date: answer.date });
      res.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const checkin = (http: EnrollmentHttp) => http.smartCheckin({ serial_number: 'SBID1', model_number: 'm' });

describe('EnrollmentHttp.serverDate', () => {
  it('is null before any answer, then the Date header of the latest answer', async () => {
    const http = createEnrollmentHttp(url);
    answer = { status: 200, date: 'Sun, 22 Nov 2026 10:00:00 GMT', body: '{"assigned_domain":null}' };
    expect(http.serverDate()).toBeNull();
    expect(await checkin(http)).toEqual({ assignedDomain: null });
    expect(http.serverDate()?.toISOString()).toBe('2026-11-22T10:00:00.000Z');
  });

  it('takes the Date of an error answer too', async () => {
    const http = createEnrollmentHttp(url);
    answer = { status: 503, date: 'Mon, 23 Nov 2026 08:30:00 GMT', body: '{}' };
    await expect(checkin(http)).rejects.toMatchObject({ code: 'temporarily-unavailable', httpStatus: 503 });
    expect(http.serverDate()?.toISOString()).toBe('2026-11-23T08:30:00.000Z');
  });

  it('keeps the last good time when an answer has an unreadable Date', async () => {
    const http = createEnrollmentHttp(url);
    answer = { status: 200, date: 'Mon, 23 Nov 2026 08:30:00 GMT', body: '{"assigned_domain":null}' };
    await checkin(http);
    answer = { status: 200, date: 'not a date', body: '{"assigned_domain":"school1"}' };
    expect(await checkin(http)).toEqual({ assignedDomain: 'school1' });
    expect(http.serverDate()?.toISOString()).toBe('2026-11-23T08:30:00.000Z');
  });
});
