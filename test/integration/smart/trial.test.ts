// The 30-day trial (seed 002): it starts at activation; after it, a domain without credits is not
// activated — display enrollment and management are refused with DOMAIN_NOT_ACTIVATED until credits are
// redeemed — while login, the domain and Billing keep working.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  activeDomain,
  claimAndRedeemDemo,
  get,
  type Harness,
  post,
  redeem,
  snapshot,
  startSmart,
} from './harness.ts';

const LOOSE = { serial_number: 'LOOSE0001', model_number: 'sbid-6275' };
const D1 = { serial_number: 'SBID1DEMO0001', model_number: 'sbid-mx065-v2' };
const AUTO1 = { serial_number: 'SBID1AUTO0001', model_number: 'sbid-mx265-v3' };

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
const state = async () => (await get(h.app, '/smart/v1/domains/acme', token)).body.state;

describe('30-day trial', () => {
  it('enrolls a display without credits during the trial (billing row of 0 credits)', async () => {
    h.clock.advanceDays(29);
    expect(await state()).toBe('TRIAL');
    const r = await enroll(LOOSE);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ credits_granted: 0, balance: 0, invoice_id: null });
    const billing = await get(h.app, '/smart/v1/domains/acme/billing', token);
    expect(billing.body.rows).toContainEqual(
      expect.objectContaining({ type: 'DISPLAY_ENROLLED', credits: 0 }),
    );
  });

  it('ends exactly 30 days after activation: then the domain is NOT_ACTIVATED', async () => {
    h.clock.advanceDays(30);
    h.clock.advanceMs(-1);
    expect(await state()).toBe('TRIAL');
    expect((await get(h.app, '/smart/v1/domains/acme', token)).body.trial_active).toBe(true);
    h.clock.advanceMs(1);
    const domain = await get(h.app, '/smart/v1/domains/acme', token);
    expect(domain.body).toMatchObject({ trial_active: false, state: 'NOT_ACTIVATED', balance: 0 });
  });

  it('refuses enrollment and the Devices view with 402 DOMAIN_NOT_ACTIVATED, writing nothing', async () => {
    expect((await enroll(LOOSE)).status).toBe(200);
    h.clock.advanceDays(31);
    const before = snapshot(h.db);
    for (const d of [{ serial_number: 'LOOSE0002', model_number: 'm' }, LOOSE, D1]) {
      const r = await enroll(d);
      expect([r.status, r.body.error_code]).toEqual([402, 'DOMAIN_NOT_ACTIVATED']);
      expect(r.body.error_message).toContain('Numéro du code PIN');
    }
    const devices = await get(h.app, '/smart/v1/domains/acme/devices', token);
    expect([devices.status, devices.body.error_code]).toEqual([402, 'DOMAIN_NOT_ACTIVATED']);
    expect(snapshot(h.db)).toBe(before);
  });

  it('keeps login, the domain and Billing working after the trial; redeeming credits activates the domain', async () => {
    h.clock.advanceDays(45);
    const login = await post(h.app, '/smart/v1/login', {
      email: 'it@acme.example',
      password: 'acme-password',
    });
    expect(login.status).toBe(200);
    const t = String(login.body.token);
    expect((await get(h.app, '/smart/v1/domains/acme/billing', t)).body).toMatchObject({
      state: 'NOT_ACTIVATED',
    });
    const r = await redeem(h.app, 'acme', t, 'SRMR-DEMO-0100-CCCC');
    expect(r.body).toMatchObject({ credits_granted: 100, state: 'ACTIVATED' });
    expect((await enroll(LOOSE)).status).toBe(200);
    expect((await get(h.app, '/smart/v1/domains/acme/devices', t)).status).toBe(200);
    const billing = await get(h.app, '/smart/v1/domains/acme/billing', t);
    expect((billing.body.rows as { type: string }[]).map((x) => x.type)).toEqual([
      'TRIAL_STARTED',
      'PRODUCT_KEY_REDEEMED',
      'DISPLAY_ENROLLED',
    ]);
  });

  it("after the trial, an invoice key's credits (claimed, redeemed) let its displays and others enroll", async () => {
    h.clock.advanceDays(31);
    expect((await claimAndRedeemDemo(h.app, 'acme', token)).status).toBe(200);
    expect((await enroll(D1)).body).toMatchObject({ credits_granted: 0, invoice_id: 'SRM-DEMO-0001' });
    expect((await enroll(LOOSE)).status).toBe(200);
  });

  it('after the trial, a display whose invoice includes credits on enrollment enrolls and activates the domain', async () => {
    h.clock.advanceDays(31);
    const r = await enroll(AUTO1);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ credits_granted: 365, balance: 365 });
    expect(await state()).toBe('ACTIVATED');
    expect((await enroll(LOOSE)).status).toBe(200);
  });
});
