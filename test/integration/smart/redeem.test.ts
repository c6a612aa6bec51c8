import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { activeDomain, DAY_MS, get, type Harness, post, rowCounts, startSmart, T0 } from './harness.ts';

const REDEEM = (name: string) => `/smart/v1/domains/${name}/billing/redeem`;

let h: Harness;
let token: string;
beforeEach(async () => {
  h = await startSmart();
  token = await activeDomain(h.app, 'acme');
});
afterEach(async () => {
  await h.close();
});

describe('POST /smart/v1/domains/{name}/billing/redeem', () => {
  it('redeems the key of an invoice: its displays and their credits, no credit granted yet', async () => {
    const r = await post(h.app, REDEEM('acme'), { product_key: 'SRMK-DEMO-0001-AAAA' }, token);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      domain: 'acme',
      invoice_id: 'SRM-DEMO-0001',
      product_key: 'SRMK-DEMO-0001-AAAA',
      purchased_at: new Date(T0.getTime() - 30 * DAY_MS).toISOString(),
      redeemed_at: T0.toISOString(),
      credits: { included: 1095, granted: 0, pending: 1095 },
      balance: 0,
    });
    expect(r.body.displays).toEqual([
      { serial_number: 'SBID1DEMO0001', model_number: 'sbid-mx065-v2', credits: 365, enrolled: false },
      { serial_number: 'SBID1DEMO0002', model_number: 'sbid-mx065-v2', credits: 365, enrolled: false },
      { serial_number: 'SBID1DEMO0003', model_number: 'sbid-mx075-v2', credits: 365, enrolled: false },
    ]);
    const billing = await get(h.app, '/smart/v1/domains/acme/billing', token);
    expect(billing.body.rows).toEqual([
      { at: T0.toISOString(), type: 'TRIAL_STARTED', credits: 0, balance: 0 },
      {
        at: T0.toISOString(),
        type: 'PRODUCT_KEY_REDEEMED',
        credits: 0,
        balance: 0,
        product_key: 'SRMK-DEMO-0001-AAAA',
      },
    ]);
  });

  it('compares keys case-insensitively', async () => {
    const r = await post(h.app, REDEEM('acme'), { product_key: 'srmk-demo-0001-aaaa' }, token);
    expect(r.status).toBe(200);
    expect(r.body.product_key).toBe('SRMK-DEMO-0001-AAAA');
  });

  it('answers 404 PRODUCT_KEY_NOT_FOUND for an unknown key', async () => {
    const before = rowCounts(h.db);
    const r = await post(h.app, REDEEM('acme'), { product_key: 'SRMK-NOPE-0000-ZZZZ' }, token);
    expect(r.status).toBe(404);
    expect(r.body.error_code).toBe('PRODUCT_KEY_NOT_FOUND');
    expect(rowCounts(h.db)).toEqual(before);
  });

  it('answers 409 PRODUCT_KEY_ALREADY_REDEEMED to the same domain and to any other', async () => {
    expect((await post(h.app, REDEEM('acme'), { product_key: 'SRMK-DEMO-0001-AAAA' }, token)).status).toBe(
      200,
    );
    const again = await post(h.app, REDEEM('acme'), { product_key: 'SRMK-DEMO-0001-AAAA' }, token);
    expect(again.status).toBe(409);
    expect(again.body.error_code).toBe('PRODUCT_KEY_ALREADY_REDEEMED');
    const other = await activeDomain(h.app, 'rival');
    const stolen = await post(h.app, REDEEM('rival'), { product_key: 'SRMK-DEMO-0001-AAAA' }, other);
    expect(stolen.status).toBe(409);
    expect(stolen.body.error_code).toBe('PRODUCT_KEY_ALREADY_REDEEMED');
    const inv = h.db
      .prepare('SELECT redeemed_by FROM smart_invoices WHERE invoice_id = ?')
      .get('SRM-DEMO-0001');
    expect(inv).toEqual({ redeemed_by: 'acme' });
  });

  it('answers 422 CLAIM_WINDOW_EXPIRED for SRM-OLD-0001 (bought two years ago) and writes nothing', async () => {
    const before = rowCounts(h.db);
    const r = await post(h.app, REDEEM('acme'), { product_key: 'SRMK-OLD-0001-BBBB' }, token);
    expect(r.status).toBe(422);
    expect(r.body.error_code).toBe('CLAIM_WINDOW_EXPIRED');
    expect(rowCounts(h.db)).toEqual(before);
  });

  it('accepts a claim exactly one year after purchase and refuses it one millisecond later', async () => {
    const purchase = new Date(T0.getTime() - 30 * DAY_MS);
    const anniversary = new Date(purchase);
    anniversary.setUTCFullYear(purchase.getUTCFullYear() + 1);

    h.clock.set(new Date(anniversary.getTime() + 1));
    const late = await post(h.app, REDEEM('acme'), { product_key: 'SRMK-DEMO-0001-AAAA' }, token);
    expect(late.status).toBe(422);

    h.clock.set(anniversary);
    const onTime = await post(h.app, REDEEM('acme'), { product_key: 'SRMK-DEMO-0001-AAAA' }, token);
    expect(onTime.status).toBe(200);
    expect(onTime.body.claim_expires_at).toBe(anniversary.toISOString());
  });

  it('answers 400 naming body.product_key for a malformed key', async () => {
    const r = await post(h.app, REDEEM('acme'), { product_key: 'no spaces allowed' }, token);
    expect(r.status).toBe(400);
    expect(r.body.error_message).toContain('body.product_key');
  });
});
