// Every endpoint family answers an oversized body with 413 and its error body, and the client sees it
// even when it only reads the answer after sending its whole body (server-stub/http/drain-before-close.ts).
// Without the drain, the stub closed the connection with the body unread and such a client got EPIPE.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slowUpload } from '../../helpers/slow-upload.ts';
import { type StartedStub, startStub } from '../../helpers/stub.ts';

const THREE_MB = 3 * 1024 * 1024;
const DM_QUERY = 'request=policy&devicetype=2&apptype=Chrome&deviceid=DEV-413&agent=test&platform=test';

let started: StartedStub;
beforeAll(async () => {
  started = await startStub();
});
afterAll(async () => {
  await started.close();
});

const families = [
  { family: 'admin login', path: '/v1/auth/login' },
  { family: 'partner upload', path: '/v1/partner/devices:preprovision' },
  { family: 'admin API', path: '/v1/customers/C00demo01/org-units' },
  { family: 'test hooks', path: '/v1/test/faults' },
  { family: 'SMART Remote Management', path: '/smart/v1/login' },
  { family: 'SMART display check-in', path: '/smart/v1/displays/checkin' },
  { family: 'an unknown path', path: '/v1/no-such-route' },
];

describe('a 3 MB body, sent in full before the answer is read', () => {
  for (const { family, path } of families) {
    for (const chunked of [false, true]) {
      it(`${family} (${path}, ${chunked ? 'chunked' : 'Content-Length'}): 413 PAYLOAD_TOO_LARGE`, async () => {
        const answer = await slowUpload({
          url: started.url,
          path,
          contentType: 'application/json',
          size: THREE_MB,
          chunked,
        });
        expect(answer.error).toBeNull();
        expect(answer.sent).toBe(THREE_MB);
        expect(answer.status).toBe(413);
        expect(answer.headers['content-type']).toMatch(/^application\/json/);
        expect(JSON.parse(answer.body)).toMatchObject({
          error_code: 'PAYLOAD_TOO_LARGE',
          error_message: expect.any(String),
        });
      });
    }
  }

  it('DM endpoint (JSON debug encoding): 413 DM_STATUS_REQUEST_TOO_LARGE', async () => {
    const answer = await slowUpload({
      url: started.url,
      path: `/device_management?${DM_QUERY}`,
      contentType: 'application/json',
      size: THREE_MB,
    });
    expect(answer.error).toBeNull();
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ dm_status: 'DM_STATUS_REQUEST_TOO_LARGE' });
  });

  it('the stub still serves requests afterwards', async () => {
    const res = await fetch(`${started.url}/v1/partners`);
    expect(res.status).toBe(200);
  });
});
