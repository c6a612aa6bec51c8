// The whole SRM journey over real HTTP (random port), as a display and an administrator would live it.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, type Json, signup, startSmart } from './harness.ts';

let h: Harness;
let base: string;
beforeAll(async () => {
  h = await startSmart();
  base = await h.app.listen({ host: '127.0.0.1', port: 0 });
});
afterAll(async () => {
  await h.close();
});

async function call(method: string, path: string, body?: unknown, token?: string): Promise<[number, Json]> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  const init: RequestInit = { method, headers };
  if (body !== undefined) init.body = JSON.stringify(body);
  const r = await fetch(`${base}${path}`, init);
  return [r.status, (await r.json()) as Json];
}

describe('SMART Remote Management over HTTP', () => {
  it('sign-up → e-mail → activation → login → Admin Portal claim → Billing redeem → checkin → enroll → devices and billing', async () => {
    const form = signup('lyceehttp');
    expect((await call('POST', '/smart/v1/domains', form))[0]).toBe(201);
    const [, box] = await call('GET', `/smart/v1/outbox?email=${encodeURIComponent(String(form.email))}`);
    const code = (box.messages as { activation_code: string }[])[0]?.activation_code;
    expect((await call('POST', '/smart/v1/domains/lyceehttp/activate', { code }))[0]).toBe(200);
    const [, login] = await call('POST', '/smart/v1/login', { email: form.email, password: form.password });
    const token = String(login.token);

    const display = { serial_number: 'SBID1DEMO0002', model_number: 'sbid-mx065-v2' };
    expect((await call('POST', '/smart/v1/displays/checkin', display))[1]).toEqual({ assigned_domain: null });
    const [claimed, c] = await call('POST', '/smart/v1/admin-portal/claims', {
      claim_code: 'SRMC-DEMO-0001',
    });
    expect([claimed, c.product_key]).toEqual([200, 'SRMK-DEMO-0001-AAAA']);
    const [redeemed, r] = await call(
      'POST',
      '/smart/v1/domains/lyceehttp/billing/redeem',
      { product_key: c.product_key },
      token,
    );
    expect([redeemed, r.credits_granted]).toEqual([200, 3 * 365]);
    expect((await call('POST', '/smart/v1/displays/checkin', display))[1]).toEqual({
      assigned_domain: 'lyceehttp',
    });
    const [enrolled, e] = await call('POST', '/smart/v1/displays/enroll', {
      ...display,
      domain: 'lyceehttp',
    });
    expect([enrolled, e.credits_granted]).toEqual([200, 0]);

    const [, devices] = await call('GET', '/smart/v1/domains/lyceehttp/devices', undefined, token);
    expect(devices.devices).toEqual([expect.objectContaining({ ...display, invoice_id: 'SRM-DEMO-0001' })]);
    const [, billing] = await call('GET', '/smart/v1/domains/lyceehttp/billing', undefined, token);
    expect(billing.balance).toBe(3 * 365);
    expect((billing.rows as { type: string }[]).map((r) => r.type)).toEqual([
      'TRIAL_STARTED',
      'PRODUCT_KEY_REDEEMED',
      'DISPLAY_ENROLLED',
    ]);
  });

  it('answers an oversized body with 413 PAYLOAD_TOO_LARGE', async () => {
    const [status, body] = await call('POST', '/smart/v1/displays/checkin', { pad: 'x'.repeat(32 * 1024) });
    expect(status).toBe(413);
    expect(body.error_code).toBe('PAYLOAD_TOO_LARGE');
  });
});
