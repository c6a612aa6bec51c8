// SRM Billing (User icon → Billing, "Numéro du code PIN" box, "Utiliser"): a product key gives its
// credits, once — an invoice's key (claimed in Admin Portal first) the credits of all its displays, a
// reseller key its own credits. Seed 002, "Pour récupérer des crédits à l'aide d'une clé produit".

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  activeDomain,
  claim,
  DEMO_INVOICE_CREDITS,
  get,
  type Harness,
  post,
  redeem,
  snapshot,
  startSmart,
  T0,
} from './harness.ts';

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
  it("grants an invoice key's credits (all its displays) at once and assigns its displays", async () => {
    expect((await claim(h.app, 'SRMC-DEMO-0001')).status).toBe(200);
    const r = await redeem(h.app, 'acme', token, 'SRMK-DEMO-0001-AAAA');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      domain: 'acme',
      product_key: 'SRMK-DEMO-0001-AAAA',
      source: 'invoice',
      invoice_id: 'SRM-DEMO-0001',
      redeemed_at: T0.toISOString(),
      credits_granted: DEMO_INVOICE_CREDITS,
      balance: DEMO_INVOICE_CREDITS,
      state: 'ACTIVATED',
      displays: [
        { serial_number: 'SBID1DEMO0001', model_number: 'sbid-mx065-v2', credits: 365, enrolled: false },
        { serial_number: 'SBID1DEMO0002', model_number: 'sbid-mx065-v2', credits: 365, enrolled: false },
        { serial_number: 'SBID1DEMO0003', model_number: 'sbid-mx075-v2', credits: 365, enrolled: false },
      ],
    });
    const billing = await get(h.app, '/smart/v1/domains/acme/billing', token);
    expect(billing.body).toEqual({
      balance: DEMO_INVOICE_CREDITS,
      state: 'ACTIVATED',
      rows: [
        { at: T0.toISOString(), type: 'TRIAL_STARTED', credits: 0, balance: 0 },
        {
          at: T0.toISOString(),
          type: 'PRODUCT_KEY_REDEEMED',
          credits: DEMO_INVOICE_CREDITS,
          balance: DEMO_INVOICE_CREDITS,
          product_key: 'SRMK-DEMO-0001-AAAA',
          invoice_id: 'SRM-DEMO-0001',
        },
      ],
    });
    const checkin = await post(h.app, '/smart/v1/displays/checkin', {
      serial_number: 'SBID1DEMO0003',
      model_number: 'sbid-mx075-v2',
    });
    expect(checkin.body).toEqual({ assigned_domain: 'acme' });
  });

  it('grants a reseller key its credits (a key not tied to any display), once', async () => {
    const r = await redeem(h.app, 'acme', token, 'srmr-demo-0100-cccc');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      product_key: 'SRMR-DEMO-0100-CCCC',
      source: 'reseller',
      invoice_id: null,
      credits_granted: 100,
      balance: 100,
      displays: [],
    });
    const before = snapshot(h.db);
    const again = await redeem(h.app, 'acme', token, 'SRMR-DEMO-0100-CCCC');
    expect([again.status, again.body.error_code]).toEqual([409, 'PRODUCT_KEY_ALREADY_REDEEMED']);
    expect(snapshot(h.db)).toBe(before);
  });

  it('redeems keys issued by the reseller test hook', async () => {
    const issued = await post(h.app, '/v1/test/smart/reseller-keys', { credits: 250 });
    expect(issued.status).toBe(201);
    expect(issued.body.product_key).toMatch(/^SRMR-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/);
    const named = await post(h.app, '/v1/test/smart/reseller-keys', { credits: 5, product_key: 'RESELL-1' });
    expect(named.body).toMatchObject({ product_key: 'RESELL-1', credits: 5 });
    const dup = await post(h.app, '/v1/test/smart/reseller-keys', {
      credits: 5,
      product_key: 'SRMK-DEMO-0001-AAAA',
    });
    expect([dup.status, dup.body.error_code]).toEqual([409, 'CONFLICT']);
    const r = await redeem(h.app, 'acme', token, String(issued.body.product_key));
    expect(r.body).toMatchObject({ credits_granted: 250, balance: 250 });
  });

  it('answers 409 PRODUCT_KEY_NOT_CLAIMED for an invoice key not claimed in Admin Portal, writing nothing', async () => {
    const before = snapshot(h.db);
    const r = await redeem(h.app, 'acme', token, 'SRMK-DEMO-0001-AAAA');
    expect([r.status, r.body.error_code]).toEqual([409, 'PRODUCT_KEY_NOT_CLAIMED']);
    expect(r.body.error_message).toContain('SMART Admin Portal');
    expect(snapshot(h.db)).toBe(before);
  });

  it('answers 409 PRODUCT_KEY_ALREADY_REDEEMED to the same domain and to any other; 404 for an unknown key', async () => {
    await claim(h.app, 'SRMC-DEMO-0001');
    expect((await redeem(h.app, 'acme', token, 'SRMK-DEMO-0001-AAAA')).status).toBe(200);
    const rival = await activeDomain(h.app, 'rival');
    const before = snapshot(h.db);
    for (const [name, t] of [
      ['acme', token],
      ['rival', rival],
    ] as const) {
      const r = await redeem(h.app, name, t, 'SRMK-DEMO-0001-AAAA');
      expect([r.status, r.body.error_code]).toEqual([409, 'PRODUCT_KEY_ALREADY_REDEEMED']);
      expect(r.body.error_message).toContain('contact SMART support');
    }
    const unknown = await redeem(h.app, 'acme', token, 'NOPE-0000-0000');
    expect([unknown.status, unknown.body.error_code]).toEqual([404, 'PRODUCT_KEY_NOT_FOUND']);
    expect(unknown.body.error_message).toContain('smarttech.com/contactsupport');
    expect(snapshot(h.db)).toBe(before);
  });

  it('an invoice with credits on enrollment has no key to redeem', async () => {
    const r = await redeem(h.app, 'acme', token, 'SRM-AUTO-0001');
    expect(r.body.error_code).toBe('PRODUCT_KEY_NOT_FOUND');
  });

  it('links displays of the invoice enrolled during the trial when the key is redeemed (credits counted once)', async () => {
    const d1 = { serial_number: 'SBID1DEMO0001', model_number: 'sbid-mx065-v2' };
    const e = await post(h.app, '/smart/v1/displays/enroll', { ...d1, domain: 'acme' });
    expect(e.body).toMatchObject({ invoice_id: null, credits_granted: 0, balance: 0 });
    await claim(h.app, 'SRMC-DEMO-0001');
    const r = await redeem(h.app, 'acme', token, 'SRMK-DEMO-0001-AAAA');
    expect(r.body.credits_granted).toBe(DEMO_INVOICE_CREDITS);
    expect(r.body.displays).toContainEqual({ ...d1, credits: 365, enrolled: true });
    const devices = await get(h.app, '/smart/v1/domains/acme/devices', token);
    expect(devices.body.devices).toEqual([expect.objectContaining({ ...d1, invoice_id: 'SRM-DEMO-0001' })]);
    const again = await post(h.app, '/smart/v1/displays/enroll', { ...d1, domain: 'acme' });
    expect(again.body).toMatchObject({
      already_enrolled: true,
      credits_granted: 0,
      balance: DEMO_INVOICE_CREDITS,
    });
  });
});
