// The agent's SMART calls (agent/runtime/enrollment-http.ts) against the real stub over HTTP: each SMART
// refusal becomes one stable agent code, chosen by the server's `error_code`, never by message text.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createEnrollmentHttp,
  type EnrollmentHttp,
  EnrollmentHttpError,
} from '../../../agent/runtime/enrollment-http.ts';
import { activeDomain, type Harness, post, signup, startSmart } from './harness.ts';

let h: Harness;
let http: EnrollmentHttp;
beforeAll(async () => {
  h = await startSmart();
  await activeDomain(h.app, 'expired');
  await activeDomain(h.app, 'rival');
  await post(h.app, '/smart/v1/domains', signup('waiting'));
  await post(h.app, '/smart/v1/displays/enroll', {
    serial_number: 'TAKEN1',
    model_number: 'm',
    domain: 'rival',
  });
  h.clock.advanceDays(31); // both active domains are now past their trial, without credits
  http = createEnrollmentHttp(await h.app.listen({ host: '127.0.0.1', port: 0 }));
});
afterAll(async () => {
  await h.close();
});

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'resolved';
  } catch (e) {
    if (e instanceof EnrollmentHttpError) return e.code;
    throw e;
  }
}

describe('agent SMART calls against the stub', () => {
  it.each([
    ['a domain past its trial without credits', 'expired', 'LOOSE1', 'smart-domain-not-activated'],
    ['a domain whose e-mail link was not followed', 'waiting', 'LOOSE1', 'smart-activation-pending'],
    ['an unknown domain', 'nosuchdomain', 'LOOSE1', 'smart-unknown-domain'],
    ['a display enrolled in another domain', 'expired', 'TAKEN1', 'smart-display-conflict'],
  ])('maps %s to %s', async (_why, domain, serial, code) => {
    expect(await codeOf(http.smartEnroll({ serial_number: serial, model_number: 'm', domain }))).toBe(code);
  });

  it('enrolls a display whose invoice brings its credits on enrollment, even past the trial', async () => {
    await http.smartEnroll({
      serial_number: 'SBID1AUTO0001',
      model_number: 'sbid-mx265-v3',
      domain: 'expired',
    });
    expect(
      await http.smartCheckin({ serial_number: 'SBID1AUTO0001', model_number: 'sbid-mx265-v3' }),
    ).toEqual({
      assignedDomain: 'expired',
    });
  });
});
