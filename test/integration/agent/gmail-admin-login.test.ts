// Manual enrollment with an administrator account: a personal Gmail address (seed 000: the admin account
// does not end in "@gmail.com") is refused by the agent before anything is sent, and a server's 403 to
// the login is reported with the same stable code.

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnrollmentHttp, EnrollmentHttpError } from '../../../agent/runtime/enrollment-http.ts';
import { type StartedStub, startStub } from '../../helpers/stub.ts';

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof EnrollmentHttpError) return e.code;
    throw e;
  }
  return 'no-error';
}

let stub: StartedStub;
let refusing: Server;
let refusingUrl: string;
let requests = 0;
beforeAll(async () => {
  stub = await startStub();
  refusing = createServer((req, res) => {
    requests += 1;
    req.resume();
    res.writeHead(403, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({ error_code: 'GMAIL_ACCOUNT_NOT_ALLOWED', error_message: 'not a gmail account' }),
    );
  });
  await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
  refusingUrl = `http://127.0.0.1:${(refusing.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await stub.close();
  await new Promise<void>((resolve) => refusing.close(() => resolve()));
});

describe('admin login for manual enrollment', () => {
  it('refuses a @gmail.com address without contacting the server', async () => {
    const before = requests;
    expect(await codeOf(createEnrollmentHttp(refusingUrl).login('Boss@Gmail.com', 'pw'))).toBe(
      'gmail-admin-account',
    );
    expect(requests).toBe(before);
  });

  it("maps the server's 403 to the same code", async () => {
    const before = requests;
    expect(await codeOf(createEnrollmentHttp(refusingUrl).login('admin@demo.example', 'pw'))).toBe(
      'gmail-admin-account',
    );
    expect(requests).toBe(before + 1);
  });

  it('logs an organisation admin in against the stub', async () => {
    await expect(
      createEnrollmentHttp(stub.url).login('admin@demo.example', 'demo-password'),
    ).resolves.toMatch(/^adm_/);
    expect(await codeOf(createEnrollmentHttp(stub.url).login('admin@demo.example', 'wrong'))).toBe(
      'invalid-credentials',
    );
  });
});
