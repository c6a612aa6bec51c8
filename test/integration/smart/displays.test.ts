import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  activeDomain,
  claimAndRedeemDemo,
  DEMO_INVOICE_CREDITS,
  get,
  type Harness,
  post,
  signup,
  startSmart,
  T0,
} from './harness.ts';

const D1 = { serial_number: 'SBID1DEMO0001', model_number: 'sbid-mx065-v2' };
const D2 = { serial_number: 'SBID1DEMO0002', model_number: 'sbid-mx065-v2' };

let h: Harness;
let token: string;
beforeEach(async () => {
  h = await startSmart();
  token = await activeDomain(h.app, 'acme');
});
afterEach(async () => {
  await h.close();
});

const redeemDemo = () => claimAndRedeemDemo(h.app, 'acme', token);
const AUTO1 = { serial_number: 'SBID1AUTO0001', model_number: 'sbid-mx265-v3' };

describe('POST /smart/v1/displays/checkin', () => {
  it('answers assigned_domain null (200) for a display on an unredeemed invoice and for an unknown one', async () => {
    for (const d of [D1, { serial_number: 'UNKNOWN0001', model_number: 'sbid-mx065-v2' }]) {
      const r = await post(h.app, '/smart/v1/displays/checkin', d);
      expect(r.status).toBe(200);
      expect(r.body).toEqual({ assigned_domain: null });
    }
  });

  it('answers the domain that redeemed the invoice key, for the same model number only', async () => {
    await redeemDemo();
    const r = await post(h.app, '/smart/v1/displays/checkin', { ...D2, model_number: 'SBID-MX065-V2' });
    expect(r.body.assigned_domain).toBe('acme');
    const otherModel = await post(h.app, '/smart/v1/displays/checkin', {
      ...D2,
      model_number: 'sbid-mx086-v2',
    });
    expect(otherModel.body.assigned_domain).toBeNull();
  });
});

describe('POST /smart/v1/displays/enroll', () => {
  it('a display of a redeemed invoice enrolls with a DISPLAY_ENROLLED row of 0 credits (the key gave them); again: nothing', async () => {
    await redeemDemo();
    h.clock.advanceMs(60_000);
    const first = await post(h.app, '/smart/v1/displays/enroll', { ...D1, domain: 'acme' });
    expect(first.status).toBe(200);
    const at = new Date(T0.getTime() + 60_000).toISOString();
    expect(first.body).toEqual({
      ...D1,
      domain: 'acme',
      enrolled_at: at,
      invoice_id: 'SRM-DEMO-0001',
      credits_granted: 0,
      balance: DEMO_INVOICE_CREDITS,
      already_enrolled: false,
    });
    const second = await post(h.app, '/smart/v1/displays/enroll', { ...D1, domain: 'acme' });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ credits_granted: 0, already_enrolled: true, enrolled_at: at });
    const billing = await get(h.app, '/smart/v1/domains/acme/billing', token);
    const enrolled = (billing.body.rows as { type: string }[]).filter((r) => r.type === 'DISPLAY_ENROLLED');
    expect(enrolled).toEqual([
      {
        at,
        type: 'DISPLAY_ENROLLED',
        credits: 0,
        balance: DEMO_INVOICE_CREDITS,
        serial_number: 'SBID1DEMO0001',
        product_key: 'SRMK-DEMO-0001-AAAA',
        invoice_id: 'SRM-DEMO-0001',
      },
    ]);
  });

  it('a display whose invoice includes credits on enrollment gets them automatically, once (billing row with them)', async () => {
    const first = await post(h.app, '/smart/v1/displays/enroll', { ...AUTO1, domain: 'acme' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ invoice_id: 'SRM-AUTO-0001', credits_granted: 365, balance: 365 });
    const again = await post(h.app, '/smart/v1/displays/enroll', { ...AUTO1, domain: 'acme' });
    expect(again.body).toMatchObject({ credits_granted: 0, balance: 365, already_enrolled: true });
    const billing = await get(h.app, '/smart/v1/domains/acme/billing', token);
    expect(billing.body).toMatchObject({ balance: 365, state: 'ACTIVATED' });
    expect(billing.body.rows).toContainEqual({
      at: T0.toISOString(),
      type: 'DISPLAY_ENROLLED',
      credits: 365,
      balance: 365,
      serial_number: 'SBID1AUTO0001',
      invoice_id: 'SRM-AUTO-0001',
    });
    // Such a display is assigned to nobody before it enrolls: the checkin cannot guess the domain.
    const other = await post(h.app, '/smart/v1/displays/checkin', {
      serial_number: 'SBID1AUTO0002',
      model_number: 'sbid-mx265-v3',
    });
    expect(other.body).toEqual({ assigned_domain: null });
  });

  it('lists enrolled displays under the domain devices, and checkin then reports them enrolled', async () => {
    await redeemDemo();
    await post(h.app, '/smart/v1/displays/enroll', { ...D1, domain: 'acme' });
    await post(h.app, '/smart/v1/displays/enroll', {
      serial_number: 'LOOSE0001',
      model_number: 'sbid-6275',
      domain: 'acme',
    });
    const r = await get(h.app, '/smart/v1/domains/acme/devices', token);
    expect(r.status).toBe(200);
    expect(r.body.devices).toEqual([
      { ...D1, enrolled_at: T0.toISOString(), invoice_id: 'SRM-DEMO-0001', credits_granted: 0 },
      {
        serial_number: 'LOOSE0001',
        model_number: 'sbid-6275',
        enrolled_at: T0.toISOString(),
        invoice_id: null,
        credits_granted: 0,
      },
    ]);
    const check = await post(h.app, '/smart/v1/displays/checkin', {
      serial_number: 'LOOSE0001',
      model_number: 'sbid-6275',
    });
    expect(check.body).toEqual({ assigned_domain: 'acme' });
  });

  it('answers 409 DISPLAY_ENROLLED_ELSEWHERE for a display enrolled in another domain', async () => {
    await activeDomain(h.app, 'rival');
    await post(h.app, '/smart/v1/displays/enroll', {
      serial_number: 'LOOSE0002',
      model_number: 'm1',
      domain: 'rival',
    });
    const r = await post(h.app, '/smart/v1/displays/enroll', {
      serial_number: 'LOOSE0002',
      model_number: 'm1',
      domain: 'acme',
    });
    expect(r.status).toBe(409);
    expect(r.body.error_code).toBe('DISPLAY_ENROLLED_ELSEWHERE');
  });

  it('answers 409 DISPLAY_ASSIGNED_ELSEWHERE for a display on an invoice another domain redeemed', async () => {
    await redeemDemo();
    await activeDomain(h.app, 'rival');
    const r = await post(h.app, '/smart/v1/displays/enroll', { ...D1, domain: 'rival' });
    expect(r.status).toBe(409);
    expect(r.body.error_code).toBe('DISPLAY_ASSIGNED_ELSEWHERE');
  });

  it('answers 404 DOMAIN_NOT_FOUND for an unknown domain and 403 ACTIVATION_PENDING for a pending one', async () => {
    const unknown = await post(h.app, '/smart/v1/displays/enroll', { ...D1, domain: 'nosuchdomain' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error_code).toBe('DOMAIN_NOT_FOUND');
    await post(h.app, '/smart/v1/domains', signup('waiting'));
    const pending = await post(h.app, '/smart/v1/displays/enroll', { ...D1, domain: 'waiting' });
    expect(pending.status).toBe(403);
    expect(pending.body.error_code).toBe('ACTIVATION_PENDING');
  });

  it('answers 409 DISPLAY_MODEL_MISMATCH when an enrolled serial comes back with another model', async () => {
    await post(h.app, '/smart/v1/displays/enroll', {
      serial_number: 'LOOSE0003',
      model_number: 'm1',
      domain: 'acme',
    });
    const r = await post(h.app, '/smart/v1/displays/enroll', {
      serial_number: 'LOOSE0003',
      model_number: 'm2',
      domain: 'acme',
    });
    expect(r.status).toBe(409);
    expect(r.body.error_code).toBe('DISPLAY_MODEL_MISMATCH');
  });
});
