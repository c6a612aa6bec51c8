// SMART Admin Portal (seed 002, "Pour revendiquer une clé produit dans SMART Admin Portal"): the
// subscription of a purchase is claimed with its claim code, which shows the invoice's one product key,
// shared by all its displays; after one year from purchase the claim is refused with an activation error.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claim, DAY_MS, type Harness, outbox, snapshot, startSmart, T0 } from './harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startSmart({
    invoices: [
      {
        invoice_id: 'INV-LEAP',
        claim_code: 'CLAIM-LEAP',
        product_key: 'KEY-LEAP',
        purchased_at: '2024-02-29T12:00:00.000Z',
        displays: [
          { serial_number: 'LEAP1', model_number: 'sbid-mx065-v2', credits: 365 },
          { serial_number: 'LEAP2', model_number: 'sbid-mx075-v2', credits: 100 },
        ],
      },
      {
        invoice_id: 'INV-AUTO',
        credits_via: 'enrollment',
        purchased_days_ago: 5,
        buyer_email: 'buyer@school.example',
        displays: [{ serial_number: 'AUTO1', model_number: 'sbid-mx265-v3', credits: 365 }],
      },
      {
        invoice_id: 'INV-RECENT',
        claim_code: 'CLAIM-RECENT',
        product_key: 'KEY-RECENT',
        purchased_days_ago: 30,
        buyer_email: 'Buyer@School.example',
        displays: [{ serial_number: 'RECENT1', model_number: 'sbid-mx065-v2', credits: 365 }],
      },
    ],
  });
});
afterEach(async () => {
  await h.close();
});

describe('POST /smart/v1/admin-portal/claims', () => {
  it("shows the invoice's one product key, shared by all its displays, and claiming again shows the same", async () => {
    const r = await claim(h.app, 'claim-recent');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      invoice_id: 'INV-RECENT',
      product_key: 'KEY-RECENT',
      purchased_at: new Date(T0.getTime() - 30 * DAY_MS).toISOString(),
      // 8 February 2025 + one calendar year.
      claim_expires_at: '2026-02-08T09:00:00.000Z',
      claimed_at: T0.toISOString(),
      redeemed: false,
      displays: [{ serial_number: 'RECENT1', model_number: 'sbid-mx065-v2', credits: 365 }],
      credits: 365,
    });
    h.clock.advanceDays(400);
    const again = await claim(h.app, 'CLAIM-RECENT');
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ product_key: 'KEY-RECENT', claimed_at: T0.toISOString() });
  });

  it('lists every display of the invoice under its one key', async () => {
    h.clock.set(new Date('2024-03-01T00:00:00.000Z'));
    const r = await claim(h.app, 'CLAIM-LEAP');
    expect(r.body.product_key).toBe('KEY-LEAP');
    expect((r.body.displays as { serial_number: string }[]).map((d) => d.serial_number)).toEqual([
      'LEAP1',
      'LEAP2',
    ]);
    expect(r.body.credits).toBe(465);
  });

  it('accepts a claim one calendar year after purchase and refuses it 1 ms later with the activation error', async () => {
    // Bought 29 February 2024: one calendar year later is 1 March 2025, 12:00.
    h.clock.set(new Date('2025-03-01T12:00:00.001Z'));
    const before = snapshot(h.db);
    const late = await claim(h.app, 'CLAIM-LEAP');
    expect([late.status, late.body.error_code]).toEqual([422, 'CLAIM_PERIOD_EXPIRED']);
    const msg = String(late.body.error_message);
    expect(msg).toMatch(/^activation error: /);
    expect(msg).toContain('not claimed within one year of purchase');
    expect(msg).toContain('standalone SMART Remote Management licence');
    expect(snapshot(h.db)).toBe(before);

    h.clock.set(new Date('2025-03-01T12:00:00.000Z'));
    expect((await claim(h.app, 'CLAIM-LEAP')).status).toBe(200);
  });

  it('answers 404 CLAIM_CODE_NOT_FOUND for an unknown code, and 400 naming the field for a malformed one', async () => {
    const unknown = await claim(h.app, 'NO-SUCH-CODE');
    expect([unknown.status, unknown.body.error_code]).toEqual([404, 'CLAIM_CODE_NOT_FOUND']);
    // A product key is not a claim code.
    expect((await claim(h.app, 'KEY-RECENT')).body.error_code).toBe('CLAIM_CODE_NOT_FOUND');
    const bad = await claim(h.app, 'has space');
    expect([bad.status, bad.body.error_code]).toEqual([400, 'INVALID_REQUEST']);
    expect(bad.body.error_message).toContain('body.claim_code');
  });

  it('the purchase confirmation e-mail says whether a key must be claimed in Admin Portal (seed 002)', async () => {
    const mails = await outbox(h.app, 'buyer@school.example');
    const byInvoice = (id: string) => mails.find((m) => m.subject.includes(id));
    const auto = byInvoice('INV-AUTO');
    expect(auto?.domain).toBeNull();
    expect(auto?.body).toContain('automatically when you enroll each display');
    expect(auto?.body).not.toContain('Admin Portal');
    const keyed = byInvoice('INV-RECENT');
    expect(keyed?.body).toContain('SMART Admin Portal with the claim code CLAIM-RECENT');
    expect(keyed?.body).toContain('within one year of purchase, that is by 2026-02-08T09:00:00.000Z');
    expect(keyed?.body).toContain('"Numéro du code PIN"');
    expect(keyed?.sent_at).toBe(new Date(T0.getTime() - 30 * DAY_MS).toISOString());
  });
});
