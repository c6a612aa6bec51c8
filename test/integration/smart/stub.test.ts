// The SMART routes inside the full stub (createStub with the default seed fixtures/demo.json).

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStub, type Stub } from '../../../server-stub/app.ts';
import { DAY_MS, HandClock, type Json, signup, snapshot, T0 } from './harness.ts';

let stub: Stub;
let clock: HandClock;
beforeAll(async () => {
  clock = new HandClock();
  stub = createStub({ clock });
  await stub.app.ready();
});
afterAll(async () => {
  await stub.close();
});

async function send(
  method: 'GET' | 'POST',
  url: string,
  body?: unknown,
  token?: string,
): Promise<[number, Json]> {
  const headers: Record<string, string> = {};
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const r = await stub.app.inject({
    method,
    url,
    headers,
    ...(body === undefined ? {} : { payload: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  return [r.statusCode, r.json() as Json];
}

describe('SMART Remote Management in createStub', () => {
  it('serves the demo seed: SRM-DEMO-0001 claims and redeems, SRM-OLD-0001 is past its claim period, a reseller key', async () => {
    const form = signup('stubschool');
    expect((await send('POST', '/smart/v1/domains', form))[0]).toBe(201);
    const [, box] = await send('GET', `/smart/v1/outbox?email=${encodeURIComponent(String(form.email))}`);
    const code = (box.messages as { activation_code: string }[])[0]?.activation_code;
    expect((await send('POST', '/smart/v1/domains/stubschool/activate', { code }))[0]).toBe(200);
    const [, login] = await send('POST', '/smart/v1/login', { email: form.email, password: form.password });
    const token = String(login.token);

    // Admin Portal: SRM-OLD-0001 was bought 730 days before seeding: past its one-year claim period.
    const [old, oldBody] = await send('POST', '/smart/v1/admin-portal/claims', {
      claim_code: 'SRMC-OLD-0001',
    });
    expect([old, oldBody.error_code]).toEqual([422, 'CLAIM_PERIOD_EXPIRED']);
    expect(String(oldBody.error_message)).toMatch(/^activation error: /);
    const [claimed, c] = await send('POST', '/smart/v1/admin-portal/claims', {
      claim_code: 'SRMC-DEMO-0001',
    });
    expect([claimed, c.product_key]).toEqual([200, 'SRMK-DEMO-0001-AAAA']);

    clock.advanceDays(31);
    const [late, lateBody] = await send('POST', '/smart/v1/displays/enroll', {
      serial_number: 'LOOSE-STUB-1',
      model_number: 'sbid-6275',
      domain: 'stubschool',
    });
    expect([late, lateBody.error_code]).toEqual([402, 'DOMAIN_NOT_ACTIVATED']);
    // Billing still works after the trial: the key activates the domain.
    const [ok, redeemed] = await send(
      'POST',
      '/smart/v1/domains/stubschool/billing/redeem',
      { product_key: 'srmk-demo-0001-aaaa' },
      token,
    );
    expect([ok, redeemed.credits_granted, redeemed.state]).toEqual([200, 1095, 'ACTIVATED']);
    const [enrolled, e] = await send('POST', '/smart/v1/displays/enroll', {
      serial_number: 'SBID1DEMO0001',
      model_number: 'sbid-mx065-v2',
      domain: 'stubschool',
    });
    expect([enrolled, e.credits_granted, e.enrolled_at]).toEqual([
      200,
      0,
      new Date(T0.getTime() + 31 * DAY_MS).toISOString(),
    ]);
    const [reseller, r] = await send(
      'POST',
      '/smart/v1/domains/stubschool/billing/redeem',
      { product_key: 'SRMR-DEMO-0100-CCCC' },
      token,
    );
    expect([reseller, r.source, r.credits_granted, r.balance]).toEqual([200, 'reseller', 100, 1195]);
  });

  it('answers malformed JSON and wrong types with 400 {error_message, error_code}', async () => {
    const [bad, badBody] = await send('POST', '/smart/v1/displays/checkin', '{"serial_number":');
    expect(bad).toBe(400);
    expect(badBody).toEqual({ error_message: expect.any(String), error_code: 'INVALID_JSON' });
    const [typed, typedBody] = await send('POST', '/smart/v1/displays/checkin', {
      serial_number: 42,
      model_number: 'm',
    });
    expect(typed).toBe(400);
    expect(typedBody).toEqual({
      error_message: 'body.serial_number must be string',
      error_code: 'INVALID_REQUEST',
    });
  });

  it('never answers a 5xx nor writes anything for random payloads on the SMART POST routes', async () => {
    const urls = [
      '/smart/v1/domains',
      '/smart/v1/domains/stubschool/activate',
      '/smart/v1/login',
      '/smart/v1/displays/checkin',
      '/smart/v1/displays/enroll',
      '/smart/v1/admin-portal/claims',
    ];
    const payload = fc.oneof(
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.string({ maxLength: 40 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...urls), payload, async (url, p) => {
        const before = snapshot(stub.db);
        const r = await stub.app.inject({
          method: 'POST',
          url,
          headers: { 'content-type': 'application/json' },
          payload: p,
        });
        expect(r.statusCode).toBeGreaterThanOrEqual(400);
        expect(r.statusCode).toBeLessThan(500);
        expect(r.json()).toEqual({ error_message: expect.any(String), error_code: expect.any(String) });
        expect(snapshot(stub.db)).toBe(before);
      }),
      { numRuns: 100 },
    );
  });
});
