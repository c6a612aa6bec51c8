import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { activeDomain, get, type Harness, post, rowCounts, startSmart } from './harness.ts';

const D1 = { serial_number: 'SBID1DEMO0001', model_number: 'sbid-mx065-v2' };
const LOOSE = { serial_number: 'LOOSE0001', model_number: 'sbid-6275' };

let h: Harness;
let token: string;
beforeEach(async () => {
  h = await startSmart();
  token = await activeDomain(h.app, 'acme');
});
afterEach(async () => {
  await h.close();
});

const enroll = (d: { serial_number: string; model_number: string }) =>
  post(h.app, '/smart/v1/displays/enroll', { ...d, domain: 'acme' });
const redeemDemo = () =>
  post(h.app, '/smart/v1/domains/acme/billing/redeem', { product_key: 'SRMK-DEMO-0001-AAAA' }, token);

describe('30-day trial and credits', () => {
  it('enrolls a display that brings no credits during the trial (billing row of 0 credits)', async () => {
    h.clock.advanceDays(29);
    const r = await enroll(LOOSE);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ credits_granted: 0, balance: 0, invoice_id: null });
    const billing = await get(h.app, '/smart/v1/domains/acme/billing', token);
    expect(billing.body.rows).toContainEqual(
      expect.objectContaining({ type: 'DISPLAY_ENROLLED', credits: 0 }),
    );
  });

  it('answers 402 NO_CREDITS once the trial is over (clock moved 31 days) and the balance is 0', async () => {
    h.clock.advanceDays(31);
    const domain = await get(h.app, '/smart/v1/domains/acme', token);
    expect(domain.body.trial_active).toBe(false);
    const before = rowCounts(h.db);
    for (const d of [LOOSE, D1]) {
      const r = await enroll(d);
      expect(r.status).toBe(402);
      expect(r.body.error_code).toBe('NO_CREDITS');
    }
    expect(rowCounts(h.db)).toEqual(before);
  });

  it('ends the trial exactly 30 days after activation', async () => {
    h.clock.advanceDays(30);
    h.clock.advanceMs(-1);
    expect((await get(h.app, '/smart/v1/domains/acme', token)).body.trial_active).toBe(true);
    h.clock.advanceMs(1);
    expect((await get(h.app, '/smart/v1/domains/acme', token)).body.trial_active).toBe(false);
    expect((await enroll(LOOSE)).status).toBe(402);
  });

  it('after the trial, a display of a redeemed invoice enrolls with its own credits; then others may enroll', async () => {
    h.clock.advanceDays(31);
    expect((await redeemDemo()).status).toBe(200);
    const first = await enroll(D1);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ credits_granted: 365, balance: 365 });
    const loose = await enroll(LOOSE);
    expect(loose.status).toBe(200);
    expect(loose.body).toMatchObject({ credits_granted: 0, balance: 365 });
    expect((await get(h.app, '/smart/v1/domains/acme', token)).body).toMatchObject({
      balance: 365,
      trial_active: false,
    });
    const billing = await get(h.app, '/smart/v1/domains/acme/billing', token);
    expect(billing.body.balance).toBe(365);
    expect(
      (billing.body.rows as { type: string; credits: number; balance: number }[]).map((r) => [
        r.type,
        r.credits,
        r.balance,
      ]),
    ).toEqual([
      ['TRIAL_STARTED', 0, 0],
      ['PRODUCT_KEY_REDEEMED', 0, 0],
      ['DISPLAY_ENROLLED', 365, 365],
      ['DISPLAY_ENROLLED', 0, 365],
    ]);
  });

  it('credits a display enrolled during the trial when its invoice key is redeemed later, once', async () => {
    expect((await enroll(D1)).body).toMatchObject({ credits_granted: 0, invoice_id: null });
    const redeemed = await redeemDemo();
    expect(redeemed.body).toMatchObject({
      balance: 365,
      credits: { included: 1095, granted: 365, pending: 730 },
    });
    const again = await enroll(D1);
    expect(again.body).toMatchObject({ already_enrolled: true, credits_granted: 0, balance: 365 });
    const devices = await get(h.app, '/smart/v1/domains/acme/devices', token);
    expect(devices.body.devices).toEqual([expect.objectContaining({ ...D1, invoice_id: 'SRM-DEMO-0001' })]);
    const billing = await get(h.app, '/smart/v1/domains/acme/billing', token);
    expect(billing.body.rows).toContainEqual(
      expect.objectContaining({ type: 'PRODUCT_KEY_REDEEMED', credits: 365, balance: 365 }),
    );
  });
});
